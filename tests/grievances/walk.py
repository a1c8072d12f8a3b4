from __future__ import annotations

from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.grievances.contact import contact_encrypt
    from rsca.grievances.models import Grievance, GrievanceMessage
    from rsca.grievances.services import secret_hash
    from rsca.supplychain.models import Facility

    facility = Facility.objects.create(
        name="Walk grievance facility",
        address="2 Test Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_a,
    )
    import datetime

    from django.utils import timezone

    now = timezone.now()
    grievance = Grievance.objects.create(
        facility=facility,
        case_code="G-WALK-AAAA",
        secret_hash=secret_hash("walk-secret"),
        category="wages",
        description="WALKSECRET-A-grievance-text",
        language="en",
        contact_encrypted=contact_encrypt("WALKSECRET-A-contact"),
        acknowledge_due=now + datetime.timedelta(days=7),
        respond_due=now + datetime.timedelta(days=30),
        remedy="WALKSECRET-A-remedy",
    )
    GrievanceMessage.objects.create(
        grievance=grievance, author="facility", body="WALKSECRET-A-grievance-reply"
    )
    return {
        "params": {
            "grievances:report": {"public_id": facility.public_id},
            "grievances:qr": {"public_id": facility.public_id},
            "grievances:poster": {"public_id": facility.public_id},
            "grievances:case_detail": {"pk": grievance.pk},
            "grievances:case_answer": {"pk": grievance.pk},
        },
        "api_params": {
            "/api/v1/grievances/{case_code}": {"case_code": grievance.case_code},
            "/api/v1/grievances/{case_code}/messages": {"case_code": grievance.case_code},
        },
        "markers": [
            "WALKSECRET-A-grievance-text",
            "WALKSECRET-A-contact",
            "WALKSECRET-A-remedy",
            "WALKSECRET-A-grievance-reply",
        ],
        "public_writes": {"/api/v1/grievances", "/api/v1/grievances/{case_code}/messages"},
    }
