"""The pages through the test client: the public registration with its mail, the link
that cancels and the mail to whoever moves up; the feed; the rate limit; the
organisers' pages, seen only by the event's organisers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation
from teilhabe.registrations.models import Listing, Registration, Status
from teilhabe.registrations.tests.world import listed_event

pytestmark = pytest.mark.django_db


def _form(name: str, persons: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "email": f"{name}@example.org",
        "persons": persons,
        "consent": "on",
        **extra,
    }


def _link(message: Any) -> str:
    found = re.search(r"http://testserver(/veranstaltungen/anmeldung/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_register_wait_cancel_move_up(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=2, interpretation=["ukr", "ara"], childcare=True)
    url = reverse("registrations:public:event", kwargs={"pk": listing.pk})
    page = Client().get(url)
    assert page.status_code == 200
    assert "Ukrainisch" in page.content.decode()  # the interpretation offered

    first = Client().post(url, _form("ana", 2, interpretation_language="ukr", childcare="on"))
    assert first.status_code == 302
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["ana@example.org"]
    assert confirmation.attachments[0][0] == "veranstaltung.ics"
    ics = Calendar.from_ical(confirmation.attachments[0][1])
    assert [str(e["summary"]) for e in ics.walk("VEVENT")] == [listing.event.title]
    ana_link = _link(confirmation)
    ana = Registration.objects.get(name="ana")
    assert (ana.status, ana.interpretation_language, ana.childcare) == ("confirmed", "ukr", True)
    assert ana.token_hash not in ana_link  # only the hash is stored, never the token

    Client().post(url, _form("ben"))
    waiting_mail = mail.outbox[-1]
    assert waiting_mail.to == ["ben@example.org"] and not waiting_mail.attachments
    ben_link = _link(waiting_mail)
    assert 'data-status="waiting"' in Client().get(ben_link).content.decode()

    mail.outbox.clear()
    assert Client().post(ana_link).status_code == 302
    assert Registration.objects.get(name="ana").status == Status.CANCELLED
    assert Registration.objects.get(name="ben").status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]
    assert mail.outbox[0].attachments  # now confirmed: with the calendar file
    assert 'data-status="cancelled"' in Client().get(ana_link).content.decode()


def test_without_consent_nothing_is_stored(provider: Organisation) -> None:
    listing = listed_event(provider)
    url = reverse("registrations:public:event", kwargs={"pk": listing.pk})
    data = _form("ana")
    del data["consent"]
    assert Client().post(url, data).status_code == 400
    assert Client().post(url, _form("ana", persons=11)).status_code == 400
    assert not Registration.objects.exists() and not mail.outbox


def test_unknown_links_and_unpublished_events_are_not_found(provider: Organisation) -> None:
    hidden = listed_event(provider, published=False)
    client = Client()
    assert (
        client.get(reverse("registrations:public:event", kwargs={"pk": hidden.pk})).status_code
        == 404
    )
    bad = reverse("registrations:public:registration", kwargs={"token": "x" * 43})
    assert client.get(bad).status_code == 404
    assert client.post(bad).status_code == 404


def test_public_list_and_feed_show_published_events_only(provider: Organisation) -> None:
    shown = listed_event(provider, title="Stadtteilkonferenz")
    listed_event(provider, title="Intern", published=False)
    page = Client().get(reverse("registrations:public:organisation", kwargs={"slug": "diakonie"}))
    text = page.content.decode()
    assert "Stadtteilkonferenz" in text and "Intern" not in text
    feed = Client().get(reverse("registrations:public:feed", kwargs={"slug": "diakonie"}))
    assert feed["Content-Type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == [shown.event.title]


def test_the_form_is_rate_limited(provider: Organisation, settings: Any) -> None:
    settings.REGISTRATION_RATE = {"register": (1, 3600)}
    listing = listed_event(provider)
    url = reverse("registrations:public:event", kwargs={"pk": listing.pk})
    assert Client().post(url, _form("ana")).status_code == 302
    refused = Client().post(url, _form("ben"))
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Registration.objects.count() == 1


def test_registrations_are_seen_by_the_events_organisers_only(
    provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    listing = listed_event(provider)
    Client().post(reverse("registrations:public:event", kwargs={"pk": listing.pk}), _form("ana"))
    other = create_organisation("awo", "AWO Teststadt", ["MBE"])
    stranger = signed_in_client(make_user("fremd", other, Role.TEAM_LEAD))
    organiser = signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    for name in ("listing_detail", "listing_edit", "check_in"):
        url = reverse(f"registrations:{name}", kwargs={"pk": listing.pk})
        assert stranger.get(url).status_code == 404, name
        assert organiser.get(url).status_code == 200, name
    assert (
        "ana@example.org"
        in organiser.get(
            reverse("registrations:listing_detail", kwargs={"pk": listing.pk})
        ).content.decode()
    )
    assert (
        "ana@example.org"
        not in stranger.get(reverse("registrations:listing_list")).content.decode()
    )
    registration = Registration.objects.get()
    refused = stranger.post(
        reverse("registrations:listing_detail", kwargs={"pk": listing.pk}),
        {"registration": registration.pk},
    )
    assert refused.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_organiser_lists_an_event_checks_in_and_cancels(
    provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    import datetime

    from django.utils import timezone

    from teilhabe.activities import services as activity_services

    event = activity_services.create_event(
        provider, kind="event", title="Fest", date=timezone.localdate() + datetime.timedelta(days=3)
    )
    organiser = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    response = organiser.post(
        reverse("registrations:listing_create"),
        {
            "event": event.pk,
            "capacity": 1,
            "languages": ["deu"],
            "published": "on",
            "registration_open": "on",
            "programm-TOTAL_FORMS": 2,
            "programm-INITIAL_FORMS": 0,
            "programm-0-starts_at": "18:00",
            "programm-0-ends_at": "18:15",
            "programm-0-title": "Begrüßung",
            "programm-0-speakers": "Bürgermeisterin",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url.startswith("/veranstaltungen/anmeldungen/"), response.url
    listing = Listing.objects.get(event=event)
    assert [item.title for item in listing.programme.all()] == ["Begrüßung"]
    public = Client().get(reverse("registrations:public:event", kwargs={"pk": listing.pk}))
    assert "Bürgermeisterin" in public.content.decode()
    url = reverse("registrations:public:event", kwargs={"pk": listing.pk})
    Client().post(url, _form("ana"))
    Client().post(url, _form("ben"))
    ana, ben = Registration.objects.get(name="ana"), Registration.objects.get(name="ben")
    mail.outbox.clear()
    detail = reverse("registrations:listing_detail", kwargs={"pk": listing.pk})
    assert organiser.post(detail, {"registration": ana.pk}).status_code == 302
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]
    check_in = reverse("registrations:check_in", kwargs={"pk": listing.pk})
    assert (
        organiser.post(check_in, {"present": [str(ben.pk), str(ana.pk)], "walk_ins": 2}).status_code
        == 302
    )
    event.refresh_from_db()
    assert event.total == 3  # ben (1) and 2 without registration; ana was cancelled


def test_the_event_page_leads_to_its_public_registration(
    provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    import datetime

    from django.utils import timezone

    from teilhabe.activities import services as activity_services

    organiser = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    ahead = activity_services.create_event(
        provider, kind="event", title="Fest", date=timezone.localdate() + datetime.timedelta(days=3)
    )
    past = activity_services.create_event(
        provider,
        kind="event",
        title="Vorbei",
        date=timezone.localdate() - datetime.timedelta(days=3),
    )
    page = organiser.get(reverse("activities:event_detail", kwargs={"pk": ahead.pk}))
    create = reverse("registrations:listing_create") + f"?veranstaltung={ahead.pk}"
    assert f'href="{create}"' in page.content.decode()
    form = organiser.get(create).context["form"]
    assert form.initial == {"event": ahead.pk}
    # an event that is over is not offered; a foreign or unknown id chooses nothing
    past_page = organiser.get(reverse("activities:event_detail", kwargs={"pk": past.pk}))
    assert "veranstaltung=" not in past_page.content.decode()
    for foreign in (str(past.pk), "999999"):
        url = reverse("registrations:listing_create") + f"?veranstaltung={foreign}"
        assert organiser.get(url).context["form"].initial == {}
    organiser.raise_request_exception = False
    bad = organiser.get(reverse("registrations:listing_create") + "?veranstaltung=x")
    assert bad.status_code == 400
    listing = listed_event(provider)
    listed = organiser.get(reverse("activities:event_detail", kwargs={"pk": listing.event_id}))
    detail = reverse("registrations:listing_detail", kwargs={"pk": listing.pk})
    assert f'href="{detail}"' in listed.content.decode()
