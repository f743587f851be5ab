"""Forms of groups, group dates, events and participants (KERN markup via core.forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.codes import AGE_FIELDS, COUNT_FIELDS, GENDER_FIELDS
from teilhabe.activities.counts import count_problems, filled_in
from teilhabe.activities.models import Event, Group, Participant
from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.core.recorded_dates import is_ahead
from teilhabe.organisations.models import Organisation, Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

COUNT_LABELS = {
    "total": _("Participants in total"),
    "female": _("female"),
    "male": _("male"),
    "diverse": _("diverse"),
    "gender_unknown": _("gender unknown"),
    "age_0_13": _("children (0–13)"),
    "age_14_26": _("youth (14–26)"),
    "age_27_64": _("adults (27–64)"),
    "age_65_plus": _("65 and older"),
    "age_unknown": _("age unknown"),
}


def staff_of(organisations: QuerySet[Organisation]) -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation__in=organisations)
        .distinct()
        .order_by("last_name", "first_name")
    )


class OrganisationChoiceMixin:
    """An organisation field only when the user acts for more than one."""

    fields: dict[str, forms.Field]

    def _limit_organisations(self, organisations: QuerySet[Organisation], editing: bool) -> None:
        field: Any = self.fields["organisation"]
        if editing or organisations.count() == 1:
            del self.fields["organisation"]
        else:
            field.queryset = organisations


class GroupForm(OrganisationChoiceMixin, KernModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    version = VersionField(required=False)

    class Meta:
        model = Group
        fields = [
            "name",
            "service",
            "description",
            "audience",
            "place",
            "weekday",
            "starts_at",
            "ends_at",
            "first_date",
            "last_date",
            "attendance_mode",
            "staff_leads",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_at": TIME,
            "ends_at": TIME,
            "first_date": DATE,
            "last_date": DATE,
            "attendance_mode": forms.RadioSelect,
            "staff_leads": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "weekday": _(
                "For a weekly group: the calendar shows its dates from the first date on."
            ),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = bool(self.instance.pk)
        scope = organisations.filter(pk=self.instance.organisation_id) if editing else organisations
        self._limit_organisations(organisations, editing)
        service: Any = self.fields["service"]
        service.queryset = Service.objects.filter(organisations__in=scope).distinct()
        leads: Any = self.fields["staff_leads"]
        leads.queryset = staff_of(scope)
        if editing:
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("weekday") is not None and not data.get("first_date"):
            self.add_error("first_date", _("A weekly group needs the date of its first meeting."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        first, last = data.get("first_date"), data.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("The last date must not be before the first date."))
        return data


class AttendanceForm(KernForm):
    """Attendance as counts (gender and age band) or as named participants."""

    def __init__(
        self,
        *args: Any,
        named: bool,
        maximum: int,
        choices: QuerySet[Participant] | None = None,
        held_on: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.named, self.maximum = named, maximum
        self.held_on = held_on  # an event's date: attendance only once it took place
        if named:
            self.fields["participants"] = forms.ModelMultipleChoiceField(
                queryset=choices if choices is not None else Participant.objects.none(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=_("Present"),
            )
        else:
            for name in COUNT_FIELDS:
                self.fields[name] = forms.IntegerField(
                    label=COUNT_LABELS[name],
                    required=False,
                    widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                )
            self.fields["total"].help_text = _(
                "Leave the counts by gender or by age empty if nobody counted them."
            )
        self.apply_kern_classes()

    def apply_kern_classes(self) -> None:
        # KernFormMixin styles the fields present at construction; these came later.
        for field in self.fields.values():
            if "class" not in field.widget.attrs:
                is_check = isinstance(field.widget, forms.CheckboxSelectMultiple)
                is_check |= isinstance(field.widget, forms.CheckboxInput)
                field.widget.attrs["class"] = (
                    "kern-form-check__checkbox" if is_check else "kern-form-input__input"
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if is_ahead(self.held_on):
            self.add_error(
                None, _("Attendance is recorded after the date took place; it lies in the future.")
            )
        if self.named:
            return data
        values = filled_in({name: data.get(name) for name in COUNT_FIELDS})
        for field, messages in count_problems(values, self.maximum).items():
            for message in messages:
                self.add_error(field, message)
        data.update(values)
        return data

    def counts(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in COUNT_FIELDS}

    @property
    def gender_fields(self) -> list[Any]:
        return [self[name] for name in GENDER_FIELDS if name in self.fields]

    @property
    def age_fields(self) -> list[Any]:
        return [self[name] for name in AGE_FIELDS if name in self.fields]


class MeetingForm(AttendanceForm):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("from (time)"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("until (time)"), required=False, widget=TIME)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=200)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Only if not the group's usual place."),
    )
    cancelled = forms.BooleanField(label=_("The date was cancelled"), required=False)
    version = VersionField(required=False)

    def __init__(self, *args: Any, group: Group | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group

    def clean(self) -> dict[str, Any]:
        cancelled = bool(self.data.get(self.add_prefix("cancelled")))
        # A cancelled date has no attendance: the counts are not checked.
        data = (forms.Form.clean(self) or {}) if cancelled else super().clean()
        self._check_date(data.get("date"), cancelled)
        return data

    def _check_date(self, day: Any, cancelled: bool) -> None:
        """A date held lies not ahead (a cancellation may be recorded in advance), and
        no date lies outside the group's first and last date."""
        if day is None:
            return
        first = self.group.first_date if self.group else None
        last = self.group.last_date if self.group else None
        if first and day < first:
            self.add_error(
                "date",
                _("The group's first date is %(day)s; a date cannot lie before it.")
                % {"day": day_text(first)},
            )
        elif last and day > last:
            self.add_error(
                "date",
                _("The group's last date is %(day)s; a date cannot lie after it.")
                % {"day": day_text(last)},
            )
        elif not cancelled and is_ahead(day):
            self.add_error(
                "date",
                _(
                    "A group date is recorded with its attendance after it took place; the "
                    "date lies in the future. A cancellation can be recorded in advance."
                ),
            )


def day_text(day: Any) -> str:
    return formats.date_format(day, "d.m.Y")


class EventForm(OrganisationChoiceMixin, KernModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    version = VersionField(required=False)

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "end_date",
            "starts_at",
            "ends_at",
            "place",
            "description",
            "service",
            "group",
            "partners",
            "funding_source",
            "attendance_mode",
            "cancelled",
        ]
        widgets = {
            "date": DATE,
            "end_date": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(
                attrs={"rows": 2, "placeholder": "Fabi, Mütterzentrum Westhagen e. V."}
            ),
            "attendance_mode": forms.RadioSelect,
        }
        help_texts = {
            "partners": _("Organisations that took part, one per line or separated by commas."),
            "funding_source": _("E.g. a foundation, the friends' association, a city budget."),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = bool(self.instance.pk)
        scope = organisations.filter(pk=self.instance.organisation_id) if editing else organisations
        self._limit_organisations(organisations, editing)
        service: Any = self.fields["service"]
        service.queryset = Service.objects.filter(organisations__in=scope).distinct()
        group: Any = self.fields["group"]
        group.queryset = Group.objects.filter(organisation__in=scope)
        if editing:
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, last = data.get("date"), data.get("end_date")
        if day and last and last < day:
            self.add_error("end_date", _("The last day must not be before the first day."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts and not last:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ParticipantForm(KernModelForm):
    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "gender", "birth_year"]

    def clean_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("Please enter a year between 1900 and 2100."))
        return year


class SubscriptionForm(KernForm):
    label = forms.CharField(
        label=_("Name of the subscription"),
        required=False,
        max_length=100,
        help_text=_("So that you recognise it later, e.g. “mobile phone”."),
    )
