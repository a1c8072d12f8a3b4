"""Samples for the authorisation walk: organisation A's private activity, registrations and certificates."""

from __future__ import annotations

import datetime
from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from rsca.training.models import Activity, Certificate, Material, Participant, Registration

    private = Activity.objects.create(
        slug="walk-private-activity",
        kind="workshop",
        title_en="WALKSECRET-A-activity internal workshop",
        description_en="WALKSECRET-A-activity plans",
        start_date=datetime.date(2025, 3, 4),
        end_date=datetime.date(2025, 3, 5),
        date_precision="day",
        is_published=False,
        owner=org_a,
    )
    public = Activity.objects.create(
        slug="walk-public-activity",
        kind="training",
        title_en="Public training managed by A",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 4, 1),
        date_precision="day",
        is_published=True,
        owner=org_a,
    )
    secret_person = Participant.objects.create(
        full_name="WALKSECRET-A-participant",
        email="walksecret-a-participant@example.org",
        organisation_name="WALKSECRET-A-participant employer",
        constituent_type="enterprise",
        sex="female",
    )
    secret_registration = Registration.objects.create(
        activity=private, participant=secret_person, attended=True, token="walk-secret-token-never-published"
    )
    Registration.objects.create(
        activity=public, participant=secret_person, attended=True, token="walk-secret-token-2"
    )
    # The private link of a registration is its holder's key: whoever has it sees that holder's own page.
    # The holder here carries no marker; what A keeps private (above) must not show through it.
    holder = Participant.objects.create(full_name="Link Holder", email="link.holder@example.org")
    holder_registration = Registration.objects.create(
        activity=public, participant=holder, attended=True, token="walk-holder-token"
    )
    certificate = Certificate.objects.create(
        registration=holder_registration, code="WALKCODE23", holder_name="Link Holder"
    )
    Certificate.objects.create(
        registration=secret_registration, code="WALKCODE45", holder_name="WALKSECRET-A-participant"
    )
    material = Material(activity=private, title_en="WALKSECRET-A-material agenda")
    material.file.save("walk-agenda.pdf", ContentFile(b"%PDF-1.4 WALKSECRET-A-material"), save=True)
    slug = {"slug": private.slug}
    with_material = {"slug": private.slug, "material_id": material.pk}
    manage = {"slug": private.slug, "registration_id": secret_registration.pk}
    return {
        "params": {
            "training:activity_detail": slug,
            "training:activity_register": slug,
            "training:material_download": with_material,
            "training:materials": slug,
            "training:material_delete": with_material,
            "training:course_detail": {"slug": "labour-dimension-of-csr"},
            "training:registration_detail": {"token": holder_registration.token},
            "training:registration_cancel": {"token": holder_registration.token},
            "training:registration_test": {"token": holder_registration.token, "phase": "pre"},
            "training:registration_feedback": {"token": holder_registration.token},
            "training:registration_certificate": {"token": holder_registration.token},
            "training:verify_code": {"code": certificate.code},
            "training:manage_activity": slug,
            "training:activity_edit": slug,
            "training:participants_csv": slug,
            "training:participant_add": slug,
            "training:registration_cancel_staff": manage,
            "training:attendance": slug,
            "training:attendance_toggle": slug,
            "training:import": slug,
            "training:tests": slug,
            "training:feedback": slug,
            "training:certificates": slug,
            "training:certificate_pdf": manage,
            "training:certificate_revoke": manage,
        },
        "api_params": {
            "/api/v1/training/activities/{slug}": slug,
            "/api/v1/training/activities/{slug}/registrations": slug,
            "/api/v1/training/activities/{slug}/attendance": slug,
            "/api/v1/training/activities/{slug}/participants/import": slug,
            "/api/v1/training/certificates/{code}": {"code": certificate.code},
        },
        "markers": [
            "WALKSECRET-A-activity",
            "WALKSECRET-A-participant",
            "walk-secret-token",
            "WALKSECRET-A-material",
        ],
        "public_writes": {"/api/v1/training/activities/{slug}/registrations"},
    }
