"""Boards that decide on grants, built on the network's bodies and meetings.

A board is a `network.Body` with `BoardRules`; a seat with a vote is a
`network.BodyMembership` with a `VotingRight` (and optionally a deputy, another seat of
the same body). The register of interests ties a seat to an organisation of the network
(`network.Actor`). Presence is the network's `Attendance`; invitations, recusals and
the decision of each agenda item are recorded here. The rules themselves are the pure
module `grants/voting.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.grants import voting


class BoardRules(models.Model):
    """A board's rules of procedure; the defaults are those of §§ 20, 21, 90, 91 VwVfG."""

    body = models.OneToOneField(
        "network.Body", on_delete=models.CASCADE, related_name="board_rules", verbose_name=_("body")
    )
    exclude_other_interests = models.BooleanField(
        _("other interests exclude too"),
        default=False,
        help_text=_("By default only employment and board seats at the applicant exclude."),
    )
    all_invited_required = models.BooleanField(_("quorum needs all members invited"), default=True)
    min_present = models.PositiveSmallIntegerField(_("at least present"), default=3)
    chair_casting_vote = models.BooleanField(_("the chair's vote decides a tie"), default=False)
    deputy_for_excluded = models.BooleanField(
        _("a deputy stands in for an excluded member"), default=False
    )

    class Meta:
        verbose_name = _("rules of a board")
        verbose_name_plural = _("rules of boards")

    def __str__(self) -> str:
        return str(self.body)

    def as_rules(self) -> voting.Rules:
        kinds = set(voting.Rules().exclude_kinds)
        if self.exclude_other_interests:
            kinds.add(voting.InterestKind.OTHER)
        return voting.Rules(
            exclude_kinds=frozenset(kinds),
            all_invited_required=self.all_invited_required,
            min_present=self.min_present,
            chair_casting_vote=self.chair_casting_vote,
            deputy_for_excluded=self.deputy_for_excluded,
        )


class VotingRight(models.Model):
    membership = models.OneToOneField(
        "network.BodyMembership",
        on_delete=models.CASCADE,
        related_name="voting_right",
        verbose_name=_("member"),
    )
    deputy = models.ForeignKey(
        "network.BodyMembership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputy_for",
        verbose_name=_("deputy"),
    )

    class Meta:
        verbose_name = _("voting right")
        verbose_name_plural = _("voting rights")

    def __str__(self) -> str:
        return str(self.membership)


class Interest(models.Model):
    """An entry of the register of interests: a seat's tie to an organisation."""

    class Kind(models.TextChoices):
        EMPLOYED = voting.InterestKind.EMPLOYED.value, _("employed")
        BOARD_MEMBER = voting.InterestKind.BOARD_MEMBER.value, _("board member")
        OTHER = voting.InterestKind.OTHER.value, _("other")

    membership = models.ForeignKey(
        "network.BodyMembership",
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("member"),
    )
    organisation = models.ForeignKey(
        "network.Actor",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind of interest"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_on = models.DateField(_("declared on"))

    class Meta:
        verbose_name = _("declared interest")
        verbose_name_plural = _("register of interests")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "organisation", "kind"], name="grants_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.organisation} ({self.get_kind_display()})"


class Invitation(models.Model):
    meeting = models.ForeignKey(
        "network.Meeting", on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        "network.BodyMembership", on_delete=models.CASCADE, related_name="+"
    )
    invited_on = models.DateField(_("invited on"))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="grants_invited_once")
        ]

    def __str__(self) -> str:
        return f"{self.membership} ({self.invited_on:%d.%m.%Y})"


class BoardItem(models.Model):
    """What a board decides on an agenda item: whose application (for the exclusions)."""

    agenda_item = models.OneToOneField(
        "network.AgendaItem",
        on_delete=models.CASCADE,
        related_name="board_item",
        verbose_name=_("agenda item"),
    )
    applicant = models.ForeignKey(
        "network.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applicant"),
    )

    class Meta:
        verbose_name = _("item of a board")
        verbose_name_plural = _("items of boards")

    def __str__(self) -> str:
        return str(self.agenda_item)


class Recusal(models.Model):
    """A member's declaration of partiality (§ 21 VwVfG) for one item; never edited."""

    agenda_item = models.ForeignKey(
        "network.AgendaItem", on_delete=models.CASCADE, related_name="recusals"
    )
    membership = models.ForeignKey(
        "network.BodyMembership", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "membership"], name="grants_recused_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.membership)


class ItemDecision(models.Model):
    """The board's decision on one agenda item, with the quorum it was taken with."""

    class Outcome(models.TextChoices):
        ADOPTED = voting.Outcome.ADOPTED.value, _("adopted")
        REJECTED = voting.Outcome.REJECTED.value, _("rejected")
        TIE_REJECTED = voting.Outcome.TIE_REJECTED.value, _("rejected on a tie")
        OBJECTED = voting.Outcome.OBJECTED.value, _("written procedure objected to")

    class Procedure(models.TextChoices):
        MEETING = "sitzung", _("at the meeting")
        WRITTEN = "umlauf", _("in writing")

    class ChairVote(models.TextChoices):
        YES = voting.Vote.YES.value, _("yes")
        NO = voting.Vote.NO.value, _("no")
        ABSTAIN = voting.Vote.ABSTAIN.value, _("abstention")

    agenda_item = models.OneToOneField(
        "network.AgendaItem", on_delete=models.CASCADE, related_name="board_decision"
    )
    procedure = models.CharField(
        _("procedure"), max_length=10, choices=Procedure.choices, default=Procedure.MEETING
    )
    yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    no = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    chair_vote = models.CharField(
        _("the chair's vote"), max_length=12, choices=ChairVote.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    present = models.PositiveSmallIntegerField(_("voting members present"))
    required = models.PositiveSmallIntegerField(_("needed for quorum"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision of a board")
        verbose_name_plural = _("decisions of boards")

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_outcome_display()}"


class NamedVote(models.Model):
    decision = models.ForeignKey(ItemDecision, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(
        "network.BodyMembership", on_delete=models.CASCADE, related_name="+"
    )
    vote = models.CharField(_("vote"), max_length=12, choices=ItemDecision.ChairVote.choices)

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [
            models.UniqueConstraint(fields=["decision", "membership"], name="grants_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_vote_display()}"


# Applications and grants live in their own module to keep each under ~400 lines.
from teilhabe.grants.application_models import (  # noqa: E402
    Application,
    ApplicationDocument,
    Assessment,
    CostLine,
    Grant,
    StatusChange,
)
from teilhabe.grants.grant_models import (  # noqa: E402
    GrantNotice,
    NoticeTemplate,
    Payment,
    PaymentRequest,
)
from teilhabe.grants.written_models import WrittenAnswer, WrittenProcedure  # noqa: E402

__all__ = [
    "Application",
    "ApplicationDocument",
    "Assessment",
    "BoardItem",
    "BoardRules",
    "CostLine",
    "Grant",
    "GrantNotice",
    "Interest",
    "Invitation",
    "ItemDecision",
    "NamedVote",
    "NoticeTemplate",
    "Payment",
    "PaymentRequest",
    "Recusal",
    "StatusChange",
    "VotingRight",
    "WrittenAnswer",
    "WrittenProcedure",
]
