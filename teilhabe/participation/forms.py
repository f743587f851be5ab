"""Forms of the participation pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.core.recorded_dates import is_ahead
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.participation.models import (
    AGE_FIELDS,
    GENDER_FIELDS,
    Answer,
    Idea,
    ParticipationEvent,
)
from teilhabe.participation.services import count_problems
from teilhabe.planning.forms import DATE
from teilhabe.planning.models import Concept, Measure


class EventForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ParticipationEvent
        fields = [
            "kind",
            "title",
            "date",
            "place",
            "area",
            "organisers",
            *AGE_FIELDS,
            *GENDER_FIELDS,
        ]
        widgets = {"date": DATE}
        help_texts = {
            "area": _("Empty: the event concerned the whole city."),
            "under_18": _(
                "Counts only, never names. Each participant once by age band and once by gender."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("level", "code")  # type: ignore[attr-defined]
        organisers = Actor.objects.filter(is_active=True).order_by("name")
        self.fields["organisers"].queryset = organisers  # type: ignore[attr-defined]
        for name in (*AGE_FIELDS, *GENDER_FIELDS):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("date")
        if day is not None and is_ahead(day):
            self.add_error("date", _("The date lies too far in the future."))
        for problem in count_problems(
            {name: data.get(name) for name in (*AGE_FIELDS, *GENDER_FIELDS)}
        ):
            self.add_error(None, problem)
        return data


class IdeaForm(KernModelForm):
    class Meta:
        model = Idea
        fields = ["text", "topic", "field"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": _("As written on the idea card, without names.")}

    def __init__(self, *args: Any, concept: Concept, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = concept.fields.order_by("code")  # type: ignore[attr-defined]


ANSWERS = [(value, label) for value, label in Answer.choices if value != Answer.OPEN]


class AnswerForm(KernForm):
    version = VersionField()
    answer = forms.ChoiceField(label=_("Answer"), choices=ANSWERS, widget=forms.RadioSelect)
    measure: forms.ModelChoiceField[Measure] = forms.ModelChoiceField(
        label=_("Measure"),
        queryset=Measure.objects.none(),
        required=False,
        help_text=_("The measure that takes the idea up, or the one it is merged into."),
    )
    merged_into: forms.ModelChoiceField[Idea] = forms.ModelChoiceField(
        label=_("Merged into the idea"),
        queryset=Idea.objects.none(),
        required=False,
        help_text=_("Only for a merge into another idea instead of a measure."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the idea is not taken up; shown on the public page."),
    )
    public_text = forms.CharField(
        label=_("Public answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public page with the idea. No names."),
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        concept = idea.event.concept
        self.fields["measure"].queryset = concept.measures.order_by("code")  # type: ignore[attr-defined]
        others = Idea.objects.filter(event__concept=concept).exclude(pk=idea.pk)
        self.fields["merged_into"].queryset = others.select_related("event").order_by("id")  # type: ignore[attr-defined]

    def clean_answered_on(self) -> Any:
        day = self.cleaned_data["answered_on"]
        if is_ahead(day):
            raise forms.ValidationError(_("The date lies too far in the future."))
        return day


class NewMeasureAnswerForm(KernForm):
    """The answer's part of "answer with a new measure" (used with prefix "answer"); the
    measure's fields come from the plan's own MeasureForm on the same page."""

    version = VersionField()
    public_text = forms.CharField(
        label=_("Public answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public page with the idea. No names."),
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)

    def clean_answered_on(self) -> Any:
        day = self.cleaned_data["answered_on"]
        if is_ahead(day):
            raise forms.ValidationError(_("The date lies too far in the future."))
        return day
