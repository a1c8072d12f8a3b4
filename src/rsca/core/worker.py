"""The background-task worker, made to survive database errors.

django-tasks-db's worker lets any database error other than its own "locked" check escape its polling loop (for
instance `database is locked` raised when its exclusive transaction begins): the loop ends and, under the
autoreloader, the process stays alive without ever polling again. `ResilientWorker` restarts the loop after any
`DatabaseError`, with a growing pause (0.5 s doubling to 30 s), after closing the broken connections; a task the
loop had claimed is finished by the package's own retries (`set_successful`/`set_failed`).
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, connections
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("rsca.worker")

FIRST_PAUSE = 0.5
LONGEST_PAUSE = 30.0
CALM_AFTER = 60.0  # seconds without an error after which the pause starts small again


class ResilientWorker(Worker):
    def run(self) -> None:
        pause = FIRST_PAUSE
        last_error = 0.0
        while self.running:
            try:
                super().run()
                return  # batch done, max tasks reached or asked to stop
            except DatabaseError as error:
                now = time.monotonic()
                if now - last_error > CALM_AFTER:
                    pause = FIRST_PAUSE
                last_error = now
                logger.warning(
                    "Task worker %s: database error (%s); polling again in %.1f s",
                    self.worker_id,
                    error,
                    pause,
                )
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)


@task()
def worker_heartbeat() -> str:
    """A task that does nothing: shows that a worker is polling (used by the worker's own tests and checks)."""
    return "alive"
