from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rsca.core.forms import DateInput
from rsca.core.models import Division, Organisation, Sector
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.training.models import Activity, ConstituentType, Question, Sex, TestAttempt

UPLOAD_TYPES = (".csv", ".xlsx")


def known_topic_codes() -> set[str]:
    """The topic codes of the standards taxonomy (empty when that app's data is not there)."""
    from django.db import DatabaseError

    try:
        from rsca.standards.models import Topic

        return set(Topic.objects.values_list("code", flat=True))
    except (ImportError, DatabaseError):
        return set()


def _province_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(d.code, d.name) for d in Division.objects.filter(level=Division.Level.PROVINCE)]


def _sector_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(s.code, f"{s.code} · {s.name}") for s in Sector.objects.exclude(parent=None)]


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNDISCLOSED)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    constituent_type = forms.ChoiceField(
        label=_("Your organisation is"), choices=[("", "—"), *ConstituentType.choices]
    )
    role = forms.CharField(label=_("Role or job title"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that my registration data is used to organise this activity "
            "and, anonymised, to report on the programme's results."
        )
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["sector"]).choices = _sector_choices()
        cast(forms.ChoiceField, self.fields["province"]).choices = _province_choices()


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "title_en",
            "title_zh",
            "description_en",
            "description_zh",
            "course",
            "start_date",
            "end_date",
            "date_precision",
            "place",
            "venue_en",
            "venue_zh",
            "mode",
            "language",
            "sectors",
            "organisers",
            "partners",
            "budget_line",
            "capacity",
            "registration_open",
            "is_published",
            "owner",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_zh": forms.Textarea(attrs={"rows": 4}),
        }

    topics = forms.CharField(
        label=_("Topic codes"),
        required=False,
        help_text=_("Comma-separated codes of the standards taxonomy, e.g. working-time, wages."),
    )
    target = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=ConstituentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["place"]).queryset = Division.objects.all()
        cast(forms.ModelChoiceField, self.fields["organisers"]).queryset = Organisation.objects.filter(
            is_public=True
        )
        cast(forms.ModelChoiceField, self.fields["partners"]).queryset = Organisation.objects.filter(
            is_public=True
        )
        if is_platform_staff(user):
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = Organisation.objects.all()
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = Organisation.objects.filter(
                pk__in=user_organisation_ids(user, roles=WRITE_ROLES)
            )
            self.fields["owner"].required = True
        if self.instance.pk:
            self.fields["topics"].initial = ", ".join(self.instance.topic_codes)
            self.fields["target"].initial = self.instance.target_groups

    def clean_topics(self) -> list[str]:
        codes = [code.strip() for code in self.cleaned_data["topics"].split(",") if code.strip()]
        known = known_topic_codes()
        unknown = [code for code in codes if known and code not in known]
        if unknown:
            raise forms.ValidationError(
                _("Not topics of the standards taxonomy: %(codes)s. Known: %(known)s.")
                % {"codes": ", ".join(unknown), "known": ", ".join(sorted(known))}
            )
        return codes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["topic_codes"] = self.cleaned_data["topics"]
        data["target_groups"] = list(self.cleaned_data["target"])
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Participant list (CSV or XLSX)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than the upload limit."))
        return upload


class TestForm(forms.Form):
    """One radio group per question; the correct answer never reaches the page."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question}",
                coerce=int,
                widget=forms.RadioSelect,
                choices=list(enumerate(question.option_labels())),
            )
        self.questions = questions

    def answers(self) -> dict[str, int]:
        return {str(q.pk): self.cleaned_data[f"q{q.pk}"] for q in self.questions}


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with the activity? (1 = not at all, 5 = very)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    relevance = forms.TypedChoiceField(
        label=_("How relevant was it to your work?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    facilitation = forms.TypedChoiceField(
        label=_("How good were the trainers and facilitation?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class QuestionForm(forms.Form):
    topic_code = forms.CharField(label=_("Topic code"), max_length=64)
    text_en = forms.CharField(label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_zh = forms.CharField(label=_("Question (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}))
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One option per line, English and Chinese separated by “|”, e.g. “36 hours | 36小时”."),
    )
    correct = forms.IntegerField(label=_("Number of the correct option (1 = first)"), min_value=1)
    source = forms.CharField(label=_("Source provision"), max_length=300)

    def parsed_options(self) -> list[dict[str, str]]:
        options = []
        for line in self.cleaned_data["options"].splitlines():
            if not line.strip():
                continue
            en, _sep, zh = line.partition("|")
            options.append({"en": en.strip(), "zh": zh.strip()})
        return options


class TestSetupForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions"),
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_open = forms.BooleanField(label=_("Open for answers"), required=False)

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["questions"]).queryset = queryset
        cast(Any, self.fields["questions"]).label_from_instance = lambda q: f"[{q.topic_code}] {q}"


PHASES = dict(TestAttempt.Phase.choices)


class MaterialForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=255, required=False)
    file = forms.FileField(
        label=_("File (PDF, Word, PowerPoint, Excel, PNG, JPEG; up to 25 MB)"), required=False
    )
    url = forms.URLField(label=_("or a link (e.g. to the resource library)"), required=False)


class StaffParticipantForm(RegistrationForm):
    """A person added by staff (a walk-in, a late nomination): e-mail optional, no consent box."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["consent"]
        self.fields["email"].required = False
