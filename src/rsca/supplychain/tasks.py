"""Background work: reading and matching a large facility list, and committing it."""

from __future__ import annotations

from django_tasks import task


@task()
def facility_list_preview_process(upload_id: int, commit: bool = False) -> str:
    """Read, validate and match an uploaded list (and commit it when asked); returns the upload's status."""
    from rsca.supplychain.services import facility_list_preview_run

    return str(facility_list_preview_run(upload_id=upload_id, commit=commit).status)


@task()
def facility_list_commit_process(upload_id: int, by_id: int | None, skip_invalid: bool = False) -> str:
    """Commit a previewed list in one transaction (only its valid rows with `skip_invalid`); returns the upload's
    status."""
    from rsca.supplychain.services import facility_list_commit_run

    return str(facility_list_commit_run(upload_id=upload_id, by_id=by_id, skip_invalid=skip_invalid).status)


@task()
def matching_model_fit_process() -> str:
    """Fit the matching model again on the grown register; returns the new version."""
    from rsca.supplychain.services import matching_model_fit

    return f"v{matching_model_fit().pk}"
