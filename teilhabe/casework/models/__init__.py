from teilhabe.casework.models.cases import AnonymousContact, Case, Session
from teilhabe.casework.models.handover import Consent, Referral
from teilhabe.casework.models.imports import ImportRun
from teilhabe.casework.models.people import Household, HouseholdRelation, Person
from teilhabe.casework.models.plans import Goal, GoalStatusChange
from teilhabe.casework.models.search import NameKey

__all__ = [
    "AnonymousContact",
    "Case",
    "Consent",
    "Goal",
    "GoalStatusChange",
    "Household",
    "HouseholdRelation",
    "ImportRun",
    "NameKey",
    "Person",
    "Referral",
    "Session",
]
