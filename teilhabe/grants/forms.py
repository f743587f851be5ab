"""Forms of the board pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants import voting
from teilhabe.grants.models import Interest, ItemDecision, WrittenAnswer
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


class NamedVotesForm(KernForm):
    """One vote per voter of the item (`vote_<membership id>`). Selects, not radio
    buttons: the count form's labels "Yes"/"No" stay the only ones on the page."""

    PREFIX = "vote_"

    def __init__(
        self, *args: Any, voters: list[tuple[BodyMembership, bool]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for membership, is_chair in voters:
            label = (
                gettext("Vote of %(member)s (chair)") if is_chair else gettext("Vote of %(member)s")
            )
            self.fields[f"{self.PREFIX}{membership.pk}"] = forms.ChoiceField(
                label=label % {"member": membership},
                choices=[("", "–"), *ItemDecision.ChairVote.choices],
            )
        # KernForm styles the fields it finds in __init__; these came after it.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "kern-form-input__select")

    def clean(self) -> dict[str, Any] | None:
        # A vote posted for anybody else (excluded, recused, absent) is refused, not
        # silently dropped: the record must show what the board really voted.
        strangers = [key for key in self.data if key.startswith(self.PREFIX)]
        if any(key not in self.fields for key in strangers):
            raise ValidationError(
                _(
                    "A vote was sent for somebody who may not vote on this item "
                    "(excluded, recused, absent or without a seat)."
                )
            )
        return super().clean()

    def votes(self) -> dict[int, voting.Vote]:
        return {
            int(name.removeprefix(self.PREFIX)): voting.Vote(value)
            for name, value in self.cleaned_data.items()
        }


WRITTEN_DAYS = 14  # the usual time for answers offered when a procedure is started


class WrittenStartForm(KernForm):
    answer_by = forms.DateField(
        label=_("Answers by"),
        help_text=_(
            "After this day the procedure ends with the answers received. Empty: it waits "
            "until every seat has answered."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer_by"].initial = timezone.localdate() + datetime.timedelta(
            days=WRITTEN_DAYS
        )


class WrittenAnswerForm(KernForm):
    answerer = forms.ModelChoiceField(
        label=_("Who answers"), queryset=BodyMembership.objects.none(), empty_label=None
    )
    # No answer preselected: a slip must not record a yes.
    answer = forms.ChoiceField(
        label=_("Answer given"), choices=[("", "–"), *WrittenAnswer.Answer.choices]
    )

    def __init__(self, *args: Any, may_answer: list[BodyMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answerer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = BodyMembership.objects.filter(pk__in=[m.pk for m in may_answer])


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
