from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrievancesConfig(AppConfig):
    name = "rsca.grievances"
    label = "grievances"
    verbose_name = _("Grievances")
    url_prefix = "grievances/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (("grievances:index", _("Grievances"), "member"),)

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.grievances.models import Grievance

        audit.register(Grievance, exclude={"contact_encrypted", "secret_hash", "description"})
