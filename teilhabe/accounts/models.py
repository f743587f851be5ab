"""Users and their memberships: one role per organisation, several organisations per user."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.roles import PERSONAL_DATA_ROLES, Role


class User(AbstractUser):
    """A member of staff. Clients are never users; they live in casework."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def role_set(self) -> frozenset[str]:
        """The roles this user holds anywhere (cached per request object)."""
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.memberships.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return not self.role_set.isdisjoint(roles)

    @property
    def needs_second_factor(self) -> bool:
        return self.is_superuser or self.has_role(*PERSONAL_DATA_ROLES)


class Membership(models.Model):
    """A user's role at one organisation, optionally limited to some of its services."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    services = models.ManyToManyField(
        "organisations.Service",
        blank=True,
        verbose_name=_("services"),
        help_text=_("Empty means every service of the organisation."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
