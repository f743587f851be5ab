"""Closing a year (team lead): its figures are stored and stay as they are after the
deletion periods remove the cases. Reopening is possible, with a reason, and logged."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models.codes import CaseKind
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.forms import KernForm
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope

close_year = requires("reports.close_year")

# The figures shown before closing, to check them against the report.
PREVIEW = (
    ("faelle", gettext_lazy("Cases")),
    ("faelle_neu", gettext_lazy("New cases")),
    ("ratsuchende", gettext_lazy("Clients")),
    ("personen_erreicht", gettext_lazy("Persons reached")),
    ("beratungssitzungen", gettext_lazy("Counselling sessions")),
    ("ziele", gettext_lazy("Goals")),
)


class ClosingForm(KernForm):
    """The scope of a report, with the same field names as the report page's filter,
    so that the report page can link here with its own query."""

    organisation = forms.ChoiceField(label=gettext_lazy("Organisation"))
    dienst = forms.MultipleChoiceField(
        label=gettext_lazy("Services"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one service.")},
    )
    art = forms.ChoiceField(
        label=gettext_lazy("Cases"),
        required=False,
        choices=[("", gettext_lazy("all cases")), *CaseKind.choices],
    )
    jahr = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.led = freeze.led_services(user)
        organisations = Organisation.objects.filter(pk__in=self.led).order_by("name")
        self.organisations = {organisation.slug: organisation for organisation in organisations}
        codes = sorted(set().union(*self.led.values())) if self.led else []
        names = dict(Service.objects.filter(code__in=codes).values_list("code", "name"))
        fields: Any = self.fields
        fields["organisation"].choices = [(o.slug, o.name) for o in organisations]
        fields["dienst"].choices = [(code, f"{names.get(code, code)} ({code})") for code in codes]
        fields["jahr"].choices = [(year, str(year)) for year in freeze.closable_years()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = self.organisations.get(data.get("organisation", ""))
        services = data.get("dienst") or []
        if organisation and services and not freeze.may_close(self.led, organisation.pk, services):
            raise forms.ValidationError(
                _("You do not lead all of these services at this organisation.")
            )
        return data

    def scope(self) -> Scope:
        organisation = self.organisations[self.cleaned_data["organisation"]]
        kind = self.cleaned_data["art"]
        return Scope(
            (organisation.pk,), tuple(sorted(self.cleaned_data["dienst"])), (kind,) if kind else ()
        )


class ReopenForm(KernForm):
    grund = forms.CharField(
        label=gettext_lazy("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Recorded in the audit log, e.g. a correction of the data."),
    )


@close_year
def closing(request: HttpRequest) -> HttpResponse:
    form = ClosingForm(None, user=request.user)
    reports = freeze.visible_reports(request.user)
    return render(request, "reports/city_closing.html", {"form": form, "reports": reports})


@close_year
def close(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    if "jahr" not in data:
        return redirect("statistics:closing")
    form = ClosingForm(data, user=request.user)
    if not form.is_valid():
        reports = freeze.visible_reports(request.user)
        return render(request, "reports/city_closing.html", {"form": form, "reports": reports})
    scope, year = form.scope(), form.cleaned_data["jahr"]
    if request.method == "POST":
        try:
            freeze.close_year(scope, year, request.user)
        except freeze.ClosingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The year %(year)s is closed.") % {"year": year})
        return redirect("statistics:closing")
    figures = freeze.figures_for(scope, year)
    context = {
        "form": form,
        "year": year,
        "organisation": form.organisations[form.cleaned_data["organisation"]],
        "already_closed": freeze.frozen_report(scope, year),
        "kind_label": dict(CaseKind.choices).get(form.cleaned_data["art"], ""),
        "preview": [
            (label, figures.get(key), figures.get("vorjahr", {}).get(key)) for key, label in PREVIEW
        ],
    }
    return render(request, "reports/city_close_confirm.html", context)


def _own_report(request: HttpRequest) -> Any:
    pk = params.object_id(request.POST, "bericht", default=None) or params.object_id(
        request.GET, "bericht", default=None
    )
    if pk is None:
        return None
    report = next((r for r in freeze.visible_reports(request.user) if r.pk == pk), None)
    if report is None or report.reopened_at is not None:
        raise Http404  # not theirs, or no longer closed: as if it did not exist
    return report


@close_year
def reopen(request: HttpRequest) -> HttpResponse:
    report = _own_report(request)
    if report is None:
        return redirect("statistics:closing")
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            freeze.reopen_year(report, request.user, form.cleaned_data["grund"])
        except freeze.ClosingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The year %(year)s is open again.") % {"year": report.year})
        return redirect("statistics:closing")
    return render(request, "reports/city_reopen_confirm.html", {"form": form, "report": report})
