"""Deletion periods of intercultural opening (docs/privacy.md, "Intercultural opening"),
run by the daily job.

- Evidence (photos of door signs, leaflets) is the basis of a certificate: it is kept
  while the certificate is valid and `OPENING_EVIDENCE_KEEP_DAYS` (365) after it ran
  out, then deleted, row and file. The certificate, its register entry, the self-check
  results, the sessions and the audit stay: they say what was decided, not what was
  shown. Evidence of a process never certified stays while the process does.
- The sign-in of an institution's contact person is closed (deactivated, so the audit
  log keeps who did what) when it has not been used for `OPENING_CONTACT_IDLE_DAYS`
  (365) and its institution has no process under way and no valid certificate.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from teilhabe.accounts.models import User
from teilhabe.opening.models import InstitutionContact
from teilhabe.opening.models_process import Certificate, Evidence, Process


def evidence_keep_days() -> int:
    return int(getattr(settings, "OPENING_EVIDENCE_KEEP_DAYS", 365))


def contact_idle_days() -> int:
    return int(getattr(settings, "OPENING_CONTACT_IDLE_DAYS", 365))


def delete_old_evidence(day: datetime.date) -> int:
    """Evidence of certificates that ran out more than the period before `day`."""
    last = day - datetime.timedelta(days=evidence_keep_days())
    due = Evidence.objects.filter(process__certificate__valid_until__lt=last)
    deleted = 0
    for evidence in due.iterator():
        with transaction.atomic():
            evidence.delete()  # the file goes once committed (evidence._remove_file)
        deleted += 1
    return deleted


def close_idle_contacts(day: datetime.date) -> int:
    """Deactivates the idle sign-ins of institutions with nothing under way."""
    idle_since = day - datetime.timedelta(days=contact_idle_days())
    busy = set(
        Process.objects.filter(certificate__isnull=True).values_list("actor_id", flat=True)
    ) | set(Certificate.objects.filter(valid_until__gte=day).values_list("actor_id", flat=True))
    idle = (
        InstitutionContact.objects.filter(user__is_active=True)
        .exclude(actor_id__in=busy)
        .filter(
            Q(user__last_login__date__lt=idle_since)
            | Q(user__last_login__isnull=True, user__date_joined__date__lt=idle_since)
        )
    )
    users = list(User.objects.filter(opening_contacts__in=idle).distinct())
    for user in users:
        user.is_active = False
        user.save(update_fields=["is_active"])  # one audit entry per account
    return len(users)
