"""Pages of cooperation agreements: list, agreement page, recording and editing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.network import access, selectors, services
from teilhabe.network.forms import AgreementFilterForm, AgreementForm
from teilhabe.network.models import Agreement
from teilhabe.network.views_support import form_page, run_service

take_part = requires("network.take_part")


@take_part
def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    agreements = selectors.agreement_list(
        request.user,
        query=data.get("q", ""),
        in_force_on=today if data.get("gueltig") == "heute" else None,
    )
    context = {"form": form, "agreements": agreements, "today": today, "tab": "agreements"}
    return render(request, "network/agreement_list.html", context)


@take_part
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement: Agreement = access.get_visible(access.visible_agreements(request.user), pk)
    today = timezone.localdate()
    context = {
        "agreement": agreement,
        "today": today,
        "parties": agreement.parties.select_related("kind").order_by("name"),
        "can_edit": access.editable_agreements(request.user).filter(pk=agreement.pk).exists(),
        "in_force": agreement.in_force_between(today, today),
        "tab": "agreements",
    }
    return render(request, "network/agreement_detail.html", context)


@take_part
def agreement_create(request: HttpRequest) -> HttpResponse:
    own = services.own_actors(request.user)
    form = AgreementForm(request.POST or None, initial={"parties": own})
    if request.method == "POST" and form.is_valid():
        agreement, parties = form.save(commit=False), form.cleaned_data["parties"]
        if run_service(
            form,
            lambda: services.save_agreement(agreement, parties=parties, user=request.user),
        ):
            messages.success(request, _("Saved."))
            return redirect("network:agreement_detail", pk=agreement.pk)
    return form_page(
        request,
        form,
        title=_("New cooperation agreement"),
        cancel_url=reverse("network:agreement_list"),
        submit=_("Save"),
        tab="agreements",
    )


@take_part
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement: Agreement = access.get_visible(access.visible_agreements(request.user), pk)
    if not access.editable_agreements(request.user).filter(pk=agreement.pk).exists():
        raise PermissionDenied
    initial = {"version": agreement.version}
    form = AgreementForm(request.POST or None, instance=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        parties = form.cleaned_data["parties"]
        if run_service(
            form,
            lambda: services.save_agreement(
                changed, parties=parties, user=request.user, version=version
            ),
        ):
            messages.success(request, _("Saved."))
            return redirect("network:agreement_detail", pk=agreement.pk)
    return form_page(
        request,
        form,
        title=str(agreement),
        cancel_url=reverse("network:agreement_detail", kwargs={"pk": agreement.pk}),
        submit=_("Save"),
        tab="agreements",
    )
