"""Pages for clients: find, create (with duplicate warning), view, edit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from teilhabe.casework import selectors, services
from teilhabe.casework.access import (
    can_open_cases_at,
    open_to,
    visible_cases,
    visible_consents,
    visible_person_or_404,
    visible_persons,
    work_services,
)
from teilhabe.casework.forms import CaseForm, ClientSearchForm, PersonForm
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned
from teilhabe.organisations.models import Service

work_with_cases = requires("casework.work_with_cases")


def _services_for(user: Any) -> Any:
    """The services in which the user may open cases."""
    return Service.objects.filter(pk__in=work_services(user))


@work_with_cases
def client_list(request: HttpRequest) -> HttpResponse:
    """A search (the best 50 matches) or, without one, every visible client, paged."""
    form = ClientSearchForm(request.GET or None)
    query, year = "", None
    if form.is_valid():
        query, year = form.cleaned_data["q"], form.cleaned_data["geburtsjahr"]
    page = None
    if query:
        clients = selectors.search_clients(request.user, query, year)
    else:
        persons = visible_persons(request.user).order_by("last_name", "first_name", "pk")
        if year:
            persons = persons.filter(birth_year=year)
        page = Paginator(persons, 50).get_page(params.page(request.GET))
        clients = list(page)
    # the list without a search names persons too (a page of them): logged alike
    log_reads(request, clients, "search" if query else "client-list")
    context = {
        "form": form,
        "clients": clients,
        "query": query,
        "page": page,
        "filters": urlencode({"geburtsjahr": year} if year else {}),
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
            messages.success(request, _("Client and case created."))
            return redirect("casework:case_detail", pk=case.pk)
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
        "household": open_to(request.user, client.household.members.exclude(pk=client.pk))
        if client.household
        else [],
        "consents": visible_consents(request.user, client),
    }
    context["household"] = list(context["household"])  # read once: logged and shown
    log_reads(request, context["household"], "household")  # names and birth years
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
            messages.success(request, _("Saved."))
            return redirect("casework:client_detail", pk=client.pk)
    log_read(request, client, "edit")  # the form shows address, phone and e-mail
    return render(request, "casework/client_edit.html", {"form": form, "client": client})


@work_with_cases
def case_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = visible_person_or_404(request.user, pk)
    services_available = _services_for(request.user).filter(organisations=client.organisation_id)
    form = CaseForm(request.POST or None, services=services_available)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(
            client=client,
            service_id=form.cleaned_data["service"].pk,
            kind=form.cleaned_data["kind"],
            opened_on=form.cleaned_data["opened_on"],
            access_route=form.cleaned_data["access_route"],
            responsible=request.user,
        )
        messages.success(request, _("Case opened."))
        return redirect("casework:case_detail", pk=case.pk)
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
