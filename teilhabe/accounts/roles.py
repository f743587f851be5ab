"""The roles a user can hold at an organisation, and what follows from each."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor / case manager")
    TEAM_LEAD = "team_lead", _("Team lead")
    PROGRAMME_COORDINATOR = "programme_coordinator", _("Programme coordinator")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator")
    INTEGRATION_COORDINATOR = "integration_coordinator", _("Municipal integration coordinator")
    STATISTICS = "statistics", _("Statistics office")
    ADMINISTRATOR = "administrator", _("Administrator")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data-protection officer")
    # Language and culture mediators of an organisation's pool: their own assignments
    # and the organisation's calendar, nothing of casework (mediation/access.py).
    MEDIATOR = "mediator", _("Language and culture mediator")


# Roles that never see a person's record: they work with aggregates only.
AGGREGATE_ONLY_ROLES = frozenset({Role.INTEGRATION_COORDINATOR, Role.STATISTICS})

# Every other role can see personal data (clients, families, volunteers, staff) and
# therefore has to confirm a second factor at login.
PERSONAL_DATA_ROLES = frozenset(set(Role) - AGGREGATE_ONLY_ROLES)

# Roles whose reach is the whole installation, wherever the membership is held.
INSTALLATION_ROLES = frozenset({Role.ADMINISTRATOR, Role.DATA_PROTECTION_OFFICER})
