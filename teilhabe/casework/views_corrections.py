"""Correcting a session or a goal of a case (author or team lead; casework/corrections.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from teilhabe.casework import corrections
from teilhabe.casework.access import visible_case_or_404
from teilhabe.casework.case_page import PLAN, SESSIONS, redirect_to_tab
from teilhabe.casework.forms import GoalCorrectionForm, SessionQuickForm
from teilhabe.casework.models import Case
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read

work_with_cases = requires("casework.work_with_cases")


def _case(request: HttpRequest, pk: int) -> Case:
    return visible_case_or_404(request.user, pk)


@work_with_cases
def session_correct(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    case = _case(request, pk)
    # a cancelled session is not corrected any more (casework/cancellation.py)
    session = get_object_or_404(case.sessions.counted(), pk=session_pk)
    if not corrections.may_correct(request.user, case, session.author_id):
        raise PermissionDenied
    initial = {name: getattr(session, name) for name in corrections.SESSION_FIELDS}
    form = SessionQuickForm(
        request.POST or None, initial=initial, household=None, case=case, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        values: dict[str, Any] = dict(form.cleaned_data)
        values["form"] = values.get("form") or ""
        values["interpreter"] = values.get("interpreter") or None
        if corrections.correct_session(session, user=request.user, **values):
            messages.success(request, _("The correction is saved; the earlier entry is kept."))
            for notice in form.notices:
                messages.warning(request, notice)
        return redirect_to_tab(case, SESSIONS)
    log_read(request, case, "session-correction")
    context = {"case": case, "form": form, "title": _("Correct the session")}
    return render(request, "casework/correction_form.html", context)


@work_with_cases
def goal_correct(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = _case(request, pk)
    goal = get_object_or_404(case.goals, pk=goal_pk)
    if not corrections.may_correct(request.user, case, corrections.goal_author_id(goal)):
        raise PermissionDenied
    form = GoalCorrectionForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in corrections.GOAL_FIELDS}
        goal.refresh_from_db()  # the model form wrote into the instance; compare with the stored
        if corrections.correct_goal(goal, user=request.user, **values):
            messages.success(request, _("The correction is saved; the earlier entry is kept."))
        return redirect_to_tab(case, PLAN)
    log_read(request, case, "goal-correction")
    context = {"case": case, "form": form, "title": _("Correct the goal")}
    return render(request, "casework/correction_form.html", context)
