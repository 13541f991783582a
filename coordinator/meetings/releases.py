"""What changed between two agenda snapshots: items added, removed, moved, retimed, speakers changed.

Plain functions over snapshots (see agenda.py). Each change is a dict kept in the release (JSON):
`type`, the item or session title, before/after facts, and the people concerned (to tell them).
"""


def _items(agenda: dict) -> dict[int, tuple[dict, dict]]:
    return {item["id"]: (session, item) for session in agenda["sessions"] for item in session["items"]}


#: What a speaker change is: who, in which role and delivery, and every word the agenda prints about them.
_APPEARANCE = ("name", "role", "role_label", "delivery", "position", "capacity", "listed_as")


def _people(item: dict) -> list[tuple]:
    return sorted((p["person_id"], *(p.get(key) or "" for key in _APPEARANCE)) for p in item["people"])


def _names(item: dict) -> list[str]:
    return list(dict.fromkeys(person["name"] for person in item["people"]))


def _person_ids(*items: dict) -> list[int]:
    return sorted({person["person_id"] for item in items for person in item["people"]})


def _times(entry: dict) -> list[str]:
    return [entry["starts_at"], entry["ends_at"]]


def _item_changes(item_id: int, before: tuple[dict, dict], after: tuple[dict, dict]) -> list[dict]:
    (old_session, old), (new_session, new) = before, after
    base = {
        "item_id": item_id,
        "title": new["title"],
        "session": new_session["title"],
        "people": _person_ids(old, new),
    }
    changes = []
    if old_session["id"] != new_session["id"]:
        changes.append(
            {**base, "type": "moved", "before": old_session["title"], "after": new_session["title"]}
        )
    if _times(old) != _times(new):
        changes.append({**base, "type": "retimed", "before": _times(old), "after": _times(new)})
    if old["title"] != new["title"]:
        changes.append({**base, "type": "renamed", "before": old["title"], "after": new["title"]})
    if _people(old) != _people(new):
        changes.append({**base, "type": "speakers", "before": _names(old), "after": _names(new)})
    return changes


def _session_changes(old: dict, new: dict) -> list[dict]:
    old_sessions = {s["id"]: s for s in old["sessions"]}
    changes = []
    for session in new["sessions"]:
        previous = old_sessions.get(session["id"])
        people = _person_ids(*session["items"])
        base = {
            "session_id": session["id"],
            "title": session["title"],
            "session": session["title"],
            "people": people,
        }
        if previous is None:
            changes.append({**base, "type": "session_added", "after": _times(session)})
        elif _times(previous) != _times(session):
            changes.append(
                {**base, "type": "session_retimed", "before": _times(previous), "after": _times(session)}
            )
        if (
            previous is not None
            and previous["status"] != session["status"]
            and session["status"] == "cancelled"
        ):
            changes.append({**base, "type": "session_cancelled"})
    new_ids = {s["id"] for s in new["sessions"]}
    changes += [
        {
            "session_id": s["id"],
            "title": s["title"],
            "session": s["title"],
            "type": "session_removed",
            "people": _person_ids(*s["items"]),
            "before": _times(s),
        }
        for s in old["sessions"]
        if s["id"] not in new_ids
    ]
    return changes


def compare(old: dict | None, new: dict) -> list[dict]:
    """Every change from the `old` snapshot to the `new` one; everything is new when there was none."""
    old = old or {"sessions": []}
    old_items, new_items = _items(old), _items(new)
    changes = _session_changes(old, new)
    for item_id, (session, item) in new_items.items():
        if item_id not in old_items:
            changes.append(
                {
                    "type": "added",
                    "item_id": item_id,
                    "title": item["title"],
                    "session": session["title"],
                    "after": _times(item),
                    "people": _person_ids(item),
                }
            )
        else:
            changes.extend(_item_changes(item_id, old_items[item_id], (session, item)))
    for item_id, (session, item) in old_items.items():
        if item_id not in new_items:
            changes.append(
                {
                    "type": "removed",
                    "item_id": item_id,
                    "title": item["title"],
                    "session": session["title"],
                    "before": _times(item),
                    "people": _person_ids(item),
                }
            )
    return changes


def people_to_tell(changes: list[dict]) -> set[int]:
    """The people attached to anything that moved or changed (not those of merely added sessions)."""
    return {person for change in changes if change["type"] != "session_added" for person in change["people"]}
