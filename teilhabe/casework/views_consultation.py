"""Open consultation hours: a short anonymous contact is counted without a client record."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.access import work_services
from teilhabe.casework.forms import DATE
from teilhabe.casework.models import AnonymousContact
from teilhabe.casework.models.codes import Topic
from teilhabe.core.access import requires
from teilhabe.core.forms import KernForm
from teilhabe.core.languages import grouped_choices
from teilhabe.core.widgets import filterable_select
from teilhabe.organisations.models import Service


class ConsultationForm(KernForm):
    service: Any = forms.ModelChoiceField(queryset=Service.objects.none(), label=_("Service"))
    date = forms.DateField(label=_("Date"), widget=DATE)
    persons = forms.IntegerField(label=_("Number of persons"), min_value=1, max_value=50, initial=1)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, required=False
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
    )
    language = forms.ChoiceField(
        required=False, label=_("Language"), choices=(), widget=filterable_select()
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service: Any = self.fields["service"]
        service.queryset = services
        self.fields["date"].initial = timezone.localdate()
        language: Any = self.fields["language"]
        language.choices = [("", "–"), *grouped_choices()]


@requires("casework.work_with_cases")
def consultation(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    offers = work_services(user)
    form = ConsultationForm(request.POST or None, services=Service.objects.filter(pk__in=offers))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        AnonymousContact.objects.create(
            organisation_id=offers[data["service"].pk],
            service=data["service"],
            date=data["date"],
            persons=data["persons"],
            duration_minutes=data["duration_minutes"],
            topics=data["topics"],
            language=data["language"],
            author=user,
        )
        messages.success(request, _("Contact counted."))
        return redirect("casework:consultation")
    since = timezone.localdate() - datetime.timedelta(days=6)
    week = (
        AnonymousContact.objects.filter(
            organisation_id__in=set(offers.values()), service_id__in=offers, date__gte=since
        )
        .values("service__code")
        .annotate(contacts=Count("pk"), persons=Sum("persons"))
        .order_by("service__code")
    )
    return render(
        request, "casework/consultation.html", {"form": form, "week": week, "since": since}
    )
