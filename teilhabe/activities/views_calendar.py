"""The calendar of an organisation (month and list), its iCal export and subscriptions."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.activities import ical, selectors, subscriptions
from teilhabe.activities.access import (
    CALENDAR_ROLES,
    GROUP_ROLES,
    organisation_or_404,
    organisations_for,
)
from teilhabe.activities.forms import SubscriptionForm
from teilhabe.activities.models import CalendarSubscription
from teilhabe.activities.schedule import month_bounds, month_weeks, shift_month
from teilhabe.core import params
from teilhabe.core.access import public, requires
from teilhabe.organisations.models import Organisation

view_calendar = requires("activities.view_calendar")

# What a feed or export covers: a quarter back, a year ahead.
FEED_PAST = datetime.timedelta(days=92)
FEED_FUTURE = datetime.timedelta(days=366)
NEW_TOKEN_SESSION_KEY = "activities_new_calendar_url"  # noqa: S105  (a session key)


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    return params.month(request.GET, "monat", default=(today.year, today.month))


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _organisation(request: HttpRequest) -> Organisation:
    organisations = organisations_for(request.user, CALENDAR_ROLES)
    slug = params.text(request.GET, "einrichtung")
    chosen = organisations.filter(slug=slug).first() if slug else organisations.first()
    if chosen is None:
        raise Http404
    return chosen


@view_calendar
def calendar(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    year, month = _month(request)
    as_list = params.choice(request.GET, "ansicht", ("liste", "monat"), default="") == "liste"
    start, end = month_bounds(year, month)
    weeks = month_weeks(year, month)
    if not as_list:
        start, end = weeks[0][0], weeks[-1][-1]
    entries = selectors.calendar_entries(organisation, start, end, user=request.user)
    by_day = selectors.entries_by_day(entries)
    user: Any = request.user
    context = {
        "organisation": organisation,
        "organisations": organisations_for(user, CALENDAR_ROLES),
        "first_of_month": datetime.date(year, month, 1),
        "month_value": _month_value(year, month),
        "previous": _month_value(*shift_month(year, month, -1)),
        "next": _month_value(*shift_month(year, month, 1)),
        "as_list": as_list,
        "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
        "days": sorted((day, items) for day, items in by_day.items() if start <= day <= end),
        "month": month,
        "today": timezone.localdate(),
        # Links to the records only where the user manages the organisation's groups.
        "can_manage": user.has_perm("activities.manage_groups")
        and organisations_for(user, GROUP_ROLES).filter(pk=organisation.pk).exists(),
        # A group's page (schedule, counts) for service staff; a mediator sees the title.
        "can_view_groups": user.has_perm("activities.view_groups"),
        "subscriptions": CalendarSubscription.objects.filter(
            owner=user, organisation=organisation, revoked_at__isnull=True
        ),
        "subscription_form": SubscriptionForm(),
        "new_url": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
    }
    return render(request, "activities/calendar.html", context)


def _ics_response(
    organisation: Organisation, request: HttpRequest, filename: str, user: Any
) -> HttpResponse:
    today = timezone.localdate()
    start, end = today - FEED_PAST, today + FEED_FUTURE
    entries = selectors.calendar_entries(organisation, start, end, user=user)
    body = ical.to_ical(organisation.name, entries, request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@view_calendar
def calendar_export(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(request.user, slug, CALENDAR_ROLES)
    return _ics_response(organisation, request, f"kalender-{organisation.slug}.ics", request.user)


@public
def subscription_export(request: HttpRequest, token: str) -> HttpResponse:
    """A subscribed calendar program polls this without a session: the secret token in
    the address is the only credential. Unknown and revoked tokens are a 404."""
    subscription = subscriptions.subscription_for_token(token)
    if subscription is None:
        raise Http404
    subscriptions.mark_used(subscription)
    return _ics_response(
        subscription.organisation,
        request,
        f"kalender-{subscription.organisation.slug}.ics",
        subscription.owner,
    )


@view_calendar
@require_POST
def subscription_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_or_404(request.user, slug, CALENDAR_ROLES)
    form = SubscriptionForm(request.POST)
    label = form.cleaned_data["label"] if form.is_valid() else ""
    _subscription, token = subscriptions.create_subscription(request.user, organisation, label)
    # Shown once on the next page, never stored in clear.
    url = request.build_absolute_uri(
        reverse("activities:subscription_export", kwargs={"token": token})
    )
    request.session[NEW_TOKEN_SESSION_KEY] = url
    messages.success(
        request, _("Subscription created. Copy the address now: it is shown only once.")
    )
    return redirect(
        reverse("activities:calendar") + f"?einrichtung={organisation.slug}#subscribe-heading"
    )


@view_calendar
@require_POST
def subscription_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(CalendarSubscription, pk=pk, owner=request.user)
    subscriptions.revoke(subscription)
    messages.success(request, _("Subscription revoked: the address no longer works."))
    return redirect(
        reverse("activities:calendar") + f"?einrichtung={subscription.organisation.slug}"
    )
