"""Booking, changing and cancelling appointments and reminders on the case page, and
access through casework: another organisation's case is a 404."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from teilhabe.appointments import services
from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.models import Case
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _book(case: Case, counsellor: Any, **fields: Any) -> Appointment:
    values = {
        "date": timezone.localdate() + datetime.timedelta(days=1),
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(10, 0),
        "modality": "vor_ort",
        "counsellor": counsellor,
        **fields,
    }
    return services.book(case, author=counsellor, **values)


def _post_data(counsellor: Any, **values: str) -> dict[str, str]:
    day = timezone.localdate() + datetime.timedelta(days=2)
    return {
        "date": day.isoformat(),
        "starts_at": "14:00",
        "ends_at": "15:00",
        "modality": "hausbesuch",
        "counsellor": str(counsellor.pk),
        "mediator_language": "prs",
        "mediator_name": "Frau Ahmadi",
        **values,
    }


def test_booking_returns_to_the_tab_and_is_audited(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    url = reverse("appointments:appointment_create", kwargs={"pk": case.pk})
    response = client.post(url, _post_data(counsellor))
    assert response.status_code == 302
    assert response.url == reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine"
    appointment = Appointment.objects.get(case=case)
    assert (appointment.mediator_language, appointment.author) == ("prs", counsellor)
    assert LogEntry.objects.get_for_object(appointment).filter(action=LogEntry.Action.CREATE)


def test_an_invalid_booking_shows_the_form_with_the_error(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    url = reverse("appointments:appointment_create", kwargs={"pk": case.pk})
    response = client.post(url, _post_data(counsellor, ends_at="13:00"))
    assert response.status_code == 400
    assert not Appointment.objects.exists()
    assert LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.ACCESS).exists()


def test_change_and_cancel(case: Case, counsellor: Any) -> None:
    appointment = _book(case, counsellor)
    client = signed_in_client(counsellor)
    kwargs = {"pk": case.pk, "appointment_pk": appointment.pk}
    edit = reverse("appointments:appointment_edit", kwargs=kwargs)
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, _post_data(counsellor, version="1", starts_at="15:00", ends_at="16:00")
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert (appointment.starts_at, appointment.version) == (datetime.time(15, 0), 2)
    # a second change from the form loaded with version 1 would overwrite the first
    stale = client.post(
        edit, _post_data(counsellor, version="1", starts_at="11:00", ends_at="12:00")
    )
    assert stale.status_code == 400
    appointment.refresh_from_db()
    assert appointment.starts_at == datetime.time(15, 0)
    cancel = reverse("appointments:appointment_cancel", kwargs=kwargs)
    assert client.post(cancel).status_code == 302
    appointment.refresh_from_db()
    assert appointment.cancelled and appointment.cancelled_at is not None


def test_a_colleague_changes_an_appointment_held_by_the_former_counsellor(
    case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    appointment = _book(case, counsellor)
    lead = users_by_role["team_lead"]
    case.responsible = lead
    case.save()  # the case changed hands; the appointment is still the counsellor's
    edit = reverse(
        "appointments:appointment_edit", kwargs={"pk": case.pk, "appointment_pk": appointment.pk}
    )
    data = _post_data(counsellor, version="1", note="Raum getauscht")
    assert signed_in_client(lead).post(edit, data).status_code == 302
    appointment.refresh_from_db()
    assert (appointment.counsellor, appointment.note) == (counsellor, "Raum getauscht")


def test_reminder_set_done_and_opened_again(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    day = timezone.localdate().isoformat()
    url = reverse("appointments:reminder_create", kwargs={"pk": case.pk})
    assert client.post(url, {"due_on": day, "text": "Jobcenter anrufen"}).status_code == 302
    reminder = Reminder.objects.get(case=case)
    done = reverse("appointments:reminder_done", kwargs={"pk": case.pk, "reminder_pk": reminder.pk})
    client.post(done)
    reminder.refresh_from_db()
    assert reminder.is_done and reminder.done_by == counsellor
    client.post(done, {"erledigt": "0"})
    reminder.refresh_from_db()
    assert not reminder.is_done and reminder.done_by is None


def test_another_organisations_case_is_not_found(
    case: Case, foreign_case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    foreign = _book(foreign_case, foreign_case.responsible)
    foreign_reminder = services.add_reminder(
        foreign_case, author=None, due_on=foreign_case.opened_on, text="x"
    )
    own = _book(case, counsellor)
    for user in (counsellor, users_by_role["team_lead"]):
        client = signed_in_client(user)
        urls = [
            ("get", "appointment_create", {"pk": foreign_case.pk}),
            ("post", "appointment_create", {"pk": foreign_case.pk}),
            ("get", "appointment_edit", {"pk": foreign_case.pk, "appointment_pk": foreign.pk}),
            ("post", "appointment_cancel", {"pk": foreign_case.pk, "appointment_pk": foreign.pk}),
            ("get", "reminder_create", {"pk": foreign_case.pk}),
            ("post", "reminder_done", {"pk": foreign_case.pk, "reminder_pk": foreign_reminder.pk}),
            # the other organisation's appointment under one's own case
            ("get", "appointment_edit", {"pk": case.pk, "appointment_pk": foreign.pk}),
            ("post", "appointment_cancel", {"pk": case.pk, "appointment_pk": foreign.pk}),
        ]
        for method, name, kwargs in urls:
            response = getattr(client, method)(reverse(f"appointments:{name}", kwargs=kwargs))
            assert response.status_code == 404, (user, name, kwargs)
        # one's own appointment under the other organisation's case
        kwargs = {"pk": foreign_case.pk, "appointment_pk": own.pk}
        assert (
            client.get(reverse("appointments:appointment_edit", kwargs=kwargs)).status_code == 404
        )
    foreign.refresh_from_db()
    foreign_reminder.refresh_from_db()
    assert not foreign.cancelled and not foreign_reminder.is_done


def test_a_counsellor_does_not_reach_a_colleagues_case(
    provider: Any, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    from teilhabe.accounts.roles import Role
    from teilhabe.appointments.tests.conftest import open_case
    from teilhabe.conftest import make_user

    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)
    theirs = open_case(provider, colleague, name="Nachbar")
    url = reverse("appointments:appointment_create", kwargs={"pk": theirs.pk})
    assert signed_in_client(counsellor).get(url).status_code == 404
    assert signed_in_client(users_by_role["team_lead"]).get(url).status_code == 200


def test_the_case_page_tab_lists_the_appointment(case: Case, counsellor: Any) -> None:
    _book(case, counsellor, mediator_language="prs", mediator_name="Frau Ahmadi", note="Unterlagen")
    services.add_reminder(case, author=counsellor, due_on=timezone.localdate(), text="Bescheid")
    url = reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine"
    response = signed_in_client(counsellor).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Frau Ahmadi" in page and "Dari" in page and "Bescheid" in page
    assert reverse("appointments:appointment_create", kwargs={"pk": case.pk}) in page
