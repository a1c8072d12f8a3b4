"""Providers of the library's knowledge search (rsca.library.knowledge) for the parts of the platform below the
programme: provisions, instruments and topics of the standards knowledge base, country profiles, and trainings.

The library sits on `core` and cannot read these apps; the programme sits above them all, so it registers the
providers (found by `autodiscover_modules("knowledge")`).
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.urls import reverse

from rsca.core.i18n import localised
from rsca.core.models import Country
from rsca.library.knowledge import Expansion, KnowledgeHit, register_provider
from rsca.standards.models import Instrument, Provision, Topic
from rsca.training.models import Activity

MAX_TERMS = 60


def _text_q(expansion: Expansion, fields: tuple[str, ...]) -> Q:
    terms = sorted(expansion.terms, key=len, reverse=True)[:MAX_TERMS]
    parts = [Q(**{f"{name}__icontains": term}) for term in terms for name in fields if len(term) >= 2]
    return reduce(or_, parts, Q(pk__in=[]))


def provisions(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    query = (
        Q(topics__code__in=expansion.topics)
        | Q(instrument__code__in=expansion.instruments)
        | _text_q(expansion, ("title_en", "title_zh"))
    )
    found = (
        Provision.objects.filter(query)
        .select_related("instrument")
        .distinct()
        .order_by("instrument__column", "instrument__code", "id")
    )
    return [
        KnowledgeHit(
            title=f"{p.instrument.short_title} {p.reference}: {p.title}",
            url=reverse("standards:instrument_detail", args=[p.instrument.code]),
            detail=p.summary[:160],
        )
        for p in found[:40]
    ]


def instruments(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    query = Q(code__in=expansion.instruments) | _text_q(
        expansion, ("title_en", "title_zh", "short_title_en", "short_title_zh")
    )
    found = Instrument.objects.filter(query).order_by("column", "code")
    return [
        KnowledgeHit(title=i.title, url=reverse("standards:instrument_detail", args=[i.code]), detail=i.code)
        for i in found
    ]


def topics(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    found = Topic.objects.filter(Q(code__in=expansion.topics) | _text_q(expansion, ("name_en", "name_zh")))
    return [
        KnowledgeHit(
            title=localised(t, "name"),
            url=reverse("standards:topic_detail", args=[t.code]),
            detail=localised(t, "description")[:160],
        )
        for t in found.order_by("code")
    ]


def country_profiles(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    text = expansion.query
    found = Country.objects.filter(is_rsca=True).filter(
        Q(name_en__icontains=text) | Q(name_zh__icontains=text) | Q(iso2__iexact=text) | Q(iso3__iexact=text)
    )
    return [
        KnowledgeHit(title=c.name, url=reverse("standards:country_profile", args=[c.iso2]), detail=c.iso2)
        for c in found.order_by("name_en")
    ]


def trainings(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    by_text = set(
        Activity.objects.filter(is_published=True)
        .filter(_text_q(expansion, ("title_en", "title_zh", "description_en", "description_zh")))
        .values_list("pk", flat=True)
    )
    found = [
        a
        for a in Activity.objects.filter(is_published=True).order_by("-start_date", "-reported_on")
        if a.pk in by_text or set(a.topic_codes or []) & expansion.topics
    ]
    return [
        KnowledgeHit(
            title=localised(a, "title"),
            url=reverse("training:activity_detail", args=[a.slug]),
            detail=a.start_date.isoformat() if a.start_date else "",
        )
        for a in found
    ]


register_provider("provisions", label_en="Provisions", label_zh="条款", search=provisions)
register_provider("instruments", label_en="Instruments", label_zh="文书", search=instruments)
register_provider("topics", label_en="Topics", label_zh="议题", search=topics)
register_provider("countries", label_en="Country profiles", label_zh="国别概况", search=country_profiles)
register_provider("trainings", label_en="Trainings and events", label_zh="培训与活动", search=trainings)
