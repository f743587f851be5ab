"""Pages of the actor directory: search, the actor page, actors and contact persons."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.network import selectors, services
from teilhabe.network.forms import ActorFilterForm, ActorForm, ContactForm
from teilhabe.network.models import Actor, ContactPerson
from teilhabe.network.views_support import form_page, run_service

view_actors = requires("network.view_actors")
manage_actors = requires("network.manage_actors")


@view_actors
def actor_list(request: HttpRequest) -> HttpResponse:
    form = ActorFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    actors = selectors.actor_directory(data.get("q", ""), data.get("art"), data.get("stadtteil"))
    page = Paginator(actors, 50).get_page(params.page(request.GET))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "form": form,
        "actors": page,
        "page": page,
        "query": query.urlencode(),
        "count": page.paginator.count,
        "filtered": bool(data and any(data.values())),
        "tab": "actors",
    }
    return render(request, "network/actor_list.html", context)


@view_actors
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("kind", "organisation"), pk=pk)
    context = {**selectors.actor_page(actor, request.user), "tab": "actors"}
    context["contacts"] = list(context["contacts"])
    log_reads(request, context["contacts"], "actor")  # the page names its contact persons
    return render(request, "network/actor_detail.html", context)


@manage_actors
def actor_create(request: HttpRequest) -> HttpResponse:
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = form.save(commit=False)
        districts = form.cleaned_data["districts"]
        if run_service(form, lambda: services.save_actor(actor, districts=districts)):
            messages.success(request, _("Saved."))
            return redirect("network:actor_detail", pk=actor.pk)
    return form_page(
        request,
        form,
        title=_("New actor"),
        cancel_url=reverse("network:actor_list"),
        submit=_("Save"),
        tab="actors",
    )


@manage_actors
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    form = ActorForm(request.POST or None, instance=actor, initial={"version": actor.version})
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        districts, version = form.cleaned_data["districts"], form.cleaned_data["version"]
        if run_service(
            form, lambda: services.save_actor(changed, districts=districts, version=version)
        ):
            messages.success(request, _("Saved."))
            return redirect("network:actor_detail", pk=actor.pk)
    return form_page(
        request,
        form,
        title=str(actor),
        cancel_url=reverse("network:actor_detail", kwargs={"pk": actor.pk}),
        submit=_("Save"),
        tab="actors",
    )


@manage_actors
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.actor = actor
        if run_service(form, lambda: services.save_contact(contact)):
            messages.success(request, _("Contact person added."))
            return redirect("network:actor_detail", pk=actor.pk)
    return form_page(
        request,
        form,
        title=_("New contact person at %(actor)s") % {"actor": actor},
        cancel_url=reverse("network:actor_detail", kwargs={"pk": actor.pk}),
        submit=_("Save"),
        tab="actors",
        intro=_(
            "Business contact data only: name, role, work phone and work e-mail. "
            "Every change is recorded in the audit log."
        ),
    )


@manage_actors
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactPerson.objects.select_related("actor"), pk=pk)
    initial = {"version": contact.version}
    form = ContactForm(request.POST or None, instance=contact, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_contact(changed, version)):
            messages.success(request, _("Saved."))
            return redirect("network:actor_detail", pk=contact.actor_id)
    log_read(request, contact, "edit")
    return form_page(
        request,
        form,
        title=_("Contact person at %(actor)s") % {"actor": contact.actor},
        cancel_url=reverse("network:actor_detail", kwargs={"pk": contact.actor_id}),
        submit=_("Save"),
        tab="actors",
    )


@manage_actors
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactPerson, pk=pk)
    actor_id = contact.actor_id
    services.remove_contact(contact)
    messages.success(request, _("Contact person deleted."))
    return redirect("network:actor_detail", pk=actor_id)
