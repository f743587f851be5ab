"""The demo city has three years of history: this year up to today and the two before,
so every "previous year" of the reports shows figures."""

from __future__ import annotations

import collections
import datetime
import filecmp
from pathlib import Path

import pytest
from django.utils import timezone

from teilhabe.activities.models import GroupMeeting
from teilhabe.casework.models import GoalStatusChange, HouseholdRelation, Person, Session
from teilhabe.casework.models.codes import GoalStatus
from teilhabe.demo import musterstadt
from teilhabe.demo.casework_data import HEADERS, Plan, write
from teilhabe.network.models import Attendance
from teilhabe.organisations.models import Organisation
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.models import Programme
from teilhabe.reports.figures import Scope, annual_figures

KEY_FIGURES = ("faelle", "beratungssitzungen", "ratsuchende", "personen_erreicht")
DISTRICTS = ["Altstadt", "Nordstadt"]


@pytest.mark.django_db
def test_every_year_of_the_demo_has_casework_programmes_groups_and_meetings() -> None:
    musterstadt.load()
    today = timezone.localdate()
    # This year counts from mid-March on: before, the demo's year has barely begun (no
    # body has met yet), which is what a real city's January looks like too.
    years = [today.year - 2, today.year - 1]
    if today >= datetime.date(today.year, 3, 15):
        years.append(today.year)
    diakonie = Organisation.objects.get(slug="diakonie")
    stadt = Organisation.objects.get(slug="stadt")

    # The annual report's default year (last year) and its previous year: no key figure
    # of either is 0, at the provider and at the city.
    for organisation, services in ((diakonie, ("MBE", "IKB", "JMD")), (stadt, ("KIM",))):
        figures = annual_figures(Scope((organisation.pk,), services), today.year - 1)
        for shown in (figures, figures["vorjahr"]):
            zero = [key for key in KEY_FIGURES if not shown[key]]
            assert zero == [], (organisation.slug, shown["jahr"], zero)
            assert shown["faelle_neu"] and shown["ziele"], (organisation.slug, shown["jahr"])

    programmes = list(Programme.objects.filter(organisation=diakonie))
    held = GroupMeeting.objects.filter(group__organisation=diakonie, cancelled=False, total__gt=0)
    minuted = Attendance.objects.filter(status=Attendance.Status.PRESENT)
    for year in years:
        families = programme_figures(programmes, year)
        assert families["familien"] > 0 and families["hausbesuche"] > 0, year
        assert held.filter(date__year=year).values("group").distinct().count() >= 4, year
        bodies = minuted.filter(meeting__held_on__year=year).values("meeting__body").distinct()
        assert bodies.count() >= (4 if year < today.year else 1), year  # all four met

    # Sessions follow a counselling service's year: working days only, the summer
    # holidays quieter than the autumn; none lies ahead of today.
    sessions = Session.objects.filter(case__organisation=diakonie)
    assert not sessions.filter(date__gt=today).exists()
    assert {day.weekday() for day in sessions.values_list("date", flat=True)} <= set(range(5))
    months = collections.Counter(
        sessions.filter(date__year=today.year - 1).values_list("date__month", flat=True)
    )
    assert months[8] < months[10]

    # What the import format cannot carry: a handful of cancelled sessions with their
    # reason and who cancelled them, goals partly reached on the way, household relations.
    cancelled = Session.objects.filter(cancelled_at__isnull=False)
    assert 5 <= cancelled.count() <= 20
    assert not cancelled.filter(cancel_reason="").exists()
    assert set(cancelled.values_list("cancelled_by__username", flat=True)) == {"teamleitung"}
    assert all(s.cancelled_at.date() > s.date for s in cancelled if s.cancelled_at)
    partly = GoalStatusChange.objects.filter(
        status=GoalStatus.PARTLY_REACHED, goal__status=GoalStatus.REACHED
    )
    assert partly.count() > 10
    members = Person.objects.filter(household__isnull=False)
    assert not members.filter(household_relation="").exists()
    relations = set(members.values_list("household_relation", flat=True))
    assert {HouseholdRelation.REFERENCE, HouseholdRelation.PARTNER} <= relations
    assert {HouseholdRelation.CHILD, HouseholdRelation.PARENT} <= relations

    # Languages as ISO 639-3, Dari and Sorani among them.
    spoken = {
        code for codes in Person.objects.values_list("languages", flat=True) for code in codes
    }
    assert {"prs", "ckb", "tir", "ukr", "ara"} <= spoken
    assert all(len(code) == 3 for code in spoken)
    assert {len(code) for code in Session.objects.values_list("language", flat=True)} == {3}


def test_the_generated_casework_is_the_same_for_the_same_seed_and_day(tmp_path: Path) -> None:
    day = datetime.date(2027, 2, 10)
    plan = Plan(60, {"MBE": 0.5, "JMD": 0.5}, DISTRICTS, 2025, 2027, 11, "T", day, 365)
    write(plan, tmp_path / "a")
    write(plan, tmp_path / "b")
    names = [f"{table}.csv" for table in HEADERS]
    assert filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names, shallow=False)[0] == names
    # The history ends on the plan's day: sessions in its year, none after it, none
    # before the first year (cases opened in the lead-in year keep their opening date).
    sessions = (tmp_path / "a" / "kontakte.csv").read_text(encoding="utf-8").splitlines()[1:]
    dates = [datetime.datetime.strptime(line.split(";")[1], "%d.%m.%Y").date() for line in sessions]
    assert max(dates) <= day and min(dates) >= datetime.date(2025, 1, 1)
    assert any(date.year == 2027 for date in dates)
    cases = (tmp_path / "a" / "faelle.csv").read_text(encoding="utf-8").splitlines()[1:]
    opened = [datetime.datetime.strptime(line.split(";")[4], "%d.%m.%Y").date() for line in cases]
    assert min(opened).year == 2024
