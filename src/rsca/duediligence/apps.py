from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DueDiligenceConfig(AppConfig):
    name = "rsca.duediligence"
    label = "duediligence"
    verbose_name = _("Due diligence")
    url_prefix = "due-diligence/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (
        ("duediligence:register", _("Risk register"), "member"),
        ("duediligence:questionnaires", _("Self-assessments"), "member"),
        ("duediligence:actions", _("Action plans"), "member"),
        ("duediligence:tracking", _("Tracking"), "member"),
        ("duediligence:report", _("Due-diligence report"), "member"),
    )

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.duediligence.models import ActionItem, AuditReport, QuestionnaireRequest

        audit.register(ActionItem)
        audit.register(AuditReport, exclude={"findings"})
        audit.register(QuestionnaireRequest, exclude={"gaps"})
