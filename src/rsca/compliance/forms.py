from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput
from rsca.core.models import Organisation

BUYER_CODE_CHOICES = (
    ("", _("none: national law and ILO only")),
    ("rba", _("RBA Code of Conduct (electronics)")),
    ("amfori", _("amfori BSCI Code of Conduct")),
)


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Upload as"), empty_label=None
    )
    label = forms.CharField(
        label=_("Label"), max_length=200, required=False, help_text=_("e.g. “2025 full year”")
    )
    jurisdiction = forms.CharField(
        label=_("Jurisdiction"),
        max_length=16,
        help_text=_("Where the facility is, e.g. CN-440300 for Shenzhen."),
    )
    buyer_code = forms.ChoiceField(label=_("Buyer code"), choices=BUYER_CODE_CHOICES, required=False)
    roster = forms.FileField(label=_("Roster (CSV or XLSX)"))
    time = forms.FileField(label=_("Time records (CSV or XLSX)"))
    payroll = forms.FileField(label=_("Payroll (CSV or XLSX)"))

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        for name in ("roster", "time", "payroll"):
            self.fields[name].widget.attrs["accept"] = (
                ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )


class ShareForm(forms.Form):
    shared = forms.BooleanField(required=False)


class CorrectiveActionForm(forms.Form):
    """Plan (with `finding_codes`) or change (with `statuses`) a corrective action."""

    finding_code = forms.ChoiceField(label=_("Finding"), choices=())
    root_cause = forms.CharField(
        label=_("Root cause"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    action = forms.CharField(
        label=_("Corrective action"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = forms.CharField(label=_("Responsible person"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=())
    evidence_note = forms.CharField(
        label=_("Evidence"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows that the correction is in place (no personal data)."),
    )
    note = forms.CharField(label=_("Note for the history"), max_length=4000, required=False)

    def __init__(
        self,
        *args: Any,
        finding_codes: list[tuple[str, str]] | None = None,
        statuses: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        code_field = self.fields["finding_code"]
        status_field = self.fields["status"]
        assert isinstance(code_field, forms.ChoiceField) and isinstance(status_field, forms.ChoiceField)
        if finding_codes is None:
            del self.fields["finding_code"]
        else:
            code_field.choices = finding_codes
        if statuses is None:
            del self.fields["status"]
            del self.fields["note"]
        else:
            status_field.choices = statuses


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("How was it confirmed?"), max_length=4000, required=False)
