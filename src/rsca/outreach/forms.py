from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput
from rsca.core.models import Division, Organisation
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.outreach.models import Dialogue, FollowUp
from rsca.training.models import Activity


class DialogueForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Dialogue.Kind.choices)
    held_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    place = forms.ModelChoiceField(
        label=_("Province or city"), queryset=Division.objects.all(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("With whom"), queryset=Organisation.objects.none(), required=False
    )
    summary_en = forms.CharField(
        label=_("What was discussed (English)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    summary_zh = forms.CharField(
        label=_("What was discussed (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    activity = forms.ModelChoiceField(
        label=_("Related activity"), queryset=Activity.objects.filter(is_published=True), required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Kept by"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Empty: the programme team."),
    )
    is_public = forms.BooleanField(label=_("Public record"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from rsca.core.scoping import visible_to

        cast(forms.ModelChoiceField, self.fields["organisations"]).queryset = visible_to(
            user, Organisation.objects.all()
        )
        if is_platform_staff(user):
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = Organisation.objects.all()
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = Organisation.objects.filter(
                pk__in=user_organisation_ids(user, roles=WRITE_ROLES)
            )
            self.fields["owner"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("title_en") or "").strip() and not (cleaned.get("title_zh") or "").strip():
            self.add_error("title_en", _("Give a title in at least one language."))
        return cleaned


class FollowUpForm(forms.Form):
    action_en = forms.CharField(
        label=_("Action (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action_zh = forms.CharField(
        label=_("Action (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=Organisation.objects.filter(is_public=True), required=False
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("action_en") or "").strip() and not (cleaned.get("action_zh") or "").strip():
            self.add_error("action_en", _("Say what is to be done."))
        return cleaned


STATUS_CHOICES = FollowUp.Status.choices
