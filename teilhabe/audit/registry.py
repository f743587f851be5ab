"""Which models the audit log follows. Every model holding personal data is listed here.

Modules add their models as they land; `test_audit_registry` fails when a model with a
field that looks personal (name, birth, e-mail, phone) is missing.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

# (app_label.ModelName, fields never written to the log)
AUDITED_MODELS: list[tuple[str, list[str]]] = [
    ("accounts.User", ["password", "last_login"]),
    ("accounts.Membership", []),
    ("organisations.Organisation", []),
    ("organisations.Area", []),
    ("otp_totp.TOTPDevice", ["key", "last_t", "throttling_failure_timestamp"]),
    ("casework.Person", ["name_plain", "name_phonetic"]),
    ("casework.Household", []),
    ("casework.Case", []),
    ("casework.Session", []),
    ("casework.AnonymousContact", []),
    ("casework.Goal", []),
    ("casework.GoalStatusChange", []),
    ("casework.Consent", []),
    ("casework.Referral", []),
    # Documents of cases and clients (the file's random name and checksum stay out).
    ("documents.Document", ["file_id", "sha256"]),
    ("documents.LetterTemplate", []),
    ("appointments.Appointment", []),
    ("appointments.Reminder", []),
    # Closing and reopening a year (who, when, why); the stored figures stay in the row.
    ("reports.FrozenReport", ["figures_json", "city_counts"]),
    # The operator's legal texts: who changed the imprint or the privacy notice, when.
    ("legal.LegalPage", []),
    # Groups, events, volunteers: participants and volunteers are named persons.
    ("activities.Participant", []),
    ("activities.Group", []),
    ("activities.GroupMeeting", []),
    ("activities.Event", []),
    ("activities.Volunteer", []),
    ("activities.TaskArea", []),
    ("activities.Engagement", []),
    ("activities.HoursEntry", []),
    ("activities.Agreement", []),
    ("activities.Training", []),
    ("activities.CalendarSubscription", ["token_hash", "last_used_at"]),
    # Who created and revoked which API key (never the key's hash).
    ("api.ApiToken", ["key_hash", "last_used_at"]),
    # Deletion periods: who set a period or kept a case on hold (docs/privacy.md).
    ("retention.RetentionPeriod", []),
    ("retention.LegalHold", []),
    ("programmes.Programme", []),
    ("programmes.Enrolment", []),
    ("programmes.HomeVisit", []),
    # Network: contact persons, members and those responsible for decisions are named.
    # Boards deciding grants: who sits with a vote, declared interests, recusals, votes.
    ("grants.BoardRules", []),
    ("grants.VotingRight", []),
    ("grants.Interest", []),
    ("grants.Invitation", []),
    ("grants.BoardItem", []),
    ("grants.Recusal", []),
    ("grants.ItemDecision", []),
    ("grants.NamedVote", []),
    ("grants.WrittenProcedure", []),
    ("grants.WrittenAnswer", []),
    # Applications name a contact person; the link's hash and the file's id stay out.
    ("grants.Application", ["token_hash"]),
    ("grants.CostLine", []),
    ("grants.ApplicationDocument", ["file_id", "sha256"]),
    ("grants.StatusChange", []),
    ("grants.Assessment", []),
    ("grants.Grant", []),
    # Grant notices (the PDF's file id stays out), their templates, requests, payments.
    ("grants.NoticeTemplate", []),
    ("grants.GrantNotice", ["file_id", "sha256"]),
    ("grants.PaymentRequest", []),
    ("grants.Payment", []),
    # Proofs of use: the report and check, the receipt list (a payee may be a person),
    # repayment requests.
    ("proofs.ProofOfUse", []),
    ("proofs.Receipt", []),
    ("proofs.RepaymentRequest", []),
    ("network.ActorKind", []),
    ("network.Actor", []),
    ("network.ContactPerson", []),
    ("network.Agreement", []),
    ("network.Body", []),
    ("network.BodyMembership", []),
    ("network.Meeting", []),
    ("network.AgendaItem", []),
    ("network.Attendance", []),
    ("network.Decision", []),
    # Funding: who changed a programme, its dependants, a fund or its budget; the ledger.
    ("funding.FundingProgramme", []),
    ("funding.ProgrammeDependency", []),
    ("funding.StaffPost", []),
    ("funding.Fund", []),
    ("funding.FundBudget", []),
    ("funding.FundBooking", []),
    # The integration plan: who changed a concept, goal, measure or indicator, who added
    # which progress entry (the plan on a past date is computed from the entries).
    ("planning.Concept", []),
    ("planning.FieldOfAction", []),
    ("planning.Goal", []),
    ("planning.Measure", []),
    ("planning.Indicator", []),
    ("planning.ProgressEntry", ["attachment_id"]),  # the file's random name stays out
    # Mediation: mediators are named; requests name the requesting person (no client).
    ("mediation.Mediator", []),
    ("mediation.RequestingBody", ["token"]),
    ("mediation.MediationRequest", []),
    ("mediation.Assignment", []),
    ("mediation.ConflictEntry", []),
    ("mediation.OutreachContact", []),
    ("mediation.Clearing", []),  # a person's clearing to case management
    # Event registrations (registrations): who registered with their needs; the cancel
    # link's hash stays out. Deleted after the period with their entries' values emptied.
    ("registrations.Listing", []),
    ("registrations.ProgrammeItem", []),
    ("registrations.Registration", ["token_hash"]),
    # Intercultural opening: the catalogue, the institutions' sign-ins, the coaching
    # process, its evidence (the file's random name and checksum stay out) and the
    # certificate decision.
    ("opening.Catalogue", []),
    ("opening.CatalogueArea", []),
    ("opening.Criterion", []),
    ("opening.LevelText", []),
    ("opening.EvidenceKind", []),
    ("opening.InstitutionContact", []),
    ("opening.Process", []),
    ("opening.Stage", []),
    ("opening.CoachingSession", []),
    ("opening.AgreedMeasure", []),
    ("opening.Evidence", ["file_id", "sha256"]),
    ("opening.SelfCheck", []),
    ("opening.SelfCheckAnswer", []),
    ("opening.AuditRecord", []),
    ("opening.Certificate", []),
]


def register_models() -> None:
    for label, excluded in AUDITED_MODELS:
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=excluded, m2m_fields=_m2m_fields(model))


def _m2m_fields(model: type) -> set[str]:
    return {field.name for field in model._meta.many_to_many}  # type: ignore[attr-defined]
