"""Bilingual full-text search: word segmentation, the per-database match, and highlighted snippets.

Chinese has no spaces between words, so text is segmented with jieba (search mode, which also
emits the shorter words inside long ones: 供应链 → 供应, 供应链) and English is lower-cased with a
light plural folding. The same `segment` is applied to documents and queries, so the index of
either database sees the same words:

* SQLite: an FTS5 table (unicode61 tokenizer) over `Resource.search_text`, ranked with bm25;
* PostgreSQL: `to_tsvector('simple', search_text)` with a GIN expression index, ranked with ts_rank.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

import jieba
from django.db import connection
from django.db.models import Lookup, QuerySet, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

jieba.setLogLevel(logging.WARNING)

# Programme vocabulary jieba's general dictionary splits badly (负责任 → 负责 + 任).
DOMAIN_WORDS = (
    "负责任", "负责任商业行为", "企业社会责任", "供应链", "全球供应链", "劳动标准", "国际劳工标准", "国际劳工组织",
    "体面劳动", "社会对话", "集体协商", "强迫劳动", "童工", "职业安全卫生", "人力资源和社会保障部", "中国企业联合会",
    "中华全国总工会", "经济合作与发展组织", "跨国企业", "中小企业", "尽责管理", "可持续发展目标", "劳动关系",
    "南南合作", "残疾人", "非正规经济", "社会保护", "纺织", "电子",
)
for _word in DOMAIN_WORDS:
    jieba.add_word(_word, freq=200000)

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will", "with", "的", "了", "和", "与", "及", "在", "是", "对", "为", "等", "中", "之", "将", "也", "并"]
)
_WORD = re.compile(r"^\w+$")
MAX_QUERY_TERMS = 12


def _fold(token: str) -> str:
    """Light English plural folding, the same for documents and queries (chains → chain, policies → policy)."""
    if token.isascii() and token.isalpha() and len(token) > 4:
        if token.endswith("ies"):
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


@lru_cache(maxsize=4096)
def _segment_cached(text: str) -> tuple[str, ...]:
    return tuple(_tokens(text))


def _tokens(text: str) -> list[str]:
    words: list[str] = []
    for raw in jieba.cut_for_search(text.lower()):
        token = raw.strip()
        if not token or not _WORD.match(token) or token in STOPWORDS:
            continue
        words.append(_fold(token))
    return words


def segment(text: str) -> list[str]:
    """The index words of `text` in order (duplicates kept)."""
    if len(text) <= 200:
        return list(_segment_cached(text))
    return _tokens(text)


def search_text(*parts: str) -> str:
    """What goes into the index column: every word of every part, space separated."""
    return " ".join(word for part in parts if part for word in segment(part))


def query_terms(query: str) -> list[str]:
    """Distinct words of a query, in order, at most MAX_QUERY_TERMS."""
    seen: list[str] = []
    for word in segment(query[:300]):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


class FtsMatch(Lookup):
    """`field__fts_match=...`: the FTS5 MATCH operator (SQLite)."""

    lookup_name = "fts_match"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FtsTextField(TextField):
    """The text column of an FTS5 table; supports `__fts_match`."""


FtsTextField.register_lookup(FtsMatch)


def fts5_expression(terms: list[str]) -> str:
    """An FTS5 query requiring every term; each term is a quoted string (terms are \\w+ words)."""
    return " ".join(f'"{term}"' for term in terms)


def apply_match(queryset: QuerySet[Any], terms: list[str]) -> QuerySet[Any]:
    """Restrict Resources to those containing every term, ordered by relevance."""
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="simple")
        tsquery = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        return queryset.annotate(search=vector).filter(search=tsquery).annotate(
            relevance=SearchRank(vector, tsquery)).order_by("-relevance", "-date", "-id")
    if connection.vendor == "sqlite":
        return queryset.filter(fts__search_text__fts_match=fts5_expression(terms)).order_by(
            "fts__rank", "-date", "-id")
    # Other databases: a plain containment scan (correct, not fast).
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        if term.isascii():
            parts.append(rf"\b{re.escape(term)}\w*")
        else:
            parts.append(re.escape(term))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def highlight(text: str, terms: list[str], *, width: int = 220) -> SafeString:
    """An HTML-escaped excerpt of `text` around the first matching word, with matches in <mark>."""
    text = " ".join((text or "").split())
    pattern = _term_pattern(terms)
    if pattern is None:
        excerpt = text[:width] + ("…" if len(text) > width else "")
        return mark_safe(escape(excerpt))  # noqa: S308 - escaped just above
    first = pattern.search(text)
    start = 0
    if first is not None and first.start() > width // 3:
        start = first.start() - width // 3
    excerpt = text[start:start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    out: list[str] = []
    position = 0
    for match in pattern.finditer(excerpt):
        out.append(escape(excerpt[position:match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(excerpt[position:]))
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped
