"""Pages for a family's participation: enrol, the enrolment with its home visits, end,
change of programme, edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.casework.models import Household, Person
from teilhabe.core import params
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.programmes import selectors, services
from teilhabe.programmes.access import (
    can_manage,
    enrolment_or_404,
    managed_programmes,
    programme_or_404,
    programme_staff,
)
from teilhabe.programmes.forms import (
    ChangeProgrammeForm,
    EndForm,
    EnrolForm,
    EnrolmentEditForm,
    FamilySearchForm,
    HomeVisitForm,
)
from teilhabe.programmes.models import Enrolment, Programme
from teilhabe.programmes.views_programmes import add_errors, manage_programmes, view_programmes


def _found_label(person: Person) -> str:
    year = f" ({person.birth_year})" if person.birth_year else ""
    family = _("family %(number)s") % {"number": person.household} if person.household else ""
    return f"{person}{year}" + (f" – {family}" if family else "")


def _household_of(person: Person) -> Household:
    """The person's household; a client without one gets a household of their own."""
    if person.household is None:
        person.household = Household.objects.create(organisation_id=person.organisation_id)
        person.save(update_fields=["household"])
    return person.household


@transaction.atomic
def _enrol(programme: Programme, form: EnrolForm, found: dict[int, Person], user: Any) -> Enrolment:
    data = form.cleaned_data
    if data.get("person"):
        contact = found[data["person"]]
        household = _household_of(contact)
    else:
        family = services.NewFamily(**form.new_family_data())
        household, contact = services.create_family(programme.organisation_id, family)
    return services.enrol(
        programme=programme,
        household=household,
        contact_person=contact,
        start_date=data["start_date"],
        planned_end=data["planned_end"],
        home_visitor=data["home_visitor"],
        coordinator=data["coordinator"] or user,
    )


@manage_programmes
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_or_404(request.user, pk, manage=True)
    search = FamilySearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    query = params.text(request.POST, "q", default=query)
    persons = selectors.find_family_persons(request.user, programme.organisation_id, query)
    if query:  # a search sent with the enrolment form (POST) shows the same names
        log_reads(request, persons, "programme-family-search")
    found = {person.pk: person for person in persons}
    form = EnrolForm(
        request.POST or None,
        found=[(person.pk, _found_label(person)) for person in persons],
        staff=programme_staff(programme.organisation_id),
        initial={"coordinator": request.user},
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = _enrol(programme, form, found, request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Family enrolled."))
            return redirect("programmes:enrolment_detail", pk=enrolment.pk)
    context = {"programme": programme, "search": search, "query": query, "form": form}
    return render(request, "programmes/enrol.html", context, status=400 if form.errors else 200)


def _enrolment_page(
    request: HttpRequest, enrolment: Enrolment, visit_form: HomeVisitForm | None = None
) -> HttpResponse:
    log_read(request, enrolment)  # also when a visit form with errors shows the family
    staff = programme_staff(enrolment.programme.organisation_id)
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "members": selectors.family_members(enrolment),
        "history": selectors.family_history(request.user, enrolment),
        "visits": selectors.visits_of(enrolment),
        "may_manage": can_manage(request.user, enrolment.programme),
        "visit_form": visit_form
        or HomeVisitForm(staff=staff, initial={"visitor": enrolment.home_visitor}),
    }
    status = 400 if visit_form is not None else 200
    return render(request, "programmes/enrolment_detail.html", context, status=status)


@view_programmes
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_or_404(request.user, pk)
    return _enrolment_page(request, enrolment)


@manage_programmes
@require_POST
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_or_404(request.user, pk, manage=True)
    form = HomeVisitForm(request.POST, staff=programme_staff(enrolment.programme.organisation_id))
    if form.is_valid():
        try:
            services.record_visit(enrolment, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Home visit recorded."))
            return redirect("programmes:enrolment_detail", pk=enrolment.pk)
    return _enrolment_page(request, enrolment, visit_form=form)


@manage_programmes
def enrolment_end(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_or_404(request.user, pk, manage=True)
    form = EndForm(request.POST or None, initial={"version": enrolment.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.end_enrolment(enrolment, expected_version=data.pop("version"), **data)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Participation ended."))
            return redirect("programmes:enrolment_detail", pk=enrolment.pk)
    log_read(request, enrolment, "end")
    context = {"enrolment": enrolment, "form": form}
    return render(
        request, "programmes/enrolment_end.html", context, status=400 if form.errors else 200
    )


@manage_programmes
def enrolment_change(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_or_404(request.user, pk, manage=True)
    targets = (
        managed_programmes(request.user)
        .filter(organisation_id=enrolment.programme.organisation_id, is_active=True)
        .exclude(pk=enrolment.programme_id)
    )
    form = ChangeProgrammeForm(
        request.POST or None,
        targets=targets,
        staff=programme_staff(enrolment.programme.organisation_id),
        initial={"version": enrolment.version, "home_visitor": enrolment.home_visitor},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            new = services.change_programme(
                enrolment, expected_version=data.pop("version"), coordinator=request.user, **data
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Programme changed; the family's history is kept."))
            return redirect("programmes:enrolment_detail", pk=new.pk)
    log_read(request, enrolment, "change")
    context = {"enrolment": enrolment, "form": form, "has_targets": targets.exists()}
    return render(
        request, "programmes/enrolment_change.html", context, status=400 if form.errors else 200
    )


@manage_programmes
def enrolment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_or_404(request.user, pk, manage=True)
    form = EnrolmentEditForm(
        request.POST or None,
        members=Person.objects.filter(household_id=enrolment.household_id),
        staff=programme_staff(enrolment.programme.organisation_id),
        initial={
            "contact_person": enrolment.contact_person,
            "planned_end": enrolment.planned_end,
            "home_visitor": enrolment.home_visitor,
            "coordinator": enrolment.coordinator,
            "version": enrolment.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_enrolment(enrolment, expected_version=data.pop("version"), **data)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:enrolment_detail", pk=enrolment.pk)
    log_read(request, enrolment, "edit")  # the form lists the family's members
    context = {"enrolment": enrolment, "form": form}
    return render(
        request, "programmes/enrolment_edit.html", context, status=400 if form.errors else 200
    )
