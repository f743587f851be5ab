"""The installation's legal pages: imprint (§ 5 DDG), privacy notice (Art. 13 GDPR) and
accessibility statement (§ 12b BGG, BITV 2.0). The operator is responsible for their
text, so the administrator edits it; until then a template with the points each page
must cover is shown (`defaults/`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalPage(models.Model):
    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy notice")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. An empty line starts a new paragraph; a line starting with # is a heading."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self) -> str:
        return str(self.get_kind_display())
