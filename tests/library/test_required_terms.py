"""`search.required_terms` drops only words whose presence the longer query words already imply."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rsca.library.search import query_terms, required_terms, segment

PHRASES = [
    "职业安全卫生",
    "集体协商",
    "负责任商业行为",
    "人力资源和社会保障部",
    "供应链尽责管理",
    "全球供应链",
    "中小企业",
    "劳动合同",
    "社会保险",
    "电子工厂",
    "纺织服装",
    "强迫劳动",
    "童工",
    "安全生产",
    "卫生检查",
    "协商一致",
    "商业伙伴",
    "行为准则",
    "企业社会责任",
    "国际劳工组织",
    "supply chain",
    "overtime",
    "职业病",
    "管理体系",
]


@settings(max_examples=300, deadline=None)
@given(
    document=st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6),
    query=st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3),
    cut=st.integers(min_value=0, max_value=3),
)
def test_requiring_fewer_words_finds_the_same_documents(document, query, cut):
    text = "，".join(document)
    words = set(segment(text))
    query_text = " ".join(phrase[cut:] if len(phrase) - cut >= 2 else phrase for phrase in query)
    terms = query_terms(query_text)
    required = required_terms(terms)
    assert set(required) <= set(terms) and required
    assert all(t in words for t in terms) == all(t in words for t in required), (
        text,
        query_text,
        terms,
        required,
    )


def test_the_long_word_is_kept_and_its_short_words_dropped():
    assert required_terms(query_terms("职业安全卫生")) == ["职业安全卫生"]
    assert required_terms(query_terms("安全 职业安全卫生 overtime")) == ["职业安全卫生", "overtime"]
    assert required_terms(["supply", "chain"]) == ["supply", "chain"]
