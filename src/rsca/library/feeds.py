"""RSS 2.0 and Atom feeds of the latest published resources, in the language of the address."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised
from rsca.library.models import Resource
from rsca.library.selectors import resource_latest


class LatestResourcesFeed(Feed):
    title = _("RSCA resources and news")
    description = _(
        "Research, case studies, news and instruments of the Responsible Supply Chains in Asia programme."
    )

    def link(self) -> str:
        return reverse("library:index")

    def items(self) -> Any:
        # Feeds are public: only published resources, whoever asks.
        return resource_latest(user=AnonymousUser(), limit=30)

    def item_title(self, item: Resource) -> str:
        return localised(item, "title")

    def item_description(self, item: Resource) -> str:
        return localised(item, "summary")

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Resource) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))

    def item_updateddate(self, item: Resource) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Resource) -> list[str]:
        return [str(item.get_kind_display())]


class LatestResourcesAtomFeed(LatestResourcesFeed):
    feed_type = Atom1Feed
    subtitle = LatestResourcesFeed.description
