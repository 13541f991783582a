"""How the app compares words people typed: accents and case ignored, as a printed list files them."""

import re
import unicodedata


def fold(text: str) -> str:
    """A sort key that files "Á" with "A" and ignores case, as a printed list does."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def spelling_key(text: str) -> str:
    """How two spellings of a name compare: folded, any dash or underscore a space, spaces collapsed."""
    return " ".join(re.sub(r"[-‐‑‒–—_]", " ", fold(text)).split())


def codes_by_spelling(codes, labels: dict, spellings: dict | None = None) -> dict:
    """A code by each way a cell may name it: the code, its label in the reader's language, a usual spelling."""
    return {
        spelling_key(spelling): code
        for code in codes
        for spelling in (code, str(labels[code]), *(spellings or {}).get(code, ()))
    }
