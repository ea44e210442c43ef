"""Party badge milestones, award days and the next milestone of a member."""

from __future__ import annotations

import pytest

from models.roster.badges import (
    BADGE_MILESTONES,
    award_date_for,
    award_dates,
    awarded_milestones,
    badge_note,
    milestone_from_note,
    next_award_date,
    next_badge_milestone,
    previous_award_date,
)
from models.roster.event_kinds import EventKind
from tests.support.rules_factories import d, ev, member


def badge(when: str, note: str, **values):
    return ev(EventKind.BADGE_AWARDED, when, note=note, **values)


def test_milestones_and_award_days():
    assert BADGE_MILESTONES == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    assert award_dates(2026) == [d("03/02/2026"), d("19/05/2026"), d("02/09/2026"), d("07/11/2026")]


@pytest.mark.parametrize(
    ("note", "years"),
    [
        ("Huy hiệu 30 năm tuổi Đảng", 30),
        ("30 năm", 30),
        ("30năm", 30),
        ("HUY HIỆU 45 NĂM", 45),
        ("HH 50", 50),
        ("Quyết định số 55-QĐ/TU, Huy hiệu 40 năm", 40),  # the number before "năm" wins
        ("Quyết định 125 năm", None),  # 25 inside 125 is not a milestone
        ("Huy hiệu 35 năm", None),
        ("", None),
        ("Trao Huy hiệu Đảng", None),
    ],
)
def test_milestone_from_note(note, years):
    assert milestone_from_note(note) == years


def test_badge_note_reads_back():
    assert all(milestone_from_note(badge_note(y)) == y for y in BADGE_MILESTONES)


def test_awarded_milestones_named_unnamed_replaced_and_by_date():
    named = [badge("03/02/2020", "30 năm"), badge("03/02/2030", "Huy hiệu 40 năm")]
    assert awarded_milestones(member(events=named)) == {30, 40}
    assert awarded_milestones(member(events=named), d("01/01/2025")) == {30}
    assert awarded_milestones(member(events=[badge("03/02/2020", "")])) == {30}
    mixed = [badge("03/02/2020", ""), badge("03/02/2030", "40 năm")]
    assert awarded_milestones(member(events=mixed)) == {30, 40}
    only_forty_named = [badge("03/02/2030", "40 năm"), badge("03/02/2035", "")]
    assert awarded_milestones(member(events=only_forty_named)) == {30, 40}
    replaced = [badge("03/02/2020", "30 năm", replaced_by=77)]
    assert awarded_milestones(member(events=replaced)) == set()


@pytest.mark.parametrize(
    ("reached", "award"),
    [
        ("03/02/2026", "03/02/2026"),  # on an award day: that day
        ("04/02/2026", "19/05/2026"),  # the day after: the next one
        ("01/01/2026", "03/02/2026"),
        ("19/05/2026", "19/05/2026"),
        ("20/05/2026", "02/09/2026"),
        ("03/09/2026", "07/11/2026"),
        ("08/11/2026", "03/02/2027"),
        ("31/12/2026", "03/02/2027"),
    ],
)
def test_award_date_for(reached, award):
    assert award_date_for(d(reached)) == d(award)
    assert next_award_date(d(reached)) == d(award)


def test_previous_award_date():
    assert previous_award_date(d("03/02/2026")) == d("07/11/2025")
    assert previous_award_date(d("04/02/2026")) == d("03/02/2026")
    assert previous_award_date(d("19/05/2026")) == d("03/02/2026")
    assert previous_award_date(d("31/12/2026")) == d("07/11/2026")


def test_next_milestone_before_and_after_thirty():
    m = member(admitted="03/02/1996", official="03/02/1997")
    assert next_badge_milestone(m, d("01/01/2026")) == (30, d("03/02/2026"))
    assert next_badge_milestone(m, d("03/02/2026")) == (30, d("03/02/2026"))
    awarded = member(admitted="03/02/1996", events=[badge("03/02/2026", "30 năm")])
    assert next_badge_milestone(awarded, d("01/03/2026")) == (40, d("03/02/2036"))


def test_next_milestone_is_the_highest_reached_when_earlier_ones_were_missed():
    m = member(admitted="01/01/1980")
    assert next_badge_milestone(m, d("01/06/2026")) == (45, d("01/01/2025"))
    with_thirty = member(admitted="01/01/1980", events=[badge("03/02/2010", "30 năm")])
    assert next_badge_milestone(with_thirty, d("01/06/2026")) == (45, d("01/01/2025"))
    with_forty_five = member(admitted="01/01/1980", events=[badge("03/02/2025", "45 năm")])
    assert next_badge_milestone(with_forty_five, d("01/06/2026")) == (50, d("01/01/2030"))


def test_next_milestone_none_when_count_stopped_or_all_awarded():
    expelled = member(admitted="01/01/1980", events=[ev(EventKind.EXPELLED, "01/01/2000")])
    assert next_badge_milestone(expelled, d("01/06/2026")) is None
    all_done = member(admitted="01/01/1920", events=[badge("03/02/2010", "90 năm")])
    assert next_badge_milestone(all_done, d("01/06/2026")) is None


def test_next_milestone_respects_gaps():
    events = [ev(EventKind.STRUCK_OFF, "03/02/2000"), ev(EventKind.READMITTED, "03/02/2003")]
    m = member(admitted="03/02/1990", events=events)
    assert next_badge_milestone(m, d("01/01/2021")) == (30, d("03/02/2023"))
