from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rsca.core.errors import Forbidden, InvalidInput, TooLarge
from rsca.core.models import Membership
from rsca.duediligence.models import ActionItem, Answer, AnswerShare, Questionnaire
from rsca.duediligence.questionnaires import (
    action_from_gap,
    answers_save,
    questionnaire_send,
    questionnaire_share,
    questionnaire_templates_load,
)
from rsca.duediligence.risk import risk_assess
from rsca.duediligence.selectors import request_answers
from rsca.supplychain.models import Facility, SupplyRelationship
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org_a, user_a, org_b, user_b):
    """A (user_a) buys from a facility claimed by B (user_b, the supplier); C is a second buyer."""
    Membership.objects.filter(user__in=[user_a, user_b]).update(role="editor")
    facility = Facility.objects.create(
        name="SAQ Factory",
        address="5 Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_b,
    )
    org_c = OrganisationFactory(name="Organisation C", slug="org-c")
    user_c = UserFactory(username="carol")
    MembershipFactory(user=user_c, organisation=org_c, role="editor")
    for buyer in (org_a, org_c):
        SupplyRelationship.objects.create(buyer=buyer, facility=facility)
    questionnaire = Questionnaire.objects.get(code="labour-practice", version="2026.1")
    return facility, questionnaire, org_c, user_c


def all_answers(questionnaire, gap_codes=()):
    values = {}
    for q in questionnaire.questions.all():
        values[q.code] = ("no" if q.expected == "yes" else "yes") if q.code in gap_codes else q.expected
    return values


def test_every_template_question_cites_provisions_of_the_knowledge_base():
    loaded = questionnaire_templates_load()
    assert {q.code for q in loaded} == {"labour-practice", "garment-sector-risks"}
    for questionnaire in loaded:
        for question in questionnaire.questions.all():
            assert question.provisions and question.topic_code


def test_answer_once_share_many_and_gaps_become_risk_evidence(setup, org_a, user_a, user_b):
    facility, questionnaire, org_c, user_c = setup
    from_a = questionnaire_send(questionnaire=questionnaire, facility=facility, organisation=org_a, by=user_a)
    from_c = questionnaire_send(questionnaire=questionnaire, facility=facility, organisation=org_c, by=user_c)
    answers_save(
        request=from_a,
        by=user_b,
        values=all_answers(questionnaire, {"lp-overtime-limit"}),
        comments={},
        files={},
        language="zh-hans",
    )
    assert not request_answers(user=user_a, request=from_a)  # a draft is the supplier's alone
    answers_save(request=from_a, by=user_b, values={}, comments={}, files={}, language="zh-hans", submit=True)
    from_a.refresh_from_db()
    assert from_a.status == "submitted" and from_a.gaps == ["lp-overtime-limit"] and from_a.score == 90.0
    assert len(request_answers(user=user_a, request=from_a)) == 10
    assert not request_answers(user=user_c, request=from_c)  # C sees nothing until the supplier shares
    questionnaire_share(request=from_c, by=user_b)
    assert len(request_answers(user=user_c, request=from_c)) == 10
    assert Answer.objects.filter(facility=facility).count() == 10  # the same answers serve both buyers
    assert AnswerShare.objects.filter(facility=facility).count() == 2
    reasons = risk_assess(organisation=org_a)[0].issues["working-time"].reasons
    assert any(r["kind"] == "saq_gap" and r["question"] == "lp-overtime-limit" for r in reasons)
    item = action_from_gap(
        request=from_a,
        question_code="lp-overtime-limit",
        by=user_a,
        owner="HR",
        deadline=datetime.date(2027, 1, 31),
    )
    assert item.source == ActionItem.Source.SAQ_GAP and item.issue == "working-time"


def test_submitting_with_questions_unanswered_is_refused(setup, org_a, user_a, user_b):
    facility, questionnaire, *_ = setup
    request = questionnaire_send(
        questionnaire=questionnaire, facility=facility, organisation=org_a, by=user_a
    )
    with pytest.raises(InvalidInput) as refused:
        answers_save(
            request=request,
            by=user_b,
            values={"lp-contracts": "yes"},
            comments={},
            files={},
            language="en",
            submit=True,
        )
    assert refused.value.code == "incomplete" and len(refused.value.details) == 9


def test_evidence_files_are_checked_for_type_and_size_and_nothing_is_saved(setup, org_a, user_a, user_b):
    facility, questionnaire, *_ = setup
    request = questionnaire_send(
        questionnaire=questionnaire, facility=facility, organisation=org_a, by=user_a
    )
    with pytest.raises(InvalidInput):
        answers_save(
            request=request,
            by=user_b,
            values={"lp-contracts": "yes"},
            comments={},
            language="en",
            files={"lp-contracts": SimpleUploadedFile("run.exe", b"MZ")},
        )
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(TooLarge):
        answers_save(
            request=request,
            by=user_b,
            values={"lp-contracts": "yes"},
            comments={},
            language="en",
            files={"lp-contracts": big},
        )
    assert not Answer.objects.exclude(value="").exists()


def test_only_buyers_of_the_facility_may_send_and_only_the_supplier_answers(setup, org_a, user_a, user_b):
    facility, questionnaire, *_ = setup
    stranger_org = OrganisationFactory(name="Stranger", slug="stranger")
    stranger = UserFactory(username="stranger")
    MembershipFactory(user=stranger, organisation=stranger_org, role="editor")
    with pytest.raises(Forbidden):
        questionnaire_send(
            questionnaire=questionnaire, facility=facility, organisation=stranger_org, by=stranger
        )
    request = questionnaire_send(
        questionnaire=questionnaire, facility=facility, organisation=org_a, by=user_a
    )
    with pytest.raises(Forbidden):
        answers_save(request=request, by=user_a, values={}, comments={}, files={}, language="en")


def test_workspace_pages_render_for_the_buyer(client, setup, org_a, user_a, user_b):
    facility, questionnaire, *_ = setup
    request = questionnaire_send(
        questionnaire=questionnaire, facility=facility, organisation=org_a, by=user_a
    )
    client.force_login(user_a)
    for url in (
        "/due-diligence/questionnaires/",
        f"/due-diligence/questionnaires/{request.pk}/",
        "/due-diligence/actions/",
        "/due-diligence/tracking/",
        "/due-diligence/report/",
        "/due-diligence/method/",
        "/zh-hans/due-diligence/report/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(user_b)
    page = client.get(f"/due-diligence/questionnaires/{request.pk}/")
    assert page.status_code == 200 and "lp-contracts" in page.content.decode()
