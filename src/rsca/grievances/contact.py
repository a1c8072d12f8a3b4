"""Encryption of a worker's optional contact details (Fernet: AES-128-CBC with HMAC-SHA256).

The key comes from the environment (`RSCA_GRIEVANCE_KEY`, any string) or, when unset, is derived from
Django's SECRET_KEY with HKDF under a purpose label, so the contact key differs from every other use of
SECRET_KEY. Rotating the key makes stored contacts unreadable (they are then shown as unavailable).
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"rsca-grievance-contact-v1"


@lru_cache(maxsize=4)
def _fernet(material: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _key_material() -> str:
    return os.environ.get("RSCA_GRIEVANCE_KEY") or settings.SECRET_KEY


def contact_encrypt(text: str) -> str:
    return _fernet(_key_material()).encrypt(text.encode()).decode() if text else ""


def contact_decrypt(token: str) -> str | None:
    """The contact details, or None when they cannot be read with the current key."""
    if not token:
        return ""
    try:
        return _fernet(_key_material()).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
