"""Sitemap of the public programme pages and published projects, in both languages."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rsca.programme.models import Project


class ProgrammePagesSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["programme:home", "programme:about", "programme:project_list"]

    def location(self, item: str) -> str:  # type: ignore[override]
        return reverse(item)


class ProjectSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self) -> Any:
        return Project.objects.filter(is_public=True).order_by("pk")

    def location(self, item: Project) -> str:  # type: ignore[override]
        return reverse("programme:project_detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Project) -> Any:
        return item.updated_at


SITEMAPS = {"pages": ProgrammePagesSitemap, "projects": ProjectSitemap}
