from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned
from teilhabe.organisations import selectors
from teilhabe.organisations.forms import AreaFilterForm, OrganisationFilterForm, OrganisationForm
from teilhabe.organisations.models import Organisation


@requires("organisations.view_directory")
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    context = {"form": form, "organisations": selectors.organisation_directory(kind)}
    return render(request, "organisations/list.html", context)


@requires("organisations.view_directory")
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    user: Any = request.user
    context: dict[str, Any] = {"organisation": organisation}
    # Who works where is staff data: the administrator and the organisation's own
    # members see the list; everyone else sees the organisation and its services.
    if user.has_perm("organisations.manage") or organisation.memberships.filter(user=user).exists():
        context["memberships"] = organisation.memberships.select_related("user").order_by(
            "user__last_name", "role"
        )
    return render(request, "organisations/detail.html", context)


@requires("organisations.manage")
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    initial = {"version": organisation.version}
    form = OrganisationForm(request.POST or None, instance=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        try:
            save_versioned(changed, form.cleaned_data["version"])
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            form.save_m2m()
            messages.success(request, _("Saved."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})


@requires("organisations.view_areas")
def area_list(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_valid() else None
    return render(
        request, "organisations/areas.html", {"form": form, "tree": selectors.area_tree(on)}
    )
