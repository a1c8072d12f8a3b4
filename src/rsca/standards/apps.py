from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "rsca.standards"
    label = "standards"
    verbose_name = _("Standards")
    url_prefix = "standards/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (("standards:index", _("Standards"), "public"),)

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.standards.models import (
            CoherenceGap,
            Instrument,
            Jurisdiction,
            MinimumWageRate,
            Provision,
            Ratification,
            Threshold,
            Topic,
            WageComponentRule,
            WageNotice,
        )

        for model in (
            Topic,
            Jurisdiction,
            Instrument,
            Provision,
            Ratification,
            Threshold,
            CoherenceGap,
            WageNotice,
            MinimumWageRate,
            WageComponentRule,
        ):
            audit.register(model)
