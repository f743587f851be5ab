"""Stored values as people read them (core/display.py): the data-subject information
names fields and shows values in German instead of keys and codes (issue 10, item 8)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from teilhabe.casework.models import Person
from teilhabe.casework.subject_access import collect
from teilhabe.core.display import record_rows
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(provider: Organisation) -> Person:
    return Person.objects.create(
        organisation=provider, first_name="Amina", last_name="Haddad", gender="w",
        nationalities=["SY", "DE"], country_of_origin="SY", languages=["prs", "kmr"],
        arrival_date=datetime.date(2022, 3, 15),
    )  # fmt: skip


def test_a_persons_values_read_as_german(person: Person) -> None:
    data = collect(person, None, full=True)["person"]
    with translation.override("de"):
        rows = dict(record_rows(Person, data))
    assert rows["Geschlecht"] == "weiblich"
    assert rows["Herkunftsland"] == "Syrien"
    assert rows["Sprachen"] == "Dari, Kurmandschi (Nordkurdisch)"
    assert rows["Datum der Einreise nach Deutschland"] == "15.03.2022"
    assert rows["Geburtsjahr"] == "–"
    assert "SY" not in rows.values() and "w" not in rows.values()


def test_the_filter_in_a_template(person: Person) -> None:
    data = collect(person, None, full=True)["person"]
    template = Template(
        '{% load teilhabe %}{% for label, value in data|record_rows:"casework.Person" %}'
        "{{ label }}={{ value }};{% endfor %}"
    )
    with translation.override("de"):
        text = template.render(Context({"data": data}))
    assert "Herkunftsland=Syrien;" in text and "country_of_origin" not in text
