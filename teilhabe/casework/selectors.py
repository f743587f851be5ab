"""Read paths of casework: finding clients, the case list, the case timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process

from teilhabe.casework.access import (
    organisations_of,
    visible_among,
    visible_cases,
    visible_persons,
)
from teilhabe.casework.models import Case, Person
from teilhabe.casework.search_keys import phonetic_key, plain_key
from teilhabe.organisations.models import Service

FUZZY_CUTOFF = 75
FUZZY_CANDIDATES = 5000


def search_clients(
    user: Any, query: str = "", birth_year: int | None = None, limit: int = 50
) -> list[Person]:
    """Name (transliterated, sound-alike, misspelled), person or case number, birth year.

    Candidates come from the user's organisations by name; visibility is then checked
    for those few, which is far cheaper than filtering all persons by visibility first.
    """
    query = query.strip()
    if not query:
        persons = visible_persons(user)
        if birth_year:
            persons = persons.filter(birth_year=birth_year)
        return list(persons.order_by("last_name", "first_name")[:limit])
    candidates = Person.objects.filter(organisation_id__in=organisations_of(user))
    if birth_year:
        candidates = candidates.filter(birth_year=birth_year)
    words, codes = plain_key(query).split(), phonetic_key(query).split()
    by_name = Q()
    for index, word in enumerate(words):
        alike = Q(name_plain__contains=word)
        if index < len(codes) and codes[index]:
            alike |= Q(name_phonetic__contains=codes[index])
        by_name &= alike
    numbered = Case.objects.filter(external_id__iexact=query).values("client_id")
    by_number = Q(external_id__iexact=query) | Q(pk__in=numbered)
    found = _visible(user, list(candidates.filter(by_name | by_number)[: limit * 8]))
    if not found and words:
        # Misspellings the sound-alike code does not catch ("Kovalneko"): rank by
        # similarity the names that share the beginning of a query word.
        start = Q()
        for word in words:
            start |= Q(name_plain__contains=word[:3])
        names = dict(candidates.filter(start).values_list("pk", "name_plain")[:FUZZY_CANDIDATES])
        ranked = process.extract(
            " ".join(words), names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=FUZZY_CUTOFF
        )
        found = _visible(user, list(Person.objects.filter(pk__in=[pk for _n, _s, pk in ranked])))
    target = plain_key(query)
    found.sort(key=lambda person: -fuzz.WRatio(target, person.name_plain))
    return found[:limit]


def _visible(user: Any, persons: list[Person]) -> list[Person]:
    allowed = visible_among(user, [person.pk for person in persons])
    return [person for person in persons if person.pk in allowed]


def case_list(
    user: Any, *, service: str = "", status: str = "", mine: bool = False
) -> QuerySet[Case]:
    cases = visible_cases(user).select_related("client", "service", "responsible")
    if service:
        # by id (equality, no join), so the index serves the count and the ordering
        service_id = Service.objects.filter(code=service).values_list("pk", flat=True).first()
        cases = cases.filter(service_id=service_id or 0)
    if status == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if mine:
        cases = cases.filter(responsible=user)
    return cases.order_by("-opened_on", "-pk")


@dataclass
class Event:
    date: datetime.date
    kind: str
    title: str
    detail: str = ""


def timeline(case: Case) -> list[Event]:
    from django.utils.translation import gettext as _

    route = case.get_access_route_display()
    events = [
        Event(
            case.opened_on,
            "opened",
            _("Case opened"),
            _("Access route: %s") % route if route else "",
        )
    ]
    for session in case.sessions.prefetch_related("present"):
        topics = ", ".join(str(_topic_label(t)) for t in session.topics)
        minutes = _("%s min") % session.duration_minutes if session.duration_minutes else ""
        detail = " · ".join(part for part in (session.get_form_display(), minutes, topics) if part)
        events.append(Event(session.date, "session", _("Counselling session"), detail))
    for goal in case.goals.prefetch_related("history"):
        for change in goal.history.all():
            events.append(
                Event(
                    change.set_on,
                    "goal",
                    f"{goal.get_area_display()}: {change.get_status_display()}",
                    goal.text,
                )
            )
    for referral in case.referrals_out.select_related("consent__recipient"):
        events.append(
            Event(
                referral.created_at.date(),
                "referral",
                referral.get_kind_display(),
                f"{referral.consent.recipient} – {referral.get_status_display()}",
            )
        )
    if case.closed_on:
        events.append(
            Event(case.closed_on, "closed", _("Case closed"), case.get_closing_reason_display())
        )
    # Newest first; on one day, what happens later in a case's life comes first.
    rank = {"opened": 0, "session": 1, "goal": 2, "referral": 3, "closed": 4}
    return sorted(events, key=lambda event: (event.date, rank[event.kind]), reverse=True)


def _topic_label(code: str) -> str:
    from teilhabe.casework.models.codes import Topic

    return str(dict(Topic.choices).get(code, code))


def similar_clients(
    organisation_id: int, first_name: str, last_name: str, birth_year: int | None
) -> list[Person]:
    """Possible duplicates of a new client within the organisation."""
    key = phonetic_key(f"{first_name} {last_name}")
    if not key:
        return []
    candidates = Person.objects.filter(organisation_id=organisation_id, name_phonetic=key)
    if birth_year:
        candidates = candidates.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
    return list(candidates[:10])
