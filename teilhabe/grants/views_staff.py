"""Staff's pages of applications: the list, and one application with its check of
completeness, assessment, agenda and the board's decision carried over."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants import applications
from teilhabe.grants.application_models import Application, Grant
from teilhabe.grants.forms_staff import AgendaForm, AssessmentForm, CompletenessForm
from teilhabe.network.models import Body, Meeting

manage = requires("grants.manage_applications")


@manage
def application_list(request: HttpRequest) -> HttpResponse:
    rows = Application.objects.select_related("fund").exclude(status="entwurf")[:500]
    return render(request, "grants/application_list.html", {"applications": rows})


def _board_meetings(day: Any) -> Any:
    return Meeting.objects.filter(body__kind=Body.Kind.BOARD, held_on__gte=day).select_related(
        "body"
    )


@manage
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("fund"), pk=pk)
    today = timezone.localdate()
    forms_: dict[str, forms.Form] = {
        "check": CompletenessForm(initial={"applicant_actor": application.applicant_actor}),
        "assess": AssessmentForm(),
        "agenda": AgendaForm(meetings=_board_meetings(today)),
    }
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            if action == "check":
                check = forms_["check"] = CompletenessForm(request.POST)
                if check.is_valid():
                    application.applicant_actor = check.cleaned_data["applicant_actor"]
                    application.save(update_fields=["applicant_actor"])
                    applications.check_completeness(
                        application, request.user, check.cleaned_data["complete"],
                        check.cleaned_data["note"],
                    )  # fmt: skip
                    return redirect("grants:application_detail", pk=pk)
            elif action == "assess":
                assess = forms_["assess"] = AssessmentForm(request.POST)
                if assess.is_valid():
                    applications.assess(application, request.user, **assess.cleaned_data)
                    return redirect("grants:application_detail", pk=pk)
            elif action == "agenda":
                form = forms_["agenda"] = AgendaForm(request.POST, meetings=_board_meetings(today))
                if form.is_valid():
                    applications.put_on_agenda(
                        application, form.cleaned_data["meeting"], request.user
                    )
                    return redirect("grants:application_detail", pk=pk)
            elif action == "decision":
                applications.apply_decision(application, request.user, today)
                messages.success(request, _("The board's decision is carried over."))
                return redirect("grants:application_detail", pk=pk)
        except ValidationError as error:
            if action in forms_:
                forms_[action].add_error(None, error.messages)
            else:
                messages.error(request, " ".join(error.messages))
    log_reads(request, [application], "application")  # the contact person is named
    context = {
        "application": application,
        "costs": application.costs.all(),
        "documents": application.documents.all(),
        "history": application.history.select_related("by"),
        "assessments": application.assessments.all(),
        "grant": Grant.objects.filter(application=application).first(),
        "forms": forms_,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/application_detail.html", context, status=status)
