"""Casework endpoints: the user's visible clients and cases, read-only.

Every endpoint goes through the same selectors as the pages (casework/access.py), so
an organisation's cases are never readable by another organisation through the API,
and every read is in the audit log.
"""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from teilhabe.api.auth import require
from teilhabe.api.schemas import CaseDetailOut, CaseOut, ClientDetailOut, ClientOut
from teilhabe.casework.access import visible_cases, visible_person_or_404
from teilhabe.casework.models import Case, Person
from teilhabe.casework.selectors import case_list, search_clients
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.params import ID_MAX, TEXT_MAX, YEAR_MAX

# Every value of a request is bounded in the schema, so that a value the database could
# not take (a number beyond its integers, a NUL in text) is a 422, never a 500 (issue 9).
NO_NUL = r"^[^\x00]*$"
PAGE_MAX = 500
OFFSET_MAX = 2**31 - 1

router = Router(tags=["Fallarbeit"])
PERMISSION = "casework.work_with_cases"


class ClientFilter(Schema):
    q: str = Field("", max_length=TEXT_MAX, pattern=NO_NUL)
    geburtsjahr: int | None = Field(None, ge=1900, le=YEAR_MAX)


class CaseFilter(Schema):
    dienst: str = Field("", max_length=TEXT_MAX, pattern=NO_NUL)
    status: Literal["", "open", "closed", "all"] = ""


class CasePages(LimitOffsetPagination):
    """Limit and offset with bounds: at most PAGE_MAX cases a page."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=PAGE_MAX)
        offset: int = Field(0, ge=0, le=OFFSET_MAX)


def client_out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "person_id": person.external_id,
        "vorname": person.first_name,
        "nachname": person.last_name,
        "geburtsjahr": person.birth_year,
        "geschlecht": person.gender,
        "organisation": person.organisation.slug,
    }


def case_out(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "fall_id": case.external_id,
        "klient_id": case.client_id,
        "dienst": case.service.code,
        "art": case.kind,
        "beginn": case.opened_on,
        "ende": case.closed_on,
        "zugangsweg": case.access_route,
        "zustaendig": case.responsible.username if case.responsible else None,
    }


@router.get("/klienten", response=list[ClientOut], url_name="clients")
def clients(request: HttpRequest, filters: Query[ClientFilter]) -> list[dict[str, Any]]:
    """Clients the user may see, found by name, number or year of birth (at most 50)."""
    user = require(request, PERMISSION)
    found = search_clients(user, filters.q, filters.geburtsjahr)
    log_reads(request, found, "api:clients")
    persons = Person.objects.filter(pk__in=[p.pk for p in found]).select_related("organisation")
    by_pk = {person.pk: person for person in persons}
    return [client_out(by_pk[person.pk]) for person in found]


@router.get("/klienten/{pk}", response=ClientDetailOut, url_name="client")
def client(request: HttpRequest, pk: Annotated[int, Path(ge=1, le=ID_MAX)]) -> dict[str, Any]:
    user = require(request, PERMISSION)
    person = visible_person_or_404(user, pk)
    log_read(request, person, "api:client")
    cases = visible_cases(user).filter(client=person).select_related("service", "responsible")
    return {
        **client_out(person),
        "staatsangehoerigkeiten": person.nationalities,
        "herkunftsland": person.country_of_origin,
        "geburtsland": person.country_of_birth,
        "aufenthaltsstatus": person.legal_status,
        "stadtteil": person.district.code if person.district else None,
        "einreise": person.arrival_date,
        "sprachen": person.languages,
        "faelle": [case_out(case) for case in cases],
    }


@router.get("/faelle", response=list[CaseOut], url_name="cases")
@paginate(CasePages)
def cases(request: HttpRequest, filters: Query[CaseFilter]) -> list[dict[str, Any]] | Any:
    """The case list of the pages (same filters), newest first, in pages."""
    user = require(request, PERMISSION)
    return _CaseRows(case_list(user, service=filters.dienst, status=filters.status), request)


class _CaseRows:
    """Turns only the requested page into rows (and logs reading just those)."""

    def __init__(self, cases: Any, request: HttpRequest) -> None:
        self.cases, self.request = cases, request

    def __len__(self) -> int:
        return int(self.cases.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        page = list(self.cases[window])
        log_reads(self.request, page, "api:cases")
        return [case_out(case) for case in page]


@router.get("/faelle/{pk}", response=CaseDetailOut, url_name="case")
def case(request: HttpRequest, pk: Annotated[int, Path(ge=1, le=ID_MAX)]) -> dict[str, Any]:
    user = require(request, PERMISSION)
    found = get_object_or_404(visible_cases(user).select_related("service", "responsible"), pk=pk)
    log_read(request, found, "api:case")
    return {
        **case_out(found),
        "sitzungen": [
            {
                "id": s.pk,
                "datum": s.date,
                "dauer_min": s.duration_minutes,
                "form": s.form,
                "themen": s.topics,
            }
            for s in found.sessions.counted().order_by("date", "pk")
        ],
        "ziele": [
            {
                "id": g.pk,
                "bereich": g.area,
                "ziel": g.text,
                "vereinbart_am": g.agreed_on,
                "status": g.status,
                "status_seit": g.status_on,
            }
            for g in found.goals.order_by("agreed_on", "pk")
        ],
    }
