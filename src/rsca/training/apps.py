from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "rsca.training"
    label = "training"
    verbose_name = _("Training")
    url_prefix = "training/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (
        ("training:calendar", _("Trainings and events"), "public"),
        ("training:dashboard", _("Training results"), "public"),
        ("training:my_trainings", _("My trainings"), "member"),
        ("training:manage", _("Manage activities"), "staff"),
    )

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from rsca.core import audit
        from rsca.core.models import Organisation
        from rsca.training import models

        for model in (
            models.Activity,
            models.Course,
            models.Participant,
            models.Registration,
            models.Attendance,
            models.Question,
            models.ActivityTest,
            models.TestAttempt,
            models.Feedback,
            models.Certificate,
            models.Material,
        ):
            audit.register(model)

        def link_new_organisation(
            sender: Any, instance: Organisation, created: bool, raw: bool = False, **kwargs: Any
        ) -> None:
            if created and not raw:
                from rsca.training.services import activities_link_organisation

                activities_link_organisation(organisation=instance)

        post_save.connect(
            link_new_organisation, sender=Organisation, dispatch_uid="training-link-organisation", weak=False
        )
