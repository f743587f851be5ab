"""Forms of the board pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants.models import Interest, ItemDecision
from teilhabe.network.models import Actor, BodyMembership, Meeting


class RecusalForm(KernForm):
    membership = forms.ModelChoiceField(
        label=_("Member"), queryset=BodyMembership.objects.none(), empty_label=None
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: Any, seats: list[BodyMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = BodyMembership.objects.filter(pk__in=[seat.pk for seat in seats])


class CountsForm(KernForm):
    yes = forms.IntegerField(label=_("Yes"), min_value=0, max_value=999)
    no = forms.IntegerField(label=_("No"), min_value=0, max_value=999)
    abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=999)
    chair_vote = forms.ChoiceField(
        label=_("The chair's vote"),
        required=False,
        choices=[("", _("not recorded")), *ItemDecision.ChairVote.choices],
        help_text=_("Needed only where the chair's vote decides a tie."),
    )


class VotingRightForm(KernForm):
    membership = forms.ModelChoiceField(label=_("Member"), queryset=BodyMembership.objects.none())
    deputy = forms.ModelChoiceField(
        label=_("Deputy"), queryset=BodyMembership.objects.none(), required=False
    )

    def __init__(self, *args: Any, seats: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("membership", "deputy"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = seats


class InterestForm(KernForm):
    membership = forms.ModelChoiceField(label=_("Member"), queryset=BodyMembership.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Actor.objects.filter(is_active=True)
    )
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=Interest.Kind.choices)
    declared_on = forms.DateField(
        label=_("Declared on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, seats: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = seats


class InvitationForm(KernForm):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    invited_on = forms.DateField(
        label=_("Invited on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings
