"""Organisers' pages: the public listings of their events, the registrations and the
waiting list, the check-in list of the day.

Organisers are those who manage the organisation's events in the activities module
(`activities.manage_groups`, scoped by `activities.access.GROUP_ROLES`): a listing of
another organisation's event is a 404, as in casework.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities.access import GROUP_ROLES, organisation_ids
from teilhabe.activities.models import Event
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.core.languages import language_name
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.registrations import mails, selectors, services
from teilhabe.registrations.forms import CheckInForm, ListingForm, ProgrammeFormSet
from teilhabe.registrations.models import Listing, Status

organisers = requires("activities.manage_groups")


def _listing(request: HttpRequest, pk: int) -> Listing:
    listing = (
        Listing.objects.filter(
            pk=pk, event__organisation_id__in=organisation_ids(request.user, GROUP_ROLES)
        )
        .select_related("event", "event__organisation")
        .first()
    )
    if listing is None:
        raise Http404
    return listing


@organisers
def listing_list(request: HttpRequest) -> HttpResponse:
    listings = selectors.listings_of(organisation_ids(request.user, GROUP_ROLES))
    rows = [(listing, selectors.figures(listing)) for listing in listings]
    return render(request, "registrations/listing_list.html", {"rows": rows})


def _events_to_list(request: HttpRequest) -> QuerySet[Event]:
    return (
        Event.objects.filter(
            organisation_id__in=organisation_ids(request.user, GROUP_ROLES),
            listing__isnull=True,
            cancelled=False,
        )
        .filter(Q(date__gte=timezone.localdate()) | Q(end_date__gte=timezone.localdate()))
        .select_related("organisation")
        .order_by("date")
    )


@organisers
def listing_create(request: HttpRequest) -> HttpResponse:
    events = _events_to_list(request)
    # from the event's page: ?veranstaltung=<id> chooses it (if it may be listed)
    chosen = params.integer(
        request.GET, "veranstaltung", minimum=1, maximum=2**31 - 1, default=None
    )
    initial = {"event": chosen} if chosen and events.filter(pk=chosen).exists() else {}
    form = ListingForm(request.POST or None, events=events, initial=initial)
    formset = ProgrammeFormSet(request.POST or None, prefix="programm")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            listing: Listing = form.save(commit=False)
            listing.event = form.cleaned_data["event"]
            listing.save()
            formset.instance = listing
            formset.save()
        messages.success(request, _("The event is listed publicly."))
        return redirect("registrations:listing_detail", pk=listing.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registrations/listing_form.html",
        {"form": form, "formset": formset},
        status=status,
    )


@organisers
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _listing(request, pk)
    form = ListingForm(request.POST or None, instance=listing)
    formset = ProgrammeFormSet(request.POST or None, instance=listing, prefix="programm")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                moved = services.save_listing(
                    form.save(commit=False), version=form.cleaned_data["version"]
                )
                formset.save()
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            host = request.get_host().split(":")[0]
            for registration in moved:
                mails.moved_up(registration, host)
            messages.success(request, _("Saved."))
            return redirect("registrations:listing_detail", pk=listing.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registrations/listing_form.html",
        {"form": form, "formset": formset, "listing": listing},
        status=status,
    )


@organisers
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The registrations and the waiting list; POST cancels one (a call, a mail)."""
    listing = _listing(request, pk)
    if request.method == "POST":
        chosen = params.integer(
            request.POST, "registration", minimum=1, maximum=2**31 - 1, default=None
        )
        found = listing.registrations.filter(pk=chosen).first() if chosen else None
        if found is None:
            raise Http404
        moved = services.cancel(found)
        host = request.get_host().split(":")[0]
        for registration in moved:
            mails.moved_up(registration, host)
        messages.success(request, _("The registration is cancelled."))
        return redirect("registrations:listing_detail", pk=listing.pk)
    registrations = list(listing.registrations.all())
    log_reads(request, registrations, "registrations")
    names = {
        code: language_name(code)
        for code in {r.interpretation_language for r in registrations}
        if code
    }
    by_status = {
        status: [
            (r, names.get(r.interpretation_language, ""))
            for r in registrations
            if r.status == status
        ]
        for status in Status
    }
    return render(
        request,
        "registrations/listing_detail.html",
        {
            "listing": listing,
            "event": listing.event,
            "figures": selectors.figures(listing),
            "confirmed": by_status[Status.CONFIRMED],
            "waiting": by_status[Status.WAITING],
            "cancelled": by_status[Status.CANCELLED],
            "programme": listing.programme.all(),
        },
    )


@organisers
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of the day: tick who came; saving writes the persons present to the
    event's attendance (activity report). Printable, and usable on a phone."""
    listing = _listing(request, pk)
    confirmed = list(listing.registrations.filter(status=Status.CONFIRMED).order_by("name", "pk"))
    form = CheckInForm(request.POST or None, initial={"walk_ins": listing.walk_ins})
    if request.method == "POST" and form.is_valid():
        ids = {r.pk for r in confirmed}
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()} & ids
        total = services.check_in(listing, present, form.cleaned_data["walk_ins"])
        messages.success(
            request,
            _("Saved: %(total)s persons present, recorded as the event's attendance.")
            % {"total": total},
        )
        return redirect("registrations:check_in", pk=listing.pk)
    log_reads(request, confirmed, "check-in list")
    return render(
        request,
        "registrations/check_in.html",
        {
            "listing": listing,
            "event": listing.event,
            "registrations": confirmed,
            "form": form,
            "figures": selectors.figures(listing),
        },
        status=400 if form.errors else 200,
    )
