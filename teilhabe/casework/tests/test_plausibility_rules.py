"""Plausibility rules of issue 10, item 7, with hand-set dates: no entry into a closed
year without the team lead (sessions, goals, corrections, cancellations), and the
service's age range as a warning the user confirms with a reason that the audit log
keeps."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.casework.plausibility import age_warning
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope

pytestmark = pytest.mark.django_db
OPENED = datetime.date(2024, 3, 1)
IN_CLOSED = "2024-05-02"  # 2024 is closed for MBE in the world below
IN_OPEN = "2025-05-02"


def _case(provider: Organisation, owner: User, code: str = "MBE", born: int | None = None) -> Case:
    client = Person.objects.create(
        organisation=provider, first_name="Olena", last_name="K", birth_year=born
    )
    return services.open_case(
        client=client, service_id=Service.objects.get(code=code).pk, kind="beratung",
        opened_on=OPENED, access_route="familie", responsible=owner,
    )  # fmt: skip


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    counsellor = users_by_role[Role.COUNSELLOR.value]
    lead = users_by_role[Role.TEAM_LEAD.value]
    case = _case(provider, counsellor)
    old = services.record_session(
        case, author=counsellor, present=[], date=datetime.date(2024, 4, 2), duration_minutes=30
    )
    freeze.close_year(Scope((provider.pk,), ("MBE",)), 2024, lead)
    return {"counsellor": counsellor, "lead": lead, "case": case, "old": old}


def _session(client: Client, case: Case, day: str) -> Any:
    url = reverse("casework:session_create", kwargs={"pk": case.pk})
    return client.post(url, {"date": day, "duration_minutes": "30"})


def _goal(client: Client, case: Case, day: str) -> Any:
    url = reverse("casework:goal_create", kwargs={"pk": case.pk})
    return client.post(url, {"area": "sprachlich", "text": "B1", "agreed_on": day})


# The messages by their msgid: the German catalogue is added by the integration.
CLOSED_FOR_COUNSELLOR = _(
    "The year %(year)s is closed for this service; only the team lead can record in it."
) % {"year": 2024}
CLOSED_FOR_LEAD = _(
    "The year %(year)s is closed. The entry is saved; the closed annual report keeps its "
    "figures until the year is reopened."
) % {"year": 2024}


def test_a_counsellor_cannot_record_into_a_closed_year(world: dict[str, Any]) -> None:
    client, case = signed_in_client(world["counsellor"]), world["case"]
    refused = _session(client, case, IN_CLOSED)
    assert refused.status_code == 400
    assert refused.context["session_form"].errors == {"date": [CLOSED_FOR_COUNSELLOR]}
    goal = _goal(client, case, IN_CLOSED)
    assert goal.status_code == 400
    assert goal.context["goal_form"].errors == {"agreed_on": [CLOSED_FOR_COUNSELLOR]}
    assert case.sessions.count() == 1 and not case.goals.exists()
    # the year after is open
    assert _session(client, case, IN_OPEN).status_code == 302
    assert _goal(client, case, IN_OPEN).status_code == 302
    assert case.sessions.count() == 2 and case.goals.count() == 1


def test_the_team_lead_records_into_a_closed_year_and_is_told(world: dict[str, Any]) -> None:
    client, case = signed_in_client(world["lead"]), world["case"]
    response = _session(client, case, IN_CLOSED)
    assert response.status_code == 302
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    assert CLOSED_FOR_LEAD in notices
    assert _goal(client, case, IN_CLOSED).status_code == 302
    assert case.sessions.filter(date=datetime.date(2024, 5, 2)).count() == 1
    assert case.goals.count() == 1


def test_a_goal_status_in_a_closed_year_is_the_team_leads(world: dict[str, Any]) -> None:
    case = world["case"]
    goal = services.add_goal(
        case, user=world["counsellor"], area="sprachlich", text="B1", agreed_on=OPENED
    )
    url = reverse("casework:goal_status", kwargs={"pk": case.pk, "goal_pk": goal.pk})
    data = {"status": "erreicht", "set_on": "2024-11-30"}
    refused = signed_in_client(world["counsellor"]).post(url, data)
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [CLOSED_FOR_COUNSELLOR]
    assert goal.history.count() == 1
    done = signed_in_client(world["lead"]).post(url, data)
    assert CLOSED_FOR_LEAD in [str(m) for m in get_messages(done.wsgi_request)]
    assert goal.history.count() == 2


def test_a_reopened_year_or_another_service_is_open(
    world: dict[str, Any], provider: Organisation
) -> None:
    client = signed_in_client(world["counsellor"])
    jmd = _case(provider, world["counsellor"], "JMD", born=2005)
    assert _session(client, jmd, IN_CLOSED).status_code == 302  # only MBE is closed
    report = freeze.frozen_report(Scope((provider.pk,), ("MBE",)), 2024)
    assert report is not None
    freeze.reopen_year(report, world["lead"], "Nachtrag")
    assert _session(client, world["case"], IN_CLOSED).status_code == 302


def test_correcting_or_cancelling_in_a_closed_year_is_the_team_leads(
    world: dict[str, Any],
) -> None:
    case, old = world["case"], world["old"]
    ids = {"pk": case.pk, "session_pk": old.pk}
    correct = reverse("casework:session_correct", kwargs=ids)
    cancel = reverse("casework:session_cancel", kwargs=ids)
    counsellor = signed_in_client(world["counsellor"])
    refused = counsellor.post(correct, {"date": "2024-04-02", "duration_minutes": "45"})
    assert refused.status_code == 200 and refused.context["form"].errors == {
        "date": [CLOSED_FOR_COUNSELLOR]
    }
    refused = counsellor.post(cancel, {"reason": "Doppelt"})
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [CLOSED_FOR_COUNSELLOR]
    old.refresh_from_db()
    assert old.duration_minutes == 30 and not old.is_cancelled
    lead = signed_in_client(world["lead"])
    assert lead.post(correct, {"date": "2024-04-02", "duration_minutes": "45"}).status_code == 302
    assert lead.post(cancel, {"reason": "Doppelt"}).status_code == 302
    old.refresh_from_db()
    assert old.duration_minutes == 45 and old.is_cancelled


# --- the service's age range --------------------------------------------------------


AGE = (
    "The service %(service)s counsels persons aged %(youngest)s to %(oldest)s; a client "
    "born in %(born)s is %(age)s or %(older)s years old in %(year)s."
)


def test_the_age_range_warns_only_when_neither_possible_age_fits() -> None:
    day = datetime.date(2025, 6, 1)
    # only the year of birth is known: born 1997 is 27 or 28 in 2025, born 2013 11 or 12
    assert age_warning("JMD", 1997, day) == age_warning("JMD", 2013, day) == ""
    assert age_warning("JMD", 1996, day) == _(AGE) % {
        "service": "JMD", "youngest": 12, "oldest": 27, "born": 1996, "age": 28, "older": 29,
        "year": 2025,
    }  # fmt: skip
    assert age_warning("JMD", 2014, day) != ""
    assert age_warning("JMD", 1954, day) != ""  # the 71-year-old of the issue
    assert age_warning("MBE", 1954, day) == ""  # no range for the MBE
    assert age_warning("JMD", None, day) == ""  # unknown: nothing to warn about


def test_the_range_is_configurable(settings: Any) -> None:
    settings.SERVICE_AGE_RANGES = {"MBE": (27, 120)}
    assert age_warning("MBE", 2005, datetime.date(2025, 1, 1)) != ""
    assert age_warning("JMD", 1954, datetime.date(2025, 1, 1)) == ""


def _audit(record: Any, action: int) -> LogEntry:
    entry = LogEntry.objects.get_for_object(record).filter(action=action).order_by("-pk").first()
    assert entry is not None
    return entry


def test_a_jmd_case_for_a_71_year_old_needs_a_confirmed_reason(
    users_by_role: dict[str, User], provider: Organisation
) -> None:
    user = users_by_role[Role.COUNSELLOR.value]
    client = _case(provider, user, born=1954).client  # a client of the MBE
    url = reverse("casework:case_create", kwargs={"pk": client.pk})
    data = {
        "service": Service.objects.get(code="JMD").pk,
        "kind": "beratung",
        "opened_on": "2025-06-01",
        "access_route": "familie",
    }
    browser = signed_in_client(user)
    warned = browser.post(url, data)
    html = warned.content.decode()
    assert warned.status_code == 200 and client.cases.count() == 1
    form = warned.context["form"]
    assert form.warnings == [
        _(AGE) % {"service": "JMD", "youngest": 12, "oldest": 27, "born": 1954, "age": 70,
                  "older": 71, "year": 2025}
    ]  # fmt: skip
    assert list(form.errors) == ["age_confirmed"]
    assert "kern-alert--warning" in html and 'type="checkbox" name="age_confirmed"' in html
    no_reason = browser.post(url, {**data, "age_confirmed": "on", "age_reason": " "})
    assert list(no_reason.context["form"].errors) == ["age_reason"]
    assert client.cases.count() == 1
    reason = "Großmutter eines JMD-Klienten, Ausnahme mit der Leitung abgestimmt"
    done = browser.post(url, {**data, "age_confirmed": "on", "age_reason": reason})
    assert done.status_code == 302
    case = Case.objects.get(client=client, service__code="JMD")
    entry = _audit(case, LogEntry.Action.CREATE)
    assert entry.additional_data["grund"] == reason
    assert entry.additional_data["warnung_bestaetigt"] == form.warnings


def test_no_warning_inside_the_range_or_for_a_service_without_one(
    users_by_role: dict[str, User], provider: Organisation
) -> None:
    browser = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    for code, born in (("JMD", 2005), ("IKB", 1954)):
        client = _case(provider, users_by_role[Role.COUNSELLOR.value], born=born).client
        response = browser.post(
            reverse("casework:case_create", kwargs={"pk": client.pk}),
            {"service": Service.objects.get(code=code).pk, "kind": "beratung",
             "opened_on": "2025-06-01", "access_route": "familie"},
        )  # fmt: skip
        assert response.status_code == 302, code
        case = client.cases.get(service__code=code)
        assert not (_audit(case, LogEntry.Action.CREATE).additional_data or {})


def test_a_new_client_with_a_jmd_case_out_of_range(
    users_by_role: dict[str, User], provider: Organisation
) -> None:
    browser = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    data = {
        "person-first_name": "Zeynep",
        "person-last_name": "Yilmaz",
        "person-birth_year": "1954",
        "case-service": Service.objects.get(code="JMD").pk,
        "case-kind": "beratung",
        "case-opened_on": "2025-06-01",
        "case-access_route": "familie",
    }
    warned = browser.post(reverse("casework:client_create"), data)
    assert warned.status_code == 200 and warned.context["case_form"].warnings
    assert not Person.objects.filter(last_name="Yilmaz").exists()
    confirmed = {**data, "case-age_confirmed": "on", "case-age_reason": "Ausnahme"}
    assert browser.post(reverse("casework:client_create"), confirmed).status_code == 302
    case = Case.objects.get(client__last_name="Yilmaz")
    assert _audit(case, LogEntry.Action.CREATE).additional_data["grund"] == "Ausnahme"


def test_a_new_year_of_birth_is_checked_against_the_open_cases(
    users_by_role: dict[str, User], provider: Organisation
) -> None:
    user = users_by_role[Role.COUNSELLOR.value]
    case = _case(provider, user, "JMD", born=2005)
    client = case.client
    url = reverse("casework:client_edit", kwargs={"pk": client.pk})
    data = {"first_name": "Olena", "last_name": "K", "birth_year": "1954"}
    browser = signed_in_client(user)
    warned = browser.post(url, {**data, "version": client.version})
    assert warned.status_code == 200 and warned.context["form"].warnings
    client.refresh_from_db()
    assert client.birth_year == 2005
    confirmed = {
        **data,
        "version": client.version,
        "age_confirmed": "on",
        "age_reason": "Tippfehler",
    }
    assert browser.post(url, confirmed).status_code == 302
    client.refresh_from_db()
    assert client.birth_year == 1954
    assert _audit(client, LogEntry.Action.UPDATE).additional_data["grund"] == "Tippfehler"
    # unchanged year of birth: no warning, though it is out of range
    again = browser.post(url, {**data, "last_name": "Kovalenko", "version": client.version})
    assert again.status_code == 302
    # a closed case does not warn
    services.close_case(case, closed_on=datetime.date(2025, 1, 1), reason="ziele_erreicht")
    later = {**data, "birth_year": "1950", "version": Person.objects.get(pk=client.pk).version}
    assert browser.post(url, later).status_code == 302
