"""Who came: named participants of groups and events, or counts by gender and age band.

Participants are a register of the activities module, not persons of casework. A group
list is seen by programme staff and volunteer group leaders; a link to the client
record would tell them who receives counselling (special-category data under GDPR
Art. 9) and would let the group pages read case data their roles must not see. So a
participant carries only what a group needs: name, gender, year of birth.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.codes import AttendanceMode, ParticipantGender


class Participant(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="activity_participants",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=ParticipantGender.choices,
        default=ParticipantGender.UNKNOWN,
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _sum(*names: str) -> F:
    expression = F(names[0])
    for name in names[1:]:
        expression = expression + F(name)  # type: ignore[assignment]
    return expression


class Attendance(models.Model):
    """Attendance of one group meeting or event. `total` is None until it is recorded;
    named attendance stores the counts derived from the participants, so that every
    figure reads the same columns."""

    attendance_mode = models.CharField(
        _("attendance recorded as"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.COUNTS,
    )
    total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    female = models.PositiveIntegerField(_("female"), default=0)
    male = models.PositiveIntegerField(_("male"), default=0)
    diverse = models.PositiveIntegerField(_("diverse"), default=0)
    gender_unknown = models.PositiveIntegerField(_("gender unknown"), default=0)
    age_0_13 = models.PositiveIntegerField(_("children (0–13)"), default=0)
    age_14_26 = models.PositiveIntegerField(_("youth (14–26)"), default=0)
    age_27_64 = models.PositiveIntegerField(_("adults (27–64)"), default=0)
    age_65_plus = models.PositiveIntegerField(_("65 and older"), default=0)
    age_unknown = models.PositiveIntegerField(_("age unknown"), default=0)
    participants = models.ManyToManyField(
        Participant, blank=True, related_name="%(class)s_set", verbose_name=_("participants")
    )

    class Meta:
        abstract = True
        # The database refuses what the forms refuse: counts that do not add up.
        constraints = [
            models.CheckConstraint(
                condition=Q(total__isnull=True)
                | Q(total=_sum("female", "male", "diverse", "gender_unknown")),
                name="%(app_label)s_%(class)s_gender_sum",
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True)
                | Q(total=_sum("age_0_13", "age_14_26", "age_27_64", "age_65_plus", "age_unknown")),
                name="%(app_label)s_%(class)s_age_sum",
            ),
        ]

    @property
    def attendance_recorded(self) -> bool:
        return self.total is not None
