"""Bilingual full-text search: word segmentation, index tokens, the per-database match, and snippets.

Chinese has no spaces between words, so text is segmented with jieba (search mode, which also
emits the shorter words inside long ones: 供应链 → 供应, 供应链) and English is lower-cased with a
light plural folding. Traditional characters are folded to simplified ones
first (OpenCC `t2s`: 東莞 → 东莞). The same `segment` is applied to documents and queries, so the index of
either database sees the same words:

* SQLite: an FTS5 table (unicode61 tokenizer) over `Resource.search_text`, ranked with bm25;
* PostgreSQL: `to_tsvector('simple', search_text)` with a GIN expression index, ranked with ts_rank.

Besides the words, `search_text` carries *index tokens* (prefix `rscameta`): who may see the
resource (public / owner organisation), its kind, year, topics, countries and sectors. Counting the
matches and the facet values is then a question the full-text index answers alone, without reading
the resources' rows. Words a document or a query contains that start with the prefix are dropped, so
text can never pose as an index token. The index tokens only *narrow* a search: the rows shown are
always read through `visible_to`.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jieba
import opencc
from django.db.models import Lookup, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

jieba.setLogLevel(logging.WARNING)

# Programme vocabulary jieba's general dictionary splits badly (负责任 → 负责 + 任).
DOMAIN_WORDS = (
    "负责任",
    "负责任商业行为",
    "企业社会责任",
    "供应链",
    "全球供应链",
    "劳动标准",
    "国际劳工标准",
    "国际劳工组织",
    "体面劳动",
    "社会对话",
    "集体协商",
    "强迫劳动",
    "童工",
    "职业安全卫生",
    "人力资源和社会保障部",
    "中国企业联合会",
    "中华全国总工会",
    "经济合作与发展组织",
    "跨国企业",
    "中小企业",
    "尽责管理",
    "可持续发展目标",
    "劳动关系",
    "南南合作",
    "残疾人",
    "非正规经济",
    "社会保护",
    "纺织",
    "电子",
)
for _word in DOMAIN_WORDS:
    jieba.add_word(_word, freq=200000)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "的",
        "了",
        "和",
        "与",
        "及",
        "在",
        "是",
        "对",
        "为",
        "等",
        "中",
        "之",
        "将",
        "也",
        "并",
    ]
)
_T2S = opencc.OpenCC("t2s")  # traditional → simplified characters and phrases (OpenCC's maintained tables)
META = "rscameta"
_WORD = re.compile(r"^\w+$")
_TOKEN_SAFE = re.compile(r"[^0-9a-z]")
MAX_QUERY_TERMS = 12


def _fold(token: str) -> str:
    """Light English plural folding, the same for documents and queries (chains → chain, policies → policy)."""
    if token.isascii() and token.isalpha() and len(token) > 4:
        if token.endswith("ies"):
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def fold_chinese(text: str) -> str:
    """Traditional Chinese folded to simplified (東莞 → 东莞, 供應鏈 → 供应链); other text unchanged.

    Applied to documents and queries alike, so either script finds the other.
    """
    return text if text.isascii() else _T2S.convert(text)


def _tokens(text: str) -> list[str]:
    words: list[str] = []
    for raw in jieba.cut_for_search(fold_chinese(text.lower())):
        token = raw.strip()
        if not token or not _WORD.match(token) or token in STOPWORDS or token.startswith(META):
            continue
        words.append(_fold(token))
    return words


@lru_cache(maxsize=4096)
def _segment_cached(text: str) -> tuple[str, ...]:
    return tuple(_tokens(text))


def segment(text: str) -> list[str]:
    """The index words of `text` in order (duplicates kept)."""
    if len(text) <= 200:
        return list(_segment_cached(text))
    return _tokens(text)


PREFIX = "*"  # a query term ending with this matches the words it begins (see prefix_terms)


def prefix_terms(terms: list[str]) -> list[str] | None:
    """The terms with the last one as a prefix, when it is an English word of 3+ letters, else None.

    Used only when the exact words find nothing: a word still being typed ("electro") then finds
    electronics; matching every word as a prefix would make common queries far slower.
    """
    if not terms or not terms[-1].isascii() or not terms[-1].isalpha() or len(terms[-1]) < 3:
        return None
    return [*terms[:-1], terms[-1] + PREFIX]


def query_terms(query: str) -> list[str]:
    """Distinct words of a query, in order, at most MAX_QUERY_TERMS."""
    seen: list[str] = []
    for word in segment(query[:300]):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


def required_terms(terms: list[str]) -> list[str]:
    """The terms a match must require: `terms` without the Chinese words of two or three characters that
    jieba's search mode emits inside a longer query word (职业安全卫生 → 职业, 安全, 卫生, 职业安全卫生).

    The results are the same: documents are segmented in the same mode, so a document indexed with the longer
    word is also indexed with every dictionary word of two or three characters inside it. Requiring them
    too only misleads PostgreSQL's planner, which multiplies the words' frequencies as if they were
    independent (four words in 19 % of documents look like 0.1 %) and then sorts every match by date.
    """
    return [
        t
        for t in terms
        if t.isascii()
        or not 2 <= len(t) <= 3
        or not jieba.dt.FREQ.get(t)
        or not any(len(other) > len(t) and t in other for other in terms)
    ]


# --- index tokens ---------------------------------------------------------------------------------------


def token(kind: str, value: Any = "") -> str:
    """An index token: letters and digits only, so every tokenizer keeps it whole."""
    return META + kind + _TOKEN_SAFE.sub("", str(value).lower())


PRIVATE = token("private")


def index_tokens(
    *,
    kind: str,
    date: datetime.date,
    is_public: bool,
    owner_id: int | None,
    topic_ids: Iterable[int] = (),
    country_codes: Iterable[str] = (),
    sector_codes: Iterable[str] = (),
) -> list[str]:
    tokens = [token("kind", kind), token("year", date.year)]
    if not is_public:
        tokens.append(PRIVATE)
    if owner_id is not None:
        tokens.append(token("org", owner_id))
    tokens += [token("topic", t) for t in topic_ids]
    tokens += [token("country", c) for c in country_codes]
    tokens += [token("sector", s) for s in sector_codes]
    return tokens


def search_text(*parts: str, tokens: Iterable[str] = ()) -> str:
    """What goes into the index column: every word of every part, then the index tokens."""
    words = [word for part in parts if part for word in segment(part)]
    return " ".join([*words, *tokens])


# --- match expressions ------------------------------------------------------------------------------------


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


def fts5_expression(required: list[str], hidden: str = "") -> str:
    """FTS5 query: every `required` word (\\w+ words; one ending in PREFIX matches as a prefix), minus the
    documents `hidden` matches."""
    expression = " AND ".join(f'"{w[:-1]}"*' if w.endswith(PREFIX) else f'"{w}"' for w in required)
    return f"({expression}) NOT {hidden}" if hidden else expression


def fts5_hidden(org_ids: Iterable[int] | None) -> str:
    """What a user may not see: private documents of other organisations ('' for platform staff, None).

    Only rare tokens take part, so excluding them costs next to nothing whatever the query.
    """
    if org_ids is None:
        return ""
    own = " OR ".join(f'"{token("org", i)}"' for i in sorted(org_ids))
    return f'("{PRIVATE}" NOT ({own}))' if own else f'"{PRIVATE}"'


def tsquery_expression(required: list[str]) -> str:
    """Every word as a PostgreSQL tsquery (words are \\w+, so quoting them is safe)."""
    return " & ".join(f"'{w[:-1]}':*" if w.endswith(PREFIX) else f"'{w}'" for w in required)


# --- snippets -----------------------------------------------------------------------------------------------


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    parts = []
    for term in sorted((t.removesuffix(PREFIX) for t in terms), key=len, reverse=True):
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
    # Terms are simplified; find them in the folded text, show the original (when folding kept positions).
    folded = fold_chinese(text)
    if len(folded) != len(text):
        folded = text
    first = pattern.search(folded)
    start = 0
    if first is not None and first.start() > width // 3:
        start = first.start() - width // 3
    excerpt = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    out: list[str] = []
    position = 0
    for match in pattern.finditer(folded[start : start + width]):
        out.append(escape(excerpt[position : match.start()]))
        out.append(f"<mark>{escape(excerpt[match.start() : match.end()])}</mark>")
        position = match.end()
    out.append(escape(excerpt[position:]))
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped
