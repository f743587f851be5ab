"""Forms of the board pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants.models import ItemDecision
from teilhabe.network.models import BodyMembership


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
