"""One search across the knowledge: the library's documents plus what other parts of the platform know
(provisions, instruments, topics, country profiles, trainings), with synonyms kept as data.

The library sits on `core` only, so it does not read those apps itself: an app higher up registers a *provider*
(`register_provider`) in its `knowledge` module, found with Django's `autodiscover_modules` like the admin. A
provider receives the query and its `Expansion` (the synonym groups the query touches: their terms in both
languages, their standards topics, instruments and library topics, from `data/synonyms.yaml`) and returns hits.
So 童工, "child labour", C138 and C182 find the same provisions, conventions and library items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from rsca.core.i18n import is_chinese

MAX_PER_KIND = 8


@dataclass(frozen=True)
class SynonymGroup:
    topic: str
    instruments: tuple[str, ...]
    library: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass
class Expansion:
    query: str
    terms: set[str] = field(default_factory=set)  # the query and every synonym of a group it touches
    topics: set[str] = field(default_factory=set)  # standards topic codes
    instruments: set[str] = field(default_factory=set)
    library_topics: set[str] = field(default_factory=set)


@dataclass
class KnowledgeHit:
    title: str
    url: str
    detail: str = ""


@dataclass
class KnowledgeGroup:
    key: str
    label: str
    hits: list[KnowledgeHit]


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[SynonymGroup, ...]:
    data = yaml.safe_load((files("rsca.library") / "data" / "synonyms.yaml").read_text(encoding="utf-8"))
    return tuple(
        SynonymGroup(
            topic=g.get("topic", ""),
            instruments=tuple(g.get("instruments", [])),
            library=tuple(g.get("library", [])),
            terms=tuple(str(t) for t in [*g.get("en", []), *g.get("zh", [])]),
        )
        for g in data
    )


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("labor", "labour")).strip()


def _mentions(query: str, term: str) -> bool:
    """Whether the folded query holds the term: Chinese anywhere, Latin text as whole words."""
    term = _fold(term)
    if not term:
        return False
    if re.search(r"[\u4e00-\u9fff]", term):
        return term in query
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", query) is not None


def expand(query: str) -> Expansion:
    folded = _fold(query)
    expansion = Expansion(query=query.strip())
    if folded:
        expansion.terms.add(query.strip())
    for group in synonym_groups():
        codes = [code.casefold() for code in group.instruments]
        short = [code.split("-", 1)[1].casefold() for code in group.instruments if code.startswith("ILO-")]
        if any(_mentions(folded, t) for t in group.terms) or any(c in folded.split() for c in codes + short):
            expansion.terms.update(group.terms)
            expansion.topics.add(group.topic)
            expansion.instruments.update(group.instruments)
            expansion.library_topics.update(group.library)
    expansion.topics.discard("")
    return expansion


Provider = Callable[[Any, Expansion], list[KnowledgeHit]]
_PROVIDERS: dict[str, tuple[str, str, Provider]] = {}


def register_provider(key: str, *, label_en: str, label_zh: str, search: Provider) -> None:
    _PROVIDERS[key] = (label_en, label_zh, search)


def providers() -> dict[str, tuple[str, str, Provider]]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("knowledge")
    return dict(_PROVIDERS)


def knowledge_search(*, user: Any, query: str) -> list[KnowledgeGroup]:
    """What the platform knows about `query` outside the library's documents, by kind, in the active language."""
    if len(_fold(query)) < 2:
        return []
    expansion = expand(query)
    groups = []
    for key, (label_en, label_zh, search) in providers().items():
        hits = search(user, expansion)[:MAX_PER_KIND]
        if hits:
            groups.append(KnowledgeGroup(key=key, label=label_zh if is_chinese() else label_en, hits=hits))
    return groups


def _library_topics(user: Any, expansion: Expansion) -> list[KnowledgeHit]:
    """The library's own topics a synonym group points to, as filters of the library."""
    from django.urls import reverse

    from rsca.core.i18n import localised
    from rsca.library.models import Topic

    found = Topic.objects.filter(slug__in=expansion.library_topics).order_by("slug")
    return [
        KnowledgeHit(title=localised(t, "name"), url=f"{reverse('library:index')}?topic={t.slug}")
        for t in found
    ]


register_provider("library-topics", label_en="Library topics", label_zh="资料库主题", search=_library_topics)
