"""Forms of the network pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.network.models import (
    Actor,
    ActorKind,
    AgendaItem,
    Agreement,
    Attendance,
    Body,
    BodyMembership,
    ContactPerson,
    Decision,
    Meeting,
)
from teilhabe.network.selectors import districts_for_filter
from teilhabe.organisations.models import Area, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _districts() -> QuerySet[Area]:
    today = timezone.localdate()
    valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return districts_for_filter().filter(valid)


def _active_actors() -> QuerySet[Actor]:
    return Actor.objects.filter(is_active=True).order_by("name")


class ActorFilterForm(KernForm):
    q = forms.CharField(label=_("Name, contact person or note"), required=False)
    art = forms.ModelChoiceField(
        queryset=ActorKind.objects.all(), required=False, label=_("Kind"), empty_label=_("all")
    )
    stadtteil = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, label=_("District"), empty_label=_("all")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stadtteil"].queryset = districts_for_filter()  # type: ignore[attr-defined]


class ActorForm(KernModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    version = VersionField(required=False)

    class Meta:
        model = Actor
        fields = [
            "name",
            "kind",
            "organisation",
            "address",
            "phone",
            "email",
            "website",
            "districts",
            "notes",
            "is_active",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An organisation in Teilhabe has one actor: offer only those without one.
        taken = Actor.objects.exclude(pk=self.instance.pk).exclude(organisation=None)
        self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            pk__in=taken.values("organisation_id")
        )
        self.fields["organisation"].help_text = _(
            "Only for organisations that work in Teilhabe themselves."
        )
        self.fields["districts"].queryset = _districts()  # type: ignore[attr-defined]


class ContactForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "phone", "email"]


class BodyFilterForm(KernForm):
    q = forms.CharField(label=_("Name or purpose"), required=False)
    art = forms.ChoiceField(
        choices=[("", _("all")), *Body.Kind.choices], required=False, label=_("Kind")
    )


class BodyForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Body
        fields = ["name", "kind", "owner", "purpose", "rhythm", "districts", "is_active"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["districts"].queryset = _districts()  # type: ignore[attr-defined]


class MembershipForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = BodyMembership
        fields = ["actor", "person_name", "function", "term_from", "term_to"]
        widgets = {"term_from": DATE, "term_to": DATE}
        help_texts = {
            "actor": _("The organisation the seat belongs to."),
            "person_name": _("Who holds the seat; for personal seats without an actor."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = _active_actors()  # type: ignore[attr-defined]


class MeetingForm(KernModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line."),
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "starts_at", "place"]
        widgets = {"held_on": DATE, "starts_at": TIME}

    def agenda_lines(self) -> list[str]:
        text = self.cleaned_data.get("agenda") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingEditForm(KernModelForm):
    version = VersionField()

    class Meta:
        model = Meeting
        fields = ["held_on", "starts_at", "place", "minutes"]
        widgets = {
            "held_on": DATE,
            "starts_at": TIME,
            "minutes": forms.Textarea(attrs={"rows": 14}),
        }


class AgendaItemForm(KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title"]
        labels = {"title": _("New agenda item")}


class AttendanceForm(KernForm):
    """One choice per member whose term covers the meeting date."""

    version = VersionField()

    def __init__(self, *args: Any, members: list[BodyMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [*Attendance.Status.choices, ("", _("not recorded"))]
        self.columns = choices
        for member in members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=str(member), choices=choices, required=False, widget=forms.RadioSelect
            )
        self.members = members

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data.get(f"m{member.pk}", "") for member in self.members}


class DecisionForm(KernModelForm):
    class Meta:
        model = Decision
        fields = ["text", "agenda_item", "responsible_actor", "responsible_person", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()  # type: ignore[attr-defined]
        self.fields["responsible_actor"].queryset = _active_actors()  # type: ignore[attr-defined]


class DecisionEditForm(DecisionForm):
    version = VersionField()

    class Meta(DecisionForm.Meta):
        fields = [*DecisionForm.Meta.fields, "status", "status_on"]
        widgets = {**DecisionForm.Meta.widgets, "status_on": DATE}


class DecisionFilterForm(KernForm):
    status = forms.ChoiceField(
        choices=[("pending", _("open or in progress")), *Decision.Status.choices, ("", _("all"))],
        required=False,
        label=_("Status"),
    )
    gremium = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("Body"), empty_label=_("all")
    )
    ueberfaellig = forms.BooleanField(required=False, label=_("Overdue only"))

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = bodies.order_by("name")  # type: ignore[attr-defined]


class AgreementFilterForm(KernForm):
    q = forms.CharField(label=_("Subject or party"), required=False)
    gueltig = forms.ChoiceField(
        choices=[("", _("all")), ("heute", _("in force today"))],
        required=False,
        label=_("Validity"),
    )


class AgreementForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Agreement
        fields = [
            "subject",
            "parties",
            "signed_on",
            "valid_from",
            "valid_to",
            "document_note",
            "notes",
        ]
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "signed_on": DATE,
            "valid_from": DATE,
            "valid_to": DATE,
            "document_note": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.instance.parties.all() if self.instance.pk else Actor.objects.none()
        self.fields["parties"].queryset = Actor.objects.filter(  # type: ignore[attr-defined]
            Q(is_active=True) | Q(pk__in=chosen.values("pk"))
        ).order_by("name")
