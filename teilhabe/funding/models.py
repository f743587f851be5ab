"""Funding programmes: who funds what, how much a year, and until when.

A programme sits below the plan (a measure names its programme; the plan report lists
the programmes that end, shared/CITY-LEVEL.md), so this app imports none of the apps
that use it. Issue 12 adds funds, budgets and the registry of what depends on a
programme.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class FundingProgramme(VersionedModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    amount_per_year = models.DecimalField(
        _("amount per year (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end of funding"), null=True, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("Funding guideline, law or decision."),
    )
    contact = models.TextField(_("contact at the funder"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="funding_programme_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount_per_year__isnull=True) | Q(amount_per_year__gte=0),
                name="funding_programme_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class DependantKind(models.TextChoices):
    STAFF_POST = "stelle", _("Staff post")
    SERVICE = "dienst", _("Counselling service")
    PROGRAMME = "programm", _("Programme")
    GROUP = "gruppe", _("Group")
    MEASURE = "massnahme", _("Measure of the plan")
    OTHER = "sonstiges", _("Other work")


class ProgrammeDependency(models.Model):
    """Something that ends when its programme ends: a service, a group, a measure, a
    piece of work. The link to the record of another app is generic (content type and
    id), so that this app imports none of the apps that depend on it
    (shared/CITY-LEVEL.md); the label is what the cliff shows even without a link."""

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.CASCADE,
        related_name="dependencies",
        verbose_name=_("funding programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DependantKind.choices)
    label = models.CharField(_("what depends on it"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
        help_text=_("The team leads of this service at the organisation are warned."),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    linked = GenericForeignKey("content_type", "object_id")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("dependant of a programme")
        verbose_name_plural = _("dependants of programmes")
        ordering = ["programme", "kind", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="funding_dependency_link_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class StaffPost(models.Model):
    """A post paid from a programme (language mediators, clearing, conflict work): the
    post, not the person holding it."""

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.CASCADE,
        related_name="staff_posts",
        verbose_name=_("funding programme"),
    )
    title = models.CharField(_("post"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("staff post")
        verbose_name_plural = _("staff posts")
        ordering = ["programme", "organisation__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0), name="funding_staff_post_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"


class FundKind(models.TextChoices):
    SMALL_PROJECTS = "klein", _("Small projects")
    LARGE_PROJECTS = "gross", _("Large projects")
    INTERNAL_PROJECTS = "intern", _("Internal projects")
    NEIGHBOURHOOD = "quartier", _("Neighbourhood fund")
    OTHER = "sonstiges", _("Other fund")


class Fund(VersionedModel):
    """A pot of money grants are paid from, fed by a programme (or by the city's own
    budget when it names none), with a budget per year (`FundBudget`)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FundKind.choices)
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funds",
        verbose_name=_("funding programme"),
    )
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
        help_text=_("For a district's neighbourhood fund."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundBudget(models.Model):
    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("fund")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("budget of a fund")
        verbose_name_plural = _("budgets of funds")
        ordering = ["fund", "year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="funding_budget_one_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}"


class BookingKind(models.TextChoices):
    COMMITMENT = "bindung", _("Commitment")
    RELEASE = "freigabe", _("Release (grant withdrawn)")
    PAYMENT = "zahlung", _("Payment")
    REPAYMENT = "rueckzahlung", _("Repayment")


class FundBooking(models.Model):
    """The fund's ledger, only ever added to (`funding/services.py` writes it; the
    figures in `funding/figures.py` sum it). Amounts are positive; the kind says which
    way they count."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("fund")
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    kind = models.CharField(_("kind"), max_length=20, choices=BookingKind.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    booked_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking of a fund")
        verbose_name_plural = _("bookings of funds")
        ordering = ["fund", "year", "booked_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_booking_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} – {self.reference}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("A booking is never changed; book its opposite instead.")
        super().save(*args, **kwargs)
