"""What the network's views share: running a service for a form, and the page layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict

Result = TypeVar("Result")


def run_service(form: forms.BaseForm, action: Callable[[], Result]) -> Result | None:
    """Runs a write path; a refusal or an edit conflict becomes the form's error."""
    try:
        return action()
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
    except ValidationError as error:
        form.add_error(None, error.messages)
    return None


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    cancel_url: str,
    submit: str,
    tab: str,
    intro: str = "",
) -> HttpResponse:
    """One page with one form; 400 when a submitted form was refused."""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "submit": submit,
        "tab": tab,
        "intro": intro,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "network/form_page.html", context, status=status)
