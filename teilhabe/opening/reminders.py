"""The reminder before a certificate runs out, to start the renewal.

Rule: once a certificate's last valid day is `OPENING_REMIND_BEFORE_DAYS` (default 90)
days away or closer, and the institution has no newer certificate, one mail goes to the
integration coordinators (who start a new process) and to the institution's contact
persons. `CertificateReminder` is one per certificate, so a second run of the daily job
mails nothing, and a missed day is caught up on the next run.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.opening import selectors
from teilhabe.opening.models import Certificate, CertificateReminder


def remind_days() -> int:
    return int(getattr(settings, "OPENING_REMIND_BEFORE_DAYS", 90))


def recipients(certificate: Certificate) -> list[str]:
    coordinators = User.objects.filter(
        is_active=True, memberships__role=Role.INTEGRATION_COORDINATOR
    )
    contacts = User.objects.filter(is_active=True, opening_contacts__actor=certificate.actor)
    addresses = {user.email for user in [*coordinators, *contacts] if user.email}
    return sorted(addresses)


def _mail(certificate: Certificate, to: list[str]) -> None:
    values = {
        "institution": certificate.actor.name[:100],
        "until": formats.date_format(certificate.valid_until, "d.m.Y"),
        "number": certificate.number,
    }
    subject = _("Certificate of intercultural opening runs out on %(until)s") % values
    body = (
        _(
            "Hello,\n\nthe certificate %(number)s of %(institution)s as an interculturally "
            "opened institution is valid until %(until)s. To renew it, start a new coaching "
            "process with a self-check in Teilhabe."
        )
        % values
    )
    send_mail(subject, body, None, to)


def send_due(day: datetime.date) -> int:
    sent = 0
    for certificate in selectors.expiring(day, remind_days()).filter(reminder__isnull=True):
        to = recipients(certificate)
        try:
            with transaction.atomic():
                CertificateReminder.objects.create(certificate=certificate, sent_on=day)
                if to:
                    _mail(certificate, to)
        except IntegrityError:  # another run took it
            continue
        sent += 1
    return sent
