"""An upload of the casework import format, checked or stored by a job on the queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("finished")
        FAILED = "failed", _("refused: nothing stored")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    # The upload itself is deleted when the job ends; only the outcome stays.
    path = models.CharField(max_length=500, blank=True, editable=False)
    dry_run = models.BooleanField(_("check only"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    problems = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who runs the job ("host:process id") and since when: a run whose worker is gone
    # (killed, out of memory) is marked failed by casework.jobs.fail_interrupted_runs.
    started_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=255, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("casework import")
        verbose_name_plural = _("casework imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def problem_count(self) -> int:
        """All problems found; only the first ones are stored (IMPORT_MAX_PROBLEMS)."""
        return int(self.summary.get("problems_total", len(self.problems)))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
