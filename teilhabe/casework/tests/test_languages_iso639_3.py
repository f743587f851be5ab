"""Languages stored as ISO 639-3 (issue 10, item 8): the data migration of old values,
the import taking ISO 639-1 (as the format says) and ISO 639-3, the picker of German
names on the client form."""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import AnonymousContact, Case, Consent, Person, Session
from teilhabe.casework.tests.test_import import FAELLE, ZIELE, folder
from teilhabe.conftest import signed_in_client
from teilhabe.core.tabular import TableError
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)
MIGRATION = importlib.import_module("teilhabe.casework.migrations.0008_languages_iso639_3")


def _case(provider: Organisation, languages: list[str]) -> Case:
    person = Person.objects.create(
        organisation=provider, first_name="Amina", last_name="Haddad", languages=languages
    )
    return services.open_case(
        client=person, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=DAY, access_route="familie", responsible=None,
    )  # fmt: skip


def test_the_migration_turns_stored_two_letter_codes_into_iso_639_3(
    provider: Organisation,
) -> None:
    case = _case(provider, ["ar", "ku", "fa", "ar"])
    other = Person.objects.create(organisation=provider, last_name="B", languages=["prs", "uk"])
    session = Session.objects.create(case=case, date=DAY, language="ar")
    kept = Session.objects.create(case=case, date=DAY, language="kmr")
    contact = AnonymousContact.objects.create(
        organisation=provider, service=case.service, date=DAY, language="fa"
    )
    consent = Consent.objects.create(
        person=case.client, recipient=provider, recipient_service=case.service,
        purpose="Beratung", given_on=DAY, explained_language="de",
        refusal_explained=True, withdrawal_explained=True,
    )  # fmt: skip

    MIGRATION.forwards(apps, None)

    assert Person.objects.get(pk=case.client_id).languages == ["ara", "kur", "fas"]
    assert Person.objects.get(pk=other.pk).languages == ["prs", "ukr"]
    assert Session.objects.get(pk=session.pk).language == "ara"
    assert Session.objects.get(pk=kept.pk).language == "kmr"
    assert AnonymousContact.objects.get(pk=contact.pk).language == "fas"
    assert Consent.objects.get(pk=consent.pk).explained_language == "deu"

    MIGRATION.backwards(apps, None)  # codes with a two-letter form get it back
    assert Person.objects.get(pk=other.pk).languages == ["prs", "uk"]
    assert Consent.objects.get(pk=consent.pk).explained_language == "de"


def test_the_migration_follows_the_widened_columns() -> None:
    assert MIGRATION.Migration.dependencies == [
        ("casework", "0007_household_relation_session_cancel")
    ]
    assert Consent._meta.get_field("explained_language").max_length == 3


PERSONEN = """person_id;geschlecht;geburtsjahr;sprachen
P1;w;1985;uk|ru
P2;m;2010;prs|kmr|ckb
P3;m;1970;ar|ara|ku
P4;x;;
"""
KONTAKTE = """fall_id;datum;sprache
F1;10.01.2024;uk
F1;12.02.2024;prs
F2;03.03.2024;de
"""


def _files(tmp_path: Path, personen: str = PERSONEN, kontakte: str = KONTAKTE) -> Path:
    return folder(tmp_path, personen=personen, faelle=FAELLE, kontakte=kontakte, ziele=ZIELE)


def test_import_takes_iso_639_1_and_639_3_and_stores_639_3(
    tmp_path: Path, provider: Organisation
) -> None:
    Person.objects.all().delete()
    import_casework(_files(tmp_path), provider)
    languages = dict(Person.objects.values_list("external_id", "languages"))
    assert languages == {
        "P1": ["ukr", "rus"],
        "P2": ["prs", "kmr", "ckb"],
        "P3": ["ara", "kur"],  # "ar" and "ara" are one language
        "P4": [],
    }
    spoken = Session.objects.order_by("date").values_list("language", flat=True)
    assert list(spoken) == ["ukr", "prs", "deu"]
    # the same files again change nothing: "uk" is still "ukr"
    summary = import_casework(_files(tmp_path), provider).summary.as_dict()
    assert summary["persons"]["updated"] == 0 and summary["sessions"]["created"] == 0


def test_import_refuses_an_unknown_language_with_line_and_column(
    tmp_path: Path, provider: Organisation
) -> None:
    personen = PERSONEN.replace("ar|ara|ku", "ar|xx|vol")
    with pytest.raises(TableError) as raised:
        import_casework(_files(tmp_path, personen=personen), provider)
    problems = [str(problem) for problem in raised.value.problems]
    assert any("personen.csv:4:sprachen" in p and "'xx'" in p for p in problems), problems
    assert any("'vol'" in p for p in problems), problems  # Volapük is no living language
    assert not Person.objects.filter(external_id="P1").exists()


@pytest.fixture
def counsellor(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.COUNSELLOR.value]


def test_the_client_form_offers_german_names_and_stores_iso_639_3(
    provider: Organisation, counsellor: User
) -> None:
    case = _case(provider, ["ar"])
    case.responsible = counsellor
    case.save()
    client = signed_in_client(counsellor)
    edit = reverse("casework:client_edit", kwargs={"pk": case.client_id})
    page = client.get(edit).content.decode()
    assert '<option value="prs">Dari</option>' in page
    assert '<option value="kmr">Kurmandschi (Nordkurdisch)</option>' in page
    assert '<option value="ckb">Sorani (Zentralkurdisch)</option>' in page
    assert '<option value="ara" selected>Arabisch</option>' in page  # old "ar" shown chosen
    assert "data-filter-label" in page and "Volapük" not in page
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(first_name="Amina", last_name="Haddad", languages=["prs", "kmr"])
    response = client.post(edit, {k: v for k, v in data.items() if k != "district"})
    assert response.status_code == 302, response.context["form"].errors
    assert Person.objects.get(pk=case.client_id).languages == ["prs", "kmr"]
    shown = client.get(reverse("casework:client_detail", kwargs={"pk": case.client_id}))
    assert "Dari, Kurmandschi (Nordkurdisch)" in shown.content.decode()
    refused = client.post(edit, {**data, "languages": ["xx"]})
    assert refused.status_code == 200 and "languages" in refused.context["form"].errors
    assert "Unbekannter Sprachcode" not in refused.content.decode()


def test_a_correction_keeps_a_language_the_list_lacks() -> None:
    from teilhabe.casework.forms import SessionQuickForm

    choices = SessionQuickForm(initial={"language": "vol"}).fields["language"].choices
    offered = {code for _group, options in list(choices)[1:] for code, _name in options}
    assert "vol" in offered and "prs" in offered
    assert "vol" not in {
        code for _g, o in list(SessionQuickForm().fields["language"].choices)[1:] for code, _n in o
    }
