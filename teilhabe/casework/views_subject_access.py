"""Data-subject access requests (GDPR Art. 15): the export of what is stored about a
person, by a counsellor or team lead (what they may open) and, complete, by the
data-protection officer, who finds the person in every organisation."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from teilhabe.casework.access import visible_person_or_404
from teilhabe.casework.forms import ClientSearchForm
from teilhabe.casework.models import Person
from teilhabe.casework.subject_access import collect, find_persons
from teilhabe.casework.subject_access_parts import find_records_outside_casework
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads

FORMATS = {"json", "pdf"}


def _download(request: HttpRequest, person: Person, data: dict[str, Any], fmt: str) -> HttpResponse:
    name = f"auskunft-{person.pk}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        from weasyprint import HTML  # slow to import; only the PDF needs it

        html = render_to_string(
            "casework/subject_access.html", {"client": person, "data": data}, request
        )
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@requires("casework.work_with_cases")
def client_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """What the reader may open about the client, as JSON or PDF; recorded."""
    if fmt not in FORMATS:
        raise Http404
    client = visible_person_or_404(request.user, pk)
    entry = log_read(request, client, f"export:{fmt}")  # first: the export lists itself
    data = collect(client, request.user)
    entry.additional_data = {
        **entry.additional_data,
        "scope": "complete" if data["scope"]["complete"] else "limited",
    }
    entry.save(update_fields=["additional_data"])
    return _download(request, client, data, fmt)


@requires("casework.answer_subject_access")
def search(request: HttpRequest) -> HttpResponse:
    """The data-protection officer finds the person who asked, in every organisation."""
    form = ClientSearchForm(request.GET or None)
    persons: list[Person] = []
    outside: list[dict[str, Any]] = []
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["geburtsjahr"]):
        persons = find_persons(form.cleaned_data["q"], form.cleaned_data["geburtsjahr"])
        log_reads(request, persons, "subject-access-search")
        if form.cleaned_data["q"]:  # a registration has no year of birth
            outside = find_records_outside_casework(form.cleaned_data["q"])
            for kind in outside:
                found = [record for record, _rows in kind["found"]]
                log_reads(request, found, "subject-access-search")
    return render(
        request,
        "casework/subject_access_search.html",
        {"form": form, "persons": persons, "outside": outside, "searched": form.is_bound},
    )


@requires("casework.answer_subject_access")
def full_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything stored about the person, for the data-protection officer; recorded."""
    if fmt not in FORMATS:
        raise Http404
    person = get_object_or_404(Person, pk=pk)
    log_read(request, person, f"export:{fmt}:full")  # first: the export lists itself
    return _download(request, person, collect(person, request.user, full=True), fmt)
