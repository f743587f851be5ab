"""Pages of the volunteer coordination. Volunteers are nobody's clients: these pages
read no casework, and the volunteer coordinator's role opens no casework page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.activities import services_volunteers
from teilhabe.activities.access import (
    VOLUNTEER_ROLES,
    organisation_ids,
    organisations_for,
    scoped_or_404,
)
from teilhabe.activities.forms_volunteers import (
    AgreementForm,
    EngagementForm,
    HoursForm,
    TaskAreaForm,
    TrainingForm,
    VolunteerForm,
)
from teilhabe.activities.models import HoursEntry, TaskArea, Volunteer
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned

manage_volunteers = requires("activities.manage_volunteers")


def _volunteer(request: HttpRequest, pk: int) -> Volunteer:
    return scoped_or_404(
        Volunteer.objects.select_related("organisation"),
        request.user,
        VOLUNTEER_ROLES,
        pk=pk,
        anonymised_at__isnull=True,
    )


@manage_volunteers
def volunteer_list(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    today = timezone.localdate()
    active = Q(engagements__ends_on__isnull=True) | Q(engagements__ends_on__gte=today)
    volunteers = (
        Volunteer.objects.filter(
            organisation_id__in=organisation_ids(request.user, VOLUNTEER_ROLES),
            anonymised_at__isnull=True,
        )
        .annotate(
            active_engagements=Count("engagements", filter=active, distinct=True),
            hours_this_year=Sum(
                "engagements__hours__hours", filter=Q(engagements__hours__date__year=year)
            ),
        )
        .order_by("last_name", "first_name")
    )
    listed = list(volunteers)
    log_reads(request, listed, "volunteer-list")  # the list names every volunteer
    return render(request, "activities/volunteer_list.html", {"volunteers": listed, "year": year})


@manage_volunteers
def volunteer_create(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, VOLUNTEER_ROLES)
    form = VolunteerForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        volunteer: Volunteer = form.save(commit=False)
        volunteer.organisation = form.cleaned_data.get("organisation") or organisations.get()
        volunteer.save()
        messages.success(request, _("Volunteer added."))
        return redirect("activities:volunteer_detail", pk=volunteer.pk)
    return render(request, "activities/volunteer_form.html", {"form": form})


@manage_volunteers
def volunteer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    organisations = organisations_for(request.user, VOLUNTEER_ROLES)
    form = VolunteerForm(request.POST or None, instance=volunteer, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(volunteer, form.cleaned_data["version"] or 0)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Saved."))
            return redirect("activities:volunteer_detail", pk=volunteer.pk)
    log_read(request, volunteer, "edit")  # the form shows address, phone and e-mail
    context = {"form": form, "volunteer": volunteer}
    return render(request, "activities/volunteer_form.html", context)


def _detail(request: HttpRequest, volunteer: Volunteer, **forms: Any) -> HttpResponse:
    log_read(request, volunteer)  # also when a form with errors shows the whole page
    engagements = volunteer.engagements.select_related("task_area", "group").annotate(
        total_hours=Sum("hours__hours")
    )
    context = {
        "volunteer": volunteer,
        "engagements": engagements,
        "hours": HoursEntry.objects.filter(engagement__volunteer=volunteer).select_related(
            "engagement__task_area", "engagement__group"
        )[:24],
        "agreements": volunteer.agreements.all(),
        "trainings": volunteer.trainings.all(),
        "engagement_form": forms.get("engagement_form") or EngagementForm(volunteer=volunteer),
        "hours_form": forms.get("hours_form") or HoursForm(volunteer=volunteer),
        "agreement_form": forms.get("agreement_form") or AgreementForm(),
        "training_form": forms.get("training_form") or TrainingForm(),
    }
    return render(
        request, "activities/volunteer_detail.html", context, status=400 if forms else 200
    )


@manage_volunteers
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    return _detail(request, volunteer)


@manage_volunteers
@require_POST
def engagement_create(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    form = EngagementForm(request.POST, volunteer=volunteer)
    if not form.is_valid():
        return _detail(request, volunteer, engagement_form=form)
    form.save()
    messages.success(request, _("Engagement added."))
    return redirect("activities:volunteer_detail", pk=volunteer.pk)


@manage_volunteers
@require_POST
def hours_create(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    form = HoursForm(request.POST, volunteer=volunteer)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services_volunteers.record_hours(
                data["engagement"],
                period=data["period"],
                date=data["date"],
                hours=data["hours"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Hours recorded."))
            return redirect("activities:volunteer_detail", pk=volunteer.pk)
    return _detail(request, volunteer, hours_form=form)


@manage_volunteers
@require_POST
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        return _detail(request, volunteer, agreement_form=form)
    agreement = form.save(commit=False)
    agreement.volunteer = volunteer
    agreement.save()
    messages.success(request, _("Agreement recorded."))
    return redirect("activities:volunteer_detail", pk=volunteer.pk)


@manage_volunteers
@require_POST
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    form = TrainingForm(request.POST)
    if not form.is_valid():
        return _detail(request, volunteer, training_form=form)
    training = form.save(commit=False)
    training.volunteer = volunteer
    training.save()
    messages.success(request, _("Training recorded."))
    return redirect("activities:volunteer_detail", pk=volunteer.pk)


@manage_volunteers
@require_POST
def volunteer_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = _volunteer(request, pk)
    services_volunteers.anonymise(volunteer)
    messages.success(
        request,
        _("The volunteer's personal data was deleted; engagements and hours remain as figures."),
    )
    return redirect("activities:volunteer_list")


@manage_volunteers
def task_areas(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, VOLUNTEER_ROLES)
    slug = params.text(request.POST, "einrichtung") or params.text(request.GET, "einrichtung")
    organisation = organisations.filter(slug=slug).first() if slug else organisations.first()
    form = None
    if organisation is not None:
        form = TaskAreaForm(request.POST or None, organisation=organisation)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Task area added."))
            return redirect(request.path + f"?einrichtung={organisation.slug}")
    areas = (
        TaskArea.objects.filter(organisation=organisation)
        .annotate(volunteers=Count("engagements__volunteer", distinct=True))
        .order_by("name")
    )
    context = {
        "organisation": organisation,
        "organisations": organisations,
        "areas": areas,
        "form": form,
    }
    return render(request, "activities/task_areas.html", context)
