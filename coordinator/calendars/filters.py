"""What the calendar pages, feeds and JSON filter by: one object read from the query string, written back to it.

Several values of one filter are alternatives (ISCM A or B); different filters all apply (Bali Process
and labour migration).
"""

from dataclasses import dataclass, fields

from flask_babel import gettext as _

from coordinator.iscms.models import TYPES
from coordinator.meetings.models import FORMATS, INITIATIVES, LEVELS

#: Query parameter -> field name, in the order the URL carries them.
PARAMS = {
    "iscm": "iscms",
    "type": "types",
    "region": "regions",
    "level": "levels",
    "format": "formats",
    "theme": "themes",
    "initiative": "initiatives",
}
_ALLOWED = {"types": TYPES, "levels": LEVELS, "formats": FORMATS, "initiatives": INITIATIVES}
MAX_TEXT = 200


@dataclass(frozen=True)
class CalendarFilter:
    iscms: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    text: str = ""

    @classmethod
    def from_args(cls, args) -> "CalendarFilter":
        """Unknown values of closed lists are dropped; slugs are kept as given (an unknown slug matches nothing)."""
        values = {}
        for param, name in PARAMS.items():
            given = [value.strip() for value in args.getlist(param) if value.strip()]
            allowed = _ALLOWED.get(name)
            values[name] = tuple(dict.fromkeys(v for v in given if allowed is None or v in allowed))
        return cls(**values, text=args.get("q", "").strip()[:MAX_TEXT])

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def query_args(self) -> dict[str, list[str] | str]:
        """The filter as query parameters, for links, feeds and JSON of exactly what is on screen."""
        args: dict[str, list[str] | str] = {
            param: list(getattr(self, name)) for param, name in PARAMS.items()
        }
        args = {key: value for key, value in args.items() if value}
        if self.text:
            args["q"] = self.text
        return args

    def describe(self, labels: dict[str, dict[str, str]]) -> str:
        """'Bali Process; Labour migration' — the names of what is filtered, for feed names and descriptions.

        `labels` maps a field name to {value: display name}; values without a label are shown as given.
        """
        parts = []
        for name in PARAMS.values():
            values = getattr(self, name)
            if values:
                names = labels.get(name, {})
                parts.append(" or ".join(names.get(value, value) for value in values))
        if self.text:
            parts.append(_("“%(text)s”", text=self.text))
        return "; ".join(parts)
