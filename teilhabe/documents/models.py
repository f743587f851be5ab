"""Documents of casework (signed consents, notices, certificates, letters) and the
letter templates of an organisation.

A document belongs to exactly one case or one client (a person), never both: a
document of a case goes with the case (also when a duplicate client is merged), a
document of a client with the client. The file lies in the private document folder
(storage.py) under a random name; the row keeps what the user sees.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class DocumentKind(models.TextChoices):
    CONSENT = "einwilligung", _("Signed consent")
    NOTICE = "bescheid", _("Notice from an authority")
    CERTIFICATE = "nachweis", _("Certificate")
    LETTER = "schreiben", _("Letter")
    OTHER = "sonstiges", _("Other")


class Document(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "casework.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("case"),
    )
    client = models.ForeignKey(
        "casework.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("client"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    document_date = models.DateField(_("date of the document"))
    # What the content is (storage.sniff), never what the browser or the name said.
    content_type = models.CharField(_("file type"), max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    file_id = models.CharField(max_length=32, unique=True, editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=True, client__isnull=False)
                | models.Q(case__isnull=False, client__isnull=True),
                name="document_of_case_or_client",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_date:%d.%m.%Y}"

    @property
    def file_label(self) -> str:
        return {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}.get(
            self.content_type, "–"
        )


class LetterTemplate(VersionedModel):
    """A letter with placeholders, kept by the organisation's team leads (letters.py)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="letter_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("offered to counsellors"), default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="letter_template_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
