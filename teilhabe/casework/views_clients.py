"""Pages for clients: find, create (with duplicate warning), view, edit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from teilhabe.casework import plausibility, selectors, services
from teilhabe.casework.access import (
    can_open_cases_at,
    visible_cases,
    visible_consents,
    visible_person_or_404,
    visible_persons,
    work_services,
)
from teilhabe.casework.case_page import SESSIONS, redirect_to_tab
from teilhabe.casework.forms import CaseForm, ClientSearchForm, PersonForm
from teilhabe.casework.selectors_clients import DEFAULT_SORT, SORTS, with_last_contact
from teilhabe.casework.selectors_clients import client_list as client_list_of
from teilhabe.casework.views_households import household_panel
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned
from teilhabe.organisations.models import Service

work_with_cases = requires("casework.work_with_cases")


def _services_for(user: Any) -> Any:
    """The services in which the user may open cases."""
    return Service.objects.filter(pk__in=work_services(user))


# column → (label, the order a first click gives: the latest contact and the newest
# client first, names and birth years from the start of the alphabet and the eldest)
SORT_COLUMNS = (
    ("name", _lazy("Name"), "name"),
    ("geburt", _lazy("Year of birth"), "geburt"),
    ("kontakt", _lazy("Last contact"), "-kontakt"),
    ("erstellt", _lazy("Created on"), "-erstellt"),
)


def _sort_headers(sort: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The sortable column headers: label, link, and `aria-sort` for the current one."""
    headers = []
    for column, label, first in SORT_COLUMNS:
        current = sort.lstrip("-") == column
        descending = sort.startswith("-")
        target = (column if descending else f"-{column}") if current else first
        headers.append(
            {
                "label": label,
                "url": "?" + urlencode({**filters, "sortierung": target}),
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


@work_with_cases
def client_list(request: HttpRequest) -> HttpResponse:
    """A search (the best 50 matches) or, without one, every visible client, sorted by
    the column the user chose (`sortierung`) and paged."""
    form = ClientSearchForm(request.GET or None)
    sort = params.choice(request.GET, "sortierung", SORTS, default=DEFAULT_SORT)
    query, year = "", None
    if form.is_valid():
        query, year = form.cleaned_data["q"], form.cleaned_data["geburtsjahr"]
    page = None
    if query:
        clients = selectors.search_clients(request.user, query, year)
    else:
        persons = client_list_of(request.user, sort=sort, year=year)
        page = Paginator(persons, 50).get_page(params.page(request.GET))
        clients = list(page)
    with_last_contact(request.user, clients)
    # the list without a search names persons too (a page of them): logged alike
    log_reads(request, clients, "search" if query else "client-list")
    filters = {"geburtsjahr": year} if year else {}
    context = {
        "form": form,
        "clients": clients,
        "query": query,
        "page": page,
        "sort": sort if sort != DEFAULT_SORT else "",
        "headers": _sort_headers(sort, filters) if page else [],
        "filters": urlencode({**filters, "sortierung": sort} if sort != DEFAULT_SORT else filters),
    }
    return render(request, "casework/client_list.html", context)


@work_with_cases
def client_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    services_available = _services_for(user)
    person_form = PersonForm(request.POST or None, prefix="person")
    case_form = CaseForm(request.POST or None, prefix="case", services=services_available)
    duplicates: list[Any] = []
    hidden_duplicates = 0
    if request.method == "POST" and person_form.is_valid():
        case_form.birth_year = person_form.cleaned_data["birth_year"]  # the age range
    if request.method == "POST" and person_form.is_valid() and case_form.is_valid():
        data = person_form.person_data()
        service = case_form.cleaned_data["service"]
        organisation = next(
            m.organisation
            for m in can_open_cases_at(user)
            if m.organisation.services.filter(pk=service.pk).exists()
        )
        similar = selectors.similar_clients(
            organisation.pk, data["first_name"], data["last_name"], data["birth_year"]
        )
        visible = set(
            visible_persons(user)
            .filter(pk__in=[p.pk for p in similar])
            .values_list("pk", flat=True)
        )
        duplicates = [p for p in similar if p.pk in visible]
        hidden_duplicates = len(similar) - len(duplicates)
        log_reads(request, duplicates, "duplicate-check")
        if similar and not request.POST.get("confirm_new"):
            messages.warning(
                request,
                _(
                    "A client with a similar name already exists. "
                    "Please check before creating a new one."
                ),
            )
        else:
            first_case = {
                "service_id": service.pk,
                "kind": case_form.cleaned_data["kind"],
                "opened_on": case_form.cleaned_data["opened_on"],
                "access_route": case_form.cleaned_data["access_route"],
            }
            case = services.create_client(
                organisation_id=organisation.pk, data=data, first_case=first_case, user=user
            )
            plausibility.record_confirmation(case, case_form.age_confirmation)
            messages.success(request, _("Client and case created."))
            return redirect_to_tab(case, SESSIONS)
    context = {
        "person_form": person_form,
        "case_form": case_form,
        "duplicates": duplicates,
        "hidden_duplicates": hidden_duplicates,
    }
    return render(request, "casework/client_form.html", context)


@work_with_cases
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    log_read(request, client)
    cases = (
        visible_cases(request.user).filter(client=client).select_related("service", "responsible")
    )
    context: dict[str, Any] = {
        "client": client,
        "cases": cases,
        "consents": visible_consents(request.user, client),
        **household_panel(request, client),  # logs the members it names
    }
    return render(request, "casework/client_detail.html", context)


@work_with_cases
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    form = PersonForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        for name, value in form.person_data().items():
            setattr(client, name, value)
        try:
            save_versioned(client, form.cleaned_data["version"] or 0)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            plausibility.record_confirmation(client, form.age_confirmation)
            messages.success(request, _("Saved."))
            return redirect("casework:client_detail", pk=client.pk)
    log_read(request, client, "edit")  # the form shows address, phone and e-mail
    return render(request, "casework/client_edit.html", {"form": form, "client": client})


@work_with_cases
def case_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    services_available = _services_for(request.user).filter(organisations=client.organisation_id)
    form = CaseForm(request.POST or None, services=services_available, birth_year=client.birth_year)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(
            client=client,
            service_id=form.cleaned_data["service"].pk,
            kind=form.cleaned_data["kind"],
            opened_on=form.cleaned_data["opened_on"],
            access_route=form.cleaned_data["access_route"],
            responsible=request.user,
        )
        plausibility.record_confirmation(case, form.age_confirmation)
        messages.success(request, _("Case opened."))
        return redirect_to_tab(case, SESSIONS)
    log_read(request, client, "new-case")
    return render(request, "casework/case_form.html", {"form": form, "client": client})


@requires("casework.merge_clients")
def client_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """The team lead merges a duplicate into this client."""
    from teilhabe.casework.merge import MergeRefused, merge_clients

    keep = get_object_or_404(visible_persons(request.user), pk=pk)
    candidates = (
        visible_persons(request.user).filter(organisation=keep.organisation).exclude(pk=keep.pk)
    )
    similar = selectors.similar_clients(keep.organisation_id, keep.first_name, keep.last_name, None)
    if request.method == "POST":
        duplicate_pk = params.object_id(request.POST, "duplicate", default=None)
        duplicate = get_object_or_404(candidates, pk=duplicate_pk)
        try:
            merge_clients(keep, duplicate, user=request.user)
        except MergeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Records merged."))
            return redirect("casework:client_detail", pk=keep.pk)
    visible_similar = [p for p in similar if candidates.filter(pk=p.pk).exists()]
    log_read(request, keep, "merge")
    log_reads(request, visible_similar, "merge")
    return render(
        request, "casework/client_merge.html", {"client": keep, "similar": visible_similar}
    )
