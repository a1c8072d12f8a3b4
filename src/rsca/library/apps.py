from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "rsca.library"
    label = "library"
    verbose_name = _("Library")
    url_prefix = "library/"
    # Main navigation entries: (url name, label, audience: "public" | "member" | "staff").
    nav_items: tuple[tuple[str, object, str], ...] = (("library:index", _("Resources and news"), "public"),)

    def ready(self) -> None:
        from rsca.core import audit
        from rsca.library.models import Resource, Topic

        audit.register(Resource, exclude={"search_text"})
        audit.register(Topic)
