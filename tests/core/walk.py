from __future__ import annotations

from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.core.models import Organisation
    from rsca.core.services import api_token_create, task_progress_start

    token, _secret = api_token_create(user=user_a, name="WALKSECRET-A-token")
    progress = task_progress_start(label="WALKSECRET-A-task", owner=user_a, organisation=org_a)
    private_org = Organisation.objects.create(
        name="WALKSECRET-A-private-org",
        slug="walksecret-a-private",
        type="enterprise",
        enterprise_role="supplier",
    )
    return {
        "params": {
            "core:organisation_detail": {"slug": private_org.slug},
            "core:task_progress": {"progress_id": progress.pk},
            "core:token_revoke": {"token_id": token.pk},
            "core:organisation_member_add": {"slug": private_org.slug},
            "core:organisation_member_remove": {
                "slug": org_a.slug,
                "membership_id": user_a.memberships.first().pk,
            },
            "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        },
        "api_params": {
            "/api/v1/me/tokens/{token_id}": {"token_id": token.pk},
            "/api/v1/organisations/{slug}": {"slug": private_org.slug},
            "/api/v1/tasks/{progress_id}": {"progress_id": progress.pk},
        },
        "markers": ["WALKSECRET-A-token", "WALKSECRET-A-task", "WALKSECRET-A-private-org"],
    }
