"""The coordinator's pages: open requests with the ranking, assignment, cancellation,
completion, the pool, the requesting bodies, the allowance sheet and the figures."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned
from teilhabe.mediation import access, allowances, figures, selectors, services
from teilhabe.mediation.forms import BodyForm, CancelForm, CompleteForm, MediatorForm
from teilhabe.mediation.models import Mediator, RequestingBody
from teilhabe.organisations.models import Organisation

coordinate = requires("mediation.coordinate")


def run(form: forms.BaseForm, action: Callable[[], Any]) -> bool:
    """Runs a write path; a refusal or an edit conflict becomes the form's error."""
    try:
        action()
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
        return False
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


def form_page(request: HttpRequest, form: forms.BaseForm, title: str, back: str) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "cancel_url": back}
    return render(request, "mediation/form_page.html", context, status=status)


def _organisations(request: HttpRequest) -> Any:
    return Organisation.objects.filter(pk__in=access.coordinated(request.user))


@coordinate
def overview(request: HttpRequest) -> HttpResponse:
    pools = access.coordinated(request.user)
    pending = list(selectors.pending_requests(pools))
    for item in pending:
        item.live = services.live_assignment(item)  # type: ignore[attr-defined]
    context = {
        "pending": pending,
        "recent": selectors.recent_requests(pools),
        "today": timezone.localdate(),
    }
    return render(request, "mediation/overview.html", context)


@coordinate
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.request_or_404(request.user, pk)
    log_read(request, item)
    live = services.live_assignment(item)
    context = {
        "item": item,
        "live": live,
        "ranking": selectors.ranking(item) if item.status == "offen" else [],
        "history": item.assignments.exclude(cancelled_at=None).select_related("mediator"),
        "can_complete": live is not None and item.date <= timezone.localdate(),
    }
    return render(request, "mediation/request_detail.html", context)


@coordinate
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.request_or_404(request.user, pk)
    mediator_id = params.object_id(request.POST, "mediator", default=0)
    mediator = Mediator.objects.filter(organisation=item.organisation, pk=mediator_id).first()
    if mediator is None:
        raise Http404
    try:
        services.assign(item, mediator, user=request.user)
        messages.success(request, _("The request was assigned to %(name)s.") % {"name": mediator})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mediation:request_detail", pk=item.pk)


@coordinate
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.request_or_404(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.cancel(item, side=data["side"], reason=data["reason"])):
            messages.success(request, _("The cancellation was recorded."))
            return redirect("mediation:request_detail", pk=item.pk)
    back = reverse("mediation:request_detail", kwargs={"pk": item.pk})
    return form_page(request, form, _("Cancel"), back)


@coordinate
@require_POST
def request_unfulfilled(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.request_or_404(request.user, pk)
    reason = params.text(request.POST, "reason")
    try:
        services.close_unfulfilled(item, reason=reason)
        messages.success(request, _("The request was closed as unfulfilled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mediation:request_detail", pk=item.pk)


def completion_page(request: HttpRequest, item: Any, back: str) -> HttpResponse:
    """The completion form, shared by the coordinator's and the mediator's page."""
    form = CompleteForm(request.POST or None, initial={"modality": item.modality})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.complete(item, **data)):
            messages.success(request, _("The completion was recorded."))
            return redirect(back)
    return form_page(request, form, _("Record completion"), back)


@coordinate
def request_complete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.request_or_404(request.user, pk)
    return completion_page(request, item, reverse("mediation:request_detail", kwargs={"pk": pk}))


@coordinate
def mediator_list(request: HttpRequest) -> HttpResponse:
    mediators = list(Mediator.objects.filter(organisation_id__in=access.coordinated(request.user)))
    log_reads(request, mediators, "mediator-list")
    return render(request, "mediation/mediator_list.html", {"mediators": mediators})


def _mediator_form(request: HttpRequest, instance: Mediator | None) -> HttpResponse:
    form = MediatorForm(
        request.POST or None, instance=instance, organisations=_organisations(request)
    )
    if instance is not None:
        log_read(request, instance, "edit")
    if request.method == "POST" and form.is_valid():
        mediator = form.save(commit=False)
        expected = form.cleaned_data.get("version") or mediator.version
        save = (lambda: save_versioned(mediator, expected)) if mediator.pk else mediator.save
        if run(form, save):
            messages.success(request, _("The mediator was saved."))
            return redirect("mediation:mediator_list")
    title = _("Edit mediator") if instance else _("New mediator")
    return form_page(request, form, title, reverse("mediation:mediator_list"))


@coordinate
def mediator_create(request: HttpRequest) -> HttpResponse:
    return _mediator_form(request, None)


@coordinate
def mediator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _mediator_form(request, access.mediator_or_404(request.user, pk))


NEW_LINK_SESSION_KEY = "mediation-new-body-link"


@coordinate
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = RequestingBody.objects.filter(
        organisation_id__in=access.coordinated(request.user)
    ).select_related("district")
    # the link just issued, shown this once: only its hash is stored
    new_link = request.session.pop(NEW_LINK_SESSION_KEY, None)
    return render(request, "mediation/body_list.html", {"bodies": bodies, "new_link": new_link})


def _show_new_link(request: HttpRequest, body: RequestingBody) -> None:
    token = services.issue_link(body)
    url = request.build_absolute_uri(reverse("mediation:outside_request", args=[token]))
    request.session[NEW_LINK_SESSION_KEY] = {"body": body.name, "url": url}


@coordinate
@require_POST
def body_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A new link for the body's form; the one handed out before stops working."""
    _show_new_link(request, access.body_or_404(request.user, pk))
    return redirect("mediation:body_list")


def _body_form(request: HttpRequest, instance: RequestingBody | None) -> HttpResponse:
    form = BodyForm(request.POST or None, instance=instance, organisations=_organisations(request))
    if request.method == "POST" and form.is_valid():
        body = form.save()
        messages.success(request, _("The requesting body was saved."))
        if instance is None:
            _show_new_link(request, body)
        return redirect("mediation:body_list")
    title = _("Edit requesting body") if instance else _("New requesting body")
    return form_page(request, form, title, reverse("mediation:body_list"))


@coordinate
def body_create(request: HttpRequest) -> HttpResponse:
    return _body_form(request, None)


@coordinate
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _body_form(request, access.body_or_404(request.user, pk))


@coordinate
def allowance_sheet(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year, month = params.month(request.GET, default=(today.year, today.month))
    first = datetime.date(year, month, 1)
    rows = allowances.month_sheet(access.coordinated(request.user), first)
    context = {"rows": rows, "totals": allowances.totals(rows), "month": first}
    return render(request, "mediation/allowances.html", context)


@coordinate
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = params.year(request.GET, default=today.year)
    result = figures.tally(figures.facts(access.coordinated(request.user), year, today))
    context = {
        "year": year,
        "figures": result,
        "tables": [
            (figures.DIMENSION_LABELS[name], result.table(name), result.totals())
            for name in figures.DIMENSIONS
        ],
        "city": False,
    }
    return render(request, "mediation/figures.html", context)


@requires("mediation.view_city_figures")
def city_figures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = params.year(request.GET, default=today.year)
    result = figures.tally(figures.facts(None, year, today))
    tables = [
        (figures.DIMENSION_LABELS[table.dimension], table.rows, table.totals)
        for table in figures.city_tables(result)
    ]
    context = {"year": year, "tables": tables, "city": True}
    return render(request, "mediation/figures.html", context)
