"""Root URLconf: the API and admin outside the language prefix, every page inside it.

English pages live at `/`, Simplified Chinese at `/zh-hans/`. Each domain app's `urls.py` is
mounted at the `url_prefix` its AppConfig declares, so adding an app needs no change here.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from rsca.api.router import api
from rsca.core.twofactor import twofactor_urlpatterns
from rsca.core.urls import auth_urlpatterns
from rsca.core.views import healthz


def domain_url_includes() -> list[URLPattern | URLResolver]:
    includes: list[URLPattern | URLResolver] = []
    for app_name in settings.DOMAIN_APPS:
        module_name = f"{app_name}.urls"
        if find_spec(module_name) is None:
            continue
        config = apps.get_app_config(app_name.rsplit(".", 1)[-1])
        prefix = getattr(config, "url_prefix", f"{config.label}/")
        includes.append(path(prefix, include(import_module(module_name))))
    return includes


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include(auth_urlpatterns)),
    path("", include(twofactor_urlpatterns)),
    *domain_url_includes(),
    prefix_default_language=False,
)

handler400 = "rsca.core.views.bad_request"
handler403 = "rsca.core.views.permission_denied"
handler404 = "rsca.core.views.page_not_found"
handler500 = "rsca.core.views.server_error"
