from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "rsca.programme"
    label = "programme"
    verbose_name = _("Programme")
    url_prefix = ""
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (
        ("programme:about", _("About"), "public"),
        ("programme:project_list", _("Projects"), "public"),
        ("programme:results_home", _("Results"), "public"),
    )

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.programme import models

        for model in (
            models.Project,
            models.ProjectSector,
            models.Participation,
            models.Budget,
            models.Transaction,
            models.ProjectDocument,
            models.Programme,
            models.ProgrammePartner,
            models.InterventionArea,
            models.ResultNode,
            models.Indicator,
            models.Disaggregation,
        ):
            audit.register(model)
        audit.register(models.IndicatorPeriod, exclude={"actual_computed_at"})
        from rsca.programme import signals

        signals.connect()
