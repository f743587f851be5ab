"""Reading a legal page: the stored text, else the template for the operator to fill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from teilhabe.legal.models import LegalPage

DEFAULTS = Path(__file__).resolve().parent / "defaults"


@dataclass(frozen=True)
class Block:
    heading: bool
    text: str


@dataclass(frozen=True)
class ShownPage:
    kind: str
    title: str
    blocks: list[Block]
    updated_at: datetime | None
    is_template: bool


def default_text(kind: str) -> str:
    return (DEFAULTS / f"{kind}.txt").read_text(encoding="utf-8")


def blocks_of(text: str) -> list[Block]:
    """Paragraphs separated by empty lines; a paragraph starting with # is a heading.
    Plain text only: the template escapes it, so no markup of an editor reaches a page."""
    blocks = []
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        paragraph = paragraph.strip()
        if paragraph.startswith("#"):
            blocks.append(Block(True, paragraph.lstrip("#").strip()))
        elif paragraph:
            blocks.append(Block(False, paragraph))
    return blocks


def page(kind: str) -> ShownPage:
    stored = LegalPage.objects.filter(kind=kind).first()
    title = str(LegalPage.Kind(kind).label)
    if stored is None:
        return ShownPage(kind, title, blocks_of(default_text(kind)), None, True)
    return ShownPage(kind, title, blocks_of(stored.body), stored.updated_at, False)
