from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rsca.core.models import Division, Organisation, Sector
from rsca.supplychain.models import Facility

ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


class FacilityListUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    file = forms.FileField(
        label=_("Facility list (CSV or XLSX)"),
        help_text=_(
            "Columns: name, address, country (required); sector, product_type, "
            "facility_type, processing_type, number_of_workers, native_language_name, "
            "parent_company, lat, lng (optional). Other columns are kept."
        ),
    )
    tier = forms.TypedChoiceField(
        label=_("Tier"),
        choices=[(str(i), str(i)) for i in range(1, 4)],
        coerce=int,
        initial=1,
        help_text=_("Used for rows without a tier column."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            if organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": settings.MAX_UPLOAD_BYTES // 1_048_576}
            )
        return upload


class FacilityEditForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.exclude(parent__isnull=True),
        required=False,
        label=_("Sectors"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Facility
        fields = [
            "name",
            "native_name",
            "address",
            "native_address",
            "division",
            "latitude",
            "longitude",
            "facility_type",
            "product_type",
            "processing_type",
            "number_of_workers",
            "parent_company",
            "is_closed",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.order_by("code")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["sectors"].initial = list(self.instance.sectors.all())


class FacilityMergeForm(forms.Form):
    other = forms.CharField(label=_("ID of the duplicate facility"), max_length=15)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
