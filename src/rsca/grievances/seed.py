"""Grievances have no reference data; the demo files a case at the demo supplier's facility and closes it with a
remedy recorded by the demo buyer (see `seed_demo`)."""

from __future__ import annotations

from typing import Any


def seed_reference(out: Any) -> None:
    out.write("  grievances: no reference data")
