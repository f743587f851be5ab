"""Read path of the client list: every visible client, sorted as the user chose, with
the last contact the user may see.

The sort orders are a whitelist (`SORTS`, the values of the `sortierung` parameter);
the view parses the parameter with `core.params.choice`, so anything else is a 400.
"Last contact" is the date of the latest session that counts (not cancelled) in a case
the user may see: a session in another service's case says nothing the user may know.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.expressions import OrderBy

from teilhabe.casework.access import visible_cases, visible_persons
from teilhabe.casework.models import Person, Session

DEFAULT_SORT = "name"
# parameter value → order; ties are broken by name and id, so pages never overlap
SORTS: dict[str, tuple[OrderBy, ...]] = {
    "name": (F("last_name").asc(), F("first_name").asc()),
    "-name": (F("last_name").desc(), F("first_name").desc()),
    "geburt": (F("birth_year").asc(nulls_last=True), F("birth_date").asc(nulls_last=True)),
    "-geburt": (F("birth_year").desc(nulls_last=True), F("birth_date").desc(nulls_last=True)),
    "kontakt": (F("last_contact").asc(nulls_last=True),),
    "-kontakt": (F("last_contact").desc(nulls_last=True),),
    "erstellt": (F("created_at").asc(),),
    "-erstellt": (F("created_at").desc(),),
}
TIE_BREAK = (F("last_name").asc(), F("first_name").asc(), F("pk").asc())


def _last_contact(user: Any) -> Subquery:
    sessions = (
        Session.objects.counted()
        .filter(case__client=OuterRef("pk"), case__in=visible_cases(user))
        .order_by("-date")
        .values("date")[:1]
    )
    return Subquery(sessions)


def client_list(
    user: Any, *, sort: str = DEFAULT_SORT, year: int | None = None
) -> QuerySet[Person]:
    """The visible clients (and co-counselled persons) in the order `sort` names. Only
    a sort by last contact computes it for every row (a big city has 60,000 clients);
    otherwise `with_last_contact` adds it to the page shown."""
    persons = visible_persons(user)
    if year:
        persons = persons.filter(birth_year=year)
    if sort.endswith("kontakt"):
        persons = persons.annotate(last_contact=_last_contact(user))
    return persons.order_by(*SORTS[sort], *TIE_BREAK)


def with_last_contact(user: Any, persons: list[Person]) -> list[Person]:
    """`last_contact` set on the persons of one page or of a search, in one query."""
    missing = [person.pk for person in persons if not hasattr(person, "last_contact")]
    dates = dict(
        Person.objects.filter(pk__in=missing)
        .annotate(last_contact=_last_contact(user))
        .values_list("pk", "last_contact")
    )
    for person in persons:
        if person.pk in missing:
            person.last_contact = dates.get(person.pk)  # type: ignore[attr-defined]
    return persons
