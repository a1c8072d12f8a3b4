from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "rsca.outreach"
    label = "outreach"
    verbose_name = _("Outreach")
    url_prefix = "outreach/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (
        ("outreach:stakeholders", _("Stakeholders"), "public"),
        ("outreach:dialogues", _("Dialogues"), "public"),
    )

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.outreach.models import Dialogue, FollowUp

        audit.register(Dialogue)
        audit.register(FollowUp)
