"""The pages as their users go through them (Django's test client): the contact answers
the self-check and uploads evidence, the coordinator coaches, records the audit, is
refused the certificate while a stage is open and then issues it; the PDF, the catalogue
forms and the public register without personal data."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.opening.models import (
    Catalogue,
    Certificate,
    Criterion,
    Evidence,
    Process,
    SelfCheck,
)
from teilhabe.opening.tests.world import opening_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users_by_role: dict[str, Any]) -> dict[str, Any]:
    return opening_world(users_by_role[Role.INTEGRATION_COORDINATOR.value])


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format="PNG")
    out.seek(0)
    out.name = "tuerschild.png"
    return out


def test_contact_answers_the_self_check_and_sees_the_result(world: dict[str, Any]) -> None:
    process = Process.objects.get(pk=world["<opening_process>"])
    by_code = {c.code: c.pk for c in Criterion.objects.filter(area__catalogue=process.catalogue)}
    client = signed_in_client(world["kita_contact"])
    url = reverse("opening:self_check_create", kwargs={"pk": process.pk})
    page = client.get(url).content.decode()
    assert "vollständig" in page  # the level texts are the choices
    data = {
        "date": "2025-06-01",
        f"criterion_{by_code['1.1']}": "3",
        f"criterion_{by_code['1.2']}": "2",
        f"criterion_{by_code['3.1']}": "",
    }
    response = client.post(url, data)
    check = SelfCheck.objects.get(process=process, date="2025-06-01")
    assert response.status_code == 302 and response.url == reverse(
        "opening:self_check_detail", kwargs={"pk": check.pk}
    )
    page = client.get(response.url).content.decode()
    # leitung 3 + 2 = 5 of 6 -> 83 %; before (world) 1 + 2 = 3 of 6 -> 50 %; +33
    assert "83 %" in page and "50 %" in page and "+33" in page
    assert check.answered_by == world["kita_contact"]
    # a level above the top is refused and nothing is stored
    refused = client.post(url, {"date": "2025-06-02", f"criterion_{by_code['1.1']}": "4"})
    assert refused.status_code == 400
    assert not SelfCheck.objects.filter(date="2025-06-02").exists()


def test_contact_uploads_evidence_and_the_coach_checks_it(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    process_pk = world["<opening_process>"]
    contact = signed_in_client(world["kita_contact"])
    url = reverse("opening:evidence_upload", kwargs={"pk": process_pk})
    response = contact.post(url, {"title": "Türschild Eingang", "upload": _png()})
    assert response.status_code == 302
    item = Evidence.objects.get(title="Türschild Eingang")
    assert (item.content_type, item.uploaded_by) == ("image/png", world["kita_contact"])
    download = contact.get(reverse("opening:evidence_download", kwargs={"pk": item.pk}))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    check = reverse("opening:evidence_check", kwargs={"pk": item.pk})
    assert coordinator.post(check, {"decision": "return", "note": ""}).status_code == 400
    assert coordinator.post(check, {"decision": "accept", "note": ""}).status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted"


def test_coach_records_and_the_coordinator_certifies(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    process = Process.objects.get(pk=world["<opening_process>"])
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    pk = {"pk": process.pk}
    session = {"date": "2025-02-01", "topics": "Auftakt", "stage": process.stages.first().pk}
    assert client.post(reverse("opening:session_create", kwargs=pk), session).status_code == 302
    measure = {"title": "Faltblatt", "agreed_on": "2025-02-01", "due_on": "2025-01-01"}
    assert client.post(reverse("opening:measure_create", kwargs=pk), measure).status_code == 400
    measure["due_on"] = "2025-05-01"
    assert client.post(reverse("opening:measure_create", kwargs=pk), measure).status_code == 302
    issue = reverse("opening:certificate_issue", kwargs=pk)
    refused = client.post(issue, {"issued_on": "2025-06-01"})
    assert refused.status_code == 400 and not Certificate.objects.filter(process=process).exists()
    audit = {"date": "2025-05-20", "auditors": "Büro", "findings": "gut", "recommends": "on"}
    assert client.post(reverse("opening:audit_record", kwargs=pk), audit).status_code == 302
    for stage in process.stages.all():
        done = client.post(
            reverse("opening:stage_done", kwargs={"pk": stage.pk}), {"day": "2025-05-25"}
        )
        assert done.status_code == 302, stage
    assert client.post(issue, {"issued_on": "2025-06-01"}).status_code == 302
    certificate = Certificate.objects.get(process=process)
    assert str(certificate.valid_until) == "2028-05-31"
    pdf = client.get(reverse("opening:certificate_pdf", kwargs={"pk": certificate.pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    page = client.get(reverse("opening:process_detail", kwargs=pk)).content.decode()
    assert certificate.number in page and "Auftakt" in page and "Faltblatt" in page


def test_public_register_names_institutions_not_persons(world: dict[str, Any]) -> None:
    from django.test import Client

    page = Client().get(reverse("opening:public:register")).content.decode()
    assert "Grundschule am Park" in page  # certified in the world
    assert "Kita Regenbogen" not in page  # in coaching, not certified
    # no contact person, no auditor, no finding, no result
    for private in ("Sam Schule", "schule_kontakt", "Integrationsbüro", "Kriterien erfüllt", "%"):
        assert private not in page.split('id="inhalt"')[1], private


def test_coordinator_keeps_the_catalogue(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    response = client.post(
        reverse("opening:catalogue_create"), {"title": "Neu", "top_level": 2, "valid_years": 2}
    )
    cat = Catalogue.objects.get(title="Neu")
    assert response.url == reverse("opening:catalogue_detail", kwargs={"pk": cat.pk})
    client.post(reverse("opening:area_create", kwargs={"pk": cat.pk}), {"code": "a", "title": "A"})
    client.post(reverse("opening:evidence_kind_create", kwargs={"pk": cat.pk}), {"name": "Foto"})
    area = cat.areas.get()
    kind = cat.evidence_kinds.get()
    url = reverse("opening:criterion_create", kwargs={"pk": area.pk})
    levels = {"level_0": "nein", "level_1": "teils", "level_2": "ja"}
    data = {"code": "1", "question": "Frage", "evidence_kinds": [kind.pk], **levels}
    assert client.post(url, data).status_code == 302
    criterion = Criterion.objects.get(area=area)
    assert [lv.text for lv in criterion.levels.all()] == ["nein", "teils", "ja"]
    # the world's certified catalogue is frozen: its detail page offers no edits
    frozen = Certificate.objects.get().catalogue
    page = client.get(reverse("opening:catalogue_detail", kwargs={"pk": frozen.pk}))
    assert reverse("opening:area_create", kwargs={"pk": frozen.pk}) not in page.content.decode()
    refused = client.post(
        reverse("opening:area_create", kwargs={"pk": frozen.pk}), {"code": "x", "title": "X"}
    )
    assert refused.status_code == 400 and not frozen.areas.filter(code="x").exists()
    new = client.post(reverse("opening:catalogue_new_version", kwargs={"pk": cat.pk}))
    assert new.status_code == 302 and Catalogue.objects.filter(title="Neu", version=2).exists()


def test_coordinator_creates_a_contact_sign_in(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("opening:contact_create", kwargs={"pk": world["<opening_process>"]})
    data = {"username": "kita2", "first_name": "A", "last_name": "B", "email": ""}
    page = client.post(url, data).content.decode()
    assert "http://testserver/passwort/neu/" in page  # the one-time link to hand over
    from teilhabe.accounts.models import User

    user = User.objects.get(username="kita2")
    assert not user.has_usable_password() and user.opening_contacts.get().actor.name == (
        "Kita Regenbogen"
    )


def test_coach_marks_an_agreed_measure_done(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    from auditlog.models import LogEntry

    from teilhabe.opening.models_process import AgreedMeasure

    measure = AgreedMeasure.objects.get(pk=world["<opening_measure>"])
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("opening:measure_done", kwargs={"pk": measure.pk})
    before_agreed = measure.agreed_on - datetime.timedelta(days=1)
    refused = client.post(url, {"day": before_agreed.isoformat()})
    assert refused.status_code == 400
    assert "bevor sie vereinbart wurde" in refused.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert client.post(url, {"day": tomorrow.isoformat()}).status_code == 400
    day = measure.agreed_on + datetime.timedelta(days=30)
    assert client.post(url, {"day": day.isoformat()}).status_code == 302
    measure.refresh_from_db()
    assert measure.done_on == day
    assert client.post(url, {"day": day.isoformat()}).status_code == 400  # done already
    page = client.get(reverse("opening:process_detail", kwargs={"pk": measure.process_id}))
    assert f"erledigt am {day:%d.%m.%Y}" in page.content.decode()
    assert LogEntry.objects.get_for_object(measure).filter(changes__icontains="done_on").exists()
