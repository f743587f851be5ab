"""Who sees which case: the one place where casework access is decided.

- A counsellor sees the cases of their services at their organisation that are theirs
  (responsible) or shared with them by name.
- A team lead sees every case of their services at their organisation.
- Nobody sees another organisation's cases; a consented hand-over creates a case at
  the recipient, and a withdrawn consent hides that case from the recipient again,
  together with every other case of the copied client at the recipient (also one
  backdated or merged into it) and the copied client, wherever it is named (the
  consent was the only ground for the recipient to hold them).
- Coordination and statistics roles see no case at all (aggregates only).

A membership without services means every service of the organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case, Consent, Person, Referral

CASE_ROLES = (Role.COUNSELLOR, Role.TEAM_LEAD)


def _scope(membership: Any) -> Q:
    services = [service.pk for service in membership.services.all()]
    scope = Q(organisation_id=membership.organisation_id)
    if services:
        scope &= Q(service_id__in=services)
    return scope


def withdrawn_clients(organisations: list[int]) -> QuerySet[Referral, Any]:
    """The clients a withdrawn consent took away from the recipients among
    `organisations`, as a subquery of person ids. The copy exists only because of the
    hand-over, so everything of it goes: the received case, every case opened for it
    since (whatever date was typed as its opening) and what was merged into it."""
    return Referral.objects.filter(
        consent__withdrawn_on__isnull=False,
        target_case__organisation_id__in=organisations,
    ).values("target_case__client_id")


def _visibility(user: Any) -> tuple[Q, Any] | None:
    """The condition on a case that makes it visible to `user` (None: nothing is), and
    the user's withdrawn clients (`_withdrawn`), read once for both."""
    # Subqueries, not joins: no row is repeated, so no DISTINCT over a big city's cases.
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    condition = Q(pk__in=[])
    memberships = list(user.memberships.filter(role__in=CASE_ROLES).prefetch_related("services"))
    shared = Case.shared_with.through.objects.filter(user=user).values("case_id")
    for membership in memberships:
        scope = _scope(membership)
        if membership.role == Role.COUNSELLOR:
            scope &= Q(responsible=user) | Q(pk__in=shared)
        condition |= scope
    withdrawn = _withdrawn([m.organisation_id for m in memberships])
    return condition & ~Q(client_id__in=withdrawn), withdrawn


WITHDRAWN_AS_LIST = 500


def _withdrawn_ids(organisations: list[int]) -> list[int] | None:
    """The withdrawn clients of `organisations` as a list of ids, or None when there are
    more than WITHDRAWN_AS_LIST (then the subquery serves). Read from the withdrawn
    consents, which an index holds apart, not by joining every case of the
    organisations: SQLite walked those for each visibility check."""
    withdrawn = Consent.objects.filter(withdrawn_on__isnull=False).values("pk")
    received = Referral.objects.filter(consent_id__in=withdrawn, target_case__isnull=False)
    pairs = list(
        received.values_list("target_case__client_id", "target_case__organisation_id")[
            : WITHDRAWN_AS_LIST + 1
        ]
    )
    if len(pairs) > WITHDRAWN_AS_LIST:
        return None
    return [client for client, organisation in pairs if organisation in organisations]


def _withdrawn(organisations: list[int]) -> Any:
    """The withdrawn clients: a list of ids (usually empty or short), or the subquery
    when there are many."""
    ids = _withdrawn_ids(organisations)
    return withdrawn_clients(organisations) if ids is None else ids


def visible_cases(user: Any) -> QuerySet[Case]:
    visibility = _visibility(user)
    return Case.objects.none() if visibility is None else Case.objects.filter(visibility[0])


def _seen(condition: Q, cases: QuerySet[Case], column: str) -> set[int]:
    """`column` of those of `cases` that meet the visibility `condition`. It is evaluated
    for those rows only (selected, not filtered on): as a filter, SQLite walks the
    organisation's every case by its index instead of looking the few up."""
    seen = ExpressionWrapper(condition, output_field=BooleanField())
    return {value for value, ok in cases.annotate(seen=seen).values_list(column, "seen") if ok}


def visible_persons(user: Any) -> QuerySet[Person]:
    visibility = _visibility(user)
    if visibility is None:
        return Person.objects.none()
    condition, withdrawn = visibility
    cases = Case.objects.filter(condition)
    co_counselled = (
        Case.co_counselled.through.objects.filter(case__in=cases)
        .exclude(person_id__in=withdrawn)
        .values("person_id")
    )
    return Person.objects.filter(Q(pk__in=cases.values("client_id")) | Q(pk__in=co_counselled))


def visibility_of_persons(user: Any) -> Callable[[list[int]], set[int]]:
    """A check "which of these persons may the user see?", with the user's visibility
    condition built once for several short lists (the search checks batch by batch).
    Each call reads only those persons' cases (index on the client) and co-counselled
    links (index on the person)."""
    visibility = _visibility(user)

    def visible(person_ids: list[int]) -> set[int]:
        if visibility is None or not person_ids:
            return set()
        condition, withdrawn = visibility
        seen = _seen(condition, Case.objects.filter(client_id__in=person_ids), "client_id")
        links = list(
            Case.co_counselled.through.objects.filter(person_id__in=person_ids)
            .exclude(person_id__in=withdrawn)
            .values_list("case_id", "person_id")
        )
        if links:
            cases = Case.objects.filter(pk__in={case for case, _person in links})
            allowed = _seen(condition, cases, "pk")
            seen |= {person for case, person in links if case in allowed}
        return seen

    return visible


def visible_among(user: Any, person_ids: list[int]) -> set[int]:
    """Which of the given persons the user may see (cheap for a short list)."""
    return visibility_of_persons(user)(person_ids)


def visible_person_or_404(user: Any, pk: int) -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None or not visible_among(user, [pk]):
        raise Http404
    return person


def visible_case_or_404(user: Any, pk: int) -> Case:
    cases = visible_cases(user).select_related("client", "service")
    case = cases.filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def organisations_of(user: Any) -> list[int]:
    return list(
        user.memberships.filter(role__in=CASE_ROLES).values_list("organisation_id", flat=True)
    )


def can_open_cases_at(user: Any) -> list[Any]:
    """The memberships through which the user may open new cases."""
    return list(user.memberships.filter(role__in=CASE_ROLES).select_related("organisation"))


def is_team_lead_of(user: Any, case: Case) -> bool:
    for membership in user.memberships.filter(role=Role.TEAM_LEAD).prefetch_related("services"):
        if Case.objects.filter(_scope(membership), pk=case.pk).exists():
            return True
    return False


def work_services(user: Any) -> dict[int, int]:
    """service id -> organisation id, for the services in which the user works with
    cases (a membership without services means every service of the organisation)."""
    offers: dict[int, int] = {}
    for membership in can_open_cases_at(user):
        chosen = list(membership.services.values_list("pk", flat=True))
        offered = membership.organisation.services.filter(is_programme=False)
        for service_id in chosen or offered.values_list("pk", flat=True):
            offers.setdefault(service_id, membership.organisation_id)
    return offers


def open_to(user: Any, persons: QuerySet[Person]) -> QuerySet[Person]:
    """Those of `persons` (a short list: a household) the user may see, and those who
    take part in no case at all, as family members recorded with a client do. A person
    counselled in a case the user may not open is not shown, so cannot be added as
    co-counselled either (that would open their record)."""
    ids = list(persons.values_list("pk", flat=True))
    seen = visible_among(user, ids)
    involved = set(Case.objects.filter(client_id__in=ids).values_list("client_id", flat=True))
    involved |= set(
        Case.co_counselled.through.objects.filter(person_id__in=ids).values_list(
            "person_id", flat=True
        )
    )
    return persons.filter(pk__in=[pk for pk in ids if pk in seen or pk not in involved])


def visible_consents(user: Any, person: Person) -> QuerySet[Consent]:
    """The person's consents the user may see: those behind a hand-over of a case the
    user may open, and those the user recorded."""
    cases = visible_cases(user)
    return (
        Consent.objects.filter(person=person)
        .filter(Q(referrals__source_case__in=cases) | Q(recorded_by=user))
        .distinct()
        .select_related("recipient", "recipient_service")
    )
