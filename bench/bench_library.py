"""Library search benchmark: bilingual full-text search against a plain LIKE scan, same data, same run.

    .venv/bin/python bench/bench_library.py [--docs 100000] [--queries 200] [--database-url URL]

A temporary SQLite database (or the PostgreSQL database given with --database-url, which must be
empty and is migrated) is loaded with generated bilingual resources: English and Chinese titles and
summaries built from a fixed vocabulary of programme sentences, so word frequencies range from very
common (in ~30 % of documents) to rare (a few dozen). The search text goes through the platform's own
`search_text` (jieba segmentation); each sentence is segmented once and cached, which gives the
same words as segmenting the whole text because every sentence ends with punctuation.

Then a fixed random mix of queries (English / Chinese / mixed, common words in ~20-35 % of the
documents and rare ones in ~0.1 %, plus browsing without a query) runs through, for an anonymous visitor:
- match: `resource_search` without facets (match, count, first page of 20 with highlighted snippets);
- page search: `resource_search` with its five facets, exactly as the library page and API call it;
- API: `GET /api/v1/library/resources?q=...` through Django's test client (routing, schema, JSON);
- page: `GET /library/?q=...` as an htmx request (the results fragment rendered by the template);
- exact count: `resource_count`, what the page asks for after showing a total capped at COUNT_CAP
  (PostgreSQL; on SQLite the search already counts exactly);
- LIKE: `icontains` on title and summary in both languages for every query word, total count and the
  first page by date (what the page would do without a full-text index).
Reports wall and CPU p50/p95 in milliseconds, CPU p95 per query group for the page search, and the ratio
of the p95s against LIKE. Goal: page search p95 <= 50 ms. On SQLite the groups, ratios and goal use CPU
time (SQLite runs in-process, so on a shared machine it is the figure that does not depend on other
processes' load); on PostgreSQL, whose server works in other processes, they use wall-clock time.
The temporary SQLite file is deleted at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

EN = [
    "Suppliers in Guangdong review working hours and overtime records.",
    "The seminar discussed responsible business conduct in global supply chains.",
    "Labour inspectors learned about the MNE Declaration and the OECD Guidelines.",
    "Trade unions and employers negotiated wages through collective bargaining.",
    "Small and medium enterprises improved productivity with SCORE training.",
    "Electronics factories assessed occupational safety and health risks.",
    "Textile and garment workers received social insurance information.",
    "Buyers mapped their tier two suppliers and shared audit findings.",
    "Child labour and forced labour risks were screened in cotton farming.",
    "Women workers reported harassment through a new grievance channel.",
    "The ministry and the ILO signed a memorandum of understanding.",
    "Researchers mapped policies, practices and institutions at the sectoral level.",
    "Business associations promoted due diligence among their members.",
    "Migrant workers in Jiangsu learned about their employment contracts.",
    "A case study describes remediation of excessive overtime at a supplier.",
    "Policy dialogue improved coherence between European and Chinese rules.",
    "Disability inclusion was discussed with employers and jobseekers.",
    "The annual report summarises training results and enterprise outcomes.",
    "Environmental standards and chemical management were reviewed in dyeing mills.",
    "Future business leaders studied sustainable development goals.",
]
ZH = [
    "广东的供应商审查工时和加班记录。",
    "研讨会讨论了全球供应链中的负责任商业行为。",
    "劳动监察员学习了跨国企业宣言和经合组织准则。",
    "工会和雇主通过集体协商商定工资。",
    "中小企业通过培训提高了生产率。",
    "电子工厂评估了职业安全卫生风险。",
    "纺织和服装工人了解了社会保险信息。",
    "采购商梳理了二级供应商并分享了审核结果。",
    "在棉花种植中筛查童工和强迫劳动风险。",
    "女工通过新的申诉渠道报告了骚扰问题。",
    "人力资源和社会保障部与国际劳工组织签署了谅解备忘录。",
    "研究人员梳理了行业层面的政策、实践和机构。",
    "行业协会在会员中推广尽责管理。",
    "江苏的外来务工人员了解了劳动合同。",
    "案例研究介绍了一家供应商整改超时加班的情况。",
    "政策对话提高了欧洲和中国规则的一致性。",
    "与雇主和求职者讨论了残疾人融合问题。",
    "年度报告总结了培训成果和企业成效。",
    "印染厂审查了环境标准和化学品管理。",
    "未来企业领导者学习了可持续发展目标。",
]
RARE_EN = ["Dongguan", "Suzhou", "Kunshan", "Foshan", "Xiamen", "Ningbo", "Wuxi", "Zhuhai"]
RARE_ZH = ["东莞", "苏州", "昆山", "佛山", "厦门", "宁波", "无锡", "珠海"]
GROUPS = {
    "en common": [
        "supply chain",
        "overtime",
        "collective bargaining",
        "SCORE",
        "remediation overtime",
        "wages",
        "disability",
        "grievance",
    ],
    "en rare": ["Dongguan", "Kunshan", "Ningbo suppliers"],
    "zh common": ["供应链", "加班", "集体协商", "童工", "尽责管理", "职业安全卫生", "社会保险"],
    "zh rare": ["东莞", "苏州 供应商", "宁波"],
    "mixed": ["electronics 供应商", "Kunshan 加班", "SCORE 培训"],
    "browse": [""],
}
QUERIES = [q for queries in GROUPS.values() for q in queries]
GROUP_OF = {q: group for group, queries in GROUPS.items() for q in queries}


def setup(database_url: str | None, reuse: str | None) -> str | None:
    """Point Django at the database; returns the temporary SQLite file to delete afterwards, if any."""
    path = None
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    elif reuse:
        os.environ["DATABASE_URL"] = f"sqlite:///{reuse}"
    else:
        handle, path = tempfile.mkstemp(suffix=".sqlite3", prefix="rsca-bench-library-")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    os.environ.setdefault("DEBUG", "0")  # as served: no per-query logging
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from rsca.core.seed import seed_reference as core_reference
    from rsca.library.seed import seed_reference as library_reference

    core_reference(io.StringIO())
    library_reference(io.StringIO())
    return path


def load(n_docs: int, rng: random.Random) -> float:
    from django.db import transaction

    from rsca.core.models import Country, Sector
    from rsca.library.models import Resource, Topic
    from rsca.library.search import index_tokens, segment

    cache: dict[str, str] = {}

    def words(sentences: list[str]) -> str:
        out = []
        for sentence in sentences:
            if sentence not in cache:
                cache[sentence] = " ".join(segment(sentence))
            out.append(cache[sentence])
        return " ".join(out)

    kinds = [k for k, _label in Resource.Kind.choices]
    topics = list(Topic.objects.all())
    countries = list(Country.objects.filter(is_rsca=True))
    sectors = list(Sector.objects.filter(is_focus=True))
    started = time.perf_counter()
    batch: list[Resource] = []
    created = 0
    through_topics, through_countries, through_sectors = (
        Resource.topics.through,
        Resource.countries.through,
        Resource.sectors.through,
    )
    start_id = (Resource.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for i in range(n_docs):
        k = rng.randrange(len(EN))
        title_en = [EN[k]]
        title_zh = [ZH[k]]
        picks = rng.sample(range(len(EN)), 3)
        summary_en = [EN[p] for p in picks]
        summary_zh = [ZH[p] for p in picks]
        if rng.random() < 0.01:
            r = rng.randrange(len(RARE_EN))
            summary_en.append(f"The work took place in {RARE_EN[r]}.")
            summary_zh.append(f"这项工作在{RARE_ZH[r]}开展。")
        kind, when = rng.choice(kinds), date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        topic, country, sector = rng.choice(topics), rng.choice(countries), rng.choice(sectors)
        tokens = index_tokens(
            kind=kind,
            date=when,
            is_public=True,
            owner_id=None,
            topic_ids=[topic.pk],
            country_codes=[country.pk],
            sector_codes=[sector.pk],
        )
        resource = Resource(
            id=start_id + i,
            kind=kind,
            slug=f"bench-{i}",
            title_en=" ".join(title_en)[:300],
            title_zh="".join(title_zh),
            summary_en=" ".join(summary_en),
            summary_zh="".join(summary_zh),
            date=when,
            is_public=True,
            search_text=words(title_en + title_zh + summary_en + summary_zh) + " " + " ".join(tokens),
        )
        resource.bench_links = (topic.pk, country.pk, sector.pk)  # type: ignore[attr-defined]
        batch.append(resource)
        if len(batch) == 5000 or i == n_docs - 1:
            with transaction.atomic():
                Resource.objects.bulk_create(batch)
                links = [(r.id, *r.bench_links) for r in batch]  # type: ignore[attr-defined]
                through_topics.objects.bulk_create(
                    [through_topics(resource_id=i, topic_id=t) for i, t, _c, _s in links]
                )
                through_countries.objects.bulk_create(
                    [through_countries(resource_id=i, country_id=c) for i, _t, c, _s in links]
                )
                through_sectors.objects.bulk_create(
                    [through_sectors(resource_id=i, sector_id=sc) for i, _t, _c, sc in links]
                )
            created += len(batch)
            batch = []
    from django.db import connection

    if (
        connection.vendor == "postgresql"
    ):  # what autovacuum does after a bulk load: statistics and visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO library_resource_fts(library_resource_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def like_scan(query: str) -> tuple[int, list[int]]:
    from django.db.models import Q

    from rsca.library.models import Resource
    from rsca.library.search import query_terms

    qs = Resource.objects.filter(is_public=True)
    for word in query_terms(query) or [query]:
        qs = qs.filter(
            Q(title_en__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(title_zh__contains=word)
            | Q(summary_zh__contains=word)
        )
    return qs.count(), list(qs.order_by("-date", "-id").values_list("id", flat=True)[:20])


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[int(0.95 * (len(ordered) - 1))]


def measure(label: str, fn, queries: list[str], *, cpu_counts: bool) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and this process's CPU p50/p95. On SQLite (in-process) CPU time is the server's work without
    the waiting other processes on a shared machine cause, so the timings returned by query group are CPU
    times; on PostgreSQL the server works in another process and wall-clock times are returned."""
    wall, cpu = [], []
    by_group: dict[str, list[float]] = {}
    for query in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        fn(query)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        by_group.setdefault(GROUP_OF[query], []).append(cpu[-1] if cpu_counts else wall[-1])
    print(
        f"{label:<36} wall p50 {statistics.median(wall):7.1f} p95 {p95(wall):7.1f} max {max(wall):7.1f} ms"
        f" | cpu p50 {statistics.median(cpu):6.1f} p95 {p95(cpu):6.1f} ms"
    )
    return {"all": cpu if cpu_counts else wall, **by_group}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default=None, help="an empty PostgreSQL database (migrated here)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary SQLite file and print its path"
    )
    parser.add_argument(
        "--reuse",
        default=None,
        help="a SQLite file kept by --keep: measure without loading "
        "(with --database-url: any value, measure that database as it is)",
    )
    args = parser.parse_args()
    rng = random.Random(20171215)
    temporary = setup(args.database_url, args.reuse)
    try:
        return run(args, rng)
    finally:
        if temporary and not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(temporary + suffix).unlink(missing_ok=True)
        elif temporary:
            print(f"kept {temporary} (measure again with --reuse {temporary})")


def run(args: argparse.Namespace, rng: random.Random) -> int:
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from rsca.library.models import Resource
    from rsca.library.selectors import COUNT_CAP, Filters, resource_count, resource_search

    if args.reuse:
        print(f"database: {connection.vendor}; {Resource.objects.count()} resources reused from {args.reuse}")
    else:
        seconds = load(args.docs, rng)
        print(
            f"database: {connection.vendor}; {Resource.objects.count()} resources loaded in {seconds:.1f} s "
            f"({args.docs / seconds:.0f} docs/s including segmentation and index maintenance)"
        )
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    anonymous = AnonymousUser()
    translation.activate("en")
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    for q in QUERIES:  # warm caches (jieba dictionary, statement caches), and check both agree
        fts = resource_search(user=anonymous, filters=Filters(query=q), with_facets=False).total
        like = like_scan(q)[0]
        exact = resource_count(user=anonymous, filters=Filters(query=q))
        note = (
            ""
            if fts == like
            else f"  (counted up to {COUNT_CAP:,}; exact count {exact:,})"
            if fts == COUNT_CAP < like
            else "  (LIKE also matches inside longer words)"
        )
        print(f"  {GROUP_OF[q]:<10} {q!r:<24} full-text {fts:6d}   LIKE {like:6d}{note}")

    def api(q: str) -> None:
        response = client.get("/api/v1/library/resources", {"q": q})
        assert response.status_code == 200, response.content[:300]

    def page(q: str) -> None:
        response = client.get("/library/", {"q": q}, headers={"HX-Request": "true"})
        assert response.status_code == 200 and b'class="hits"' in response.content

    for q in QUERIES[:3]:  # warm the URL resolver, the API schema and the templates
        api(q)
        page(q)

    in_process = connection.vendor == "sqlite"
    clock = "CPU" if in_process else "wall"
    match = measure(
        "match + count + page (no facets)",
        lambda q: resource_search(user=anonymous, filters=Filters(query=q), with_facets=False),
        queries,
        cpu_counts=in_process,
    )
    search = measure(
        "page search with 5 facets (selector)",
        lambda q: resource_search(user=anonymous, filters=Filters(query=q)),
        queries,
        cpu_counts=in_process,
    )
    api_t = measure("API GET /api/v1/library/resources", api, queries, cpu_counts=in_process)
    page_t = measure("page GET /library/ (htmx fragment)", page, queries, cpu_counts=in_process)
    measure(
        "exact count (asked for after capped totals)",
        lambda q: resource_count(user=anonymous, filters=Filters(query=q)),
        queries,
        cpu_counts=in_process,
    )
    like = measure("plain LIKE scan, page + count", like_scan, queries, cpu_counts=in_process)
    print(
        f"page search with facets, {clock} p95 by query group: "
        + ", ".join(f"{group} {p95(t):.1f} ms" for group, t in search.items() if group != "all")
    )
    print(
        f"{clock} p95 ratio LIKE / full-text: "
        + ", ".join(
            f"{name} {p95(like['all']) / p95(t['all']):.0f}x"
            for name, t in (("match", match), ("page search", search), ("API", api_t), ("page", page_t))
        )
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    goal = p95(search["all"])
    print(
        f"goal p95 <= 50 ms for the page search with facets ({clock}): {goal:.1f} ms, "
        f"{'met' if goal <= 50 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
