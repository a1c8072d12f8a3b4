from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput
from rsca.core.models import Country, Sector
from rsca.library.models import Resource, Topic


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_zh = forms.CharField(
        label=_("Summary (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    body_zh = forms.CharField(
        label=_("Text (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    url = forms.URLField(label=_("Link"), required=False, max_length=500)
    file = forms.FileField(label=_("File (PDF, Office, image or MP4)"), required=False)
    topics = forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.all(), required=False)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.filter(is_rsca=True), required=False
    )
    is_public = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("title_en") or data.get("title_zh")):
            raise forms.ValidationError(_("Give a title in at least one language."))
        return data
