"""Reads for facilities, supply relationships, list uploads and reviews, scoped to what the user may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Prefetch, Q, QuerySet

from rsca.core.errors import NotFound
from rsca.core.models import AuditEvent, Country, Division, Organisation, Sector
from rsca.core.scoping import is_member, is_platform_staff, user_organisation_ids, visible_to
from rsca.supplychain.models import (
    Facility,
    FacilityListRow,
    FacilityListUpload,
    FacilityMerge,
    MatchDecision,
    SupplyRelationship,
)
from rsca.supplychain.normalise import fold, has_chinese, name_parts

FACILITY_LIST_FIELDS = (
    "id",
    "public_id",
    "name",
    "native_name",
    "address",
    "country_id",
    "division_id",
    "number_of_workers",
    "is_closed",
    "claimed_by_id",
    "latitude",
    "longitude",
    "product_type",
    "facility_type",
    "processing_type",
    "parent_company",
    "merged_into_id",
    "country__name_en",
    "country__name_zh",
    "division__name_en",
    "division__name_zh",
    "division__parent_id",
    "division__level",
)


def facilities_of_organisation(*, organisation: Organisation) -> QuerySet[Facility]:
    """The facilities an organisation claims (as a supplier) or buys from (as a buyer).

    For other apps (compliance uploads, training participants); the caller has already established that
    its user acts for `organisation`.
    """
    return (
        Facility.objects.filter(merged_into__isnull=True)
        .filter(Q(claimed_by=organisation) | Q(relationships__buyer=organisation))
        .distinct()
        .select_related("country", "division")
        .order_by("name")
    )


@dataclass
class FacilityFilters:
    query: str = ""
    country: str = ""
    province: str = ""
    sector: str = ""
    include_closed: bool = True


def _search_q(query: str) -> Q:
    """Search by name in either script, tolerant of punctuation, case, legal suffixes and place prefixes."""
    query = query.strip()[:200]
    if not query:
        return Q()
    parts = name_parts(query)
    q = Q(name__icontains=query) | Q(native_name__icontains=query) | Q(public_id__iexact=query)
    if parts.brand:
        q |= Q(match_brand__startswith=parts.brand) | Q(match_name__contains=parts.brand)
    folded = fold(query)
    if folded and not has_chinese(query):
        q |= Q(match_name__contains=folded)
    return q


def facility_search(*, user: Any, filters: FacilityFilters) -> QuerySet[Facility]:
    qs = visible_to(user, Facility.objects.filter(merged_into__isnull=True))
    if filters.query:
        qs = qs.filter(_search_q(filters.query))
    if filters.country:
        qs = qs.filter(country_id=filters.country.upper()[:2])
    if filters.province:
        qs = qs.filter(Q(division_id=filters.province) | Q(division__parent_id=filters.province))
    if filters.sector:
        qs = qs.filter(sectors__code=filters.sector).distinct()
    if not filters.include_closed:
        qs = qs.filter(is_closed=False)
    return qs.select_related("country", "division").order_by("name")


def facility_get(*, user: Any, public_id: str) -> Facility:
    """A facility profile by public ID; a merged ID resolves to the facility it was merged into."""
    qs = visible_to(
        user,
        Facility.objects.select_related(
            "country", "division", "division__parent", "claimed_by", "merged_into"
        ),
    )
    facility = qs.filter(public_id=public_id.strip().upper()[:15]).prefetch_related("sectors").first()
    if facility is None:
        raise NotFound("No such facility.")
    return facility


def facility_relationships(*, user: Any, facility: Facility) -> QuerySet[SupplyRelationship]:
    """Who buys from this facility, as far as the user may know (the buyer itself, or the claiming supplier)."""
    return visible_to(user, SupplyRelationship.objects.filter(facility=facility)).select_related("buyer")


def facility_history(*, facility: Facility) -> QuerySet[AuditEvent]:
    """Changes to the public profile (who changed it is shown to staff only, in the audit log)."""
    return AuditEvent.objects.filter(target_type="supplychain.facility", target_id=str(facility.pk)).order_by(
        "-at"
    )


@dataclass
class Contribution:
    """What one committed list row said about a facility, and when (Open Supply Hub keeps every contribution)."""

    at: Any
    contributor: str  # the organisation's name when the user may see its lists, else empty (kept private)
    values: list[tuple[str, str]]


CONTRIBUTED = (
    ("number_of_workers", "number of workers"),
    ("lat", "latitude"),
    ("lng", "longitude"),
    ("sector", "sector"),
    ("product_type", "product type"),
    ("facility_type", "facility type"),
    ("processing_type", "processing type"),
    ("sector_product_type", "sector / product type"),
    ("facility_type_processing_type", "facility / processing type"),
    ("parent_company", "parent company"),
    ("duns_id", "DUNS"),
    ("lei_id", "LEI"),
    ("rba_id", "RBA ID"),
)


def facility_contributions(*, user: Any, facility: Facility, limit: int = 50) -> list[Contribution]:
    """The committed list rows linked to a facility, newest first, with the values each gave beyond name, address
    and country. Who contributed is shown only to members of that organisation (and staff): which buyers source
    from a facility is not public."""
    from django.utils.translation import gettext as _

    mine = user_organisation_ids(user) if getattr(user, "is_authenticated", False) else set()
    staff = is_platform_staff(user)
    rows = (
        FacilityListRow.objects.filter(facility=facility, upload__status=FacilityListUpload.Status.COMMITTED)
        .select_related("upload__organisation")
        .order_by("-upload__committed_at", "-pk")[:limit]
    )
    found = []
    for row in rows:
        raw = row.raw or {}
        values = [
            (_(label), str(raw[column]).strip())
            for column, label in CONTRIBUTED
            if str(raw.get(column) or "").strip()
        ]
        organisation = row.upload.organisation
        found.append(
            Contribution(
                at=row.upload.committed_at or row.upload.created_at,
                contributor=organisation.name if staff or organisation.pk in mine else "",
                values=values,
            )
        )
    return found


def facility_merges(*, facility: Facility) -> QuerySet[FacilityMerge]:
    return FacilityMerge.objects.filter(kept=facility).order_by("-merged_at")


def can_edit_facility(*, user: Any, facility: Facility) -> bool:
    from rsca.core.scoping import can_edit_organisation

    return is_platform_staff(user) or bool(
        facility.claimed_by_id and can_edit_organisation(user, facility.claimed_by_id)
    )


def buyer_organisations(*, user: Any) -> QuerySet[Organisation]:
    """Organisations whose supply chain the user may look at (their memberships; staff: all enterprises)."""
    if is_platform_staff(user):
        return (
            Organisation.objects.filter(
                Q(enterprise_role=Organisation.EnterpriseRole.BUYER) | Q(supply_relationships__isnull=False)
            )
            .distinct()
            .order_by("name")
        )
    return Organisation.objects.filter(pk__in=user_organisation_ids(user)).order_by("name")


def organisation_for_user(*, user: Any, slug: str | None) -> Organisation | None:
    """The organisation whose supply chain is shown: the one asked for if the user belongs to it."""
    organisations = buyer_organisations(user=user)
    if slug:
        organisation = organisations.filter(slug=slug).first()
        if organisation is None:
            raise NotFound("No such organisation.")
        return organisation
    with_chain = organisations.filter(supply_relationships__isnull=False).first()
    return with_chain or organisations.first()


@dataclass
class SupplierFilters:
    country: str = ""
    province: str = ""
    sector: str = ""
    tier: int | None = None
    query: str = ""
    risk: str = ""


def supplier_list(
    *, user: Any, organisation: Organisation, filters: SupplierFilters
) -> QuerySet[SupplyRelationship]:
    """The buyer's suppliers (its relationships), filtered."""
    qs = visible_to(
        user, SupplyRelationship.objects.filter(buyer=organisation, facility__merged_into__isnull=True)
    )
    if filters.country:
        qs = qs.filter(facility__country_id=filters.country.upper()[:2])
    if filters.province:
        qs = qs.filter(
            Q(facility__division_id=filters.province) | Q(facility__division__parent_id=filters.province)
        )
    if filters.sector:
        qs = qs.filter(facility__sectors__code=filters.sector).distinct()
    if filters.tier:
        qs = qs.filter(tier=filters.tier)
    if filters.query:
        facility_ids = Facility.objects.filter(_search_q(filters.query)).values("pk")
        qs = qs.filter(facility_id__in=facility_ids)
    if filters.risk in RISK_LEVELS:
        risks = facility_risks(
            user=user, facility_ids=list(qs.values_list("facility_id", flat=True)), organisation=organisation
        )
        if filters.risk == "unknown":
            qs = qs.exclude(facility_id__in=list(risks))
        else:
            qs = qs.filter(facility_id__in=[f for f, risk in risks.items() if risk.level == filters.risk])
    return (
        qs.select_related(
            "buyer",
            "facility",
            "facility__country",
            "facility__division",
            "facility__division__parent",
            "supplies_to",
        )
        .prefetch_related("facility__sectors")
        .order_by("tier", "facility__name")
    )


def supplier_filter_choices(*, user: Any, organisation: Organisation) -> dict[str, list[tuple[str, str]]]:
    qs = visible_to(user, SupplyRelationship.objects.filter(buyer=organisation))
    country_codes = set(qs.values_list("facility__country_id", flat=True))
    countries = sorted(
        ((c.iso2, c.name) for c in Country.objects.filter(iso2__in=country_codes)), key=lambda c: c[1]
    )
    province_codes = set(
        qs.exclude(facility__division__isnull=True)
        .values_list("facility__division__parent_id", "facility__division_id")
        .distinct()
    )
    codes = {parent or own for parent, own in province_codes}
    provinces = [(d.code, d.name) for d in Division.objects.filter(code__in=codes).order_by("code")]
    sector_codes = set(
        qs.exclude(facility__sectors__isnull=True).values_list("facility__sectors__code", flat=True)
    )
    sectors = [(s.code, s.name) for s in Sector.objects.filter(code__in=sector_codes).order_by("code")]
    tiers = sorted(set(qs.values_list("tier", flat=True)))
    return {
        "countries": countries,
        "provinces": provinces,
        "sectors": sectors,
        "tiers": [(str(t), str(t)) for t in tiers],
    }


def supply_chain_graph(*, user: Any, organisation: Organisation) -> dict[str, Any]:
    """Nodes (the buyer and its facilities) and links (buyer → tier 1, tier n → the facility it supplies)."""
    relationships = supplier_list(user=user, organisation=organisation, filters=SupplierFilters())
    nodes: list[dict[str, Any]] = [
        {
            "id": f"org-{organisation.pk}",
            "name": organisation.display_name,
            "category": 0,
            "tier": 0,
            "symbolSize": 34,
        }
    ]
    links: list[dict[str, Any]] = []
    present = {r.facility_id for r in relationships}
    risks = facility_risks(user=user, facility_ids=sorted(present), organisation=organisation)
    for relationship in relationships:
        facility = relationship.facility
        risk = risks.get(facility.pk, FacilityRisk())
        nodes.append(
            {
                "id": f"f-{facility.pk}",
                "name": facility.display_name(),
                "public_id": facility.public_id,
                "category": min(relationship.tier, 3),
                "tier": relationship.tier,
                "symbolSize": max(12, 26 - 5 * relationship.tier),
                "country": facility.country_id,
                "risk": risk.level,
                "province": facility.province.name if facility.province else "",
            }
        )
        if relationship.tier > 1 and relationship.supplies_to_id in present:
            links.append({"source": f"f-{facility.pk}", "target": f"f-{relationship.supplies_to_id}"})
        else:
            links.append({"source": f"f-{facility.pk}", "target": f"org-{organisation.pk}"})
    return {"nodes": nodes, "links": links}


def _area(code: str, name: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "count": 0,
        "tiers": defaultdict(int),
        "risk": {level: 0 for level in RISK_LEVELS},
        "worst": "unknown",
    }


def _count_into(area: dict[str, Any], tier: int, risk: FacilityRisk) -> None:
    area["count"] += 1
    area["tiers"][tier] += 1
    area["risk"][risk.level] += 1
    if risk.rank > RISK_RANK[area["worst"]]:
        area["worst"] = risk.level


def supply_chain_map(*, user: Any, organisation: Organisation) -> dict[str, Any]:
    """The buyer's facilities by Chinese province (code, name, count, count by tier and by risk level, worst risk),
    facilities elsewhere by country (ISO code), facilities with their own coordinates as points, and every
    province's name (so the whole outline map is labelled)."""
    relationships = list(supplier_list(user=user, organisation=organisation, filters=SupplierFilters()))
    risks = facility_risks(
        user=user, facility_ids=sorted({r.facility_id for r in relationships}), organisation=organisation
    )
    provinces: dict[str, dict[str, Any]] = {}
    countries: dict[str, dict[str, Any]] = {}
    points: list[dict[str, Any]] = []
    for relationship in relationships:
        facility = relationship.facility
        risk = risks.get(facility.pk, FacilityRisk())
        province = facility.province
        if facility.latitude is not None and facility.longitude is not None:
            points.append(
                {
                    "name": facility.display_name(),
                    "risk": risk.level,
                    "value": [float(facility.longitude), float(facility.latitude), relationship.tier],
                }
            )
        if province is not None:
            area = provinces.setdefault(province.code, _area(province.code, province.name))
            area["lng"] = float(province.longitude) if province.longitude is not None else None
            area["lat"] = float(province.latitude) if province.latitude is not None else None
        else:
            area = countries.setdefault(
                facility.country_id, _area(facility.country_id, facility.country.name)
            )
        _count_into(area, relationship.tier, risk)

    def ordered(areas: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**a, "tiers": dict(a["tiers"])} for a in sorted(areas.values(), key=lambda a: -a["count"])]

    return {
        "provinces": ordered(provinces),
        "countries": ordered(countries),
        "points": points,
        "all_provinces": [
            {"code": d.code, "name": d.name}
            for d in Division.objects.filter(level=Division.Level.PROVINCE).order_by("code")
        ],
    }


def upload_list(*, user: Any) -> QuerySet[FacilityListUpload]:
    return visible_to(user, FacilityListUpload.objects.select_related("organisation")).order_by("-created_at")


def upload_get(*, user: Any, upload_id: int) -> FacilityListUpload:
    upload = (
        visible_to(user, FacilityListUpload.objects.select_related("organisation"))
        .filter(pk=upload_id)
        .first()
    )
    if upload is None:
        raise NotFound("No such list.")
    return upload


def upload_rows(
    *, user: Any, upload: FacilityListUpload, status: str | None = None
) -> QuerySet[FacilityListRow]:
    qs = visible_to(user, FacilityListRow.objects.filter(upload=upload)).select_related("facility", "country")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("row_number")


def row_get(*, user: Any, row_id: int) -> FacilityListRow:
    row = (
        visible_to(user, FacilityListRow.objects.select_related("upload", "upload__organisation", "facility"))
        .filter(pk=row_id)
        .first()
    )
    if row is None:
        raise NotFound("No such row.")
    return row


def review_queue(*, user: Any, organisation: Organisation | None = None) -> QuerySet[FacilityListRow]:
    """Rows waiting for a person's decision, in lists that are not discarded."""
    qs = visible_to(user, FacilityListRow.objects.filter(status=FacilityListRow.Status.REVIEW)).exclude(
        upload__status=FacilityListUpload.Status.DISCARDED
    )
    if organisation is not None:
        qs = qs.filter(upload__organisation=organisation)
    return qs.select_related("upload", "upload__organisation", "country").order_by("upload_id", "row_number")


def decision_list(*, user: Any) -> QuerySet[MatchDecision]:
    return visible_to(user, MatchDecision.objects.select_related("facility", "organisation"))


def relationship_list(*, user: Any, buyer_slug: str | None = None) -> QuerySet[SupplyRelationship]:
    qs = visible_to(user, SupplyRelationship.objects.select_related("buyer", "facility", "supplies_to"))
    if buyer_slug:
        qs = qs.filter(buyer__slug=buyer_slug)
    return qs.order_by("buyer__name", "tier", "facility__name")


def relationship_get(*, user: Any, relationship_id: int) -> SupplyRelationship:
    relationship = relationship_list(user=user).filter(pk=relationship_id).first()
    if relationship is None:
        raise NotFound("No such relationship.")
    return relationship


def sees_buyer_only_fields(*, user: Any, relationship: SupplyRelationship) -> bool:
    return is_member(user, relationship.buyer_id)


def facility_counts_by_country(*, user: Any) -> list[tuple[str, int]]:
    qs = visible_to(user, Facility.objects.filter(merged_into__isnull=True))
    return list(qs.values_list("country__name_en").annotate(n=Count("id")).order_by("-n")[:20])


def upload_with_rows(*, user: Any, upload_id: int) -> FacilityListUpload:
    upload = upload_get(user=user, upload_id=upload_id)
    return FacilityListUpload.objects.prefetch_related(
        Prefetch("rows", queryset=upload_rows(user=user, upload=upload))
    ).get(pk=upload.pk)


# ----------------------------------------------------------------------------------------------- risk

RISK_LEVELS = ("high", "medium", "low", "unknown")
RISK_RANK = {"unknown": 0, "low": 1, "medium": 2, "high": 3}
HIGH_SHARE = (
    0.25  # share of the workers with at least one finding from which the risk is high whatever the severity
)


@dataclass
class FacilityRisk:
    """A facility's risk level as one organisation may know it, from the latest compliance check it can see.

    * ``high``: a high-severity finding (child labour, young workers on night or hazardous work, pay below the
      minimum wage, overtime premium underpaid), or at least `HIGH_SHARE` of the workers with some finding;
    * ``medium``: a medium-severity finding (hours, rest days, contracts, social insurance);
    * ``low``: a check with no finding, or only low-severity ones (inconsistent records);
    * ``unknown``: no finished check that the organisation may see (a buyer sees a check only once the supplier
      shares it), so nothing is derived from checks it cannot see.
    """

    level: str = "unknown"
    check_id: int | None = None
    checked_on: Any = None
    workers: int = 0
    workers_with_findings: int = 0
    high_codes: tuple[str, ...] = ()
    medium_codes: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        return self.workers_with_findings / self.workers if self.workers else 0.0

    @property
    def rank(self) -> int:
        return RISK_RANK[self.level]


class RiskSource(Protocol):
    """Where facility risk comes from. Risk is computed from compliance checks, an app of a higher layer, so
    compliance registers itself here when it is loaded (`risk_source_register` in its AppConfig.ready) instead of
    this app importing it."""

    def risks(
        self, *, user: Any, facility_ids: Any, organisation: Organisation | None
    ) -> dict[int, FacilityRisk]: ...

    def code_labels(self, codes: tuple[str, ...]) -> list[str]: ...


_risk_sources: list[RiskSource] = []


def risk_source_register(source: RiskSource) -> None:
    """Install the risk source (idempotent: a second registration replaces the first)."""
    _risk_sources[:] = [source]


def facility_risks(
    *, user: Any, facility_ids: Any, organisation: Organisation | None = None
) -> dict[int, FacilityRisk]:
    """Risk per facility from the latest finished compliance check that the user may see and, when given,
    that `organisation` may see (a buyer: only checks shared with it or uploaded by it). Facilities without
    such a check are absent (their risk is unknown)."""
    if not getattr(user, "is_authenticated", False) or not _risk_sources:
        return {}
    return _risk_sources[0].risks(user=user, facility_ids=facility_ids, organisation=organisation)


def facility_risk(*, user: Any, facility: Facility) -> FacilityRisk:
    """The risk of one facility from the latest check the user may see."""
    return facility_risks(user=user, facility_ids=[facility.pk]).get(facility.pk, FacilityRisk())


def risk_code_labels(risk: FacilityRisk) -> list[str]:
    """The names of the checks with findings behind a risk level, most severe first."""
    codes = (*risk.high_codes, *risk.medium_codes)
    return _risk_sources[0].code_labels(codes) if _risk_sources else list(codes)


UNKNOWN_PLACE = "unknown"


def facility_places(facility_ids: Any) -> dict[int, tuple[str, list[str]]]:
    """facility id -> (its province's GB/T 2260 code, its ISIC sector codes), "unknown" where the profile does not
    say (a facility recorded at city level counts in that city's province)."""
    places: dict[int, tuple[str, list[str]]] = {}
    for pk, division, level, parent in Facility.objects.filter(pk__in=facility_ids).values_list(
        "pk", "division_id", "division__level", "division__parent_id"
    ):
        province = (
            UNKNOWN_PLACE if not division else division if level == "province" or not parent else parent
        )
        places[pk] = (province, [])
    for pk, sector in (
        Facility.sectors.through.objects.filter(facility_id__in=facility_ids)
        .order_by("sector_id")
        .values_list("facility_id", "sector_id")
    ):
        places[pk][1].append(sector)
    return {pk: (province, sectors or [UNKNOWN_PLACE]) for pk, (province, sectors) in places.items()}


def supply_chain_indicators(*, date_from: Any = None, date_to: Any = None) -> dict[str, Any]:
    """Aggregates for the programme's results framework (counts only: no facility or buyer is named, so callers
    need no scoping).

    `facilities_mapped`: distinct facilities that entered a buyer's mapped supply chain in the period, i.e. whose
    first link to any buyer (`SupplyRelationship`), or the facility record itself if it is younger, was created
    in the period (local dates, both ends included). A facility linked to several buyers counts once, in the
    period of its first link; a facility without any buyer (only claimed or uploaded by its supplier) does not
    count, nor one merged into another (its links moved to the one kept). By the facility's province and ISIC
    sector (a facility in two sectors counts in each).
    """
    from django.db.models import Min
    from django.db.models.functions import Greatest

    mapped = (
        Facility.objects.filter(merged_into__isnull=True, relationships__isnull=False)
        .values("pk")
        .annotate(mapped_at=Greatest("created_at", Min("relationships__created_at")))
    )
    if date_from is not None:
        mapped = mapped.filter(mapped_at__date__gte=date_from)
    if date_to is not None:
        mapped = mapped.filter(mapped_at__date__lte=date_to)
    ids = [row["pk"] for row in mapped]
    by_province: dict[str, int] = defaultdict(int)
    by_sector: dict[str, int] = defaultdict(int)
    for province, sectors in facility_places(ids).values():
        by_province[province] += 1
        for sector in sectors:
            by_sector[sector] += 1
    return {
        "facilities_mapped": len(ids),
        "mapped_by_province": dict(sorted(by_province.items())),
        "mapped_by_sector": dict(sorted(by_sector.items())),
    }
