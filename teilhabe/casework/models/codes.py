"""The code lists of shared/formats/casework-import.md, with German labels via gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    FEMALE = "w", _("female")
    MALE = "m", _("male")
    DIVERSE = "d", _("diverse")
    NOT_STATED = "x", _("not stated")


class LegalStatus(models.TextChoices):
    LATE_REPATRIATE = "spaetaussiedler", _("Late repatriate (§ 4 BVFG, incl. §§ 7, 8 BVFG)")
    REFUGEE = "gefluechtet", _("Refugee with residence permit (§§ 22–25a AufenthG)")
    SETTLEMENT = "niederlassung", _("Settlement permit or permanent residence EU")
    OTHER_PERMIT = "aufenthalt_sonstig", _("Other residence permit (family, work, study)")
    GERMAN = "deutsch", _("Immigrant with German citizenship")
    EU = "eu", _("EU, EEA or Swiss citizen")
    ASYLUM = "asyl_duldung", _("Asylum seeker or tolerated")
    UNKNOWN = "unbekannt", _("not known")


class SchoolQualification(models.TextChoices):
    NONE = "keiner", _("none")
    IN_SCHOOL = "in_schule", _("still at school")
    SECONDARY_1 = "sek1", _("lower secondary")
    SECONDARY_2 = "sek2", _("upper secondary")
    UNIVERSITY = "hochschule", _("university degree")
    UNKNOWN = "unbekannt", _("not known")


class CaseKind(models.TextChoices):
    COUNSELLING = "beratung", _("Counselling")
    CASE_MANAGEMENT = "case_management", _("Case management")


class AccessRoute(models.TextChoices):
    FAMILY = "familie", _("family")
    FRIENDS = "freunde", _("friends and acquaintances")
    MBE = "mbe", _("MBE")
    JMD = "jmd", _("JMD")
    KIM = "kim", _("KIM")
    QM = "qm", _("neighbourhood management / outreach")
    SCHOOL = "schule", _("school")
    LANGUAGE_COURSE = "sprachkurs", _("language course")
    JOB_CENTRE = "jobcenter", _("job centre")
    IMMIGRATION_OFFICE = "auslaenderbehoerde", _("immigration office")
    YOUTH_OFFICE = "jugendamt", _("youth welfare office")
    OWN_INITIATIVE = "eigeninitiative", _("own initiative")
    OTHER = "sonstige", _("other")


class ClosingReason(models.TextChoices):
    GOALS_REACHED = "ziele_erreicht", _("goals reached")
    REFERRED = "weitervermittelt", _("referred elsewhere")
    CONTACT_LOST = "kontaktabbruch", _("contact broken off")
    MOVED = "umzug", _("moved away")
    OTHER = "sonstige", _("other")


class SessionForm(models.TextChoices):
    IN_PERSON = "persoenlich", _("in person")
    PHONE = "telefon", _("phone")
    VIDEO = "video", _("video")
    OUTREACH = "aufsuchend", _("outreach")
    HOME_VISIT = "hausbesuch", _("home visit")
    CONSULTATION_HOURS = "sprechstunde", _("open consultation hours")


class Topic(models.TextChoices):
    RESIDENCE = "aufenthalt", _("residence law")
    BENEFITS = "sozialleistungen", _("social benefits")
    WORK = "arbeit", _("work")
    RECOGNITION = "anerkennung", _("recognition of qualifications")
    LANGUAGE = "sprache", _("language")
    EDUCATION = "bildung", _("education")
    HOUSING = "wohnen", _("housing")
    HEALTH = "gesundheit", _("health")
    FAMILY = "familie", _("family")
    PENSION = "rente", _("pension")
    FINANCES = "finanzen", _("finances and debts")
    AUTHORITIES = "behoerden", _("dealing with authorities")
    OTHER = "sonstige", _("other")


class GoalArea(models.TextChoices):
    # A context of their own: German names goal areas with adjectives ("schulisch"),
    # while the same English words elsewhere are nouns ("Schule").
    VOCATIONAL = "beruflich", pgettext_lazy("goal area", "vocational")
    SCHOOL = "schulisch", pgettext_lazy("goal area", "school")
    SOCIAL = "sozial", pgettext_lazy("goal area", "social")
    LANGUAGE = "sprachlich", pgettext_lazy("goal area", "language")
    HEALTH = "gesundheitlich", pgettext_lazy("goal area", "health")
    HOUSING = "wohnen", pgettext_lazy("goal area", "housing")
    FINANCIAL = "finanziell", pgettext_lazy("goal area", "financial")
    RESIDENCE = "aufenthaltsrechtlich", pgettext_lazy("goal area", "residence law")


class GoalStatus(models.TextChoices):
    IN_PROGRESS = "in_bearbeitung", _("in progress")
    REACHED = "erreicht", _("reached")
    PARTLY_REACHED = "teilweise_erreicht", _("partly reached")
    NOT_REACHED = "nicht_erreicht", _("not reached")
    ABANDONED = "abgebrochen", _("abandoned")


FINAL_GOAL_STATUSES = frozenset(set(GoalStatus) - {GoalStatus.IN_PROGRESS})

# The services a case can belong to (the import's `dienst` column).
CASE_SERVICES = ("MBE", "JMD", "KIM", "IKB", "SAB", "QM")
