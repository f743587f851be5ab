"""The public listing of an activities event and the registrations for it.

An event stays the activities module's `Event` (date, place, attendance, the activity
report); a `Listing` adds what a public event needs and owns the registrations. The
counts a listing keeps (`kept_*`) are those of registrations already deleted after the
deletion period (docs/privacy.md), so that the figures stay the same afterwards.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel

# One registration brings at most this many persons (a family, a small group); more
# is a group booking the organisers arrange themselves.
MAX_PERSONS = 10
MAX_CAPACITY = 5000  # the activities module's MAX_EVENT_ATTENDANCE


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Listing(VersionedModel):
    event = models.OneToOneField(
        "activities.Event",
        on_delete=models.CASCADE,
        related_name="listing",
        verbose_name=_("event"),
    )
    # shown on the organisation's public list and in its calendar feed
    published = models.BooleanField(_("shown publicly"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Persons in total, children included."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    accessibility = models.TextField(
        _("accessibility of the place"),
        blank=True,
        help_text=_("E.g. step-free entrance, lift, accessible toilet, hearing loop."),
    )
    languages = models.JSONField(_("languages of the event"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation offered into"), default=list, blank=True)
    childcare = models.BooleanField(_("childcare offered"), default=False)
    contact_email = models.EmailField(_("contact e-mail for questions"), blank=True)
    walk_ins = models.PositiveIntegerField(
        _("persons without registration"), default=0, validators=[MaxValueValidator(MAX_CAPACITY)]
    )
    # Persons of registrations deleted after the period, by their last status.
    kept_confirmed = models.PositiveIntegerField(default=0, editable=False)
    kept_waiting = models.PositiveIntegerField(default=0, editable=False)
    kept_cancelled = models.PositiveIntegerField(default=0, editable=False)
    kept_attended = models.PositiveIntegerField(default=0, editable=False)
    registrations_deleted_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public event listing")
        verbose_name_plural = _("public event listings")

    def __str__(self) -> str:
        return str(self.event)


class ProgrammeItem(models.Model):
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="programme", verbose_name=_("listing")
    )
    starts_at = models.TimeField(_("from (time)"))
    ends_at = models.TimeField(_("until (time)"), null=True, blank=True)
    title = models.CharField(_("programme item"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="registrations_programme_times_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """One registration of one or more persons. The waiting list is the registrations
    with status "waiting" in the order they arrived (`pk`: assigned under the listing's
    lock, so it is the order of arrival)."""

    listing = models.ForeignKey(
        Listing,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("listing"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    persons = models.PositiveSmallIntegerField(
        _("number of persons"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PERSONS)],
    )
    interpretation_language = models.CharField(_("interpretation into"), max_length=3, blank=True)
    childcare = models.BooleanField(_("childcare needed"), default=False)
    accessibility = models.BooleanField(_("step-free access needed"), default=False)
    note = models.TextField(_("other needs"), blank=True)
    consent_at = models.DateTimeField(_("consent to the privacy notice"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    moved_up_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    attended = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(persons__gte=1) & Q(persons__lte=MAX_PERSONS),
                name="registrations_persons_in_range",
            ),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status="confirmed"),
                name="registrations_only_confirmed_attend",
            ),
        ]

    def __str__(self) -> str:
        return self.name
