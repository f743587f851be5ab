"""Cancelling a session of a case (author or team lead; casework/cancellation.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from teilhabe.casework import cancellation
from teilhabe.casework.access import visible_case_or_404
from teilhabe.casework.case_page import SESSIONS, redirect_to_tab, tab_url
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.core.forms import KernForm


class CancelSessionForm(KernForm):
    reason = forms.CharField(
        label=pgettext_lazy("session", "Reason for the cancellation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: recorded twice, or the appointment did not happen."),
    )


@requires("casework.work_with_cases")
def session_cancel(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    # a cancelled session is no longer offered: cancelling it again is a 404
    session = get_object_or_404(case.sessions.counted(), pk=session_pk)
    if not cancellation.may_cancel(request.user, session):
        raise PermissionDenied
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancellation.cancel_session(session, request.user, form.cleaned_data["reason"])
        except ValidationError as error:  # no reason, or a year closed to the user
            reasons = error.message_dict.get("reason") if hasattr(error, "error_dict") else None
            form.add_error("reason" if reasons else None, reasons or error.messages)
        else:
            messages.success(
                request, _("The session is cancelled; it stays in the case but counts nowhere.")
            )
            return redirect_to_tab(case, SESSIONS)
    log_read(request, case, "session-cancellation")
    context = {
        "case": case,
        "session": session,
        "form": form,
        "back": tab_url(case, SESSIONS),
        "closed_year": cancellation.closed_year_of(session, request.user),
    }
    return render(
        request, "casework/session_cancel.html", context, status=400 if form.errors else 200
    )
