from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "rsca.compliance"
    label = "compliance"
    verbose_name = _("Compliance")
    url_prefix = "compliance/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (("compliance:index", _("Hours & wages"), "member"),)

    def ready(self) -> None:
        from rsca.compliance.models import ComplianceCheck, CorrectiveAction
        from rsca.compliance.risk import ComplianceRiskSource
        from rsca.core import audit
        from rsca.supplychain.selectors import risk_source_register

        risk_source_register(ComplianceRiskSource())
        audit.register(ComplianceCheck, exclude={"summary", "comparison", "errors", "files"})
        audit.register(CorrectiveAction)
