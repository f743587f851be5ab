"""The plan import (shared/formats/plan.md): every kind of bad input is refused with
its `file:line:column`, and nothing is stored; German Excel files, XLSX and ZIP are
read; importing again updates by code and skips progress already stored."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from teilhabe.core.tabular import TableError
from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Organisation
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry
from teilhabe.planning.tests.plan_files import FILES, make_areas, write_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def areas(db: None, provider: Organisation) -> Iterator[None]:
    make_areas()
    with translation.override("en"):  # the messages as the msgids say them
        yield


def changed(name: str, old: str, new: str) -> dict[str, str]:
    assert old in FILES[name], old
    return {**FILES, name: FILES[name].replace(old, new)}


def nothing_stored() -> bool:
    return not any(
        model.objects.exists()
        for model in (Concept, FieldOfAction, Goal, Measure, ProgressEntry, FundingProgramme)
    )


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(TableError) as error:
        import_plan(write_plan(tmp_path / "plan", files), "wir2")
    assert nothing_stored()
    return [str(problem) for problem in error.value.problems]


BAD_INPUT = [
    pytest.param(
        changed("massnahmen.csv", "M3;Elterncafé;Z1.2;", "M3;;Z1.2;"),
        "massnahmen.csv:4:titel: A value is required.",
        id="missing-required-value",
    ),
    pytest.param(
        changed("ziele.csv", "Z2;Arbeitsmarkt öffnen;HF2;;", "Z2;Arbeitsmarkt öffnen;;;"),
        "ziele.csv:6:handlungsfeld: A value is required.",
        id="goal-without-field-or-parent",
    ),
    pytest.param(
        changed("massnahmen.csv", "M4;Jobpaten;Z2.1;", "M4;Jobpaten;Z9;"),
        "massnahmen.csv:5:ziele: Unknown code. ('Z9')",
        id="unknown-goal",
    ),
    pytest.param(
        changed(
            "ziele.csv", "Z3;Anerkennung beschleunigen;HF2", "Z3;Anerkennung beschleunigen;HF7"
        ),
        "ziele.csv:8:handlungsfeld: Unknown code. ('HF7')",
        id="unknown-field",
    ),
    pytest.param(
        changed("fortschritt.csv", "M6;15.11.2024", "M7;15.11.2024"),
        "fortschritt.csv:15:massnahme: Unknown code. ('M7')",
        id="unknown-measure",
    ),
    pytest.param(
        changed("massnahmen.csv", "100,00;P2", "100,00;P9"),
        "massnahmen.csv:6:finanzierung: Unknown code. ('P9')",
        id="unknown-programme",
    ),
    pytest.param(
        changed("ziele.csv", "Z1;Sprache fördern;HF1;;", "Z1;Sprache fördern;HF1;Z1.1.N;"),
        "ziele.csv:2:uebergeordnet: The goal would be its own ancestor. ('Z1.1.N')",
        id="goal-its-own-ancestor",
    ),
    pytest.param(
        changed("massnahmen.csv", "M5;Beratung Arbeit", "M4;Beratung Arbeit"),
        "massnahmen.csv:6:code: Duplicate code; it already appears in line 5. ('M4')",
        id="duplicate-code",
    ),
    pytest.param(
        changed("fortschritt.csv", "M3;01.05.2024", "M3;31.02.2024"),
        "fortschritt.csv:10:datum: Not a valid date (TT.MM.JJJJ or JJJJ-MM-TT). ('31.02.2024')",
        id="bad-date",
    ),
    pytest.param(
        changed("massnahmen.csv", "2.500,50", "zweitausend"),
        "massnahmen.csv:3:kosten: Not a number (use a decimal comma, e.g. 1250,50). "
        "('zweitausend')",
        id="bad-number",
    ),
    pytest.param(
        changed("massnahmen.csv", "2.500,50", "-2500,50"),
        "massnahmen.csv:3:kosten: The amount cannot be negative. ('-2500,50')",
        id="negative-cost",
    ),
    pytest.param(
        changed("fortschritt.csv", "M6;15.11.2024;laufend;80", "M6;15.11.2024;laufend;101"),
        "fortschritt.csv:15:stand: Out of range (0 to 100). ('101')",
        id="stand-above-100",
    ),
    pytest.param(
        changed("fortschritt.csv", "M1;01.10.2024;;50", "M1;01.10.2024;;5,5"),
        "fortschritt.csv:3:stand: Not a whole number. ('5,5')",
        id="stand-not-whole",
    ),
    pytest.param(
        changed("massnahmen.csv", "01.03.2024;31.12.2025", "01.03.2024;28.02.2024"),
        "massnahmen.csv:2:ende: The end lies before the beginning. ('28.02.2024')",
        id="end-before-beginning",
    ),
    pytest.param(
        changed("foerderprogramme.csv", "01.01.2024;31.12.2026", "01.01.2024;31.12.2023"),
        "foerderprogramme.csv:3:ende: The end lies before the beginning. ('31.12.2023')",
        id="programme-end-before-beginning",
    ),
    pytest.param(
        changed("fortschritt.csv", "M5;20.12.2024;laufend", "M5;20.12.2024;fertig"),
        "fortschritt.csv:12:status: Unknown status. ('fertig')",
        id="unknown-status",
    ),
    pytest.param(
        changed("massnahmen.csv", ";D21;", ";D99;"),
        "massnahmen.csv:5:gebiete: Unknown area. ('D99')",
        id="unknown-area-of-measure",
    ),
    pytest.param(
        changed("ziele.csv", ";Z2;D21", ";Z2;D99"),
        "ziele.csv:7:gebiet: Unknown area. ('D99')",
        id="unknown-area-of-goal",
    ),
    pytest.param(
        changed("fortschritt.csv", "massnahme;datum", "measure;datum"),
        "fortschritt.csv:1:massnahme: Required column is missing.",
        id="missing-column",
    ),
]


@pytest.mark.parametrize(("files", "problem"), BAD_INPUT)
def test_bad_input_is_refused_with_its_line_and_nothing_is_stored(
    tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    assert problem in problems_of(tmp_path, files)


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    files = changed("fortschritt.csv", "M6;15.11.2024;laufend;80", "M7;15.11.2024;fertig;101")
    assert problems_of(tmp_path, files) == [
        "fortschritt.csv:15:status: Unknown status. ('fertig')",
        "fortschritt.csv:15:stand: Out of range (0 to 100). ('101')",
        "fortschritt.csv:15:massnahme: Unknown code. ('M7')",
    ]


def test_a_cycle_through_a_stored_goal_is_refused(tmp_path: Path) -> None:
    import_plan(write_plan(tmp_path / "first"), "wir2")
    files = {"ziele.csv": "code;titel;handlungsfeld;uebergeordnet\nZ1;Sprache;HF1;Z1.1\n"}
    with pytest.raises(TableError) as error:
        import_plan(write_plan(tmp_path / "second", files), "wir2")
    assert [str(p) for p in error.value.problems] == [
        "ziele.csv:2:uebergeordnet: The goal would be its own ancestor. ('Z1.1')"
    ]
    assert Goal.objects.get(code="Z1").parent is None


def test_the_plan_is_stored_as_the_files_say(tmp_path: Path) -> None:
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    concept = Concept.objects.get(slug="wir2")
    assert concept.title == "WIR 2.0"
    district_goal = Goal.objects.get(code="Z1.1.N")
    assert (district_goal.parent.code, district_goal.field, district_goal.area.code) == (
        "Z1.1",
        None,
        "D11",
    )
    m1 = Measure.objects.get(code="M1")
    assert m1.lead is not None and m1.lead.organisation == Organisation.objects.get(slug="diakonie")
    assert sorted(a.name for a in m1.partners.all()) == ["Grundschule Nord", "Volkshochschule"]
    assert sorted(a.code for a in m1.areas.all()) == ["D11", "D12"]
    assert (m1.starts_on, m1.planned_end) == (
        datetime.date(2024, 3, 1),
        datetime.date(2025, 12, 31),
    )
    assert m1.funding is not None and m1.funding.code == "P1"
    # The actor named twice (partner of M1, lead of M2) is one actor.
    assert Actor.objects.filter(name="Volkshochschule").count() == 1
    assert Measure.objects.get(code="M2").lead == Actor.objects.get(name="Volkshochschule")
    assert Measure.objects.get(code="M6").planned_cost == Decimal("1234.56")
    assert FundingProgramme.objects.get(code="P1").amount_per_year == Decimal("10000.00")
    same_day = ProgressEntry.objects.filter(measure=m1, date=datetime.date(2024, 12, 31))
    assert [(e.status, e.stand) for e in same_day.order_by("id")] == [("laufend", 60), ("", 55)]
    assert ProgressEntry.objects.count() == 15


def test_an_existing_actor_is_found_by_name(tmp_path: Path) -> None:
    from teilhabe.network.models import ActorKind

    school = Actor.objects.create(
        name="Grundschule Nord", kind=ActorKind.objects.get(code="schule")
    )
    import_plan(write_plan(tmp_path / "plan"), "wir2")
    assert school in Measure.objects.get(code="M1").partners.all()
    assert Actor.objects.filter(name__iexact="grundschule nord").count() == 1


def test_a_dry_run_stores_nothing(tmp_path: Path) -> None:
    result = import_plan(write_plan(tmp_path / "plan"), "wir2", dry_run=True)
    assert result.dry_run and len(result.staged.measures) == 6
    assert nothing_stored()
    assert not Actor.objects.filter(name="Volkshochschule").exists()


def test_windows_1252_with_semicolons_and_german_numbers(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", encoding="cp1252")
    assert "ö".encode("cp1252") in (folder / "ziele.csv").read_bytes()
    import_plan(folder, "wir2")
    assert Goal.objects.get(code="Z1").title == "Sprache fördern"
    assert Measure.objects.get(code="M2").planned_cost == Decimal("2500.50")


def test_a_zip_of_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "plan.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, text in FILES.items():
            zipped.writestr(f"plan/{name}", text.encode("cp1252"))
    import_plan(archive, "wir2")
    assert Measure.objects.count() == 6


def test_an_xlsx_with_one_sheet_per_file(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, text in FILES.items():
        sheet = workbook.create_sheet(name.removesuffix(".csv"))
        for line in text.splitlines():
            sheet.append(line.split(";"))
    # Excel keeps dates and numbers as such, not as text.
    sheet = workbook["fortschritt"]
    sheet["B2"] = datetime.datetime(2024, 3, 1)
    sheet["D2"] = 20
    workbook["massnahmen"]["I2"] = 1000.0
    workbook["massnahmen"]["I3"] = 2500.5
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    import_plan(path, "wir2")
    first = ProgressEntry.objects.filter(measure__code="M1").order_by("date", "id").first()
    assert first is not None and (first.date, first.stand) == (datetime.date(2024, 3, 1), 20)
    assert Measure.objects.get(code="M2").planned_cost == Decimal("2500.50")
    assert Measure.objects.get(code="M1").planned_cost == Decimal("1000.00")


def test_importing_again_updates_by_code_and_skips_stored_progress(tmp_path: Path) -> None:
    import_plan(write_plan(tmp_path / "first"), "wir2")
    again = {
        "massnahmen.csv": "code;titel;ziele;kosten\nM3;Elterncafé Nord;Z1.2|Z2;50\n",
        "fortschritt.csv": FILES["fortschritt.csv"] + "M3;02.05.2024;;;neu\n",
    }
    result = import_plan(write_plan(tmp_path / "second", again), "wir2")
    assert (result.summary.progress_added, result.summary.progress_skipped) == (1, 15)
    assert result.summary.counts == {"measures": {"created": 0, "updated": 1}}
    m3 = Measure.objects.get(code="M3")
    assert m3.title == "Elterncafé Nord" and m3.planned_cost == Decimal("50.00")
    assert sorted(g.code for g in m3.goals.all()) == ["Z1.2", "Z2"]
    # Measures and goals the files do not name stay as they were, with their columns.
    assert Measure.objects.count() == 6
    m1 = Measure.objects.get(code="M1")
    assert m1.funding is not None and m1.starts_on == datetime.date(2024, 3, 1)
    assert ProgressEntry.objects.count() == 16


def test_progress_entries_are_never_changed(tmp_path: Path) -> None:
    import_plan(write_plan(tmp_path / "plan"), "wir2")
    entry = ProgressEntry.objects.first()
    assert entry is not None
    entry.stand = 99
    with pytest.raises(ValueError):
        entry.save()


def test_the_command_exits_1_with_every_problem_and_0_when_stored(
    tmp_path: Path, capsys: Any
) -> None:
    bad = write_plan(tmp_path / "bad", changed("massnahmen.csv", ";D21;", ";D99;"))
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_data", "plan", str(bad), "--konzept", "wir2")
    assert exit_status.value.code == 1
    assert "massnahmen.csv:5:gebiete: Unknown area. ('D99')" in capsys.readouterr().err
    assert nothing_stored()

    good = write_plan(tmp_path / "good")
    call_command("import_data", "plan", str(good), "--konzept", "wir2", "--dry-run")
    assert nothing_stored()
    call_command("import_data", "plan", str(good), "--konzept", "wir2", "--titel", "WIR 2.0")
    assert Concept.objects.get(slug="wir2").title == "WIR 2.0"
    assert "progress entries: 15 added" in capsys.readouterr().out
