"""The casework import format, with the files services really produce."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import (
    Case,
    Goal,
    GoalStatusChange,
    Household,
    NameKey,
    Person,
    Session,
)
from teilhabe.casework.name_index import sync_name_keys
from teilhabe.core.tabular import TableError
from teilhabe.organisations.models import Area, Organisation
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db

PERSONEN = """person_id;geschlecht;geburtsjahr;staatsangehoerigkeit;herkunftsland;geburtsland;rechtsstatus;stadtteil;einreise;sprachen;schulabschluss;haushalt_id
P1;w;1985;UA;Ukraine;UA;gefluechtet;Südviertel;15.03.2022;uk|ru;sek2;H1
P2;m;2010;UA;UA;UA;gefluechtet;Südviertel;15.03.2022;uk;in_schule;H1
P3;m;1970;Russland|DE;Russische Föderation;RU;spaetaussiedler;Nordstadt;1995-07-01;ru;sek1;
P4;x;;;Kosovo;;unbekannt;;;;;
"""
FAELLE = """fall_id;person_id;dienst;art;beginn;ende;zugangsweg;abschlussgrund;mitberatene
F1;P1;MBE;beratung;10.01.2024;;familie;;P2
F2;P3;MBE;case_management;01.02.2023;31.12.2024;mbe;ziele_erreicht;
F3;P4;JMD;beratung;05.05.2024;;eigeninitiative;;
"""
KONTAKTE = """fall_id;datum;dauer_min;form;themen;anwesende;sprache;dolmetsch
F1;10.01.2024;60;persoenlich;aufenthalt|sprache;P2;uk;ja
F1;12.02.2024;30;telefon;wohnen;;de;nein
F2;03.03.2024;45;;arbeit;;;
"""
ZIELE = """ziel_id;fall_id;bereich;formuliert_am;status;status_am;text
Z1;F2;beruflich;01.02.2023;erreicht;15.11.2024;Anerkennung des Abschlusses
Z2;F2;sprachlich;01.02.2023;in_bearbeitung;;B1-Kurs
"""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db: None) -> Organisation:
    city = Area.objects.create(code="S", name="Teststadt")
    Area.objects.create(code="S-1", name="Nordstadt", parent=city, level=1)
    Area.objects.create(code="S-2", name="Südviertel", parent=city, level=1)
    return create_organisation("diakonie", "Diakonie", ["MBE", "JMD"])


def folder(tmp_path: Path, encoding: str = "utf-8", **tables: str | None) -> Path:
    target = tmp_path / "import"
    target.mkdir(exist_ok=True)
    contents: dict[str, str | None] = {
        "personen": PERSONEN,
        "faelle": FAELLE,
        "kontakte": KONTAKTE,
        "ziele": ZIELE,
    }
    contents.update(tables)
    for name, text in contents.items():
        if text is not None:
            (target / f"{name}.csv").write_bytes(text.encode(encoding))
    return target


def errors(path: Path, organisation: Organisation) -> list[str]:
    with pytest.raises(TableError) as raised:
        import_casework(path, organisation)
    assert Person.objects.count() == 0 and Case.objects.count() == 0, "nothing may be stored"
    return [str(problem) for problem in raised.value.problems]


def test_valid_data_set_loads(tmp_path: Path, organisation: Organisation) -> None:
    result = import_casework(folder(tmp_path), organisation)
    assert result.summary.as_dict()["persons"] == {"created": 4, "updated": 0, "unchanged": 0}
    p3 = Person.objects.get(external_id="P3")
    assert p3.nationalities == ["RU", "DE"] and p3.country_of_origin == "RU"
    assert p3.arrival_date == datetime.date(1995, 7, 1) and p3.district.name == "Nordstadt"
    assert Person.objects.get(external_id="P4").country_of_origin == "XK"
    assert Household.objects.get(external_id="H1").members.count() == 2
    f1 = Case.objects.get(external_id="F1")
    assert f1.service.code == "MBE" and f1.client.external_id == "P1"
    assert list(f1.co_counselled.values_list("external_id", flat=True)) == ["P2"]
    first = Session.objects.get(case=f1, date=datetime.date(2024, 1, 10))
    assert first.topics == ["aufenthalt", "sprache"] and first.interpreter is True
    assert list(first.present.values_list("external_id", flat=True)) == ["P2"]
    z1 = Goal.objects.get(external_id="Z1")
    history = list(z1.history.values_list("status", "set_on"))
    assert history == [
        ("in_bearbeitung", datetime.date(2023, 2, 1)),
        ("erreicht", datetime.date(2024, 11, 15)),
    ]
    assert Goal.objects.get(external_id="Z2").history.count() == 1


def test_second_import_of_the_same_files_changes_nothing(
    tmp_path: Path, organisation: Organisation
) -> None:
    path = folder(tmp_path)
    import_casework(path, organisation)
    before = (
        list(Person.objects.values_list("pk", "version")),
        list(Session.objects.values_list("pk", flat=True)),
        GoalStatusChange.objects.count(),
    )
    result = import_casework(path, organisation)
    summary = result.summary.as_dict()
    assert all(counts["created"] == counts["updated"] == 0 for counts in summary.values())
    assert summary["sessions"]["unchanged"] == 3
    after = (
        list(Person.objects.values_list("pk", "version")),
        list(Session.objects.values_list("pk", flat=True)),
        GoalStatusChange.objects.count(),
    )
    assert before == after


def test_changed_rows_update_and_goal_history_grows(
    tmp_path: Path, organisation: Organisation
) -> None:
    import_casework(folder(tmp_path), organisation)
    changed = folder(
        tmp_path,
        ziele=ZIELE.replace(
            "Z2;F2;sprachlich;01.02.2023;in_bearbeitung;;",
            "Z2;F2;sprachlich;01.02.2023;abgebrochen;01.06.2024;",
        ),
        kontakte=KONTAKTE.replace("F2;03.03.2024;45", "F2;03.03.2024;50"),
    )
    result = import_casework(changed, organisation)
    assert result.summary.goals.updated == 1
    assert result.summary.sessions.created == 1  # only F2's sessions are replaced
    assert list(Goal.objects.get(external_id="Z2").history.values_list("status", flat=True)) == [
        "in_bearbeitung",
        "abgebrochen",
    ]
    assert Session.objects.filter(case__external_id="F1").count() == 2


def test_windows_1252_with_commas(tmp_path: Path, organisation: Organisation) -> None:
    tables = {
        name: text.replace(";", ",")
        for name, text in {"personen": PERSONEN, "faelle": FAELLE}.items()
    }
    tables["personen"] = tables["personen"].replace("uk|ru", "uk")  # "|" stays the value separator
    path = folder(tmp_path, encoding="cp1252", kontakte=None, ziele=None, **tables)
    (path / "kontakte.csv").unlink(missing_ok=True)
    (path / "ziele.csv").unlink(missing_ok=True)
    import_casework(path, organisation)
    assert Person.objects.get(external_id="P1").district.name == "Südviertel"


def test_each_kind_of_bad_row_is_reported_with_file_line_column(
    tmp_path: Path, organisation: Organisation
) -> None:
    bad_persons = PERSONEN + "P1;w;1990;;;;;;;;;\nP5;q;85;Atlantis;;;;Mondstadt;;xx;;\n"
    bad_cases = (
        FAELLE + "F4;P9;MBE;beratung;31.02.2024;;;;\nF5;P1;XYZ;beratung;01.01.2024;01.01.2023;;;\n"
    )
    bad_sessions = KONTAKTE + "F9;01.01.2024;700;;zauberei;;;vielleicht\n"
    found = errors(
        folder(tmp_path, personen=bad_persons, faelle=bad_cases, kontakte=bad_sessions),
        organisation,
    )
    assert found == [
        "personen.csv:6:person_id: Duplicate id; it already appears in line 2. ('P1')",
        "personen.csv:7:geschlecht: Unknown code. ('q')",
        "personen.csv:7:geburtsjahr: Out of range (1900 to 2100). ('85')",
        "personen.csv:7:staatsangehoerigkeit: Unknown country. ('Atlantis')",
        "personen.csv:7:sprachen: Unknown language code (ISO 639-1 or 639-3). ('xx')",
        "personen.csv:7:stadtteil: Unknown district. ('Mondstadt')",
        "faelle.csv:5:beginn: Not a valid date (TT.MM.JJJJ or JJJJ-MM-TT). ('31.02.2024')",
        "faelle.csv:5:person_id: Unknown person. ('P9')",
        "faelle.csv:6:dienst: Unknown code. ('XYZ')",
        "faelle.csv:6:ende: The case ends before it begins. ('01.01.2023')",
        "kontakte.csv:5:dauer_min: Out of range (1 to 600). ('700')",
        "kontakte.csv:5:themen: Unknown code. ('zauberei')",
        "kontakte.csv:5:dolmetsch: Expected ja or nein. ('vielleicht')",
        "kontakte.csv:5:fall_id: Unknown case. ('F9')",
    ]


def test_service_not_offered_by_the_organisation(
    tmp_path: Path, organisation: Organisation
) -> None:
    found = errors(
        folder(tmp_path, faelle=FAELLE + "F4;P1;KIM;beratung;01.01.2024;;;;\n"), organisation
    )
    assert found == ["faelle.csv:5:dienst: diakonie does not offer this service. ('KIM')"]


def test_missing_required_column_and_unknown_column(
    tmp_path: Path, organisation: Organisation
) -> None:
    no_start = FAELLE.replace(";beginn", ";anfang")
    found = errors(folder(tmp_path, faelle=no_start), organisation)
    assert found[0] == "faelle.csv:1:beginn: Required column is missing."


def test_undecodable_file(tmp_path: Path, organisation: Organisation) -> None:
    path = folder(tmp_path)
    (path / "ziele.csv").write_bytes(ZIELE.encode("utf-16"))
    assert errors(path, organisation) == [
        "ziele.csv:1:: The file is neither UTF-8 nor Windows-1252 text."
    ]


def test_missing_table(tmp_path: Path, organisation: Organisation) -> None:
    path = folder(tmp_path)
    (path / "faelle.csv").unlink()
    assert errors(path, organisation) == ["faelle.csv:1:: The table is missing."]


def test_zip_and_xlsx(tmp_path: Path, organisation: Organisation) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for name, text in {"personen": PERSONEN, "faelle": FAELLE}.items():
            packed.writestr(f"export/{name}.csv", text)
    import_casework(archive, organisation)
    assert Case.objects.count() == 3

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, text in {"personen": PERSONEN, "faelle": FAELLE, "ziele": ZIELE}.items():
        sheet = workbook.create_sheet(name)
        for line in text.strip().splitlines():
            cells: list[object] = line.split(";")
            sheet.append(cells)
    # Excel stores dates as dates and years as numbers.
    workbook["faelle"]["E2"] = datetime.datetime(2024, 1, 11)
    workbook["personen"]["C2"] = 1985.0
    book = tmp_path / "export.xlsx"
    workbook.save(book)
    import_casework(book, organisation)
    assert Case.objects.get(external_id="F1").opened_on == datetime.date(2024, 1, 11)
    assert Goal.objects.count() == 2


def test_dry_run_and_command_line(
    tmp_path: Path, organisation: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder(tmp_path)
    call_command("import_data", "casework", str(path), "--organisation", "diakonie", "--dry-run")
    assert Person.objects.count() == 0
    assert "4 persons, 3 cases, 3 sessions, 2 goals" in capsys.readouterr().out
    bad = folder(tmp_path, faelle=FAELLE + "F4;P9;MBE;beratung;01.01.2024;;;;\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_data", "casework", str(bad), "--organisation", "diakonie")
    assert exit_info.value.code == 1
    assert "faelle.csv:5:person_id: Unknown person. ('P9')" in capsys.readouterr().err


def test_names_are_an_optional_extension(tmp_path: Path, organisation: Organisation) -> None:
    named = PERSONEN.replace("person_id;", "person_id;vorname;nachname;", 1)
    named = named.replace("\nP1;", "\nP1;Olena;Коваленко;").replace(
        "\nP2;", "\nP2;Taras;Kovalenko;"
    )
    named = named.replace("\nP3;", "\nP3;Sergej;Schmidt;").replace("\nP4;", "\nP4;;;")
    result = import_casework(folder(tmp_path, personen=named), organisation)
    assert result.warnings == []  # known columns, no "unknown column" notes
    p1 = Person.objects.get(external_id="P1")
    assert (p1.first_name, p1.last_name, p1.name_plain) == ("Olena", "Коваленко", "olena kovalenko")
    assert Person.objects.get(external_id="P3").name_phonetic.endswith(" 862")  # Schmidt
    # The bulk write bypasses Person.save; the name index is filled all the same.
    assert set(NameKey.objects.filter(person=p1).values_list("word", "code")) == {
        ("olena", "056"),
        ("kovalenko", "43564"),
    }
    assert sync_name_keys(organisation.pk) == 0  # already in step
    # A later import without the name columns leaves the names alone.
    import_casework(folder(tmp_path), organisation)
    assert Person.objects.get(external_id="P1").last_name == "Коваленко"
