"""The grievance channel's versioned policy (time limits, size and rate limits) from `data/policy.yaml`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

POLICY_FILE = Path(__file__).resolve().parent / "data" / "policy.yaml"


@lru_cache(maxsize=1)
def policy() -> dict[str, Any]:
    with POLICY_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def limit(name: str) -> int:
    return int(policy()["limits"][name])


def rate(name: str) -> int:
    return int(policy()["rate_limits"][name])
