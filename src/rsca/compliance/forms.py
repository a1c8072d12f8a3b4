from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rsca.core.models import Organisation

BUYER_CODE_CHOICES = (
    ("", _("none: national law and ILO only")),
    ("rba", _("RBA Code of Conduct (electronics)")),
    ("amfori", _("amfori BSCI Code of Conduct")),
)


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Upload as"),
                                          empty_label=None)
    label = forms.CharField(label=_("Label"), max_length=200, required=False,
                            help_text=_("e.g. “2025 full year”"))
    jurisdiction = forms.CharField(label=_("Jurisdiction"), max_length=16,
                                   help_text=_("Where the facility is, e.g. CN-440300 for Shenzhen."))
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
            self.fields[name].widget.attrs["accept"] = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-" \
                                                       "officedocument.spreadsheetml.sheet"


class ShareForm(forms.Form):
    shared = forms.BooleanField(required=False)
