"""Compliance has no reference data of its own (every threshold comes from the standards app).

The demo: the supplier "huayang-precision" has a year of generated roster, time and payroll records for its
Shenzhen facility (peak-season overtime from September to November, a few underpaid workers), checked
against Shenzhen law and the RBA code and shared with its buyers, so the results pages have something to show.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

DEMO_LABEL = "2025 (demo records)"
DEMO_WORKERS = 150


def seed_reference(out: Any) -> None:
    out.write("  compliance: no reference data of its own (thresholds come from the standards app)")


def seed_demo(out: Any) -> None:
    from django.contrib.auth import get_user_model

    from rsca.compliance.generate import frames_write, records_generate
    from rsca.compliance.models import ComplianceCheck
    from rsca.compliance.selectors import default_jurisdiction
    from rsca.compliance.services import compliance_check_run, incoming_dir
    from rsca.core.models import Organisation
    from rsca.supplychain.models import Facility

    supplier = Organisation.objects.filter(slug="huayang-precision").first()
    facility = Facility.objects.filter(claimed_by=supplier).order_by("id").first() if supplier else None
    if supplier is None or facility is None:
        out.write("  compliance demo: skipped (no demo supplier facility)")
        return
    existing = ComplianceCheck.objects.filter(
        facility=facility, label=DEMO_LABEL, status=ComplianceCheck.Status.DONE
    ).first()
    if existing is not None:
        out.write(f"  compliance demo: check {existing.pk} already there ({existing.finding_count} findings)")
        return
    ComplianceCheck.objects.filter(facility=facility, label=DEMO_LABEL).delete()
    frames = records_generate(workers=DEMO_WORKERS, days=365, start=datetime.date(2025, 1, 1), seed=2025)
    directory = incoming_dir() / uuid.uuid4().hex
    with tempfile.TemporaryDirectory() as scratch:
        paths = frames_write(frames, Path(scratch))
        directory.mkdir(parents=True, exist_ok=True)
        for kind, path in paths.items():
            shutil.copyfile(path, directory / f"{kind}.csv")
    uploader = get_user_model().objects.filter(username="supplier").first()
    check = ComplianceCheck.objects.create(
        facility=facility,
        organisation=supplier,
        uploaded_by=uploader,
        label=DEMO_LABEL,
        jurisdiction=default_jurisdiction(facility=facility) or "CN-440300",
        buyer_code="rba",
        files={"roster": "roster.csv", "time": "time.csv", "payroll": "payroll.csv", "_dir": directory.name},
        shared_with_buyers=True,
    )
    check = compliance_check_run(check_id=check.pk)
    out.write(
        f"  compliance demo: {check.get_status_display()}, {check.worker_count} workers, "
        f"{check.finding_count} findings {check.error_message}"
    )
