from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput


class PeriodForm(forms.Form):
    """Values are plain text here: the service parses them so every problem gets the same clear message."""

    start = forms.DateField(label=_("Period start"), widget=DateInput())
    end = forms.DateField(label=_("Period end"), widget=DateInput())
    target = forms.CharField(label=_("Target"), required=False, max_length=30)
    actual = forms.CharField(label=_("Actual"), required=False, max_length=30)
    evidence_en = forms.CharField(
        label=_("Evidence (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_zh = forms.CharField(
        label=_("Evidence (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_url = forms.URLField(label=_("Evidence address"), required=False, max_length=500)
    comment_en = forms.CharField(
        label=_("Comment (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment_zh = forms.CharField(
        label=_("Comment (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ValuesUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data
