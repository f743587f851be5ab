"""Read paths of the programmes: lists, a family's history, finding a known family."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from teilhabe.casework.access import withdrawn_clients
from teilhabe.casework.models import Person
from teilhabe.casework.search_keys import plain_key
from teilhabe.core.countries import country_name, language_name
from teilhabe.programmes.access import findable_family_persons, visible_programmes
from teilhabe.programmes.models import Enrolment, HomeVisit, Programme

FAMILY_SEARCH_LIMIT = 20
FAMILY_SEARCH_SCAN = 200  # names looked at, before those the user may not find drop out


def _current(today: datetime.date) -> Q:
    """Taking part: not ended, or ending on a later day (an end entered ahead of time).
    A participation whose last day is today is listed as ended."""
    return Q(end_date__isnull=True) | Q(end_date__gt=today)


def programme_list(user: Any) -> QuerySet[Programme]:
    today = timezone.localdate()
    current = Q(enrolments__end_date__isnull=True) | Q(enrolments__end_date__gt=today)
    return (
        visible_programmes(user)
        .select_related("organisation", "service")
        .annotate(current_families=Count("enrolments", filter=current))
    )


def enrolments_of(programme: Programme) -> tuple[list[Any], list[Any]]:
    """The programme's enrolments: current and ended (see _current), each with its
    number of home visits."""
    today = timezone.localdate()
    enrolments = (
        programme.enrolments.select_related("household", "contact_person", "home_visitor")
        .select_related("previous_enrolment__programme")
        .annotate(visit_count=Count("visits"))
    )
    current = list(enrolments.filter(_current(today)).order_by("start_date", "pk"))
    ended = list(enrolments.exclude(_current(today)).order_by("-end_date", "-pk"))
    return current, ended


def family_members(enrolment: Enrolment) -> list[dict[str, Any]]:
    """The household's persons with what the programme needs of them (no casework)."""
    members = Person.objects.filter(household_id=enrolment.household_id).order_by("pk")
    return [
        {
            "person": person,
            "is_contact": person.pk == enrolment.contact_person_id,
            "country": country_name(person.country_of_origin) if person.country_of_origin else "",
            "languages": ", ".join(language_name(code) for code in person.languages),
        }
        for person in members
    ]


def family_history(user: Any, enrolment: Enrolment) -> QuerySet[Enrolment]:
    """Every enrolment of the family in a programme the user may see, oldest first."""
    return (
        Enrolment.objects.filter(
            household_id=enrolment.household_id, programme__in=visible_programmes(user)
        )
        .select_related("programme")
        .order_by("start_date", "pk")
    )


def visits_of(enrolment: Enrolment) -> QuerySet[HomeVisit]:
    return enrolment.visits.select_related("visitor").order_by("-date", "-pk")


def find_family_persons(user: Any, organisation_id: int, query: str) -> list[Person]:
    """Persons of the organisation whose name contains every word of the query (also
    transliterated: "Коваленко" finds "Kovalenko"), for enrolling a known family; only
    those the user may find (access.findable_family_persons).

    Only a typed name finds anybody: there is no list of the organisation's clients
    to browse.
    """
    words = plain_key(query).split()
    if not words or sum(len(word) for word in words) < 2:
        return []
    # a client whose consent to the hand-over was withdrawn is gone from the recipient
    withdrawn = withdrawn_clients([organisation_id])
    persons = Person.objects.filter(organisation_id=organisation_id).exclude(pk__in=withdrawn)
    for word in words:
        persons = persons.filter(name_plain__contains=word)
    candidates = list(
        persons.select_related("household").order_by("last_name", "first_name", "pk")[
            :FAMILY_SEARCH_SCAN
        ]
    )
    findable = findable_family_persons(user, candidates)
    return [person for person in candidates if person.pk in findable][:FAMILY_SEARCH_LIMIT]
