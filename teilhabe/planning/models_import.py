"""The runs of the plan import's upload page (views_import.py, jobs.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.upload_runs import UploadRun


class PlanImportRun(UploadRun):
    """A plan uploaded for a dry run or an import into the concept `concept_slug`
    (created by the import when new). The plan is the city's, not one person's: every
    coordinator who keeps it sees every run."""

    concept_slug = models.SlugField(_("concept"), max_length=50)
    concept_title = models.CharField(_("title of a new concept"), max_length=200, blank=True)

    class Meta(UploadRun.Meta):
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
