"""Code lists of the activities module and the limits attendance counts must respect."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AttendanceMode(models.TextChoices):
    COUNTS = "counts", _("Counts by gender and age band")
    NAMED = "named", _("Named participants")


class ParticipantGender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    UNKNOWN = "unknown", _("not stated")


class AgeBand(models.TextChoices):
    CHILDREN = "0_13", _("Children (0–13)")
    YOUTH = "14_26", _("Youth (14–26)")
    ADULTS = "27_64", _("Adults (27–64)")
    SENIORS = "65_plus", _("65 and older")
    UNKNOWN = "unknown", _("Age unknown")


class EventKind(models.TextChoices):
    EVENT = "event", _("Event")
    OUTING = "outing", _("Outing")
    WORKSHOP = "workshop", _("Workshop")
    CAMPAIGN = "campaign", _("Information stand / campaign day")


# Counts above these are typing errors, not attendance: a group meets in a room, an
# event may fill a hall or a square.
MAX_GROUP_ATTENDANCE = 300
MAX_EVENT_ATTENDANCE = 5000

GENDER_FIELDS = ("female", "male", "diverse", "gender_unknown")
AGE_FIELDS = ("age_0_13", "age_14_26", "age_27_64", "age_65_plus", "age_unknown")
COUNT_FIELDS = ("total", *GENDER_FIELDS, *AGE_FIELDS)

GENDER_FIELD_OF = {
    ParticipantGender.FEMALE: "female",
    ParticipantGender.MALE: "male",
    ParticipantGender.DIVERSE: "diverse",
    ParticipantGender.UNKNOWN: "gender_unknown",
}
AGE_FIELD_OF = {
    AgeBand.CHILDREN: "age_0_13",
    AgeBand.YOUTH: "age_14_26",
    AgeBand.ADULTS: "age_27_64",
    AgeBand.SENIORS: "age_65_plus",
    AgeBand.UNKNOWN: "age_unknown",
}


def age_band(birth_year: int | None, on: datetime.date) -> AgeBand:
    """The band of a person born in `birth_year` on the day `on` (age by year only)."""
    if birth_year is None:
        return AgeBand.UNKNOWN
    age = on.year - birth_year
    if age < 0:
        return AgeBand.UNKNOWN
    if age <= 13:
        return AgeBand.CHILDREN
    if age <= 26:
        return AgeBand.YOUTH
    if age <= 64:
        return AgeBand.ADULTS
    return AgeBand.SENIORS
