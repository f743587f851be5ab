"""The counsellor's work list on the start page (issue 10, item 1): my open cases by
last contact, hand-overs in and out, a team lead's load per service.

The world, with T = today (every date is relative to it, the expectations are worked
out by hand below):

Diakonie (MBE, JMD, IKB): anna counsellor [MBE], ben counsellor [MBE, JMD], lena team
lead [MBE, JMD]. Stadt (KIM): cm, case manager. Caritas (MBE): carl, counsellor.

    case  service  responsible  opened   sessions (x: cancelled)     last    no contact 90 d
    A1    MBE      anna         T-200    T-150, T-100, T-10x          T-100   yes
    A2    MBE      anna         T-30     -                            -       no (new)
    A3    MBE      anna         T-300    T-5                          T-5     no
    A4    MBE      anna         closed   -                            (closed: not listed)
    B1    JMD      ben          T-120    -   shared with anna         -       yes
    B2    MBE      ben          T-95     T-90   shared with anna      T-90    yes (boundary)
    B3    JMD      ben          T-400    T-91, T-20x                  T-91    yes
    N1    MBE      nobody       T-100    -                            -       yes
    I1    IKB      anna         T-50     -   (IKB: neither anna's nor lena's service)
    C1    MBE      carl         T-200    T-300 (at Caritas)

Hand-overs to Stadt/KIM: H1 ben from B2, waiting; H2 anna from A1, accepted by cm;
H3 anna from A3, declined; H4 anna from A2, consent withdrawn; H5 anna from A3,
declined 40 days ago (no longer followed); H6 carl from C1, waiting.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework import handover, worklist
from teilhabe.casework import worklist_selectors as selectors
from teilhabe.casework.models import Case, Person, Referral, Session
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db
T = timezone.localdate()


def days(n: int) -> datetime.date:
    return T - datetime.timedelta(days=n)


def _case(
    organisation: Organisation,
    code: str,
    name: str,
    responsible: User | None,
    opened: int,
    contacts: tuple[int, ...] = (),
    cancelled: tuple[int, ...] = (),
) -> Case:
    first, last = name.split()
    client = Person.objects.create(
        organisation=organisation, first_name=first, last_name=last, birth_year=1980
    )
    case = Case.objects.create(
        organisation=organisation,
        service=Service.objects.get(code=code),
        client=client,
        kind="beratung",
        opened_on=days(opened),
        responsible=responsible,
    )
    for n in contacts:
        Session.objects.create(case=case, date=days(n), duration_minutes=30)
    for n in cancelled:
        Session.objects.create(
            case=case, date=days(n), duration_minutes=30, cancelled_at=timezone.now()
        )
    return case


def _propose(case: Case, user: User, city: Organisation) -> Referral:
    consent = handover.record_consent(
        case.client,
        user=user,
        recipient_id=city.pk,
        recipient_service_id=Service.objects.get(code="KIM").pk,
        purpose="Clearing",
        given_on=T,
        explained_language="de",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    return handover.propose(case, consent=consent, kind="clearing", note="", user=user)


@pytest.fixture
def world(provider: Organisation, city: Organisation) -> dict[str, Any]:
    mbe, jmd = Service.objects.get(code="MBE"), Service.objects.get(code="JMD")
    caritas = create_organisation("caritas", "Caritas Teststadt", ["MBE"])
    w: dict[str, Any] = {
        "anna": make_user("anna"),
        "ben": make_user("ben"),
        "lena": make_user("lena"),
        "cm": make_user("cm", city, Role.COUNSELLOR),
        "carl": make_user("carl", caritas, Role.COUNSELLOR),
    }
    add_membership(w["anna"], provider, Role.COUNSELLOR, [mbe])
    add_membership(w["ben"], provider, Role.COUNSELLOR, [mbe, jmd])
    add_membership(w["lena"], provider, Role.TEAM_LEAD, [mbe, jmd])
    anna, ben = w["anna"], w["ben"]
    w["A1"] = _case(provider, "MBE", "Amal Eins", anna, 200, (150, 100), (10,))
    w["A2"] = _case(provider, "MBE", "Amal Zwei", anna, 30)
    w["A3"] = _case(provider, "MBE", "Amal Drei", anna, 300, (5,))
    w["A4"] = _case(provider, "MBE", "Amal Vier", anna, 300)
    Case.objects.filter(pk=w["A4"].pk).update(closed_on=days(20))
    w["B1"] = _case(provider, "JMD", "Bilal Eins", ben, 120)
    w["B2"] = _case(provider, "MBE", "Bilal Zwei", ben, 95, (90,))
    w["B3"] = _case(provider, "JMD", "Bilal Drei", ben, 400, (91,), (20,))
    w["B1"].shared_with.add(anna)
    w["B2"].shared_with.add(anna)
    w["N1"] = _case(provider, "MBE", "Niemand Eins", None, 100)
    w["I1"] = _case(provider, "IKB", "Ida Eins", anna, 50)
    w["C1"] = _case(caritas, "MBE", "Zora Fremd", w["carl"], 200, (300,))
    w["H1"] = _propose(w["B2"], ben, city)
    w["H2"] = _propose(w["A1"], anna, city)
    w["received"] = handover.accept(w["H2"], user=w["cm"])
    w["H3"] = _propose(w["A3"], anna, city)
    handover.decline(w["H3"])
    w["H4"] = _propose(w["A2"], anna, city)
    handover.withdraw(w["H4"].consent)
    w["H5"] = _propose(w["A3"], anna, city)
    handover.decline(w["H5"])
    Referral.objects.filter(pk=w["H5"].pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=40)
    )
    w["H6"] = _propose(w["C1"], w["carl"], city)
    return w


def names(cases: list[Case]) -> list[str]:
    return [str(case.client) for case in cases]


def test_my_open_cases_longest_without_contact_first(world: dict[str, Any]) -> None:
    cases, total = selectors.my_open_cases(world["anna"], T, 15)
    # B1 is shared with anna but JMD is not her service; A4 closed; I1 not her service
    assert names(cases) == ["Amal Zwei", "Amal Eins", "Bilal Zwei", "Amal Drei"]
    # the cancelled session of A1 (T-10) is no contact
    assert [case.last_contact for case in cases] == [None, days(100), days(90), days(5)]
    assert [case.no_recent_contact for case in cases] == [False, True, True, False]
    assert total == 4

    cases, total = selectors.my_open_cases(world["ben"], T, 15)
    assert names(cases) == ["Bilal Eins", "Bilal Drei", "Bilal Zwei"]
    assert [case.last_contact for case in cases] == [None, days(91), days(90)]
    assert [case.no_recent_contact for case in cases] == [True, True, True]
    assert total == 3

    assert selectors.my_open_cases(world["lena"], T, 15) == ([], 0)
    cases, total = selectors.my_open_cases(world["cm"], T, 15)
    assert cases == [world["received"]] and total == 1
    assert names(selectors.my_open_cases(world["carl"], T, 15)[0]) == ["Zora Fremd"]


def test_the_list_is_cut_at_the_limit_with_the_full_total(world: dict[str, Any]) -> None:
    cases, total = selectors.my_open_cases(world["anna"], T, 2)
    assert names(cases) == ["Amal Zwei", "Amal Eins"] and total == 4


def test_incoming_hand_overs_wait_for_the_receiving_service(world: dict[str, Any]) -> None:
    incoming, waiting = selectors.incoming_handovers(world["cm"], 10)
    assert incoming == [world["H1"], world["H6"]] and waiting == 2
    for user in ("anna", "ben", "lena", "carl"):
        assert selectors.incoming_handovers(world[user], 10) == ([], 0)


def test_the_sender_follows_outgoing_hand_overs(world: dict[str, Any]) -> None:
    outgoing = selectors.outgoing_handovers(world["anna"], T, 10)
    # newest first; H5 was decided 40 days ago and is no longer followed
    assert outgoing == [world["H4"], world["H3"], world["H2"]]
    assert [referral.status for referral in outgoing] == ["ended", "declined", "accepted"]
    assert [referral.state_on for referral in outgoing] == [T, T, T]
    assert selectors.outgoing_handovers(world["ben"], T, 10) == [world["H1"]]
    # a hand-over is followed by who proposed it, not by a colleague who sees the case
    assert selectors.outgoing_handovers(world["lena"], T, 10) == []


def test_team_load_per_led_service(world: dict[str, Any]) -> None:
    loads = selectors.team_load(world["lena"], T)
    table = [
        (load.service_code, [(r.name, r.open_cases, r.without_contact) for r in load.counsellors])
        for load in loads
    ]
    assert table == [
        ("JMD", [("Ben Test", 2, 2)]),
        ("MBE", [("Anna Test", 3, 1), ("Ben Test", 1, 1), ("", 1, 1)]),
    ]
    assert [(load.open_cases, load.without_contact) for load in loads] == [(2, 2), (5, 3)]
    assert selectors.team_load(world["anna"], T) == []


def test_a_team_lead_without_services_leads_every_counselling_service(
    world: dict[str, Any], provider: Organisation
) -> None:
    lead = make_user("lead_all", provider, Role.TEAM_LEAD)
    loads = selectors.team_load(lead, T)
    assert [load.service_code for load in loads] == ["IKB", "JMD", "MBE"]
    assert [(load.open_cases, load.without_contact) for load in loads] == [(1, 0), (2, 2), (5, 3)]


def panels(user: User) -> list[str]:
    """The start page's panels, by their template's name."""
    response = signed_in_client(user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    return [panel.template.rsplit("/", 1)[-1] for panel in response.context["panels"]]


def test_the_work_list_comes_first(world: dict[str, Any]) -> None:
    """Search and open cases first, hand-overs and team load before every panel of the
    other apps (the appointments app's panels may lie between them)."""
    anna = panels(world["anna"])
    assert anna[0] == "open_cases.html"
    assert anna.index("handovers.html") < anna.index("my_roles.html")
    assert "team_load.html" not in anna
    lena = panels(world["lena"])
    assert lena[0] == "open_cases.html"
    assert lena.index("team_load.html") < lena.index("my_roles.html")
    # lena proposed and receives nothing: no hand-over panel
    assert "handovers.html" not in lena


def test_the_start_page_shows_the_work_and_nothing_of_another_organisation(
    world: dict[str, Any],
) -> None:
    html = signed_in_client(world["anna"]).get(reverse("core:dashboard")).content.decode()
    assert f'action="{reverse("casework:client_list")}"' in html
    for name in ("Amal Zwei", "Amal Eins", "Bilal Zwei", "Amal Drei"):
        assert name in html
    for name in ("Bilal Eins", "Amal Vier", "Ida Eins", "Zora Fremd", "Bilal Drei"):
        assert name not in html
    assert "accepted on" in html or "angenommen am" in html

    cm = signed_in_client(world["cm"]).get(reverse("core:dashboard")).content.decode()
    assert reverse("casework:handover_inbox") in cm
    # the incoming hand-overs do not name the person before the decision
    assert "Bilal Zwei" not in cm and "Zora Fremd" not in cm
    assert "Caritas Teststadt" in cm and "Diakonie Teststadt" in cm

    for user in ("anna", "ben", "lena"):
        html = signed_in_client(world[user]).get(reverse("core:dashboard")).content.decode()
        assert "Zora Fremd" not in html and "Caritas" not in html


def test_the_clients_named_on_the_work_list_are_logged_as_read(world: dict[str, Any]) -> None:
    signed_in_client(world["anna"]).get(reverse("core:dashboard"))
    read = LogEntry.objects.filter(
        actor=world["anna"], action=LogEntry.Action.ACCESS, additional_data__read="work-list"
    )
    shown = {world[key].client_id for key in ("A1", "A2", "A3", "B2")}
    assert {int(pk) for pk in read.values_list("object_pk", flat=True)} == shown
    # once per panel: open cases (4) and the clients of the outgoing hand-overs (3)
    assert read.count() == 7
    # the address of the request, as core.audit_trail records it
    assert set(read.values_list("remote_addr", flat=True)) == {"127.0.0.1"}


QUERY_BOUND = 10  # measured: at most 9 (hand-overs: roles, inbox, visibility, list, reads)


@pytest.mark.parametrize("provider_name", ["my_open_cases", "handovers", "team_load"])
@pytest.mark.parametrize("user", ["anna", "ben", "lena", "cm"])
def test_each_panel_runs_a_bounded_number_of_queries(
    world: dict[str, Any],
    provider_name: str,
    user: str,
    django_assert_max_num_queries: Any,
) -> None:
    panel = getattr(worklist, provider_name)
    person = User.objects.get(pk=world[user].pk)  # fresh: no cached roles
    with django_assert_max_num_queries(QUERY_BOUND):
        panel(person)


def test_more_cases_and_sessions_take_no_more_queries(
    world: dict[str, Any], provider: Organisation
) -> None:
    def count(provider_name: str) -> int:
        user = User.objects.get(pk=world["lena"].pk)  # fresh: no cached roles
        with CaptureQueriesContext(connection) as queries:
            getattr(worklist, provider_name)(user)
        return len(queries)

    def add_cases(first: int, number: int) -> None:
        for n in range(first, first + number):
            _case(provider, "MBE", f"Neu Fall{n}", world["lena"], 100 + n, (n, 95 + n), (1,))

    add_membership(world["lena"], provider, Role.COUNSELLOR, [])
    add_cases(0, worklist.OPEN_CASES_SHOWN + 1)  # past the limit: the total is counted
    before = {name: count(name) for name in ("my_open_cases", "team_load")}
    add_cases(100, 20)
    after = {name: count(name) for name in ("my_open_cases", "team_load")}
    assert after == before
