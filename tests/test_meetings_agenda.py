"""The agenda as data: its layout in several zones, the organizers' problems, and release comparisons."""

import copy
from datetime import date

from coordinator.meetings.agenda import layout, session_zones
from coordinator.meetings.checks import problems
from coordinator.meetings.releases import compare, people_to_tell


def person(person_id, name="Ms A", role="speaker"):
    return {
        "person_id": person_id,
        "name": name,
        "role": role,
        "delivery": "in_person",
        "capacity": "",
        "position": "",
    }


def item(item_id, start, end, people=(), title=None):
    return {
        "id": item_id,
        "kind": "discussion",
        "title": title or f"Item {item_id}",
        "description": "",
        "starts_at": start,
        "ends_at": end,
        "people": list(people),
    }


def session(session_id, start, end, items=(), kind="plenary", iscms=(), track="", title=None):
    return {
        "id": session_id,
        "title": title or f"Session {session_id}",
        "kind": kind,
        "status": "scheduled",
        "starts_at": start,
        "ends_at": end,
        "audience": "",
        "interpretation": [],
        "objective": "",
        "guiding_questions": [],
        "room": "",
        "link": "",
        "track": track,
        "iscms": list(iscms),
        "rapporteurs": [],
        "items": list(items),
    }


def agenda(*sessions):
    return {"timezone": "Europe/Zurich", "sessions": list(sessions)}


OPENING = session(
    1,
    "2021-11-10T14:00:00+00:00",
    "2021-11-10T15:00:00+00:00",
    [
        item(10, "2021-11-10T14:00:00+00:00", "2021-11-10T14:30:00+00:00"),
        item(11, "2021-11-10T14:30:00+00:00", "2021-11-10T15:00:00+00:00", [person(100)]),
    ],
)


def test_layout_gives_times_in_each_zone_with_day_shifts():
    days = layout(agenda(OPENING), ["Europe/Zurich", "Asia/Manila", "America/Guatemala"])
    assert [day["day"] for day in days] == [date(2021, 11, 10)]
    times = days[0]["groups"][0][0]["items"][1]["times"]
    assert [
        (t.starts_at.strftime("%H:%M"), t.ends_at.strftime("%H:%M"), t.start_shift, t.end_shift)
        for t in times
    ] == [
        ("15:30", "16:00", 0, 0),
        ("22:30", "23:00", 0, 0),
        ("08:30", "09:00", 0, 0),
    ]


def test_an_item_across_midnight_in_the_readers_zone_is_shown_once_with_a_day_mark():
    late = session(
        2,
        "2021-11-10T15:30:00+00:00",
        "2021-11-10T16:30:00+00:00",
        [item(20, "2021-11-10T15:30:00+00:00", "2021-11-10T16:30:00+00:00")],
    )
    days = layout(agenda(late), ["Europe/Zurich", "Asia/Manila"])
    items = [i for d in days for g in d["groups"] for s in g for i in s["items"]]
    assert len(items) == 1
    manila = items[0]["times"][1]
    assert (
        manila.starts_at.strftime("%H:%M"),
        manila.start_shift,
        manila.ends_at.strftime("%H:%M"),
        manila.end_shift,
    ) == ("23:30", 0, "00:30", 1)


def test_a_session_in_the_readers_previous_day_is_marked_minus_one():
    early = session(3, "2021-11-11T07:30:00+00:00", "2021-11-11T09:30:00+00:00")
    zt = layout(agenda(early), ["Europe/Zurich", "Pacific/Honolulu"])[0]["groups"][0][0]["times"][1]
    assert (zt.starts_at.strftime("%H:%M"), zt.start_shift) == ("21:30", -1)


def test_parallel_sessions_are_grouped_side_by_side():
    a = session(4, "2021-11-10T09:00:00+00:00", "2021-11-10T10:00:00+00:00", track="A")
    b = session(5, "2021-11-10T09:30:00+00:00", "2021-11-10T10:30:00+00:00", track="B")
    c = session(6, "2021-11-10T11:00:00+00:00", "2021-11-10T12:00:00+00:00")
    groups = layout(agenda(a, b, c), ["Europe/Zurich"])[0]["groups"]
    assert [[s["id"] for s in group] for group in groups] == [[4, 5], [6]]


def test_session_zones_are_the_home_zones_of_its_iscms_once_each():
    s = session(
        7,
        "2021-11-10T09:00:00+00:00",
        "2021-11-10T10:00:00+00:00",
        iscms=[
            {"slug": "sacm", "acronym": "SACM", "zone": "America/Argentina/Buenos_Aires"},
            {"slug": "riam", "acronym": "RIAM", "zone": "America/Argentina/Buenos_Aires"},
            {"slug": "rcm", "acronym": "RCM", "zone": "America/Costa_Rica"},
        ],
    )
    assert session_zones(agenda(s), 7) == ["America/Argentina/Buenos_Aires", "America/Costa_Rica"]


def kinds(found):
    return sorted((p.kind, p.session_id, p.item_id) for p in found)


def test_a_clean_agenda_has_no_problem():
    assert problems(agenda(OPENING)) == []


def test_problems_item_outside_overlap_double_booking_rapporteur_and_night():
    discussion = session(
        8,
        "2021-11-10T15:00:00+00:00",
        "2021-11-10T16:30:00+00:00",
        kind="discussion",
        iscms=[
            {"slug": "pidc", "acronym": "PIDC", "zone": "Pacific/Apia"},
            {"slug": "rcm", "acronym": "RCM", "zone": "America/Costa_Rica"},
        ],
        items=[
            item(80, "2021-11-10T15:00:00+00:00", "2021-11-10T16:00:00+00:00", [person(100)]),
            item(81, "2021-11-10T15:30:00+00:00", "2021-11-10T16:45:00+00:00"),
        ],
    )
    parallel = session(
        9,
        "2021-11-10T15:00:00+00:00",
        "2021-11-10T16:00:00+00:00",
        [item(90, "2021-11-10T15:15:00+00:00", "2021-11-10T15:45:00+00:00", [person(100)])],
    )
    found = problems(agenda(discussion, parallel))
    assert kinds(found) == [
        ("item_outside_session", 8, 81),
        ("items_overlap", 8, 81),
        ("night_for_iscm", 8, None),
        ("no_rapporteur", 8, None),
        ("person_double_booked", 8, 80),
    ]
    assert [p.facts["iscm"] for p in found if p.kind == "night_for_iscm"] == ["PIDC"]


def test_a_rapporteur_attached_to_an_item_satisfies_a_discussion_session():
    discussion = session(
        10,
        "2021-11-10T15:00:00+00:00",
        "2021-11-10T16:00:00+00:00",
        kind="discussion",
        items=[
            item(
                100, "2021-11-10T15:50:00+00:00", "2021-11-10T16:00:00+00:00", [person(5, role="rapporteur")]
            )
        ],
    )
    assert problems(agenda(discussion)) == []


def test_compare_lists_added_removed_moved_retimed_and_speakers():
    other = session(2, "2021-11-10T15:00:00+00:00", "2021-11-10T16:00:00+00:00", title="Other")
    old = agenda(copy.deepcopy(OPENING), other)
    new = copy.deepcopy(old)
    first, second = new["sessions"]
    moved = first["items"].pop(0)
    moved["starts_at"], moved["ends_at"] = "2021-11-10T15:00:00+00:00", "2021-11-10T15:30:00+00:00"
    second["items"].append(moved)
    first["items"][0]["people"] = [person(101, "Mr B")]
    second["items"].append(item(12, "2021-11-10T15:30:00+00:00", "2021-11-10T16:00:00+00:00", [person(102)]))
    changes = compare(old, new)
    assert sorted((c["type"], c.get("item_id")) for c in changes) == [
        ("added", 12),
        ("moved", 10),
        ("retimed", 10),
        ("speakers", 11),
    ]
    speakers = next(c for c in changes if c["type"] == "speakers")
    assert (speakers["before"], speakers["after"]) == (["Ms A"], ["Mr B"])
    assert people_to_tell(changes) == {100, 101, 102}


def test_compare_with_nothing_before_adds_everything():
    assert [c["type"] for c in compare(None, agenda(OPENING))] == ["session_added", "added", "added"]


def test_compare_reports_removed_items_and_sessions():
    changes = compare(agenda(OPENING), agenda())
    assert sorted(c["type"] for c in changes) == ["removed", "removed", "session_removed"]
