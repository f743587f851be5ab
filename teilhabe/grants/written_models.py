"""A decision in writing (Umlaufverfahren, § 90 Abs. 1 Satz 2 VwVfG) on one agenda item:
the procedure and each member's answer, both only ever added to.

One procedure per item: an objection ends it for good and the item goes to a meeting;
a procedure in which every seat has answered, or whose time for answers has run out,
ends with the decision (an `ItemDecision` of procedure "in writing") or, without
quorum among those who answered, without one. The rules are those of
`grants/voting.py`; the write paths are in `grants/written.py`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.grants import voting


class WrittenProcedure(models.Model):
    class State(models.TextChoices):
        OPEN = "offen", _("open, waiting for answers")
        OBJECTED = "widerspruch", _("ended by an objection: the item goes to a meeting")
        NO_QUORUM = "nicht_beschlussfaehig", _("ended without quorum: the item goes to a meeting")
        DECIDED = "entschieden", _("decided in writing")
        SUPERSEDED = "ueberholt", _("ended: the item was decided at the meeting")

    agenda_item = models.OneToOneField(
        "network.AgendaItem",
        on_delete=models.CASCADE,
        related_name="written_procedure",
        verbose_name=_("agenda item"),
    )
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.OPEN)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # After this day the procedure ends with the answers received (written.close_overdue);
    # none: it waits until every seat with a say has answered.
    answer_by = models.DateField(_("answers by"), null=True, blank=True)

    class Meta:
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_state_display()}"


class WrittenAnswer(models.Model):
    """One seat's answer, given by the member or their deputy; never changed."""

    class Answer(models.TextChoices):
        YES = voting.Vote.YES.value, _("yes")
        NO = voting.Vote.NO.value, _("no")
        ABSTAIN = voting.Vote.ABSTAIN.value, _("abstention")
        OBJECT = "widerspruch", _("objects to the written procedure")

    procedure = models.ForeignKey(
        WrittenProcedure, on_delete=models.CASCADE, related_name="answers"
    )
    membership = models.ForeignKey(
        "network.BodyMembership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("answer in a written procedure")
        verbose_name_plural = _("answers in written procedures")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "membership"], name="grants_written_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_answer_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("an answer in a written procedure is never changed")
        super().save(*args, **kwargs)
