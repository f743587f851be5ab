"""Write paths of the criteria catalogue: versions, areas, criteria with their level
texts, kinds of evidence. A version a certificate names is frozen: every change is
refused, and the coordinator starts a new version, a copy of it (`new_version`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.opening.models import (
    Catalogue,
    CatalogueArea,
    Criterion,
    EvidenceKind,
    LevelText,
)


def ensure_editable(catalogue: Catalogue) -> None:
    if catalogue.is_frozen:
        raise ValidationError(
            _(
                "A certificate names this version of the catalogue, so it cannot change. "
                "Start a new version."
            )
        )


def create_catalogue(
    *, title: str, top_level: int, valid_years: int, day: datetime.date
) -> Catalogue:
    catalogue = Catalogue(
        title=title.strip(), top_level=top_level, valid_years=valid_years, created_on=day
    )
    catalogue.full_clean()
    catalogue.save()
    return catalogue


def add_area(catalogue: Catalogue, *, code: str, title: str) -> CatalogueArea:
    ensure_editable(catalogue)
    position = catalogue.areas.count() + 1
    area = CatalogueArea(catalogue=catalogue, code=code, title=title.strip(), position=position)
    area.full_clean()
    area.save()
    return area


def add_evidence_kind(catalogue: Catalogue, *, name: str) -> EvidenceKind:
    ensure_editable(catalogue)
    kind = EvidenceKind(catalogue=catalogue, name=name.strip())
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def save_criterion(
    criterion: Criterion,
    *,
    levels: Mapping[int, str],
    evidence_kinds: Iterable[EvidenceKind] = (),
) -> Criterion:
    """Stores the criterion with a text for every level from 0 to the highest."""
    catalogue = criterion.area.catalogue
    ensure_editable(catalogue)
    kinds = list(evidence_kinds)
    if any(kind.catalogue_id != catalogue.pk for kind in kinds):
        raise ValidationError(_("A kind of evidence belongs to another catalogue."))
    missing = [n for n in range(catalogue.top_level + 1) if not levels.get(n, "").strip()]
    if missing:
        raise ValidationError(
            _("Describe every level from 0 to %(top)s.") % {"top": catalogue.top_level}
        )
    if criterion.pk is None:
        criterion.position = criterion.area.criteria.count() + 1
    criterion.full_clean()
    criterion.save()
    criterion.levels.all().delete()
    LevelText.objects.bulk_create(
        LevelText(criterion=criterion, level=n, text=levels[n].strip())
        for n in range(catalogue.top_level + 1)
    )
    criterion.evidence_kinds.set(kinds)
    return criterion


@transaction.atomic
def new_version(catalogue: Catalogue, *, day: datetime.date) -> Catalogue:
    """A copy of the catalogue as the next version: areas, criteria, level texts, kinds of
    evidence. Only the latest version has a successor (under a row lock, so that two
    coordinators cannot start two)."""
    catalogue = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    if Catalogue.objects.filter(predecessor=catalogue).exists():
        raise ValidationError(_("This version already has a newer version."))
    copy = Catalogue.objects.create(
        title=catalogue.title,
        version=catalogue.version + 1,
        predecessor=catalogue,
        top_level=catalogue.top_level,
        valid_years=catalogue.valid_years,
        created_on=day,
    )
    kinds = {
        kind.pk: EvidenceKind.objects.create(catalogue=copy, name=kind.name)
        for kind in catalogue.evidence_kinds.all()
    }
    for area in catalogue.areas.prefetch_related("criteria__levels", "criteria__evidence_kinds"):
        new_area = CatalogueArea.objects.create(
            catalogue=copy, code=area.code, title=area.title, position=area.position
        )
        for criterion in area.criteria.all():
            new = Criterion.objects.create(
                area=new_area,
                code=criterion.code,
                question=criterion.question,
                position=criterion.position,
            )
            LevelText.objects.bulk_create(
                LevelText(criterion=new, level=level.level, text=level.text)
                for level in criterion.levels.all()
            )
            new.evidence_kinds.set([kinds[kind.pk] for kind in criterion.evidence_kinds.all()])
    return copy
