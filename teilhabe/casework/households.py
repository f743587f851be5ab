"""Households on the client pages: create one, add a new or an existing person, change a
relation, remove a member, move a person to another household.

Only `Person.household` and `Person.household_relation` change. Who was present at past
sessions (`Session.present`) and who is co-counselled in a case (`Case.co_counselled`)
stay as they were: the family of today does not rewrite the record of yesterday.

Every write goes through `Model.save`, so django-auditlog records it with the signed-in
user as actor (household: old → new), as it does for the person form. A member's
version is raised with each change: a person form opened before a move is refused as a
conflict instead of silently writing the old household back.

Who may act on whom is decided by the views through `casework/access.py`; the services
check the rules of the household itself (one organisation, one reference person).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.casework.access import open_to, visible_among, visible_person_or_404
from teilhabe.casework.models import Household, HouseholdRelation, Person
from teilhabe.casework.selectors import search_clients
from teilhabe.core.versioning import EditConflict

REFERENCE = HouseholdRelation.REFERENCE.value
# The order of the members on the client page: the reference person first.
RELATION_ORDER = {relation.value: index for index, relation in enumerate(HouseholdRelation)}


class HouseholdRefused(Exception):
    """The change breaks a rule of households; the message says which (German UI)."""


# -- reads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    person: Person
    is_client: bool  # the person whose page this is
    has_page: bool  # the user may open the person's client page


def members(user: Any, client: Person) -> list[Member]:
    """The client and those members of the client's household the user may see or who
    are in nobody's casework (access.open_to), the reference person first."""
    if not client.household_id:
        return []
    others = list(
        open_to(user, Person.objects.filter(household_id=client.household_id)).exclude(pk=client.pk)
    )
    with_page = visible_among(user, [person.pk for person in others])
    found = [Member(client, True, True)]
    found += [Member(person, False, person.pk in with_page) for person in others]
    return sorted(
        found,
        key=lambda member: (
            RELATION_ORDER.get(member.person.household_relation, len(RELATION_ORDER)),
            member.person.birth_year or 9999,  # the eldest first, the unknown last
            member.person.pk,
        ),
    )


def has_reference(household_id: int | None) -> bool:
    return bool(
        household_id
        and Person.objects.filter(household_id=household_id, household_relation=REFERENCE).exists()
    )


def member_or_404(user: Any, client: Person, member_pk: int) -> Person:
    """The client or a member of the client's household the user may act on; anything
    else (another household, another organisation, a member counselled in a case the
    user may not open) is a 404."""
    if member_pk == client.pk:
        return client
    if not client.household_id:
        raise Http404
    candidates: QuerySet[Person] = Person.objects.filter(
        pk=member_pk, household_id=client.household_id, organisation_id=client.organisation_id
    )
    member = open_to(user, candidates).first()
    if member is None:
        raise Http404
    return member


def visible_person_of(user: Any, organisation_id: int, pk: int) -> Person:
    """A person the user may see (access.visible_person_or_404) of the organisation."""
    person = visible_person_or_404(user, pk)
    if person.organisation_id != organisation_id:
        raise Http404
    return person


def search(user: Any, organisation_id: int, query: str, *, excluded: list[int]) -> list[Person]:
    """The visible persons (access module, through the client search) of the
    organisation matching `query`, without `excluded`."""
    if not query.strip():
        return []
    return [
        person
        for person in search_clients(user, query, limit=20)
        if person.organisation_id == organisation_id and person.pk not in excluded
    ]


# -- writes --------------------------------------------------------------------------


def _lock(person: Person, expected_version: int | None) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if expected_version is not None and locked.version != expected_version:
        raise EditConflict
    return locked


def _lock_households(*ids: int | None) -> None:
    """Locks the households a change touches, in one order, so that two changes of one
    household (two reference persons at once) run one after the other."""
    wanted = sorted({pk for pk in ids if pk})
    list(Household.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))


def _place(person: Person, household_id: int | None, relation: str) -> None:
    person.household_id = household_id
    person.household_relation = relation if household_id else ""
    person.version += 1
    person.save(update_fields=["household", "household_relation", "version"])


def _check_relation(household_id: int, relation: str, person_pk: int | None) -> None:
    if relation not in HouseholdRelation.values:
        raise HouseholdRefused(_("Please choose the relation in the household."))
    if relation != REFERENCE:
        return
    others = Person.objects.filter(household_id=household_id, household_relation=REFERENCE)
    if person_pk is not None:
        others = others.exclude(pk=person_pk)
    if others.exists():
        raise HouseholdRefused(
            _("The household already has a reference person. Change that person's relation first.")
        )


def _drop_if_empty(household_id: int | None) -> None:
    """A household nobody belongs to any more is deleted, unless a programme enrolment
    keeps it as the family of its history (the foreign key protects it)."""
    if not household_id or Person.objects.filter(household_id=household_id).exists():
        return
    household = Household.objects.filter(pk=household_id).first()
    if household is None:
        return
    try:
        with transaction.atomic():
            household.delete()
    except ProtectedError:
        pass


@transaction.atomic
def create_household(client: Person) -> Household:
    """A new household of the client's organisation with the client as reference."""
    locked = _lock(client, None)
    if locked.household_id:
        raise HouseholdRefused(_("The person already belongs to a household."))
    household = Household.objects.create(organisation_id=locked.organisation_id)
    _place(locked, household.pk, REFERENCE)
    client.household_id, client.household_relation = household.pk, REFERENCE
    client.version = locked.version
    return household


def _household_of(anchor: Person) -> int:
    """The anchor's household, created with the anchor as reference when it has none."""
    current = Person.objects.filter(pk=anchor.pk).values_list("household_id", flat=True).first()
    if current:
        return int(current)
    return create_household(anchor).pk


@transaction.atomic
def add_new_member(anchor: Person, *, relation: str, data: dict[str, Any]) -> Person:
    """Records a new person (of the anchor's organisation) in the anchor's household."""
    household_id = _household_of(anchor)
    _lock_households(household_id)
    _check_relation(household_id, relation, None)
    person = Person(
        organisation_id=anchor.organisation_id,
        household_id=household_id,
        household_relation=relation,
        **data,
    )
    if person.birth_date and not person.birth_year:
        person.birth_year = person.birth_date.year
    person.full_clean(exclude=["external_id"])
    person.save()
    return person


@transaction.atomic
def add_existing_member(anchor: Person, person: Person, *, relation: str) -> Person:
    """Brings a recorded person into the anchor's household (out of their former one)."""
    if person.pk == anchor.pk:
        raise HouseholdRefused(_("The person already belongs to this household."))
    return move(person, _household_of(anchor), relation=relation)


@transaction.atomic
def move_to_household_of(
    person: Person, target: Person, *, relation: str, expected_version: int | None = None
) -> Person:
    """Moves `person` into the household of `target`, creating one with `target` as
    reference when `target` has none."""
    if person.pk == target.pk:
        raise HouseholdRefused(_("Please choose a person of the other household."))
    return move(person, _household_of(target), relation=relation, expected_version=expected_version)


@transaction.atomic
def move(
    person: Person, household_id: int, *, relation: str, expected_version: int | None = None
) -> Person:
    """Moves `person` into the household; their former household is deleted when it is
    left empty and nothing else refers to it."""
    current = Person.objects.filter(pk=person.pk).values_list("household_id", flat=True).first()
    _lock_households(household_id, current)
    locked = _lock(person, expected_version)
    target = Household.objects.get(pk=household_id)
    if target.organisation_id != locked.organisation_id:
        raise HouseholdRefused(_("Households join persons of one organisation only."))
    if locked.household_id == household_id:
        raise HouseholdRefused(_("The person already belongs to this household."))
    _check_relation(household_id, relation, locked.pk)
    former = locked.household_id
    _place(locked, household_id, relation)
    _drop_if_empty(former)
    return locked


@transaction.atomic
def remove_member(person: Person, *, expected_version: int | None = None) -> Person:
    """Takes the person out of the household; the person stays, in no household."""
    _lock_households(person.household_id)
    locked = _lock(person, expected_version)
    if not locked.household_id:
        raise HouseholdRefused(_("The person belongs to no household."))
    former = locked.household_id
    _place(locked, None, "")
    _drop_if_empty(former)
    return locked


@transaction.atomic
def change_relation(
    person: Person, *, relation: str, expected_version: int | None = None
) -> Person:
    _lock_households(person.household_id)
    locked = _lock(person, expected_version)
    if not locked.household_id:
        raise HouseholdRefused(_("The person belongs to no household."))
    _check_relation(locked.household_id, relation, locked.pk)
    if locked.household_relation != relation:
        _place(locked, locked.household_id, relation)
    return locked
