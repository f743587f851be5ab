"""An import obeys the importer's access: a team lead limited to MBE cannot take over,
change or even name another service's case, goal or client, and every record an
import creates or changes is in the audit log (issue 9, finding 1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework.access import visible_cases
from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import Case, Goal, Person, Session
from teilhabe.conftest import make_user
from teilhabe.core.tabular import TableError
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db

PERSONEN = "person_id;vorname;nachname;geburtsjahr\nP1;Olena;Kovalenko;1985\nP2;Amir;Haddad;2008\n"
FAELLE = "fall_id;person_id;dienst;art;beginn\nF1;P1;MBE;beratung;10.01.2024\nF2;P2;JMD;beratung;05.05.2024\n"
KONTAKTE = "fall_id;datum;dauer_min\nF1;10.01.2024;60\nF2;06.05.2024;45\n"
ZIELE = "ziel_id;fall_id;bereich;formuliert_am;status\nZ1;F2;sprachlich;05.05.2024;in_bearbeitung\n"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db: None, tmp_path: Path) -> Organisation:
    organisation = create_organisation("diakonie", "Diakonie", ["MBE", "JMD"])
    import_casework(_write(tmp_path, "seed", PERSONEN, FAELLE, KONTAKTE, ZIELE), organisation)
    return organisation


@pytest.fixture
def mbe_lead(organisation: Organisation) -> User:
    lead = make_user("mbe_lead")
    add_membership(lead, organisation, Role.TEAM_LEAD, [Service.objects.get(code="MBE")])
    return lead


def _write(base: Path, name: str, *tables: str) -> Path:
    target = base / name
    target.mkdir()
    for file, text in zip(("personen", "faelle", "kontakte", "ziele"), tables, strict=False):
        (target / f"{file}.csv").write_text(text, encoding="utf-8")
    return target


def _refused(path: Path, organisation: Organisation, actor: User) -> list[str]:
    before = list(Case.objects.values_list("pk", "service_id", "client_id", "version"))
    with pytest.raises(TableError) as raised:
        import_casework(path, organisation, actor=actor)
    after = list(Case.objects.values_list("pk", "service_id", "client_id", "version"))
    assert before == after, "a refused import changes nothing"
    return [str(problem) for problem in raised.value.problems]


def test_lead_limited_to_mbe_cannot_take_over_a_jmd_case(
    organisation: Organisation, mbe_lead: User, tmp_path: Path
) -> None:
    takeover = _write(
        tmp_path,
        "takeover",
        PERSONEN,
        "fall_id;person_id;dienst;art;beginn\nF2;P1;MBE;beratung;05.05.2024\n",
    )
    assert _refused(takeover, organisation, mbe_lead) == [
        "personen.csv:3:person_id: A person with this id is counselled in a service you may "
        "not see. ('P2')",
        "faelle.csv:2:fall_id: A case with this id exists in a service you may not change. ('F2')",
    ]
    f2 = Case.objects.get(external_id="F2")
    assert f2.service.code == "JMD" and f2.client.external_id == "P2"
    assert not visible_cases(mbe_lead).filter(pk=f2.pk).exists()


def test_lead_cannot_import_into_a_service_the_membership_does_not_cover(
    organisation: Organisation, mbe_lead: User, tmp_path: Path
) -> None:
    new_jmd = _write(
        tmp_path,
        "newjmd",
        "person_id;vorname;nachname\nP9;Neu;Person\n",
        "fall_id;person_id;dienst;art;beginn\nF9;P9;JMD;beratung;05.05.2024\n",
    )
    assert _refused(new_jmd, organisation, mbe_lead) == [
        "faelle.csv:2:dienst: Your membership does not cover this service. ('JMD')"
    ]


def test_sessions_goals_and_co_counselled_of_hidden_records_are_refused(
    organisation: Organisation, mbe_lead: User, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "hidden",
        "person_id;vorname;nachname\nP1;Olena;Kovalenko\n",
        "fall_id;person_id;dienst;art;beginn;mitberatene\nF1;P1;MBE;beratung;10.01.2024;P2\n",
        "fall_id;datum;dauer_min\nF2;07.05.2024;30\n",
        "ziel_id;fall_id;bereich;formuliert_am;status\nZ1;F1;sprachlich;05.05.2024;erreicht\n",
    )
    problems = _refused(path, organisation, mbe_lead)
    assert (
        "faelle.csv:2:mitberatene: A person with this id is counselled in a service you may "
        "not see. ('P2')" in problems
    )
    assert (
        "kontakte.csv:2:fall_id: A case with this id exists in a service you may not change. "
        "('F2')" in problems
    )
    assert (
        "ziele.csv:2:fall_id: An import cannot move an existing goal to another case. ('F1')"
        in (problems)
    )
    assert Session.objects.filter(case__external_id="F2").count() == 1
    assert Goal.objects.get(external_id="Z1").case.external_id == "F2"


def test_no_import_changes_the_service_or_client_of_an_existing_case(
    organisation: Organisation, tmp_path: Path
) -> None:
    lead = make_user("lead_all")
    add_membership(lead, organisation, Role.TEAM_LEAD)  # every service
    path = _write(
        tmp_path,
        "move",
        PERSONEN,
        "fall_id;person_id;dienst;art;beginn\nF1;P2;JMD;beratung;10.01.2024\n",
    )
    for actor in (lead, None):  # the command line is bound by this rule too
        with pytest.raises(TableError) as raised:
            import_casework(path, organisation, actor=actor)
        assert [str(p) for p in raised.value.problems] == [
            "faelle.csv:2:dienst: An import cannot change the service of an existing case "
            "(stored: MBE). ('JMD')",
            "faelle.csv:2:person_id: An import cannot change the client of an existing case. ('P2')",
        ]


def test_lead_of_the_service_may_import_and_every_record_is_audited(
    organisation: Organisation, mbe_lead: User, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "ok",
        "person_id;vorname;nachname;geburtsjahr\nP1;Olena;Kowalenko;1985\nP3;Neu;Person;1990\n",
        "fall_id;person_id;dienst;art;beginn;mitberatene\n"
        "F1;P1;MBE;beratung;10.01.2024;P3\nF3;P3;MBE;beratung;01.02.2024;\n",
        "fall_id;datum;dauer_min\nF1;10.01.2024;60\nF1;11.01.2024;30\nF3;02.02.2024;20\n",
    )
    LogEntry.objects.all().delete()
    import_casework(path, organisation, actor=mbe_lead)
    entries = LogEntry.objects.filter(actor=mbe_lead, additional_data__casework_import="ok")
    person = ContentType.objects.get_for_model(Person)
    case = ContentType.objects.get_for_model(Case)
    p1, p3 = (Person.objects.get(external_id=key) for key in ("P1", "P3"))
    f1, f3 = (Case.objects.get(external_id=key) for key in ("F1", "F3"))
    changed = entries.get(content_type=person, object_pk=str(p1.pk))
    assert changed.action == LogEntry.Action.UPDATE
    assert changed.changes == {"last_name": ["Kovalenko", "Kowalenko"]}
    created = entries.get(content_type=person, object_pk=str(p3.pk))
    assert created.action == LogEntry.Action.CREATE and created.changes["first_name"][1] == "Neu"
    f3_entries = entries.filter(content_type=case, object_pk=str(f3.pk)).order_by("pk")
    assert [e.action for e in f3_entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert f3_entries[1].changes == {"sessions": ["0", "1"]}
    f1_entries = {tuple(e.changes) for e in entries.filter(content_type=case, object_pk=str(f1.pk))}
    assert f1_entries == {("co_counselled",), ("sessions",)}
    sessions = entries.get(content_type=case, object_pk=str(f1.pk), changes__has_key="sessions")
    assert sessions.changes == {"sessions": ["1", "2"]}
    # the untouched JMD case, its person and its goal have no entry of this import
    assert not entries.filter(object_repr__contains="F2").exists()
    # P1 changed, P3 created, F3 created and its sessions, F1's team and sessions, and the
    # run's summary on the organisation
    assert entries.count() == 7
