"""Self-assessment questionnaires: templates from `data/questionnaires.yaml`, sending, answering, scoring, sharing.

Answer once, share many: an answer belongs to the facility and the question version, not to a request; every
requester the supplier shares a submitted questionnaire with (`AnswerShare`) sees the same answers.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.errors import Forbidden, InvalidInput, TooLarge
from rsca.core.models import Organisation
from rsca.core.scoping import can_edit_organisation, is_platform_staff
from rsca.duediligence.method import data_file
from rsca.duediligence.models import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    ActionItem,
    Answer,
    AnswerShare,
    Question,
    Questionnaire,
    QuestionnaireRequest,
)
from rsca.standards.models import Provision
from rsca.supplychain.models import Facility, SupplyRelationship

TEMPLATE_FILE = "questionnaires.yaml"


def _provision_exists(citation: str) -> bool:
    code, _sep, reference = citation.partition(" ")
    return Provision.objects.filter(instrument__code=code, reference=reference).exists()


@transaction.atomic
def questionnaire_templates_load() -> list[Questionnaire]:
    """Create or update the template questionnaires; every cited provision must exist in the knowledge base."""
    loaded = []
    for spec in data_file(TEMPLATE_FILE)["questionnaires"]:
        for index, question in enumerate(spec["questions"], start=1):
            for citation in question["provisions"]:
                if not _provision_exists(citation):
                    raise InvalidInput(
                        f"{TEMPLATE_FILE}, questionnaire {spec['code']}, question {index} "
                        f"({question['code']}), provisions: {citation!r} is not in the standards "
                        "knowledge base",
                        code="unknown_provision",
                    )
        questionnaire, _created = Questionnaire.objects.update_or_create(
            code=spec["code"],
            version=spec["version"],
            defaults={
                "title_en": spec["title_en"],
                "title_zh": spec["title_zh"],
                "basis": spec.get("basis", ""),
                "description_en": spec.get("description_en", ""),
                "description_zh": spec.get("description_zh", ""),
            },
        )
        for order, question in enumerate(spec["questions"], start=1):
            Question.objects.update_or_create(
                questionnaire=questionnaire,
                code=question["code"],
                defaults={
                    "order": order,
                    "topic_code": question["topic"],
                    "text_en": question["text_en"],
                    "text_zh": question["text_zh"],
                    "expected": question.get("expected", ""),
                    "weight": float(question.get("weight", 1.0)),
                    "provisions": question["provisions"],
                    "evidence_hint_en": question.get("evidence_en", ""),
                    "evidence_hint_zh": question.get("evidence_zh", ""),
                    "kind": question.get("kind", Question.Kind.YES_NO),
                },
            )
        loaded.append(questionnaire)
    return loaded


def questionnaire_send(
    *,
    questionnaire: Questionnaire,
    facility: Facility,
    organisation: Organisation | None,
    by: Any,
    due_date: datetime.date | None = None,
) -> QuestionnaireRequest:
    """A buyer (editor of an organisation buying from the facility) or the programme (staff, `organisation` None)
    asks the facility to answer. Answers already submitted for this version are shared at once if the supplier
    had shared them with the buyer before; otherwise the supplier decides."""
    if organisation is None:
        if not is_platform_staff(by):
            raise Forbidden(_("Only the programme may send a questionnaire without an organisation."))
    elif not (
        can_edit_organisation(by, organisation.pk)
        and SupplyRelationship.objects.filter(buyer=organisation, facility=facility).exists()
    ):
        raise Forbidden(_("You may send questionnaires only to facilities your organisation buys from."))
    request, _created = QuestionnaireRequest.objects.get_or_create(
        questionnaire=questionnaire,
        facility=facility,
        requested_by=organisation,
        defaults={"due_date": due_date},
    )
    return request


def _can_answer(user: Any, facility: Facility) -> bool:
    return bool(facility.claimed_by_id and can_edit_organisation(user, facility.claimed_by_id))


def _check_evidence(upload: UploadedFile, question: Question) -> None:
    name = upload.name or ""
    if upload.size is not None and upload.size > EVIDENCE_MAX_BYTES:
        raise TooLarge(
            _("The evidence file is too large (at most 10 MB)."),
            details=[{"file": name, "row": None, "column": question.code, "message": f"{upload.size} bytes"}],
        )
    if name.rsplit(".", 1)[-1].lower() not in EVIDENCE_EXTENSIONS:
        raise InvalidInput(
            _("Evidence must be PDF, JPEG, PNG, XLSX or DOCX."),
            code="unsupported_type",
            details=[{"file": name, "row": None, "column": question.code, "message": "type not accepted"}],
        )


@transaction.atomic
def answers_save(
    *,
    request: QuestionnaireRequest,
    by: Any,
    values: dict[str, str],
    comments: dict[str, str],
    files: dict[str, UploadedFile],
    language: str,
    submit: bool = False,
) -> QuestionnaireRequest:
    """Save the supplier's draft answers (and with `submit`, submit them: every question answered, scored, gaps
    listed, shared with the requester). Nothing is saved when one value or file is refused."""
    facility = request.facility
    if not _can_answer(by, facility):
        raise Forbidden(_("Only the facility's supplier may answer."))
    questions = {q.code: q for q in request.questionnaire.questions.all()}
    for code, upload in files.items():
        if code in questions:
            _check_evidence(upload, questions[code])
    for code, question in questions.items():
        value = (values.get(code) or "").strip().lower()
        if value and question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            raise InvalidInput(_("Answer yes or no."), details=[{"column": code, "message": value}])
        answer, _created = Answer.objects.get_or_create(facility=facility, question=question)
        if value or code in comments or code in files:
            answer.value = value or answer.value
            answer.comment = (comments.get(code) or answer.comment)[:4000]
            answer.language = language
            answer.answered_by = by
            if code in files:
                answer.evidence = files[code]
            answer.save()
    if submit:
        missing = [
            code
            for code, q in questions.items()
            if not Answer.objects.filter(facility=facility, question=q).exclude(value="").exists()
        ]
        if missing:
            raise InvalidInput(
                _("Answer every question before submitting."),
                code="incomplete",
                details=[{"column": code, "message": "no answer"} for code in missing],
            )
        Answer.objects.filter(facility=facility, question__questionnaire=request.questionnaire).update(
            submitted=True
        )
        questionnaire_share(request=request, by=by)
    return request


def questionnaire_score(
    *, facility: Facility, questionnaire: Questionnaire
) -> tuple[float | None, list[str]]:
    """Share of the weighted questions answered without a gap (0-100), and the codes of the gaps."""
    answers = list(
        Answer.objects.filter(
            facility=facility, question__questionnaire=questionnaire, submitted=True
        ).select_related("question")
    )
    total = sum(a.question.weight for a in answers if a.question.expected)
    if not total:
        return None, []
    gaps = [a.question.code for a in answers if a.is_gap]
    kept = sum(a.question.weight for a in answers if a.question.expected and not a.is_gap)
    return round(kept / total * 100, 1), gaps


@transaction.atomic
def questionnaire_share(*, request: QuestionnaireRequest, by: Any) -> QuestionnaireRequest:
    """Share the facility's submitted answers to this version with the request's requester (answer once, share
    many: the same answers serve every requester the supplier shares with)."""
    if not _can_answer(by, request.facility):
        raise Forbidden(_("Only the facility's supplier may share its answers."))
    score, gaps = questionnaire_score(facility=request.facility, questionnaire=request.questionnaire)
    if score is None:
        raise InvalidInput(_("There are no submitted answers to share yet."), code="nothing_submitted")
    if request.requested_by_id:
        AnswerShare.objects.get_or_create(
            facility=request.facility,
            questionnaire=request.questionnaire,
            organisation_id=request.requested_by_id,
        )
    request.status = QuestionnaireRequest.Status.SUBMITTED
    request.submitted_at = request.submitted_at or timezone.now()
    request.score, request.gaps = score, gaps
    request.save()
    return request


def action_from_gap(
    *,
    request: QuestionnaireRequest,
    question_code: str,
    by: Any,
    owner: str,
    deadline: datetime.date,
    description: str = "",
) -> ActionItem:
    """The buyer opens a corrective action from a gap in answers shared with it."""
    if request.requested_by_id is None or not can_edit_organisation(by, request.requested_by_id):
        raise Forbidden(_("Only the requesting buyer may open an action from this questionnaire."))
    if question_code not in (request.gaps or []):
        raise InvalidInput(_("This answer shows no gap."), code="no_gap")
    question = request.questionnaire.questions.get(code=question_code)
    item, _created = ActionItem.objects.get_or_create(
        organisation_id=request.requested_by_id,
        facility=request.facility,
        source=ActionItem.Source.SAQ_GAP,
        source_ref=f"{request.questionnaire.code}/{request.questionnaire.version}/{question_code}",
        defaults={
            "issue": question.topic_code,
            "description": description or question.text_en,
            "owner": owner,
            "deadline": deadline,
        },
    )
    return item
