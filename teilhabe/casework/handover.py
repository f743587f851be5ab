"""Hand-over of a client to another service: referral, transfer, clearing.

The status machine refuses a hand-over without a valid consent for exactly that
recipient (SGB X § 67b); a withdrawn consent ends the recipient's access.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case, Consent, Person, Referral
from teilhabe.casework.models.codes import AccessRoute, CaseKind

# The access route recorded at the recipient, by the service that handed over.
ROUTE_OF_SERVICE = {
    "MBE": AccessRoute.MBE,
    "JMD": AccessRoute.JMD,
    "KIM": AccessRoute.KIM,
    "QM": AccessRoute.QM,
}
COPIED_FIELDS = (
    "first_name",
    "last_name",
    "gender",
    "birth_year",
    "birth_date",
    "nationalities",
    "country_of_origin",
    "country_of_birth",
    "legal_status",
    "district_id",
    "arrival_date",
    "languages",
    "school_qualification",
)


class HandoverRefused(Exception):
    pass


@transaction.atomic
def record_consent(person: Person, *, user: Any, **fields: Any) -> Consent:
    if not fields.get("refusal_explained") or not fields.get("withdrawal_explained"):
        raise HandoverRefused(
            _("The consent is valid only when refusal and withdrawal were explained.")
        )
    consent = Consent(person=person, recorded_by=user, **fields)
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def propose(case: Case, *, consent: Consent | None, kind: str, note: str, user: Any) -> Referral:
    if consent is None or not consent.is_valid:
        raise HandoverRefused(_("A hand-over needs the client's valid consent."))
    if consent.person_id != case.client_id:
        raise HandoverRefused(_("The consent was given by another person."))
    if (
        consent.recipient_id == case.organisation_id
        and consent.recipient_service_id == case.service_id
    ):
        raise HandoverRefused(_("The case is already at this service."))
    return Referral.objects.create(
        source_case=case, consent=consent, kind=kind, note=note, created_by=user
    )


@transaction.atomic
def accept(referral: Referral, *, user: Any, on: datetime.date | None = None) -> Case:
    if referral.status != Referral.Status.PROPOSED or not referral.consent.is_valid:
        raise HandoverRefused(_("This hand-over can no longer be accepted."))
    consent, source = referral.consent, referral.source_case
    client = Person(organisation_id=consent.recipient_id)
    for name in COPIED_FIELDS:
        setattr(client, name, getattr(source.client, name))
    client.save()
    kind = (
        CaseKind.CASE_MANAGEMENT
        if referral.kind == Referral.Kind.CLEARING
        else CaseKind.COUNSELLING
    )
    case = Case.objects.create(
        organisation_id=consent.recipient_id,
        service_id=consent.recipient_service_id,
        client=client,
        kind=kind,
        opened_on=on or timezone.localdate(),
        responsible=user,
        access_route=ROUTE_OF_SERVICE.get(source.service.code, AccessRoute.OTHER),
    )
    referral.status, referral.target_case, referral.decided_at = (
        Referral.Status.ACCEPTED,
        case,
        timezone.now(),
    )
    referral.save(update_fields=["status", "target_case", "decided_at"])
    return case


@transaction.atomic
def decline(referral: Referral) -> None:
    if referral.status != Referral.Status.PROPOSED:
        raise HandoverRefused(_("This hand-over can no longer be declined."))
    referral.status, referral.decided_at = Referral.Status.DECLINED, timezone.now()
    referral.save(update_fields=["status", "decided_at"])


@transaction.atomic
def withdraw(consent: Consent, on: datetime.date | None = None) -> None:
    """The client withdraws the consent: every hand-over based on it ends."""
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    for referral in consent.referrals.exclude(status=Referral.Status.DECLINED):
        referral.status = Referral.Status.ENDED
        referral.save(update_fields=["status"])


def inbox(user: Any) -> Any:
    """Hand-overs proposed to a service where the user works with cases."""
    from django.db.models import Q

    from teilhabe.casework.access import CASE_ROLES

    condition = Q(pk__in=[])
    for membership in user.memberships.filter(role__in=CASE_ROLES).prefetch_related("services"):
        scope = Q(consent__recipient_id=membership.organisation_id)
        services = [s.pk for s in membership.services.all()]
        if services:
            scope &= Q(consent__recipient_service_id__in=services)
        condition |= scope
    return Referral.objects.filter(
        condition, status=Referral.Status.PROPOSED, consent__withdrawn_on__isnull=True
    ).select_related(
        "consent__recipient",
        "consent__recipient_service",
        "source_case__service",
        "source_case__organisation",
        "consent__person",
    )
