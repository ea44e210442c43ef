"""Reminders: recognitions due, the badge list of an award day, members without a rating."""

from __future__ import annotations

from models.roster.event_kinds import EventKind
from models.roster.records import RatingRecord
from models.roster.reminders import (
    PROBATION_NOTICE_DAYS,
    badge_due_for_award_date,
    badge_reminders,
    missing_ratings,
    probation_notice,
    recognition_reminders,
)
from tests.support.rules_factories import d, ev, member


def names(items) -> list[str]:
    return [getattr(item, "member", item).full_name for item in items]


# --- recognition ----------------------------------------------------------------------------------------------------


def test_recognition_reminders_window_deadline_and_overdue():
    on = d("01/03/2025")
    soon = member("Trần Thị Bình", admitted="01/03/2024", ceremony="15/03/2024")  # ends in 14 days
    later = member("Lê Văn Cường", admitted="01/05/2024", ceremony="15/05/2024")  # ends in 75 days
    overdue = member("Nguyễn Văn An", admitted="20/12/2023", ceremony="01/01/2024")  # ended 01/01/2025
    official = member("Phạm Thị Dung", admitted="01/01/2023", ceremony="01/01/2023", official="01/01/2024")
    recognised = member("Đỗ Văn Em", admitted="01/02/2024", events=[ev(EventKind.RECOGNISED, "01/02/2025")])
    gone = member("Vũ Văn Giang", admitted="01/02/2024", events=[ev(EventKind.STRUCK_OFF, "20/02/2025")])
    reminders = recognition_reminders([soon, later, overdue, official, recognised, gone], on)
    assert names(reminders) == ["Nguyễn Văn An", "Trần Thị Bình"]  # A-B-C by given name
    an, binh = reminders
    # Wednesday 01/01/2025 + 30 working days, the Tết week (27-31/01) off = 19/02/2025 (12/02 without Tết).
    assert (an.probation_end, an.deadline) == (d("01/01/2025"), d("19/02/2025"))
    assert (an.days_to_probation_end, an.days_to_deadline, an.overdue) == (-59, -10, True)
    # Saturday 15/03/2025 + 30 working days, Giỗ Tổ (07/04) off and Saturday 26/04 worked = 26/04/2025.
    assert (binh.probation_end, binh.deadline) == (d("15/03/2025"), d("26/04/2025"))
    assert (binh.days_to_probation_end, binh.overdue) == (14, False)


def test_recognition_window_is_configurable_and_inclusive():
    m = member(admitted="01/03/2024", ceremony="31/03/2024")  # ends 31/03/2025
    assert recognition_reminders([m], d("28/02/2025")) == []  # 31 days ahead
    assert [r.days_to_probation_end for r in recognition_reminders([m], d("01/03/2025"))] == [30]
    assert recognition_reminders([m], d("01/03/2025"), within_days=29) == []
    assert len(recognition_reminders([m], d("28/02/2025"), within_days=31)) == 1


# --- badges ---------------------------------------------------------------------------------------------------------


def test_thirty_years_exactly_on_the_award_day_vs_the_day_after():
    on_day = member("Nguyễn Văn An", admitted="03/02/1996", official="03/02/1997")
    day_after = member("Trần Văn Bình", admitted="04/02/1996", official="04/02/1997")
    due = badge_due_for_award_date([on_day, day_after], d("03/02/2026"))
    assert names(due) == ["Nguyễn Văn An"]
    assert (due[0].years, due[0].reached_on, due[0].early, due[0].missed_earlier) == (30, d("03/02/2026"), "", False)
    next_round = badge_due_for_award_date([on_day, day_after], d("19/05/2026"))
    assert [(c.member.full_name, c.missed_earlier) for c in next_round] == [
        ("Nguyễn Văn An", True),  # still not awarded: listed again, marked
        ("Trần Văn Bình", False),
    ]


def test_missed_earlier_and_already_awarded():
    missed = member("Lê Văn Cường", admitted="01/01/1995", official="01/01/1996")  # 30 on 01/01/2025
    awarded = member(
        "Phạm Văn Dũng",
        admitted="01/01/1995",
        official="01/01/1996",
        events=[ev(EventKind.BADGE_AWARDED, "03/02/2025", note="Huy hiệu 30 năm tuổi Đảng")],
    )
    due = badge_due_for_award_date([missed, awarded], d("03/02/2026"))
    assert names(due) == ["Lê Văn Cường"] and due[0].missed_earlier


def test_only_official_members_on_the_roster():
    probationary_again = member(
        "Hoàng Văn An",
        admitted="01/01/1990",
        official="01/01/1991",
        events=[ev(EventKind.STRUCK_OFF, "01/01/1995"), ev(EventKind.READMITTED, "01/06/2025")],
    )
    moved = member(
        "Đỗ Văn Bình",
        admitted="01/01/1990",
        official="01/01/1991",
        events=[ev(EventKind.TRANSFERRED_OUT, "01/01/2020")],
    )
    assert badge_due_for_award_date([probationary_again, moved], d("03/02/2026")) == []


def test_seriously_ill_up_to_twelve_months_early_only_when_asked():
    ill = member("Ngô Văn Em", admitted="01/01/1997", official="01/01/1998", id=501)  # 30 on 01/01/2027
    assert badge_due_for_award_date([ill], d("03/02/2026")) == []
    due = badge_due_for_award_date([ill], d("03/02/2026"), seriously_ill_ids={501})
    assert [(c.years, c.reached_on, c.early) for c in due] == [(30, d("01/01/2027"), "ill")]
    too_far = member("Ngô Văn Em", admitted="01/06/1997", official="01/06/1998", id=502)  # 01/06/2027
    assert badge_due_for_award_date([too_far], d("03/02/2026"), seriously_ill_ids={502}) == []


def test_seriously_ill_up_to_twenty_four_months_from_seventy_years():
    events = [ev(EventKind.BADGE_AWARDED, "03/02/2022", note="65 năm")]
    old = member("Lý Văn Phúc", admitted="01/06/1957", official="01/06/1958", id=601, events=events)
    # 70 years on 01/06/2027: 16 months after 03/02/2026.
    due = badge_due_for_award_date([old], d("03/02/2026"), seriously_ill_ids={601})
    assert [(c.years, c.early) for c in due] == [(70, "ill")]
    assert badge_due_for_award_date([old], d("03/02/2026")) == []


def test_posthumous_only_when_asked():
    # 30 years would be 01/03/2026; died 01/01/2026, two months before.
    died = member(
        "Bùi Văn Giang", admitted="01/03/1996", official="01/03/1997", events=[ev(EventKind.DIED, "01/01/2026")]
    )
    assert badge_due_for_award_date([died], d("19/05/2026")) == []
    due = badge_due_for_award_date([died], d("19/05/2026"), posthumous=True)
    assert [(c.years, c.reached_on, c.early) for c in due] == [(30, d("01/03/2026"), "posthumous")]
    long_ago = member(
        "Bùi Văn Hải", admitted="01/03/1994", official="01/03/1995", events=[ev(EventKind.DIED, "01/01/2024")]
    )
    assert badge_due_for_award_date([long_ago], d("19/05/2026"), posthumous=True) == []
    too_early = member(
        "Bùi Văn Khánh", admitted="01/03/1997", official="01/03/1998", events=[ev(EventKind.DIED, "01/01/2026")]
    )  # 30 years would be 01/03/2027: 14 months after death
    assert badge_due_for_award_date([too_early], d("19/05/2026"), posthumous=True) == []


def test_badge_reminders_use_the_next_award_day_and_abc_order():
    members = [
        member("Trần Văn Bình", admitted="10/02/1996", official="10/02/1997"),
        member("Nguyễn Thị Ánh", admitted="01/05/1996", official="01/05/1997"),
        member("Lê Văn Anh", admitted="01/04/1996", official="01/04/1997"),
        member("Hoàng Văn Cường", admitted="01/06/1996", official="01/06/1997"),  # after 19/05
    ]
    due = badge_reminders(members, d("04/02/2026"))
    assert {c.award_date for c in due} == {d("19/05/2026")}
    assert names(due) == ["Lê Văn Anh", "Nguyễn Thị Ánh", "Trần Văn Bình"]
    assert names(badge_reminders(members, d("19/05/2026"))) == names(due)  # on the day itself


# --- ratings --------------------------------------------------------------------------------------------------------


def test_missing_ratings():
    members = [
        member("Trần Văn Bình", id=1, official="19/05/2001"),
        member("Nguyễn Văn An", id=2, official="19/05/2001"),
        member("Lê Văn Cường", id=3, official="19/05/2001"),
        member("Phạm Văn Dũng", id=4, events=[ev(EventKind.EXEMPTED, "01/01/2025")]),
        member("Đỗ Văn Em", id=5, events=[ev(EventKind.TRANSFERRED_OUT, "01/06/2025")]),
        member("Ngô Thị Hà", id=6, admitted="01/06/2025"),  # probationary: rated
    ]
    ratings = [RatingRecord(3, 2025, "good"), RatingRecord(1, 2024, "good")]
    assert names(missing_ratings(members, ratings, 2025)) == ["Nguyễn Văn An", "Trần Văn Bình", "Ngô Thị Hà"]
    # In 2024 Em was still here, Dũng not yet exempted, Hà not yet admitted.
    assert names(missing_ratings(members, ratings, 2024)) == [
        "Nguyễn Văn An",
        "Lê Văn Cường",
        "Phạm Văn Dũng",
        "Đỗ Văn Em",
    ]


def test_entered_past_a_milestone_without_badge_events_is_unclear_not_missed():
    entered = member("Lê Văn Cường", admitted="01/01/1990", official="01/01/1991", entered_on=d("01/06/2025"))
    typed_early = member("Vũ Văn Em", admitted="01/01/1995", official="01/01/1996", entered_on=d("01/06/2020"))
    due = {c.member.full_name: c for c in badge_due_for_award_date([entered, typed_early], d("03/02/2026"))}
    assert due["Lê Văn Cường"].history_unknown and not due["Lê Văn Cường"].missed_earlier
    assert due["Vũ Văn Em"].missed_earlier and not due["Vũ Văn Em"].history_unknown  # 30 years reached in ChiBo


def test_a_badge_event_makes_the_history_known():
    from models.roster.badges import badge_history_unknown

    awarded = [ev(EventKind.BADGE_AWARDED, "03/02/2020", note="Huy hiệu 30 năm tuổi Đảng")]
    known = member("Phạm Văn Dũng", admitted="01/01/1990", events=awarded, entered_on=d("01/06/2025"))
    assert not badge_history_unknown(known)
    voided = [ev(EventKind.BADGE_AWARDED, "03/02/2020", note="Huy hiệu 30 năm tuổi Đảng", voided_at=d("01/07/2025"))]
    assert badge_history_unknown(
        member("Phạm Văn Dũng", admitted="01/01/1990", events=voided, entered_on=d("01/06/2025"))
    )
    assert not badge_history_unknown(member("Phạm Văn Dũng", admitted="01/01/1990"))  # never saved: no entry day


def test_probation_notices_90_60_30_7_days_before_its_end():
    on = d("01/03/2025")
    later = member("Lê Văn Cường", admitted="01/05/2024", ceremony="15/05/2024")  # ends in 75 days
    soon = member("Trần Thị Bình", admitted="01/03/2024", ceremony="15/03/2024")  # ends in 14 days
    week = member("Phạm Văn Dũng", admitted="01/03/2024", ceremony="05/03/2024")  # ends in 4 days
    ended = member("Nguyễn Văn An", admitted="20/12/2023", ceremony="01/01/2024")
    far = member("Đỗ Văn Em", admitted="01/06/2024", ceremony="10/06/2024")  # ends in 101 days
    found = recognition_reminders([later, soon, week, ended, far], on, within_days=PROBATION_NOTICE_DAYS[0])
    assert {r.member.full_name: r.notice for r in found} == {
        "Lê Văn Cường": 90,
        "Trần Thị Bình": 30,
        "Phạm Văn Dũng": 7,
        "Nguyễn Văn An": 0,
    }
    assert [probation_notice(d("30/05/2025"), on), probation_notice(d("31/05/2025"), on)] == [90, None]
