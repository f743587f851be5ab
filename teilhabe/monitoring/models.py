"""Area aggregates of population-register extracts (shared/formats/register-extract.md).

Only counts are stored: per reference date, area (every level of the hierarchy, as it
stood on that date), age group and sex. No row of an extract and no pseudonym is ever
written here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.organisations.models import Area

# The lower bounds of the stored age groups: under 7, 7–17, 18–24, 25–44, 45–64,
# 65–79, 80 and over (the indicators need under 7, under 18 and 65+).
AGE_GROUPS = (0, 7, 18, 25, 45, 65, 80)


class Category(models.TextChoices):
    """MigraPro's categories, in the order of the rules that assign them."""

    AUSLAENDER = "auslaender", _("foreigners")
    EINGEBUERGERT = "eingebuergert", _("naturalised Germans")
    AUSSIEDLER = "aussiedler", _("(late) repatriates")
    OPTIONSDEUTSCH = "optionsdeutsch", _("Germans by birth to foreign parents (option)")
    DEUTSCH_ZWEITE_STA = "deutsch_zweite_sta", _("Germans with a second nationality")
    DEUTSCH_GEBOREN_AUSLAND = "deutsch_geboren_ausland", _("Germans born abroad")
    FAMILIAER = "familiaer", _("children with a migration background through their parents")
    OHNE_MH = "ohne_mh", _("without migration background")


MIGRATION_BACKGROUND = tuple(c.value for c in Category if c != Category.OHNE_MH)


class History(models.TextChoices):
    """Destatis' "Einwanderungsgeschichte": the person, or both parents, immigrated.
    Empty where the extract has no country of birth to derive it from."""

    UNKNOWN = "", _("not derivable from the extract")
    IMMIGRATED = "eingewandert", _("immigrated themselves")
    DESCENDANT = "nachkomme", _("both parents immigrated")
    NONE = "ohne", _("without immigration history")


class Sex(models.TextChoices):
    W = "w", _("female")
    M = "m", _("male")
    D = "d", _("diverse")
    X = "x", _("no entry")


class ReferenceDate(models.Model):
    """One imported extract: its reference date. Importing the date again replaces it."""

    stichtag = models.DateField(_("reference date"), unique=True)
    extract_name = models.CharField(_("extract"), max_length=255, blank=True)
    residents = models.PositiveIntegerField(_("residents"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    has_history = models.BooleanField(_("immigration history derivable"), default=False)

    class Meta:
        verbose_name = _("register reference date")
        verbose_name_plural = _("register reference dates")
        ordering = ["-stichtag"]

    def __str__(self) -> str:
        return self.stichtag.strftime("%d.%m.%Y")


# The counts are written by one service only (services._store), with the reference date
# it has just created and area ids it has just read, in one transaction. PostgreSQL
# checks a foreign-key constraint row by row at the commit: for the 50,000 counts of a
# city that took 0.35 s of a 2.5 s import (docs/performance.md). Django still applies
# on_delete (CASCADE with the date, PROTECT for an area with counts), and the counts'
# unique constraints stay.


class CategoryCount(models.Model):
    """Residents of an area by age group, sex, category and immigration history."""

    # no foreign-key constraints in the database: see above CategoryCount
    reference_date = models.ForeignKey(
        ReferenceDate, on_delete=models.CASCADE, related_name="category_counts", db_constraint=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    age_from = models.PositiveSmallIntegerField(_("age group from"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    history = models.CharField(
        _("immigration history"), max_length=20, choices=History.choices, blank=True
    )
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("residents by category")
        verbose_name_plural = _("residents by category")
        constraints = [
            models.UniqueConstraint(
                fields=["reference_date", "area", "age_from", "sex", "category", "history"],
                name="monitoring_category_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.age_from}+ {self.sex}: {self.count}"


class CountryCount(models.Model):
    """Residents with migration background of an area by age group, sex and reference
    country (unknown reference countries are not stored)."""

    # no foreign-key constraints in the database: see above CategoryCount
    reference_date = models.ForeignKey(
        ReferenceDate, on_delete=models.CASCADE, related_name="country_counts", db_constraint=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    age_from = models.PositiveSmallIntegerField(_("age group from"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    country = models.CharField(_("reference country"), max_length=2)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("residents by reference country")
        verbose_name_plural = _("residents by reference country")
        constraints = [
            models.UniqueConstraint(
                fields=["reference_date", "area", "age_from", "sex", "country"],
                name="monitoring_country_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.age_from}+ {self.sex}: {self.count}"


class RegisterRun(models.Model):
    """An uploaded extract on the job queue: its state, progress and problems. The file
    is removed when the job ends; the problems never quote an id."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    stichtag = models.DateField(_("reference date"))
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    path = models.CharField(max_length=500, blank=True)
    dry_run = models.BooleanField(_("check only"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    residents = models.PositiveIntegerField(null=True, blank=True)
    areas = models.PositiveIntegerField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.stichtag:%d.%m.%Y})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Sgb2Count(models.Model):
    """SGB II counts the statistics office supplies per area and reference date
    (`gebiet;stichtag;sgb2_personen;sgb2_unter_15`), stored as supplied: the areas
    above are summed when read (`figures.supplied_sums`)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    stichtag = models.DateField(_("reference date"))
    persons = models.PositiveIntegerField(_("persons receiving SGB II benefits"))
    under_15 = models.PositiveIntegerField(_("of them under 15"))

    class Meta:
        verbose_name = _("SGB II count")
        verbose_name_plural = _("SGB II counts")
        constraints = [
            models.UniqueConstraint(fields=["area", "stichtag"], name="monitoring_sgb2_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.stichtag}: {self.persons}"


class SuppliedIndicator(models.Model):
    """An indicator a statistics office supplies as a table of numerators and
    denominators per area and date; its value is factor × numerator / denominator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    factor = models.PositiveIntegerField(_("factor"), default=100)

    class Meta:
        verbose_name = _("supplied indicator")
        verbose_name_plural = _("supplied indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class SuppliedValue(models.Model):
    indicator = models.ForeignKey(
        SuppliedIndicator, on_delete=models.CASCADE, related_name="values"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    stichtag = models.DateField(_("reference date"))
    numerator = models.PositiveIntegerField(_("numerator"))
    denominator = models.PositiveIntegerField(_("denominator"))

    class Meta:
        verbose_name = _("supplied indicator value")
        verbose_name_plural = _("supplied indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "stichtag"], name="monitoring_supplied_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.stichtag}"


# The index configuration lives in its own module (models.py stays short).
from teilhabe.monitoring.models_index import IndexConfig, IndexIndicator  # noqa: E402

__all__ = [
    "Category",
    "CategoryCount",
    "CountryCount",
    "History",
    "IndexConfig",
    "IndexIndicator",
    "ReferenceDate",
    "RegisterRun",
    "Sex",
    "Sgb2Count",
    "SuppliedIndicator",
    "SuppliedValue",
]
