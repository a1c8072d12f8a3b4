"""Background work: running an uploaded compliance check."""

from __future__ import annotations

from django_tasks import task


@task()
def compliance_check_process(check_id: int) -> int:
    """Run the check and return the number of findings (the files are deleted whatever happens)."""
    from rsca.compliance.services import compliance_check_run

    return compliance_check_run(check_id=check_id).finding_count
