from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplychainConfig(AppConfig):
    name = "rsca.supplychain"
    label = "supplychain"
    verbose_name = _("Supply chain")
    url_prefix = "supplychain/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (
        ("supplychain:supplier_list", _("Supply chain"), "member"),
        ("supplychain:facility_search", _("Facilities"), "public"),
    )

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.supplychain.models import Facility, FacilityMerge, MatchDecision, SupplyRelationship

        audit.register(Facility)
        audit.register(SupplyRelationship)
        audit.register(MatchDecision)
        audit.register(FacilityMerge)
