"""Writes of the grievance channel: a worker files and follows a case; the facility and its buyers answer and close it."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.audit import audit_record
from rsca.core.errors import Forbidden, InvalidInput, NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import is_platform_staff, user_organisation_ids
from rsca.grievances.contact import contact_encrypt
from rsca.grievances.models import Grievance, GrievanceMessage
from rsca.grievances.policy import limit, policy, rate
from rsca.grievances.throttle import throttle_hit
from rsca.supplychain.models import Facility, SupplyRelationship

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from a phone
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#?\w+;")
LANGUAGES = {"en": "en", "zh": "zh-hans", "zh-hans": "zh-hans", "zh_hans": "zh-hans", "zh-cn": "zh-hans"}


def secret_hash(secret: str) -> str:
    key = hashlib.sha256(f"rsca-grievance-secret:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"G-{raw[:4]}-{raw[4:]}"


def _checked_text(value: str, *, field: str, minimum: int, maximum: int) -> str:
    text = (value or "").strip()
    if MARKUP.search(text):
        raise InvalidInput(
            _("Please write plain text: HTML and markup are not accepted."),
            code="markup_refused",
            details=[{"field": field, "message": "contains HTML or markup"}],
        )
    if len(text) > maximum:
        raise InvalidInput(
            _("The text is too long (at most %(max)d characters).") % {"max": maximum},
            code="too_long",
            details=[{"field": field, "message": f"{len(text)} > {maximum} characters"}],
        )
    if len(text) < minimum:
        raise InvalidInput(
            _("Please describe the problem in a few words (at least %(min)d characters).") % {"min": minimum},
            code="too_short",
            details=[{"field": field, "message": f"{len(text)} < {minimum} characters"}],
        )
    return text


def grievance_submit(
    *,
    facility_public_id: str,
    category: str,
    description: str,
    language: str,
    contact: str = "",
    visible_to_facility: bool = True,
    visible_to_buyers: bool = True,
    visible_to_programme: bool = True,
    retaliation: bool = False,
    address: str | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Grievance, str]:
    """File a case from the public channel. Returns the case and its secret (shown once, stored only hashed).

    Refuses floods (per client `address` and per facility; requests always pass the address, the demo seed does
    not), markup, texts out of bounds, unknown facilities and categories with a clear error; the case and its
    first message are stored together or not at all.
    """
    if address is not None:
        throttle_hit(
            kind="submit",
            subject=address,
            allowed=rate("submissions_per_address"),
            window_seconds=rate("submission_window_seconds"),
        )
    facility = Facility.objects.filter(
        public_id=(facility_public_id or "").strip().upper()[:15], merged_into__isnull=True
    ).first()
    if facility is None:
        raise InvalidInput(
            _("This facility is not known. Please check the link or QR code."),
            code="unknown_facility",
            details=[{"field": "facility", "message": "no such facility"}],
        )
    if address is not None:
        throttle_hit(
            kind="facility",
            subject=facility.public_id,
            allowed=rate("submissions_per_facility"),
            window_seconds=rate("facility_window_seconds"),
        )
    if category not in Grievance.Category.values:
        raise InvalidInput(
            _("Please choose what the problem is about."),
            code="invalid_category",
            details=[{"field": "category", "message": f"one of {', '.join(Grievance.Category.values)}"}],
        )
    lang = LANGUAGES.get((language or "").strip().lower())
    if lang is None:
        raise InvalidInput(
            _("The language must be Chinese or English."),
            code="invalid_language",
            details=[{"field": "language", "message": "en or zh-hans"}],
        )
    text = _checked_text(
        description,
        field="description",
        minimum=limit("description_min_chars"),
        maximum=limit("description_max_chars"),
    )
    contact_text = _checked_text(contact, field="contact", minimum=0, maximum=limit("contact_max_chars"))
    if not (visible_to_facility or visible_to_buyers or visible_to_programme):
        raise InvalidInput(
            _("Choose at least one party who may see and answer the case."),
            code="nobody_chosen",
            details=[{"field": "visible_to", "message": "nobody chosen"}],
        )
    now = now or timezone.now()
    limits = policy()["time_limits"]
    secret = secrets.token_urlsafe(12)
    with transaction.atomic():
        grievance = Grievance.objects.create(
            facility=facility,
            case_code=_unique_code(),
            secret_hash=secret_hash(secret),
            category=category,
            description=text,
            language=lang,
            contact_encrypted=contact_encrypt(contact_text),
            visible_to_facility=visible_to_facility,
            visible_to_buyers=visible_to_buyers,
            visible_to_programme=visible_to_programme,
            retaliation=retaliation,
            created_at=now,
            acknowledge_due=now + datetime.timedelta(days=int(limits["acknowledge_days"])),
            respond_due=now + datetime.timedelta(days=int(limits["respond_days"])),
            policy_version=str(policy()["version"]),
        )
        GrievanceMessage.objects.create(
            grievance=grievance, author=GrievanceMessage.Author.WORKER, body=text, created_at=now
        )
    return grievance, secret


def _unique_code() -> str:
    for _attempt in range(10):
        code = _new_code()
        if not Grievance.objects.filter(case_code=code).exists():
            return code
    raise RuntimeError("could not draw a free case code")  # 32^8 codes: practically unreachable


def grievance_track(*, case_code: str, secret: str, address: str = "unknown") -> Grievance:
    """The case for its code and secret. A wrong code and a wrong secret give the same `NotFound`."""
    throttle_hit(
        kind="lookup",
        subject=address,
        allowed=rate("lookups_per_address"),
        window_seconds=rate("lookup_window_seconds"),
    )
    code = (case_code or "").strip().upper()[:16]
    given = secret_hash((secret or "").strip()[:64])
    grievance = Grievance.objects.filter(case_code=code).select_related("facility").first()
    stored = grievance.secret_hash if grievance is not None else secret_hash(secrets.token_urlsafe(12))
    if grievance is None or not hmac.compare_digest(stored, given):
        raise NotFound(_("No case with this code and secret."), code="not_found")
    return grievance


def grievance_worker_message(*, grievance: Grievance, body: str) -> GrievanceMessage:
    """The worker adds a message (after `grievance_track` found the case)."""
    if grievance.status == Grievance.Status.CLOSED:
        raise InvalidInput(_("This case is closed."), code="case_closed")
    text = _checked_text(body, field="body", minimum=1, maximum=limit("message_max_chars"))
    return GrievanceMessage.objects.create(
        grievance=grievance, author=GrievanceMessage.Author.WORKER, body=text
    )


def responder_role(*, user: Any, grievance: Grievance, write: bool = True) -> tuple[str, Organisation | None]:
    """Who `user` answers as on this case: the facility, one of its buyers, or the programme.

    Only the parties the worker chose qualify; writing needs the editor or admin role. Raises `Forbidden`."""
    org_ids = user_organisation_ids(user, roles=("editor", "admin") if write else None)
    facility = grievance.facility
    if grievance.visible_to_facility and facility.claimed_by_id in org_ids:
        return GrievanceMessage.Author.FACILITY, Organisation.objects.get(pk=facility.claimed_by_id)
    if grievance.visible_to_buyers:
        buyer_id = (
            SupplyRelationship.objects.filter(facility=facility, buyer_id__in=org_ids)
            .values_list("buyer_id", flat=True)
            .first()
        )
        if buyer_id is not None:
            return GrievanceMessage.Author.BUYER, Organisation.objects.get(pk=buyer_id)
    if grievance.visible_to_programme and is_platform_staff(user):
        return GrievanceMessage.Author.PROGRAMME, None
    raise Forbidden(_("You may not answer this case."))


@transaction.atomic
def grievance_acknowledge(*, grievance: Grievance, by: Any) -> Grievance:
    author, organisation = responder_role(user=by, grievance=grievance)
    if grievance.acknowledged_at is None:
        grievance.acknowledged_at = timezone.now()
        if grievance.status == Grievance.Status.RECEIVED:
            grievance.status = Grievance.Status.ACKNOWLEDGED
        grievance.save(update_fields=["acknowledged_at", "status"])
        GrievanceMessage.objects.create(
            grievance=grievance,
            author=author,
            organisation=organisation,
            by=by,
            body=_("We have received your case and are looking into it."),
        )
    return grievance


@transaction.atomic
def grievance_reply(*, grievance: Grievance, by: Any, body: str) -> GrievanceMessage:
    """An answer to the worker; the first answer also acknowledges the case and counts as the response."""
    author, organisation = responder_role(user=by, grievance=grievance)
    if grievance.status == Grievance.Status.CLOSED:
        raise InvalidInput(_("This case is closed."), code="case_closed")
    text = _checked_text(body, field="body", minimum=1, maximum=limit("message_max_chars"))
    now = timezone.now()
    grievance.acknowledged_at = grievance.acknowledged_at or now
    grievance.responded_at = grievance.responded_at or now
    grievance.status = Grievance.Status.IN_PROGRESS
    grievance.save(update_fields=["acknowledged_at", "responded_at", "status"])
    return GrievanceMessage.objects.create(
        grievance=grievance, author=author, organisation=organisation, by=by, body=text
    )


@transaction.atomic
def grievance_close(*, grievance: Grievance, by: Any, outcome: str, remedy: str) -> Grievance:
    """Close the case with its outcome and the remedy provided (told to the worker as the last message)."""
    author, organisation = responder_role(user=by, grievance=grievance)
    if outcome not in Grievance.Outcome.values:
        raise InvalidInput(
            _("Choose an outcome."),
            code="invalid_outcome",
            details=[{"field": "outcome", "message": f"one of {', '.join(Grievance.Outcome.values)}"}],
        )
    text = _checked_text(
        remedy, field="remedy", minimum=limit("description_min_chars"), maximum=limit("message_max_chars")
    )
    now = timezone.now()
    grievance.acknowledged_at = grievance.acknowledged_at or now
    grievance.responded_at = grievance.responded_at or now
    grievance.status = Grievance.Status.CLOSED
    grievance.outcome = outcome
    grievance.remedy = text
    grievance.closed_at = now
    grievance.closed_by_organisation = organisation
    grievance.save()
    GrievanceMessage.objects.create(
        grievance=grievance, author=author, organisation=organisation, by=by, body=text
    )
    audit_record(action="update", target=grievance, verb="close", actor=by)
    return grievance
