"""The administrator's checklist of the clearing: life areas added, renamed, ordered or
switched off (a switched-off area stays on the clearings that named it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.mediation.forms_clearing import CriterionForm
from teilhabe.mediation.models_clearing import ClearingCriterion
from teilhabe.mediation.views import form_page

configure = requires("mediation.configure_clearing")


@configure
def criteria_list(request: HttpRequest) -> HttpResponse:
    context = {"criteria": ClearingCriterion.objects.all()}
    return render(request, "mediation/criteria_list.html", context)


def _criterion_form(request: HttpRequest, instance: ClearingCriterion | None) -> HttpResponse:
    form = CriterionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The life area was saved."))
        return redirect("mediation:criteria_list")
    title = _("Edit life area") if instance else _("New life area")
    return form_page(request, form, title, reverse("mediation:criteria_list"))


@configure
def criterion_create(request: HttpRequest) -> HttpResponse:
    return _criterion_form(request, None)


@configure
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _criterion_form(request, get_object_or_404(ClearingCriterion, pk=pk))
