"""The time zone planner: bands, candidate starts on clock-change days, best single slot and splits."""

from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import yaml

from coordinator.iscms.seed import DATA_DIR
from coordinator.meetings.planner import (
    NIGHT,
    STRETCH,
    WORKING,
    Participant,
    _masks,
    band,
    best_split,
    candidate_starts,
    day_bounds,
    day_hours,
    grid,
)
from coordinator.meetings.seed import load_grcp9


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def grcp9_participants() -> list[Participant]:
    homes = {
        row["slug"]: row["home_timezone"] for row in yaml.safe_load((DATA_DIR / "iscms.yaml").read_text())
    }
    return [Participant(slug, slug, homes[slug]) for slug in load_grcp9()["meeting"]["iscms"]]


def test_band_is_the_worst_part_of_the_session():
    assert band(utc(2021, 11, 10, 8), utc(2021, 11, 10, 9, 30), "Europe/Zurich") == WORKING
    assert band(utc(2021, 11, 10, 16, 30), utc(2021, 11, 10, 18), "Europe/Zurich") == STRETCH
    assert band(utc(2021, 11, 10, 6), utc(2021, 11, 10, 7, 30), "Europe/Zurich") == STRETCH
    assert band(utc(2021, 11, 10, 19, 30), utc(2021, 11, 10, 21), "Europe/Zurich") == NIGHT


def test_a_session_across_local_midnight_is_night():
    assert band(utc(2021, 11, 10, 15), utc(2021, 11, 10, 16, 30), "Asia/Manila") == NIGHT


def test_band_follows_the_offset_of_the_very_date():
    # 07:30 UTC is 09:30 in Zurich in summer (UTC+2), 08:30 in winter (UTC+1); 06:30 UTC is 07:30 in winter.
    assert band(utc(2021, 7, 1, 6, 30), utc(2021, 7, 1, 7, 30), "Europe/Zurich") == WORKING
    assert band(utc(2021, 12, 1, 6, 30), utc(2021, 12, 1, 7, 30), "Europe/Zurich") == STRETCH


def test_the_spring_forward_day_has_23_hours_of_candidates():
    start, end = day_bounds(date(2021, 3, 28), "Europe/Zurich")
    assert (start, end) == (utc(2021, 3, 27, 23), utc(2021, 3, 28, 22))
    assert len(candidate_starts(date(2021, 3, 28), "Europe/Zurich", 60)) == 23 * 4 - 3


def test_the_fall_back_day_has_25_hours_of_candidates():
    start, end = day_bounds(date(2021, 10, 31), "Europe/Zurich")
    assert end - start == utc(2021, 1, 2) - utc(2021, 1, 1) + (utc(2021, 1, 1, 1) - utc(2021, 1, 1))
    assert len(candidate_starts(date(2021, 10, 31), "Europe/Zurich", 60)) == 25 * 4 - 3


def test_best_single_slot_for_two_zones_a_few_hours_apart():
    people = [
        Participant("zurich", "Zurich", "Europe/Zurich"),
        Participant("nairobi", "Nairobi", "Africa/Nairobi"),
    ]
    proposal = best_split(people, date(2021, 11, 10), "Europe/Zurich", 90)
    assert [len(slot.participants) for slot in proposal.slots] == [2]
    assert (proposal.working, proposal.stretch, proposal.night) == (2, 0, 0)
    # The earliest start inside core hours (09–17) in both places: 09:00 in Zurich, 11:00 in Nairobi.
    assert proposal.slots[0].starts_at == utc(2021, 11, 10, 8)


def test_grcp9_split_in_two_keeps_every_iscm_between_07_and_21():
    participants = grcp9_participants()
    proposal = best_split(participants, date(2021, 11, 10), "Europe/Zurich", 90, sessions=2)
    assert len(proposal.slots) == 2
    assert proposal.night == 0
    assert sorted(p.key for slot in proposal.slots for p in slot.participants) == sorted(
        p.key for p in participants
    )
    for slot in proposal.slots:
        for participant in slot.participants:
            assert band(slot.starts_at, slot.ends_at, participant.zone) in (WORKING, STRETCH)


def test_grcp9_split_in_two_with_the_organizers_awake_in_geneva():
    proposal = best_split(
        grcp9_participants(), date(2021, 11, 10), "Europe/Zurich", 90, sessions=2, hosts_awake=True
    )
    assert proposal.night == 0
    for slot in proposal.slots:
        assert band(slot.starts_at, slot.ends_at, "Europe/Zurich") in (WORKING, STRETCH)


def test_one_session_cannot_keep_grcp9_awake_everywhere():
    proposal = best_split(grcp9_participants(), date(2021, 11, 10), "Europe/Zurich", 90)
    assert proposal.night > 0


def test_three_sessions_serve_at_least_as_many_in_working_hours_as_two():
    participants = grcp9_participants()
    two = best_split(participants, date(2021, 11, 10), "Europe/Zurich", 90, sessions=2)
    three = best_split(participants, date(2021, 11, 10), "Europe/Zurich", 90, sessions=3)
    assert three.working >= two.working
    starts = [slot.starts_at for slot in three.slots]
    assert all(
        later - earlier >= (utc(2021, 1, 1, 1, 30) - utc(2021, 1, 1))
        for earlier, later in zip(starts, starts[1:], strict=False)
    )


def test_split_on_a_day_when_clocks_change_uses_the_new_offsets():
    # On 14 March 2021 New York moves to UTC-4 while London stays at UTC+0: 13:00-14:00 UTC is 09:00 there.
    people = [
        Participant("ny", "New York", "America/New_York"),
        Participant("ldn", "London", "Europe/London"),
    ]
    proposal = best_split(people, date(2021, 3, 14), "Europe/London", 60)
    assert proposal.working == 2
    slot = proposal.slots[0]
    assert band(slot.starts_at, slot.ends_at, "America/New_York") == WORKING
    assert slot.starts_at >= utc(2021, 3, 14, 12)


def test_no_participant_gives_no_proposal():
    assert best_split([], date(2021, 11, 10), "Europe/Zurich", 90) is None


def test_grid_has_one_row_per_participant_and_marks_the_candidate_hours():
    people = [Participant("manila", "Manila", "Asia/Manila")]
    rows = grid(people, date(2021, 11, 10), "Europe/Zurich", utc(2021, 11, 10, 14), 90)
    assert len(rows) == 1 and len(rows[0]["cells"]) == 24
    assert rows[0]["band"] == NIGHT
    assert rows[0]["local_start"].strftime("%H:%M") == "22:00"
    assert [cell["local"].hour for cell in rows[0]["cells"] if cell["chosen"]] == [22, 23]


def test_the_grid_of_the_fall_back_day_has_25_columns():
    hours = day_hours(date(2021, 10, 31), "Europe/Zurich")
    assert len(hours) == 25
    rows = grid([Participant("x", "X", "Asia/Manila")], date(2021, 10, 31), "Europe/Zurich", hours[10], 60)
    assert len(rows[0]["cells"]) == 25


def local(instant: datetime, zone: str) -> str:
    return instant.astimezone(ZoneInfo(zone)).strftime("%d %H:%M")


def test_grcp9_split_over_two_days_has_a_session_each_day_and_every_iscm_awake():
    participants = grcp9_participants()
    for sessions in (2, 3):
        proposal = best_split(
            participants, date(2021, 11, 10), "Europe/Zurich", 90, sessions, hosts_awake=True, days=2
        )
        days = {local(slot.starts_at, "Europe/Zurich")[:2] for slot in proposal.slots}
        assert days == {"10", "11"}
        assert proposal.night == 0
        assert sorted(p.key for slot in proposal.slots for p in slot.participants) == sorted(
            p.key for p in participants
        )


def test_a_split_over_two_days_uses_each_days_offsets_across_the_clock_change():
    # Europe goes back an hour in the night of 30 to 31 October 2021; New York only on 7 November.
    people = [
        Participant("ny", "New York", "America/New_York"),
        Participant("tokyo", "Tokyo", "Asia/Tokyo"),
        Participant("zurich", "Zurich", "Europe/Zurich"),
    ]
    assert len(candidate_starts(date(2021, 10, 31), "Europe/Zurich", 90)) == 25 * 4 - 5
    proposal = best_split(people, date(2021, 10, 30), "Europe/Zurich", 90, 2, hosts_awake=True, days=2)
    first, second = proposal.slots
    assert (first.starts_at, [p.key for p in first.participants]) == (utc(2021, 10, 30, 5), ["tokyo"])
    assert (local(first.starts_at, "Europe/Zurich"), local(first.starts_at, "Asia/Tokyo")) == (
        "30 07:00",
        "30 14:00",
    )
    assert (second.starts_at, [p.key for p in second.participants]) == (
        utc(2021, 10, 31, 13),
        ["ny", "zurich"],
    )
    assert (local(second.starts_at, "Europe/Zurich"), local(second.starts_at, "America/New_York")) == (
        "31 14:00",
        "31 09:00",
    )
    assert (proposal.working, proposal.stretch, proposal.night) == (3, 0, 0)


def test_one_session_stays_on_the_chosen_day_even_with_two_days_allowed():
    proposal = best_split(grcp9_participants(), date(2021, 11, 10), "Europe/Zurich", 90, 1, days=2)
    assert local(proposal.slots[0].starts_at, "Europe/Zurich")[:2] == "10"


def brute_force(participants, day, zone, minutes, sessions, hosts_awake=False):
    """Every combination scored, the first best kept: what the pruned search must give."""
    starts = candidate_starts(day, zone, minutes)
    if hosts_awake:
        starts = [s for s in starts if band(s, s + timedelta(minutes=minutes), zone) != NIGHT]
    masks = [_masks(participants, start, minutes) for start in starts]
    best_key, best = None, None
    for combo in combinations(range(len(starts)), sessions):
        if any(
            starts[b] - starts[a] < timedelta(minutes=minutes) for a, b in zip(combo, combo[1:], strict=False)
        ):
            continue
        union = [0, 0, 0]
        for index in combo:
            union = [
                union[0] | masks[index].working,
                union[1] | masks[index].awake,
                union[2] | masks[index].core,
            ]
        key = tuple(part.bit_count() for part in union)
        if best_key is None or key > best_key:
            best_key, best = key, [starts[i] for i in combo]
    return best


def test_the_pruned_search_finds_what_trying_every_combination_finds():
    participants = grcp9_participants()[:9]
    for day, sessions, hosts_awake in (
        (date(2021, 11, 10), 2, False),
        (date(2021, 10, 31), 3, True),
        (date(2021, 3, 28), 2, True),
    ):
        proposal = best_split(participants, day, "Europe/Zurich", 90, sessions, hosts_awake)
        assert [slot.starts_at for slot in proposal.slots] == brute_force(
            participants, day, "Europe/Zurich", 90, sessions, hosts_awake
        )
