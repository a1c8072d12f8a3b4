"""Reasons of the register in words, in the active language (stored as data, rendered when read)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rsca.compliance.models import CODE_LABELS

ISSUE_LABELS = {
    "child-labour": gettext_lazy("Child labour and young workers"),
    "forced-labour": gettext_lazy("Forced labour"),
    "osh": gettext_lazy("Occupational safety and health"),
    "gender": gettext_lazy("Sexual harassment and gender-based violence"),
    "freedom-of-association": gettext_lazy("Freedom of association and collective bargaining"),
    "non-discrimination": gettext_lazy("Non-discrimination and equal pay"),
    "wages": gettext_lazy("Wages"),
    "working-time": gettext_lazy("Working time"),
    "contracts": gettext_lazy("Contracts and social insurance"),
    "environment": gettext_lazy("Hazardous chemicals, water and greenhouse gases"),
    "ethics": gettext_lazy("Bribery and corruption"),
    "grievance": gettext_lazy("Access to grievance mechanisms"),
}
SECTOR_LABELS = {"garment": gettext_lazy("garment and footwear"), "electronics": gettext_lazy("electronics")}
SEVERITY_WORDS = {"high": gettext_lazy("high"), "medium": gettext_lazy("medium"), "low": gettext_lazy("low")}


def issue_label(code: str) -> str:
    return str(ISSUE_LABELS.get(code, code))


def reason_text(reason: dict[str, Any]) -> str:
    kind = reason.get("kind")
    issue = issue_label(reason.get("issue", ""))
    r = reason
    if kind == "sector":
        return _("%(issue)s: a risk of the %(sector)s sector (baseline %(points)s; %(source)s).") % {
            "issue": issue,
            "sector": SECTOR_LABELS.get(r["sector"], r["sector"]),
            "points": r["points"],
            "source": r["source"],
        }
    if kind == "sector_unknown":
        return _(
            "Sector not mapped to a sector guidance: a moderate baseline of %(points)s for every issue."
        ) % {"points": r["points"]}
    if kind == "not_ratified":
        return _(
            "%(issue)s: %(country)s has not ratified %(convention)s (legal gap +%(points)s; %(source)s)."
        ) % {
            "issue": issue,
            "country": r["country"],
            "convention": r["convention"],
            "points": r["points"],
            "source": r["source"],
        }
    if kind == "coherence_gap":
        return _("%(issue)s: a gap of %(country)s law against international standards (%(key)s).") % {
            "issue": issue,
            "country": r["country"],
            "key": r["key"],
        }
    if kind == "payroll":
        return _(
            "%(issue)s: the payroll check of %(date)s found %(workers)s of %(of)s workers with “%(code)s” "
            "(%(severity)s severity): an actual impact."
        ) % {
            "issue": issue,
            "date": r["date"],
            "workers": r["workers"],
            "of": r["of"],
            "code": CODE_LABELS.get(r["code"], r["code"]),
            "severity": SEVERITY_WORDS.get(r["severity"], ""),
        }
    if kind == "audit":
        text = _("%(issue)s: %(severity)s finding in the audit by %(auditor)s on %(date)s (+%(points)s).") % {
            "issue": issue,
            "severity": SEVERITY_WORDS.get(r["severity"], r["severity"]),
            "auditor": r["auditor"],
            "date": r["date"],
            "points": r["points"],
        }
        return text + (" " + _("The audit is more than a year old and counts half.") if r.get("old") else "")
    if kind == "saq_gap":
        return _(
            "%(issue)s: the self-assessment answer to %(question)s shows a gap (%(provisions)s; +%(points)s)."
        ) % {
            "issue": issue,
            "question": r["question"],
            "provisions": "; ".join(r.get("provisions") or []),
            "points": r["points"],
        }
    if kind == "grievance":
        return _("%(issue)s: %(cases)s grievance(s) in the last twelve months (+%(points)s).") % {
            "issue": issue,
            "cases": r["cases"],
            "points": r["points"],
        }
    if kind == "retaliation":
        return _(
            "%(issue)s: retaliation was reported in %(cases)s grievance(s); the scale of the harm is raised."
        ) % {"issue": issue, "cases": r["cases"]}
    if kind == "open_actions":
        return _("%(issue)s: %(open)s corrective action(s) open, %(overdue)s overdue (+%(points)s).") % {
            "issue": issue,
            "open": r["open"],
            "overdue": r["overdue"],
            "points": r["points"],
        }
    if kind == "training":
        return _(
            "%(issue)s: staff attended %(trainings)s training(s) on this issue (mitigation %(points)s)."
        ) % {"issue": issue, "trainings": r["trainings"], "points": r["points"]}
    if kind == "no_evidence":
        return _(
            "No evidence from the facility is visible to you yet (no shared check, audit, answers or "
            "grievances): the score is the inherent risk of country and sector only."
        )
    return str(kind)
