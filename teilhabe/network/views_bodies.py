"""Pages of bodies (*Gremien*): list, body page with members and meetings, members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.network import access, selectors, services
from teilhabe.network.forms import BodyFilterForm, BodyForm, MembershipForm
from teilhabe.network.models import Body, BodyMembership
from teilhabe.network.views_support import form_page, run_service
from teilhabe.organisations.models import Organisation

take_part = requires("network.take_part")


def recordable_body(request: HttpRequest, pk: int) -> Body:
    """The body if the user may record in it; 404 if unseen, 403 if only seen."""
    body: Body = access.get_visible(access.visible_bodies(request.user), pk)
    if not access.can_record_in(request.user, body):
        raise PermissionDenied
    return body


def _owners(user: Any) -> QuerySet[Organisation]:
    """Who may convene a new body: the city sees every organisation, a provider its own."""
    if access.sees_whole_network(user):
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(pk__in=access.network_organisation_ids(user))


@take_part
def body_list(request: HttpRequest) -> HttpResponse:
    form = BodyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    bodies = selectors.body_list(request.user, data.get("art", ""), data.get("q", ""))
    context = {"form": form, "bodies": bodies, "tab": "bodies"}
    return render(request, "network/body_list.html", context)


@take_part
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.get_visible(access.visible_bodies(request.user).select_related("owner"), pk)
    context = {
        **selectors.body_page(body, timezone.localdate()),
        "can_record": access.can_record_in(request.user, body),
        "tab": "bodies",
    }
    named = ("current_members", "former_members", "future_members")
    log_reads(request, [m for key in named for m in context[key]], "body")
    return render(request, "network/body_detail.html", context)


@take_part
def body_create(request: HttpRequest) -> HttpResponse:
    own = access.network_organisation_ids(request.user)
    initial = {"owner": own[0] if own else None}
    form = BodyForm(request.POST or None, owners=_owners(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        body = form.save(commit=False)
        districts = form.cleaned_data["districts"]
        if run_service(form, lambda: services.save_body(body, districts=districts)):
            messages.success(request, _("Saved."))
            return redirect("network:body_detail", pk=body.pk)
    return form_page(
        request,
        form,
        title=_("New body"),
        cancel_url=reverse("network:body_list"),
        submit=_("Save"),
        tab="bodies",
    )


@take_part
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = recordable_body(request, pk)
    # The convening organisation stays selectable even if the user is not a member of it.
    owners = _owners(request.user) | Organisation.objects.filter(pk=body.owner_id)
    form = BodyForm(
        request.POST or None, instance=body, owners=owners, initial={"version": body.version}
    )
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        districts, version = form.cleaned_data["districts"], form.cleaned_data["version"]
        if run_service(
            form, lambda: services.save_body(changed, districts=districts, version=version)
        ):
            messages.success(request, _("Saved."))
            return redirect("network:body_detail", pk=body.pk)
    return form_page(
        request,
        form,
        title=str(body),
        cancel_url=reverse("network:body_detail", kwargs={"pk": body.pk}),
        submit=_("Save"),
        tab="bodies",
    )


@take_part
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = recordable_body(request, pk)
    form = MembershipForm(request.POST or None, initial={"term_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        membership = form.save(commit=False)
        membership.body = body
        if run_service(form, lambda: services.save_membership(membership)):
            messages.success(request, _("Member added."))
            return redirect("network:body_detail", pk=body.pk)
    return form_page(
        request,
        form,
        title=_("New member of %(body)s") % {"body": body},
        cancel_url=reverse("network:body_detail", kwargs={"pk": body.pk}),
        submit=_("Save"),
        tab="bodies",
    )


@take_part
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership: BodyMembership = access.get_visible(
        BodyMembership.objects.filter(body__in=access.visible_bodies(request.user)), pk
    )
    body = recordable_body(request, membership.body_id)
    initial = {"version": membership.version}
    form = MembershipForm(request.POST or None, instance=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_membership(changed, version)):
            messages.success(request, _("Saved."))
            return redirect("network:body_detail", pk=body.pk)
    log_read(request, membership, "edit")
    return form_page(
        request,
        form,
        title=_("Seat in %(body)s") % {"body": body},
        cancel_url=reverse("network:body_detail", kwargs={"pk": body.pk}),
        submit=_("Save"),
        tab="bodies",
        intro=_("To end a membership, enter the last day of the term."),
    )
