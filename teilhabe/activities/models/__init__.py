from teilhabe.activities.models.attendance import Participant
from teilhabe.activities.models.calendar import CalendarSubscription
from teilhabe.activities.models.events import Event
from teilhabe.activities.models.groups import Group, GroupMeeting
from teilhabe.activities.models.volunteers import (
    Agreement,
    Engagement,
    HoursEntry,
    TaskArea,
    Training,
    Volunteer,
)

__all__ = [
    "Agreement",
    "CalendarSubscription",
    "Engagement",
    "Event",
    "Group",
    "GroupMeeting",
    "HoursEntry",
    "Participant",
    "TaskArea",
    "Training",
    "Volunteer",
]
