"""Import of participant lists (CSV/XLSX, English or Chinese headers and values) into an activity.

It plugs into the one import pipeline (`rsca.core.imports.pipeline`): `PARTICIPANTS` declares the row
schema and the commit function. All or nothing: the whole file is checked first and every problem is named
by file, row and column; nothing is written unless every row is valid or the caller explicitly asks for the
valid rows only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rsca.core.errors import NotFound
from rsca.core.imports.pipeline import Column, Importer, ImportResult, ImportRow, RowSchema, import_run
from rsca.core.imports.values import CellProblem
from rsca.core.tabular import cell_error
from rsca.training.models import Activity, Participant, Registration
from rsca.training.normalise import Lookup, constituent_normalise, sex_normalise
from rsca.training.services import new_registration_token, require_manager

ALIASES = {
    "full_name": "name",
    "participant": "name",
    "participant_name": "name",
    "姓名": "name",
    "名字": "name",
    "gender": "sex",
    "性别": "sex",
    "organization": "organisation",
    "org": "organisation",
    "employer": "organisation",
    "company": "organisation",
    "单位": "organisation",
    "工作单位": "organisation",
    "组织": "organisation",
    "机构": "organisation",
    "单位名称": "organisation",
    "所在单位": "organisation",
    "constituent": "constituent_type",
    "type": "constituent_type",
    "category": "constituent_type",
    "stakeholder_type": "constituent_type",
    "organisation_type": "constituent_type",
    "organization_type": "constituent_type",
    "类别": "constituent_type",
    "类型": "constituent_type",
    "单位类型": "constituent_type",
    "参与者类型": "constituent_type",
    "所属类别": "constituent_type",
    "position": "role",
    "title": "role",
    "job_title": "role",
    "职务": "role",
    "职位": "role",
    "岗位": "role",
    "industry": "sector",
    "行业": "sector",
    "所属行业": "sector",
    "province_city": "province",
    "region": "province",
    "省份": "province",
    "省": "province",
    "地区": "province",
    "所在省份": "province",
    "e_mail": "email",
    "email_address": "email",
    "mail": "email",
    "邮箱": "email",
    "电子邮件": "email",
    "电子邮箱": "email",
    "邮件": "email",
    "facility": "facility_id",
    "facility_public_id": "facility_id",
    "工厂编号": "facility_id",
    "present": "attended",
    "出席": "attended",
    "是否出席": "attended",
}
YES = {"", "yes", "y", "true", "1", "x", "present", "是", "出席", "已出席", "√", "✓"}
NO = {"no", "n", "false", "0", "absent", "否", "缺席", "未出席"}
COMPARED = (
    "sex",
    "organisation",
    "constituent_type",
    "role",
    "sector_id",
    "province_id",
    "email",
    "facility_id",
)


@dataclass
class ImportReport(ImportResult):
    """The pipeline's result with what happened to the people of the activity."""

    session: str = ""
    people_created: int = 0
    people_matched: int = 0
    registrations_created: int = 0
    already_registered: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "session": self.session,
            "committed": self.committed,
            "rows": len(self.rows),
            "valid_rows": len(self.valid_rows),
            "skipped": self.skipped,
            "people_created": self.people_created,
            "people_matched": self.people_matched,
            "registrations_created": self.registrations_created,
            "already_registered": self.already_registered,
            "errors": self.errors,
            "preview": [
                {
                    "row": r.line,
                    "name": r.values.get("name", ""),
                    **{k: v for k, v in r.values.items() if k != "name"},
                    "outcome": r.outcome,
                    "valid": r.is_valid,
                }
                for r in self.rows
            ],
        }


def activity_for_import(*, slug: str) -> Activity:
    activity = Activity.objects.filter(slug=slug).first()
    if activity is None:
        message = _("There is no activity with the slug “%(slug)s”.") % {"slug": slug}
        raise NotFound(message, code="unknown_session", details=[cell_error("", None, "session", message)])
    return activity


def _words(text: str) -> str:
    return " ".join(text.split())


def _sex(text: str) -> str:
    sex = sex_normalise(text)
    if sex is None:
        raise CellProblem(
            _("“%(value)s” is not a sex we know (female/male/other/undisclosed, 女/男).") % {"value": text}
        )
    return sex


def _constituent(text: str) -> str:
    constituent = constituent_normalise(text)
    if constituent is None:
        raise CellProblem(
            _(
                "“%(value)s” is not a constituent type: use government, "
                "employers_organisation, workers_organisation, enterprise, academia, "
                "civil_society, international_organisation or other (or 政府, 雇主组织, "
                "工会, 企业, 学术机构, 社会组织, 国际组织, 其他)."
            )
            % {"value": text}
        )
    return constituent


def _email(text: str) -> str:
    email = text.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise CellProblem(_("“%(value)s” is not a valid e-mail address.") % {"value": text}) from None
    return email


def _attended(text: str) -> bool:
    value = text.strip().lower()
    if value not in YES and value not in NO:
        raise CellProblem(_("“%(value)s” is not yes or no.") % {"value": text})
    return value not in NO


def _check(rows: list[ImportRow], activity: Activity) -> None:
    """What a cell alone cannot say: look-ups on the platform, the same person twice in the file, and (for the
    preview) what will happen to each valid row."""
    from rsca.supplychain.models import Facility

    lookup = Lookup()
    by_email: dict[str, ImportRow] = {}
    by_name_org: dict[tuple[str, str], ImportRow] = {}
    for row in rows:
        values = row.values
        values["sector_id"] = values["province_id"] = values["facility_id"] = None
        if row.raw.get("sector", "").strip():
            values["sector_id"] = lookup.sector(row.raw["sector"])
            if values["sector_id"] is None:
                row.error(
                    "sector",
                    _(
                        "“%(value)s” is not a sector we know (an ISIC code or name, or "
                        "electronics/textiles/garments)."
                    )
                    % {"value": row.raw["sector"]},
                )
        if row.raw.get("province", "").strip():
            values["province_id"] = lookup.province(row.raw["province"])
            if values["province_id"] is None:
                row.error(
                    "province",
                    _("“%(value)s” is not a Chinese province or city we know.")
                    % {"value": row.raw["province"]},
                )
        public_id = row.raw.get("facility_id", "").strip()
        if public_id:
            facility = Facility.objects.filter(public_id=public_id.upper()).only("id").first()
            if facility is None:
                row.error(
                    "facility_id",
                    _("No facility on the platform has the ID “%(value)s”.") % {"value": public_id},
                )
            else:
                values["facility_id"] = facility.pk
        values["organisation_id"] = lookup.organisation(row.raw.get("organisation", ""))
        for name in ("sex", "constituent_type", "email", "name", "organisation"):
            values.setdefault(name, None)
        name, email = values["name"] or "", values["email"] or ""
        earlier = by_email.get(email) if email else None
        if earlier is None and name:
            earlier = by_name_org.get((name.casefold(), (values["organisation"] or "").casefold()))
            if earlier is not None and email and earlier.values["email"] and earlier.values["email"] != email:
                earlier = None  # same name and organisation but different e-mail: two people
        if earlier is not None:
            differing = [
                c
                for c in COMPARED
                if values.get(c) != earlier.values.get(c) and values.get(c) and earlier.values.get(c)
            ]
            if differing:
                row.error(
                    ",".join(differing),
                    _("Row %(row)s describes the same person differently (%(columns)s).")
                    % {"row": earlier.line, "columns": ", ".join(differing)},
                    value="",
                )
            else:
                row.error(
                    "name", _("The same person as row %(row)s (duplicate row).") % {"row": earlier.line}
                )
        else:
            if email:
                by_email[email] = row
            if name:
                by_name_org.setdefault((name.casefold(), (values["organisation"] or "").casefold()), row)
    valid = [row for row in rows if row.is_valid]
    people = PeopleIndex(valid)
    registered = set(activity.registrations.values_list("participant_id", flat=True))
    for row in valid:
        person = people.match(
            email=row.values["email"], name=row.values["name"], organisation=row.values["organisation"]
        )
        row.outcome = "new" if person is None else "registered" if person.pk in registered else "known"


def _chunks(values: set[str], size: int = 500) -> list[list[str]]:
    ordered = sorted(values)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


class PeopleIndex:
    """The people already on the platform that rows of a file may be, loaded in a few queries.

    Matching is that of `participant_key_match`: e-mail (case-insensitive) first, else name and
    organisation (case-insensitive) of someone without an e-mail or with the same one.
    """

    def __init__(self, rows: list[ImportRow]) -> None:
        self.by_email: dict[str, Participant] = {}
        self.by_name: dict[tuple[str, str], list[Participant]] = {}
        emails = {row.values["email"] for row in rows if row.values["email"]}
        names = {row.values["name"].lower() for row in rows if row.values["name"]}
        for chunk in _chunks(emails):
            for person in Participant.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=chunk
            ):
                self.by_email[person.email.lower()] = person
        for chunk in _chunks(names):
            for namesake in Participant.objects.annotate(name_lower=Lower("full_name")).filter(
                name_lower__in=chunk
            ):
                self._add_name(namesake)

    def _add_name(self, person: Participant) -> None:
        key = (person.full_name.strip().lower(), person.organisation_name.strip().lower())
        self.by_name.setdefault(key, []).append(person)

    def match(self, *, email: str, name: str, organisation: str) -> Participant | None:
        if email and email in self.by_email:
            return self.by_email[email]
        for person in self.by_name.get((name.lower(), organisation.lower()), []):
            if not person.email or not email or person.email.lower() == email:
                return person  # two different e-mail addresses are two people
        return None

    def add(self, person: Participant) -> None:
        if person.email:
            self.by_email[person.email.lower()] = person
        self._add_name(person)


def _person_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "full_name": values["name"],
        "sex": values["sex"],
        "organisation_name": values["organisation"],
        "constituent_type": values["constituent_type"],
        "role": values["role"],
        "sector_id": values["sector_id"],
        "province_id": values["province_id"],
        "email": values["email"],
        "facility_id": values["facility_id"],
        "organisation_id": values["organisation_id"],
    }


def _commit(rows: list[ImportRow], activity: Activity) -> dict[str, int]:
    """Register everyone (attended unless the row says no); known people get their empty fields filled in."""
    counts = {"people_created": 0, "people_matched": 0, "registrations_created": 0, "already_registered": 0}
    people = PeopleIndex(rows)
    registered = set(activity.registrations.values_list("participant_id", flat=True))
    for row in rows:
        fields = _person_fields(row.values)
        person = people.match(
            email=fields["email"], name=fields["full_name"], organisation=fields["organisation_name"]
        )
        if person is None:
            person = Participant.objects.create(**fields)
            people.add(person)
            counts["people_created"] += 1
        else:
            counts["people_matched"] += 1
            changed = [
                name
                for name, value in fields.items()
                if value not in (None, "") and getattr(person, name) in (None, "")
            ]
            if person.sex == "undisclosed" and fields["sex"] != "undisclosed":
                changed.append("sex")
            if person.constituent_type == "other" and fields["constituent_type"] != "other":
                changed.append("constituent_type")
            for name in changed:
                setattr(person, name, fields[name])
            if changed:
                person.save(update_fields=sorted(set(changed)))
        if person.pk in registered:
            counts["already_registered"] += 1
            if row.values["attended"]:
                Registration.objects.filter(activity=activity, participant=person, attended=False).update(
                    attended=True
                )
            continue
        Registration.objects.create(
            activity=activity,
            participant=person,
            status=Registration.Status.CONFIRMED,
            source=Registration.Source.IMPORT,
            attended=row.values["attended"],
            token=new_registration_token(),
        )
        registered.add(person.pk)
        counts["registrations_created"] += 1
    return counts


PARTICIPANTS = Importer(
    key="participants",
    schema=RowSchema(
        columns=(
            Column("name", _words, in_header=True, needed=True, missing=gettext_lazy("The name is missing.")),
            Column("sex", _sex, blank=sex_normalise("")),
            Column("organisation", _words),
            Column("constituent_type", _constituent, blank="other"),
            Column("role", str.strip),
            Column("sector", str.strip),
            Column("province", str.strip),
            Column("email", _email),
            Column("facility_id", str.strip),
            Column("attended", _attended, blank=True),
        ),
        aliases=ALIASES,
        check=_check,
        max_rows=20_000,
    ),
    commit=_commit,
)
REQUIRED = PARTICIPANTS.schema.required
OPTIONAL = PARTICIPANTS.schema.optional


def participants_import(
    *,
    session: str | Activity,
    source: bytes | str | Path | IO[bytes],
    filename: str,
    commit: bool = False,
    skip_invalid: bool = False,
    by: Any,
) -> ImportReport:
    """Check a participant list and, with `commit`, register everyone in it (attended unless the row says no).

    A file with invalid rows is refused (InvalidInput naming every row) unless `skip_invalid`.
    The same person (e-mail, case-insensitive, or else name + organisation) is never created twice:
    known people get their empty fields filled in; people already registered are left as they are.
    """
    activity = session if isinstance(session, Activity) else activity_for_import(slug=session)
    require_manager(by, activity)
    result = import_run(
        importer=PARTICIPANTS,
        source=source,
        filename=filename,
        context=activity,
        commit=commit,
        skip_invalid=skip_invalid,
    )
    if skip_invalid and not commit:
        for row in result.invalid_rows:
            row.outcome = "skipped"
    return ImportReport(
        filename=filename,
        session=activity.slug,
        rows=result.rows,
        headers=result.headers,
        committed=result.committed,
        skipped=result.skipped,
        counts=result.counts,
        **result.counts,
    )
