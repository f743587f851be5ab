"""Letters from templates: safe substitution, the PDF, the default templates, the
team lead's maintenance."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.core.versioning import CONFLICT_MESSAGE
from teilhabe.documents import letters, storage, templates_service
from teilhabe.documents.models import Document, LetterTemplate
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

HOSTILE = (
    "{{ client.__class__ }} {{ client.__dict__ }} {{ case.client.organisation.memberships }}\n"
    "{% load static %}{% debug %}{{ settings.SECRET_KEY }} {{ client.name|upper }}\n"
    "{{client.name}}"
)


def pdf_text(content: bytes, tmp_path: Path) -> str:
    target = tmp_path / "brief.pdf"
    target.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_placeholders_are_filled_from_the_case_and_the_free_fields(
    case: Case, counsellor: Any
) -> None:
    import datetime

    body = "{{ client.name }}, {{ case.service }}, {{ appointment_date }} {{ appointment_time }} {{ place }}"
    text = letters.letter_text(
        body,
        case,
        counsellor,
        {
            "appointment_date": datetime.date(2026, 12, 24),
            "appointment_time": datetime.time(9, 30),
            "place": "Raum 2",
        },
    )
    assert text == f"Olena Kovalenko, {case.service.name}, 24.12.2026 09:30 Raum 2"
    assert [f.name for f in letters.free_fields(body)] == [
        "appointment_date",
        "appointment_time",
        "place",
    ]
    assert [f.kind for f in letters.free_fields(body)] == ["date", "time", "text"]


def test_hostile_template_text_is_not_evaluated(case: Case, counsellor: Any) -> None:
    text = letters.letter_text(HOSTILE, case, counsellor, {})
    # nothing but the one plain placeholder is replaced; the rest stays literal text
    assert "{{ client.__class__ }}" in text and "{{ client.__dict__ }}" in text
    assert "{{ case.client.organisation.memberships }}" in text
    assert "{% load static %}{% debug %}" in text and "{{ settings.SECRET_KEY }}" in text
    assert "{{ client.name|upper }}" in text
    assert text.endswith("Olena Kovalenko")
    assert "Person" not in text and "class" not in text.replace("__class__", "")
    assert "OLENA" not in text


def test_a_value_that_looks_like_a_placeholder_is_not_substituted_again(
    case: Case, counsellor: Any
) -> None:
    case.client.first_name = "{{ case.service }}"
    case.client.save()
    text = letters.letter_text("{{ client.first_name }} / {{ case.service }}", case, counsellor, {})
    assert text == "{{ case.service }} / " + case.service.name


def test_a_hostile_template_is_refused_when_saved(lead: Any) -> None:
    client = signed_in_client(lead)
    response = client.post(
        reverse("documents:template_create"),
        {
            "organisation": lead.memberships.first().organisation_id,
            "name": "Böse",
            "body": HOSTILE,
            "is_active": "on",
        },
    )
    errors = " ".join(response.context["form"].errors["body"])
    assert response.status_code == 200
    assert not LetterTemplate.objects.filter(name="Böse").exists()
    for named in ("{{ client.__class__ }}", "{% load static %}", "{{ settings.SECRET_KEY }}"):
        assert named in errors  # each named in an error, as text
    assert "{{client.name}}" not in errors
    assert letters.problems("{{ client.name }} {{ appointment_date }}") == []


def test_the_default_templates_are_created_once_on_first_use(provider: Organisation) -> None:
    templates_service.ensure_defaults(provider.pk)
    templates_service.ensure_defaults(provider.pk)
    names = sorted(
        LetterTemplate.objects.filter(organisation=provider).values_list("name", flat=True)
    )
    assert names == ["Beratungsbestätigung", "Terminbestätigung"]
    for template in LetterTemplate.objects.all():
        assert letters.problems(template.body) == []
    # switched off, not deleted: the defaults do not come back
    LetterTemplate.objects.update(is_active=False)
    templates_service.ensure_defaults(provider.pk)
    assert LetterTemplate.objects.count() == 2


def test_an_appointment_letter_is_a_pdf_with_the_clients_name(
    case: Case, counsellor: Any, tmp_path: Path
) -> None:
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.get(name="Terminbestätigung")
    client = signed_in_client(counsellor)
    url = reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": template.pk})
    fields = client.get(url).context["form"].fields
    assert list(fields) == [
        "feld_appointment_date",
        "feld_appointment_time",
        "feld_appointment_place",
        "store",
    ]

    response = client.post(
        url,
        {
            "feld_appointment_date": "2026-12-24",
            "feld_appointment_time": "09:30",
            "feld_appointment_place": "Raum 2",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "Olena Kovalenko" in text and "24.12.2026" in text and "Raum 2" in text
    assert "{{" not in text
    assert not Document.objects.exists()  # not filed unless asked


def test_a_letter_can_be_filed_with_the_case(case: Case, counsellor: Any) -> None:
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.get(name="Beratungsbestätigung")
    client = signed_in_client(counsellor)
    url = reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": template.pk})
    response = client.post(url, {"feld_presented_to": "dem Jobcenter", "store": "on"})
    assert response.status_code == 302 and response.url.endswith("?teil=dokumente")
    document = Document.objects.get()
    assert (document.case, document.kind, document.title) == (
        case,
        "schreiben",
        "Beratungsbestätigung",
    )
    assert storage.path_of(document.file_id).read_bytes().startswith(b"%PDF")


def test_a_missing_free_field_is_a_form_error(case: Case, counsellor: Any) -> None:
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.get(name="Terminbestätigung")
    url = reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": template.pk})
    response = signed_in_client(counsellor).post(url, {"feld_appointment_time": "09:30"})
    assert response.status_code == 400


def test_templates_of_another_organisation_are_not_found(
    case: Case, counsellor: Any, city: Organisation
) -> None:
    templates_service.ensure_defaults(city.pk)
    foreign = LetterTemplate.objects.filter(organisation=city).first()
    assert foreign is not None
    url = reverse("documents:letter", kwargs={"pk": case.pk, "template_pk": foreign.pk})
    assert signed_in_client(counsellor).get(url).status_code == 404
    city_lead = make_user("stadtleitung", city, Role.TEAM_LEAD.value)
    templates_service.ensure_defaults(case.organisation_id)
    own = LetterTemplate.objects.filter(organisation=case.organisation).first()
    assert own is not None
    edit = reverse("documents:template_edit", kwargs={"pk": own.pk})
    assert signed_in_client(city_lead).get(edit).status_code == 404


def test_the_team_lead_changes_a_template_and_a_stale_form_is_refused(
    lead: Any, provider: Organisation
) -> None:
    templates_service.ensure_defaults(provider.pk)
    template = LetterTemplate.objects.get(name="Terminbestätigung")
    client = signed_in_client(lead)
    url = reverse("documents:template_edit", kwargs={"pk": template.pk})
    data = {
        "name": "Terminbestätigung",
        "body": "Guten Tag {{ client.name }}",
        "is_active": "on",
        "version": template.version,
    }
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.body == "Guten Tag {{ client.name }}" and template.version == 2
    response = client.post(url, {**data, "body": "Alt"})  # loaded with version 1
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(CONFLICT_MESSAGE)]
    template.refresh_from_db()
    assert template.body == "Guten Tag {{ client.name }}"
