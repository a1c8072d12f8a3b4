"""The documented, versioned data behind the register and the report (`data/*.yaml`), read once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=8)
def data_file(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def weights() -> dict[str, Any]:
    return data_file("risk_weights.yaml")


def sector_risks() -> dict[str, Any]:
    return data_file("sector_risks.yaml")


def frameworks() -> dict[str, Any]:
    return data_file("frameworks.yaml")


def method_version() -> str:
    return f"{weights()['version']}+{sector_risks()['version']}"


def sector_group(isic_codes: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The sector group (garment, electronics) of a facility's ISIC codes (matched on the two-digit division)."""
    for code in isic_codes:
        for name, group in sector_risks()["sectors"].items():
            if any(str(code).startswith(prefix) for prefix in group["isic"]):
                return name, group
    return None
