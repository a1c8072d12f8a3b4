from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput


class ApplicableForm(forms.Form):
    jurisdiction = forms.CharField(
        label=_("Jurisdiction code"),
        max_length=40,
        initial="CN-440300",
        help_text=_("e.g. CN, CN-GD, CN-440300 (Shenzhen), VN, TH-10"),
    )
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    buyer_code = forms.ChoiceField(
        label=_("Buyer code"),
        required=False,
        choices=[
            ("", _("none")),
            ("rba", _("RBA Code of Conduct")),
            ("amfori", _("amfori BSCI Code of Conduct")),
        ],
    )

    def clean_on(self) -> object:
        return self.cleaned_data.get("on") or timezone.localdate()


class MinimumWageForm(forms.Form):
    place = forms.CharField(
        label=_("Place"),
        max_length=80,
        initial="东莞",
        help_text=_(
            "A city, county or district by name in English or Chinese (Dongguan, 昆山, "
            "巴中, Ho Chi Minh), or its code (441900, CN-320583, VN-SG, VN-HN:250)"
        ),
    )
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())

    def clean_on(self) -> object:
        return self.cleaned_data.get("on") or timezone.localdate()
