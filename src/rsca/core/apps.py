from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rsca.core"
    label = "core"
    verbose_name = _("Core")
    url_prefix = ""

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from rsca.core import audit
        from rsca.core.models import ApiToken, Membership, Organisation

        audit.register(Organisation)
        audit.register(Membership)
        audit.register(ApiToken, exclude={"key_hash", "last_used_at"})
        audit.register(get_user_model(), exclude={"password", "last_login"})
