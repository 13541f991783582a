"""URL slugs: ASCII words from any text, and one no other row of the table holds."""

import re
import unicodedata
from itertools import chain, count

import sqlalchemy as sa

from coordinator.extensions import db


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("+", "-plus-")).strip("-")


def unique_slug(model, base: str, reserved: frozenset[str] = frozenset(), numbered: bool = False) -> str:
    """`base`, else `base-2`, `base-3`... (`numbered`: `base-1`, `base-2`... from the start): the first that no row
    of `model` holds and that is not `reserved`, the fixed addresses beside the model's own (/meetings/new), which
    a row taking it could never be reached at. One query."""
    held = db.session.scalars(sa.select(model.slug).where(model.slug.startswith(base, autoescape=True)))
    taken = reserved | set(held)
    numbers = (f"{base}-{number}" for number in count(1 if numbered else 2))
    return next(slug for slug in (numbers if numbered else chain([base], numbers)) if slug not in taken)
