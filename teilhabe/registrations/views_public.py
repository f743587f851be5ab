"""Public pages of events (no account): an organisation's list and calendar feed, the
event's page with the registration form, and the page the cancel link opens.

Nothing here shows a registration other than the one whose link was opened, and no
count of a person's data: the public sees places left, never who registered.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities import ical
from teilhabe.core import ratelimit
from teilhabe.core.access import public
from teilhabe.core.languages import language_name
from teilhabe.core.middleware import client_address
from teilhabe.organisations.models import Organisation
from teilhabe.registrations import housekeeping, mails, selectors, services
from teilhabe.registrations.forms import RegistrationForm
from teilhabe.registrations.models import Listing

# (count, seconds) per address: every public request (slows the guessing of cancel
# links) and sent registrations (a script cannot fill an event with invented names).
# settings.REGISTRATION_RATE overrides either.
RATE = {"address": (120, 600), "register": (10, 3600)}
# The feed shows events from this many days back, so that a subscribed calendar keeps
# the recent past.
FEED_DAYS_BACK = 90


def _too_many(request: HttpRequest, scope: str) -> HttpResponse | None:
    rate = {**RATE, **getattr(settings, "REGISTRATION_RATE", {})}[scope]
    return ratelimit.refusal(request, f"registrations-{scope}", client_address(request) or "", rate)


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, is_active=True)


def _languages(codes: list[str]) -> list[str]:
    return [language_name(code) for code in codes]


@public
def organisation_events(request: HttpRequest, slug: str) -> HttpResponse:
    refused = _too_many(request, "address")
    if refused is not None:
        return refused
    organisation = _organisation(slug)
    today = timezone.localdate()
    rows = [
        (listing, selectors.figures(listing), selectors.is_open(listing, today))
        for listing in selectors.upcoming_of(organisation.pk, today)
    ]
    return render(
        request,
        "registrations/public_list.html",
        {"organisation": organisation, "rows": rows},
    )


@public
def organisation_feed(request: HttpRequest, slug: str) -> HttpResponse:
    refused = _too_many(request, "address")
    if refused is not None:
        return refused
    organisation = _organisation(slug)
    since = timezone.localdate() - datetime.timedelta(days=FEED_DAYS_BACK)
    host = request.get_host().split(":")[0]
    entries = [
        mails.calendar_entry(listing) for listing in selectors.upcoming_of(organisation.pk, since)
    ]
    body = ical.to_ical(organisation.name, entries, host)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}.ics"'
    return response


def _listing(pk: int) -> Listing:
    listing = (
        selectors.public_listings()
        .filter(pk=pk, event__organisation__is_active=True)
        .prefetch_related("programme")
        .first()
    )
    if listing is None:
        raise Http404
    return listing


@public
def event_page(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _too_many(request, "address")
    if refused is not None:
        return refused
    listing = _listing(pk)
    is_open = selectors.is_open(listing, timezone.localdate())
    form = RegistrationForm(request.POST or None, listing=listing) if is_open else None
    if request.method == "POST" and form is not None and form.is_valid():
        refused = _too_many(request, "register")
        if refused is not None:
            return refused
        try:
            registration, token = services.register(
                listing.pk, day=timezone.localdate(), **form.registration_fields()
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            link = request.build_absolute_uri(
                reverse("registrations:public:registration", kwargs={"token": token})
            )
            mails.confirmation(registration, link, request.get_host().split(":")[0])
            messages.success(
                request,
                _("We have sent the confirmation with a link to cancel to %(email)s.")
                % {"email": registration.email},
            )
            return redirect("registrations:public:registration", token=token)
    context = {
        "listing": listing,
        "event": listing.event,
        "figures": selectors.figures(listing),
        "is_open": is_open,
        "form": form,
        "languages": _languages(listing.languages),
        "interpretation": _languages(listing.interpretation),
        "keep_days": housekeeping.keep_days(),
    }
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form is None:
        status = 409  # closed meanwhile: the page says so
    return render(request, "registrations/public_event.html", context, status=status)


@public
def registration(request: HttpRequest, token: str) -> HttpResponse:
    """What the cancel link opens: the registration's status and the cancel button."""
    refused = _too_many(request, "address")
    if refused is not None:
        return refused
    found = services.by_token(token)
    if found is None:
        raise Http404
    if request.method == "POST":
        moved = services.cancel(found)
        host = request.get_host().split(":")[0]
        for registration_moved in moved:
            mails.moved_up(registration_moved, host)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
        return redirect("registrations:public:registration", token=token)
    return render(
        request,
        "registrations/public_registration.html",
        {
            "registration": found,
            "listing": found.listing,
            "event": found.listing.event,
            "interpretation": language_name(found.interpretation_language)
            if found.interpretation_language
            else "",
        },
    )
