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
    )
