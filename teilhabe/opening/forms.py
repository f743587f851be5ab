"""Forms of intercultural opening (KERN markup through core/forms.py). They check the
shape of the input; the rules are in services.py, catalogue.py and evidence.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.accounts.models import User
from teilhabe.core.forms import KernForm
from teilhabe.network.models import Actor
from teilhabe.opening.models import Catalogue, CatalogueArea, Criterion, EvidenceKind
from teilhabe.opening.models_process import Process, Stage
from teilhabe.planning.models import Measure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"


def _today() -> Any:
    return timezone.localdate()


class CatalogueForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    top_level = forms.IntegerField(label=_("Highest level"), min_value=1, max_value=5, initial=3)
    valid_years = forms.IntegerField(
        label=_("Validity of a certificate in years"), min_value=1, max_value=10, initial=3
    )


class AreaForm(KernForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Stays the same in later versions; self-checks are compared by it."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)


class EvidenceKindForm(KernForm):
    name = forms.CharField(label=_("Kind of evidence"), max_length=200)


class CriterionForm(KernForm):
    code = forms.CharField(label=pgettext_lazy("identifier", "Number"), max_length=20)
    question = forms.CharField(label=_("Criterion"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_kinds = forms.ModelMultipleChoiceField(
        label=_("Kinds of evidence that count"),
        queryset=EvidenceKind.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["evidence_kinds"]
        field.queryset = catalogue.evidence_kinds.all()
        for level in range(catalogue.top_level + 1):
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(level)s means") % {"level": level}, max_length=500
            )

    def levels(self) -> dict[int, str]:
        return {
            int(name.removeprefix("level_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("level_")
        }


class ProcessForm(KernForm):
    actor = forms.ModelChoiceField(
        label=_("Institution"), queryset=Actor.objects.filter(is_active=True)
    )
    catalogue = forms.ModelChoiceField(label=_("Criteria catalogue"), queryset=Catalogue.objects)
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=User.objects.filter(is_active=True, memberships__isnull=False).distinct(),
        required=False,
        help_text=_("Empty: the integration coordinator coaches."),
    )
    started_on = forms.DateField(label=_("Start"), widget=DATE, initial=_today)


class ContactForm(KernForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)


class SessionForm(KernForm):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=Stage.objects.none(), required=False)
    topics = forms.CharField(
        label=_("Topics and results"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["stage"]
        field.queryset = process.stages.all()


class AgreedMeasureForm(KernForm):
    title = forms.CharField(label=_("Measure"), max_length=300)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE, initial=_today)
    due_on = forms.DateField(label=_("Due on"), widget=DATE, required=False)
    plan_measure = forms.ModelChoiceField(
        label=_("Measure of the integration plan"),
        queryset=Measure.objects.filter(draft=False).order_by("code"),
        required=False,
    )


class StageDoneForm(KernForm):
    day = forms.DateField(label=_("Done on"), widget=DATE, initial=_today)


class AuditForm(KernForm):
    date = forms.DateField(label=_("Date of the audit"), widget=DATE, initial=_today)
    auditors = forms.CharField(label=_("Audited by"), max_length=300)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))
    recommends = forms.BooleanField(label=_("The audit recommends the certificate"), required=False)


class CertificateForm(KernForm):
    issued_on = forms.DateField(
        label=pgettext_lazy("certificate", "Issued on"), widget=DATE, initial=_today
    )


class EvidenceForm(KernForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most %(limit)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ModelChoiceField(
        label=_("Kind of evidence"), queryset=EvidenceKind.objects.none(), required=False
    )
    criterion = forms.ModelChoiceField(
        label=_("Criterion"), queryset=Criterion.objects.none(), required=False
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = int(settings.DOCUMENT_MAX_UPLOAD) // (1024 * 1024)
        self.fields["upload"].help_text = str(self.fields["upload"].help_text) % {"limit": limit}
        kind: Any = self.fields["kind"]
        kind.queryset = process.catalogue.evidence_kinds.all()
        criterion: Any = self.fields["criterion"]
        criterion.queryset = Criterion.objects.filter(area__catalogue=process.catalogue_id)


class EvidenceCheckForm(KernForm):
    decision = forms.ChoiceField(
        label=pgettext_lazy("evidence check", "Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the evidence is returned: what is missing."),
    )


class SelfCheckForm(KernForm):
    """One group of radio buttons per criterion: the levels with their texts, and "not
    answered"."""

    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)

    def __init__(self, *args: Any, areas: list[CatalogueArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[CatalogueArea, list[str]]] = []
        for area in areas:
            names = []
            for criterion in area.criteria.all():
                name = f"criterion_{criterion.pk}"
                choices = [("", _("not answered"))] + [
                    (str(level.level), f"{level.level} – {level.text}")
                    for level in criterion.levels.all()
                ]
                self.fields[name] = forms.ChoiceField(
                    label=f"{criterion.code} {criterion.question}",
                    choices=choices,
                    required=False,
                    initial="",
                    widget=forms.RadioSelect,
                )
                names.append(name)
            self.groups.append((area, names))

    def answers(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("criterion_")): (int(value) if value != "" else None)
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_")
        }
