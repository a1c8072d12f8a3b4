"""The programme, its partners and the portfolio are seeded from the seed documents as structured data."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest

from rsca.core.models import Organisation
from rsca.programme.models import Indicator, Participation, Programme, Project, ResultNode

pytestmark = pytest.mark.django_db


def test_rsca_programme_has_the_facts_of_the_seed_documents():
    programme = Programme.objects.get(slug="rsca")
    assert (
        programme.title_en == "Responsible Supply Chains in Asia" and programme.title_zh == "亚洲负责任供应链"
    )
    assert programme.donor.acronym == "EU"
    assert (programme.start, programme.end) == (datetime.date(2017, 12, 15), datetime.date(2020, 12, 14))
    assert programme.funding_amount == Decimal("9000000") and programme.funding_currency == "EUR"
    assert sorted(programme.countries.values_list("iso2", flat=True)) == ["CN", "JP", "MM", "PH", "TH", "VN"]
    assert set(programme.sectors.values_list("focus_label_en", flat=True)) == {"Textiles", "Electronics"}
    assert list(programme.areas.values_list("code", flat=True)) == [
        "research",
        "outreach",
        "policy_advocacy",
        "training",
    ]
    assert programme.geographic_focus_en == "National and provincial"
    assert "educational institutions" in programme.target_beneficiaries_en
    assert all(area.description_zh for area in programme.areas.all())


def test_partners_are_public_organisations_of_the_right_type_with_chinese_names():
    expected = {
        "mohrss": "government",
        "cec": "employers_organisation",
        "acftu": "workers_organisation",
        "ilo": "international_organisation",
        "oecd": "international_organisation",
        "european-union": "donor",
        "calss": "academia",
    }
    programme = Programme.objects.get(slug="rsca")
    partner_orgs = {
        p.organisation.slug: p.organisation for p in programme.partners.exclude(organisation=None)
    }
    for slug, type_ in expected.items():
        organisation = Organisation.objects.get(slug=slug)
        assert organisation.type == type_ and organisation.is_public and organisation.name_zh
        assert slug in partner_orgs
    assert Organisation.objects.get(slug="mohrss").name_zh == "中华人民共和国人力资源和社会保障部"
    assert (
        programme.partners.filter(organisation=None).count() == 3
    )  # stakeholder groups named in the brochure


def test_every_project_of_the_office_list_is_seeded_with_dates_and_funder():
    expected = {
        "universal-social-protection-china": ((2019, 7, 1), (2022, 6, 30)),
        "score-phase-3-china": ((2017, 11, 1), (2021, 10, 31)),
        "formal-employment-mongolia": ((2019, 1, 1), (2020, 12, 31)),
        "rsca-regional": ((2017, 12, 15), (2020, 12, 14)),
        "rsca-china": ((2017, 12, 15), (2020, 12, 14)),
        "fprw-cotton-supply-chain": ((2017, 5, 10), (2020, 6, 30)),
        "gsp-plus-mongolia-phase-2": ((2018, 4, 1), (2020, 3, 31)),
        "rights-at-work-collective-bargaining-china": ((2016, 8, 29), (2020, 2, 29)),
        "reducing-aids-discrimination-workplace": ((2018, 1, 1), (2019, 12, 31)),
        "gsp-plus-mongolia": ((2016, 8, 1), (2019, 1, 31)),
    }
    assert Project.objects.filter(slug__in=expected).count() == len(expected)
    for slug, (start, end) in expected.items():
        project = Project.objects.get(slug=slug)
        assert project.planned_start == datetime.date(*start) and project.planned_end == datetime.date(*end)
        assert project.title_zh and project.description_zh and project.is_public
    funders = set(
        Participation.objects.filter(project__slug="gsp-plus-mongolia-phase-2", role="1").values_list(
            "organisation__slug", flat=True
        )
    )
    assert funders == {"european-union"}
    assert (
        "Regular Budget Supplementary Account"
        in Project.objects.get(slug="formal-employment-mongolia").funding_note_en
    )
    budgets = Project.objects.get(
        slug="rsca-regional"
    ).budgets.all()  # one per project year (IATI: at most a year)
    assert len(budgets) == 3 and sum(b.value for b in budgets) == Decimal("9000000")


def test_results_framework_has_the_three_objectives_and_outcomes_and_computed_indicators():
    project = Project.objects.get(slug="rsca-china")
    assert ResultNode.objects.filter(project=project, level="objective").count() == 3
    outcomes = ResultNode.objects.filter(project=project, level="outcome")
    assert outcomes.count() == 3 and all(o.parent.level == "objective" for o in outcomes)
    assert "coherence between the EU and China" in outcomes.get(code="OC2").title_en
    computed = Indicator.objects.filter(node__project=project, source="computed")
    assert set(computed.values_list("computation", flat=True)) == {
        "training_participants",
        "training_enterprises",
        "training_knowledge_gain",
        "training_satisfaction",
        "compliance_facilities_assessed",
        "compliance_findings_remediated",
        "supplychain_facilities_mapped",
    }
    compliance = computed.filter(computation__startswith="compliance_")
    assert {i.node.code for i in compliance} == {"OC3"}  # decent working conditions
    assert not compliance.filter(periods__target__isnull=False).exists()  # the documents state no targets
    assert all(i.definition_en and i.definition_zh for i in compliance)
    research = Indicator.objects.get(node__project=project, code="I1.1.a")
    assert research.periods.get(actual__isnull=False).actual == 2
    assert "CALSS" in research.periods.get(actual__isnull=False).evidence_en


def test_seeding_twice_changes_nothing():
    from django.core.management import call_command

    counts = (
        Organisation.objects.count(),
        Project.objects.count(),
        Participation.objects.count(),
        Indicator.objects.count(),
        ResultNode.objects.count(),
    )
    call_command("seed", stdout=io.StringIO())
    assert counts == (
        Organisation.objects.count(),
        Project.objects.count(),
        Participation.objects.count(),
        Indicator.objects.count(),
        ResultNode.objects.count(),
    )
