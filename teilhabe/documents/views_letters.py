"""Letters from templates: a counsellor fills a template's free fields on a case and
gets a PDF (optionally filed as a document of the case); team leads keep the
templates of their organisations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from teilhabe.casework.access import visible_case_or_404
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.documents import letters, selectors, services, templates_service
from teilhabe.documents.forms import LetterForm, LetterTemplateForm
from teilhabe.documents.storage import download_name
from teilhabe.documents.views import case_tab_url
from teilhabe.organisations.models import Organisation

work_with_cases = requires("casework.work_with_cases")
keep_templates = requires("documents.manage_letter_templates")


@work_with_cases
def letter(request: HttpRequest, pk: int, template_pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    template = selectors.offered_template_or_404(case, template_pk)
    form = LetterForm(request.POST or None, fields=letters.free_fields(template.body))
    if request.method == "POST" and form.is_valid():
        text = letters.letter_text(template.body, case, request.user, form.filled())
        pdf = letters.render_pdf(template.name, text, case, request.user)
        log_read(request, case, f"letter:{template.pk}")
        if form.cleaned_data["store"]:
            services.store_letter(case, pdf, title=template.name, user=request.user)
            messages.success(request, _("The letter is filed in the case's documents."))
            return redirect(case_tab_url(case.pk))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = download_name(template.name, "application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, name) or ""
        response["X-Content-Type-Options"] = "nosniff"
        return response
    log_read(request, case, f"letter-form:{template.pk}")  # the page names the client
    context = {"case": case, "template": template, "form": form, "back": case_tab_url(case.pk)}
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/letter_form.html", context, status=status)


def _placeholders() -> list[tuple[str, Any]]:
    return [(name, label) for name, (label, _value) in letters.DATA.items()]


@keep_templates
def template_list(request: HttpRequest) -> HttpResponse:
    for organisation_id in selectors.led_organisations(request.user):
        templates_service.ensure_defaults(organisation_id)
    templates = selectors.templates_to_keep(request.user).select_related("organisation")
    return render(request, "documents/template_list.html", {"templates": templates})


def _organisation_field(form: LetterTemplateForm, user: Any) -> None:
    led = Organisation.objects.filter(pk__in=selectors.led_organisations(user))
    form.fields["organisation"] = forms.ModelChoiceField(
        queryset=led, label=_("Organisation"), initial=led.first() if led.count() == 1 else None
    )
    form.fields["organisation"].widget.attrs["class"] = "kern-form-input__select"
    form.order_fields(["organisation"])


@keep_templates
def template_create(request: HttpRequest) -> HttpResponse:
    form = LetterTemplateForm(request.POST or None)
    _organisation_field(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (
            selectors.templates_to_keep(request.user)
            .filter(organisation=data["organisation"], name=data["name"].strip())
            .exists()
        ):
            form.add_error("name", _("A template of this name exists already."))
        else:
            templates_service.create(
                data["organisation"].pk,
                name=data["name"],
                body=data["body"],
                is_active=data["is_active"],
            )
            messages.success(request, _("The template is saved."))
            return redirect("documents:template_list")
    context = {"form": form, "placeholders": _placeholders(), "template": None}
    return render(request, "documents/template_form.html", context)


@keep_templates
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.kept_template_or_404(request.user, pk)
    initial = {
        "name": template.name,
        "body": template.body,
        "is_active": template.is_active,
        "version": template.version,
    }
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        taken = selectors.templates_to_keep(request.user).filter(
            organisation_id=template.organisation_id, name=data["name"].strip()
        )
        if taken.exclude(pk=template.pk).exists():
            form.add_error("name", _("A template of this name exists already."))
        else:
            try:
                templates_service.change(
                    template,
                    data["version"] or 0,
                    name=data["name"].strip(),
                    body=data["body"],
                    is_active=data["is_active"],
                )
            except EditConflict:
                form.add_error(None, CONFLICT_MESSAGE)
            else:
                messages.success(request, _("The template is saved."))
                return redirect("documents:template_list")
    context = {"form": form, "placeholders": _placeholders(), "template": template}
    return render(request, "documents/template_form.html", context)
