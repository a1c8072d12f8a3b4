from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rsca.library.models import Resource


class LibraryIndexSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["library:index"]

    def location(self, item: str) -> str:  # type: ignore[override]
        return reverse(item)


class ResourceSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"
    limit = 5000

    def items(self) -> Any:
        return Resource.objects.filter(is_public=True).only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Resource) -> Any:
        return item.updated_at


SITEMAPS = {"library": LibraryIndexSitemap, "resources": ResourceSitemap}
