"""The form that starts a successor edition of a concept (editions.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernModelForm
from teilhabe.planning.forms import DATE
from teilhabe.planning.models import RESERVED_SLUGS, Concept


class SuccessorForm(KernModelForm):
    carry_on = forms.DateField(
        label=_("Carry over on"),
        widget=DATE,
        help_text=_(
            "The measures whose status on this date is neither completed nor cancelled "
            "are carried over, with their status and degree of completion of that date."
        ),
    )

    class Meta:
        model = Concept
        fields = ["slug", "title", "adopted_on", "period_start", "period_end"]
        widgets = {"adopted_on": DATE, "period_start": DATE, "period_end": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carry_on"].initial = timezone.localdate()

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("period_start"), data.get("period_end")
        if starts and ends and ends < starts:
            self.add_error("period_end", _("The concept's period ends before it starts."))
        day: datetime.date | None = data.get("carry_on")
        if day and day > timezone.localdate():
            # Status on a future date is only a guess: entries still to come are unseen.
            self.add_error("carry_on", _("The date lies in the future."))
        return data
