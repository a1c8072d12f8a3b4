"""A model that learns: m/u probabilities estimated with Splink from the register and labelled pairs, stored as
versions, used by the next import; people's decisions reused and reported as precision per country."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rsca.core.models import Organisation
from rsca.supplychain import matching
from rsca.supplychain.models import Facility, FacilityListRow, MatchDecision, MatchModel
from rsca.supplychain.services import (
    facility_list_import,
    facility_list_row_decide,
    matching_model_fit,
    matching_parameters,
)

pytestmark = pytest.mark.django_db


def _buyer(slug: str) -> Organisation:
    return Organisation.objects.create(name=slug, slug=slug, type="enterprise", enterprise_role="buyer")


def test_fitting_estimates_u_from_the_register_and_is_versioned(osh_lists):
    buyer = _buyer("fit-buyer")
    for path in osh_lists[:6]:
        facility_list_import(
            organisation=buyer, source=path.read_bytes(), filename=path.name, by=None, commit=True
        )
    assert matching_parameters() is None  # defaults until a model is fitted
    first = matching_model_fit(max_pairs=2e5)
    defaults = matching._levels(matching.splink_settings().get_settings("duckdb").as_dict())
    assert first.facilities == Facility.objects.count() and set(first.parameters) == set(defaults)
    brand_exact_u = first.parameters["brand"][0][1]
    assert brand_exact_u != defaults["brand"][0][1] and 0 < brand_exact_u < 0.01  # estimated, not the default
    for levels in first.parameters.values():  # probabilities
        assert all(0 <= m <= 1 and 0 <= u <= 1 for m, u in levels)
        assert abs(sum(m for m, _u in levels) - 1) < 1e-6 or first.labelled_pairs == 0
    assert matching_parameters() == first.parameters
    for path in osh_lists[6:]:
        facility_list_import(
            organisation=buyer, source=path.read_bytes(), filename=path.name, by=None, commit=True
        )
    second = matching_model_fit(max_pairs=2e5)
    assert second.pk > first.pk and second.facilities > first.facilities
    assert matching_parameters() == second.parameters and MatchModel.objects.count() == 2


def test_the_command_prints_the_model_and_the_precision_per_country(osh_lists, user_a, org_a):
    facility_list_import(
        organisation=org_a, source=osh_lists[0].read_bytes(), filename="a.csv", by=user_a, commit=True
    )
    facility = Facility.objects.order_by("pk").first()
    moved = f'name,address,country\n{facility.name} Factory 2,"{facility.address}, Block B",{facility.country_id}\n'
    report = facility_list_import(organisation=org_a, source=moved.encode(), filename="b.csv", by=user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id)
    if row.status == "review":
        facility_list_row_decide(
            row=row, decision="confirmed", facility_public_id=facility.public_id, by=user_a
        )
    out = io.StringIO()
    call_command("fit-matching-model", "--max-pairs", "100000", stdout=out)
    text = out.getvalue()
    assert "matching model v" in text and "brand: m=" in text
    model = MatchModel.objects.get()
    if MatchDecision.objects.exists():
        assert facility.country_id in model.report and "precision" in text


def test_a_confirmation_by_one_buyer_resolves_the_same_row_for_another(
    existing_facilities, org_a, org_b, user_a
):
    data = 'name,address,country\nHY Precision Works,"Bldg 3, Fenghuang Industrial Zone, Shenzhen",CN\n'
    preview = facility_list_import(organisation=org_b, source=data.encode(), filename="b.csv", by=None)
    assert preview.rows[0].status != "matched"
    row_key = FacilityListRow.objects.get(upload_id=preview.upload_id).row_key
    MatchDecision.objects.create(
        organisation=org_a,
        row_key=row_key,
        decision="confirmed",
        facility=existing_facilities[0],
        decided_by=user_a,
    )
    again = facility_list_import(organisation=org_b, source=data.encode(), filename="b.csv", by=None)
    assert (again.rows[0].status, again.rows[0].facility_id) == ("matched", existing_facilities[0].public_id)
    MatchDecision.objects.create(organisation=org_b, row_key=row_key, decision="rejected")
    own = facility_list_import(organisation=org_b, source=data.encode(), filename="b.csv", by=None)
    assert own.rows[0].status == "new"  # the organisation's own decision wins
