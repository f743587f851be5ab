"""Household pages of a client: create the household, add a new or an existing person,
change a relation, remove a member, move a person to another household.

Every address starts at a client the user may see (access.visible_person_or_404); a
member is a person of that client's household the user may act on
(households.member_or_404); a person picked from a search is a person the user may see
of the same organisation. Anything else is a 404, a malformed id a 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.casework import households
from teilhabe.casework.access import visible_person_or_404
from teilhabe.casework.forms_households import (
    MemberRelationForm,
    NewMemberForm,
    PersonSearchForm,
    RelationForm,
)
from teilhabe.casework.households import HouseholdRefused
from teilhabe.casework.models import Person
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict

work_with_cases = requires("casework.work_with_cases")

NEW, EXISTING = "neu", "vorhanden"


def _back(client: Person) -> HttpResponse:
    return redirect("casework:client_detail", pk=client.pk)


def _message(refusal: Exception) -> str:
    return str(CONFLICT_MESSAGE) if isinstance(refusal, EditConflict) else str(refusal)


def _refused(
    request: HttpRequest, client: Person, member: Person, refusal: Exception
) -> HttpResponse:
    """Back to the member's page, with the reason (the forms are there)."""
    messages.error(request, _message(refusal))
    return redirect("casework:household_member", pk=client.pk, member_pk=member.pk)


def _search(request: HttpRequest, client: Person, excluded: list[int]) -> dict[str, Any]:
    """The search box and its results (persons the user may see), logged as read."""
    query = params.text(request.GET, "q")
    found = households.search(request.user, client.organisation_id, query, excluded=excluded)
    log_reads(request, found, "household-search")
    return {"query": query, "found": found, "search_form": PersonSearchForm(initial={"q": query})}


def household_panel(request: HttpRequest, client: Person) -> dict[str, Any]:
    """The household section of the client page: the members the user may see with
    their relation; the members named are logged as read."""
    members = households.members(request.user, client)
    log_reads(request, [member.person for member in members if not member.is_client], "household")
    return {
        "household": members,
        "household_has_reference": households.has_reference(client.household_id),
    }


@work_with_cases
@require_POST
def household_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    try:
        households.create_household(client)
    except HouseholdRefused as refusal:
        return _refused(request, client, client, refusal)
    messages.success(request, _("Household created."))
    return _back(client)


def _add_existing(request: HttpRequest, client: Person, form: MemberRelationForm) -> Person | None:
    """The person chosen from the search: one the user may see, of the client's
    organisation (else 404); None when none was chosen (the form says so)."""
    chosen = params.object_id(request.POST, "person", default=None)
    if chosen is None:
        form.add_error(None, _("Please choose a person."))
        return None
    person = households.visible_person_of(request.user, client.organisation_id, chosen)
    return households.add_existing_member(client, person, relation=form.cleaned_data["relation"])


@work_with_cases
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new person (a short form) or a recorded person found by the search."""
    client = visible_person_or_404(request.user, pk)
    action = params.choice(request.POST, "aktion", (NEW, EXISTING), default=NEW)
    new_form = NewMemberForm(
        request.POST if request.method == "POST" and action == NEW else None,
        initial={"last_name": client.last_name},
        prefix="neu",
    )
    existing_form = MemberRelationForm(
        request.POST if request.method == "POST" and action == EXISTING else None,
        prefix="vorhanden",
    )
    if request.method == "POST":
        try:
            if action == NEW and new_form.is_valid():
                person = households.add_new_member(
                    client,
                    relation=new_form.cleaned_data["relation"],
                    data=new_form.person_data(),
                )
                messages.success(request, _("%(name)s added to the household.") % {"name": person})
                return _back(client)
            if action == EXISTING and existing_form.is_valid():
                added = _add_existing(request, client, existing_form)
                if added is not None:
                    messages.success(
                        request, _("%(name)s added to the household.") % {"name": added}
                    )
                    return _back(client)
        except (HouseholdRefused, EditConflict) as refusal:
            form = new_form if action == NEW else existing_form
            form.add_error(None, _message(refusal))
    members = [member.person.pk for member in households.members(request.user, client)]
    context = {
        "client": client,
        "new_form": new_form,
        "existing_form": existing_form,
        **_search(request, client, excluded=[client.pk, *members]),
    }
    log_read(request, client, "household")
    status = 400 if new_form.errors or existing_form.errors else 200
    return render(request, "casework/household_add.html", context, status=status)


@work_with_cases
@require_POST
def member_relation(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    member = households.member_or_404(request.user, client, member_pk)
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the relation in the household."))
        return redirect("casework:household_member", pk=client.pk, member_pk=member.pk)
    try:
        households.change_relation(
            member,
            relation=form.cleaned_data["relation"],
            expected_version=form.cleaned_data["version"],
        )
    except (HouseholdRefused, EditConflict) as refusal:
        return _refused(request, client, member, refusal)
    messages.success(request, _("Relation changed."))
    return _back(client)


@work_with_cases
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    member = households.member_or_404(request.user, client, member_pk)
    version = params.integer(request.POST, "version", minimum=0, maximum=2**31, default=None)
    try:
        households.remove_member(member, expected_version=version)
    except (HouseholdRefused, EditConflict) as refusal:
        return _refused(request, client, member, refusal)
    messages.success(request, _("%(name)s no longer belongs to the household.") % {"name": member})
    return _back(client)


@work_with_cases
def member_page(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """A member's place in the household: the relation, the move into the household of
    another person the user may see (who becomes its reference when they had none), and
    leaving the household. A POST here is the move."""
    client = visible_person_or_404(request.user, pk)
    member = households.member_or_404(request.user, client, member_pk)
    initial = {"relation": member.household_relation or "other", "version": member.version}
    move_form = RelationForm(request.POST or None, initial=initial, prefix="umzug")
    if request.method == "POST" and move_form.is_valid():
        chosen = params.object_id(request.POST, "target", default=None)
        if chosen is None:
            move_form.add_error(None, _("Please choose a person of the other household."))
        else:
            target = households.visible_person_of(request.user, member.organisation_id, chosen)
            try:
                households.move_to_household_of(
                    member,
                    target,
                    relation=move_form.cleaned_data["relation"],
                    expected_version=move_form.cleaned_data["version"],
                )
            except (HouseholdRefused, EditConflict) as refusal:
                move_form.add_error(None, _message(refusal))
            else:
                messages.success(
                    request,
                    _("%(name)s moved to the household of %(target)s.")
                    % {"name": member, "target": target},
                )
                return _back(client)
    excluded = [member.pk]
    if member.household_id:
        excluded += list(
            Person.objects.filter(household_id=member.household_id).values_list("pk", flat=True)
        )
    context = {
        "client": client,
        "member": member,
        "relation_form": RelationForm(initial=initial),
        "move_form": move_form,
        **_search(request, client, excluded),
    }
    log_read(request, member, "household-member")
    status = 400 if move_form.errors else 200
    return render(request, "casework/household_member.html", context, status=status)
