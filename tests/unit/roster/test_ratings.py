"""Quality rating rules: who is rated, the 100-point scale, the 20 % quota of "xuất sắc"."""

from __future__ import annotations

import pytest

from models.core.errors import ValidationError
from models.roster.event_kinds import EventKind
from models.roster.ratings import (
    excellent_quota_warning,
    max_excellent,
    rateable,
    rating_summary,
    score_to_level,
)
from models.roster.records import RatingRecord
from tests.support.rules_factories import d, ev, member


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.99, "good"),
        (70, "good"),
        (69.5, "done"),
        (50, "done"),
        (49.99, "not_done"),
        (0, "not_done"),
    ],
)
def test_score_to_level_boundaries(score, level):
    assert score_to_level(score) == level


@pytest.mark.parametrize("score", [-1, 100.5])
def test_score_outside_scale_is_rejected(score):
    with pytest.raises(ValidationError, match="ngoài thang điểm"):
        score_to_level(score)


@pytest.mark.parametrize(("good", "allowed"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3)])
def test_max_excellent_is_a_fifth_of_good_rounded_down(good, allowed):
    assert max_excellent(good) == allowed


def _ratings(excellent: int, good: int, done: int = 0) -> list[RatingRecord]:
    levels = ["excellent"] * excellent + ["good"] * good + ["done"] * done
    return [RatingRecord(i, 2025, level) for i, level in enumerate(levels)]


def test_quota_nine_good_allows_one_excellent():
    assert excellent_quota_warning(_ratings(1, 9)) is None
    warning = excellent_quota_warning(_ratings(2, 9))
    assert warning == (
        "Số đảng viên xếp loại «Hoàn thành xuất sắc nhiệm vụ» (2) vượt quá 20% số đảng viên xếp loại "
        "«Hoàn thành tốt nhiệm vụ» (9): tối đa 1."
    )


def test_quota_ten_good_allows_two_excellent():
    assert excellent_quota_warning(_ratings(2, 10, done=3)) is None
    assert excellent_quota_warning(_ratings(3, 10)) is not None


def test_quota_with_no_good_and_with_level_strings():
    assert excellent_quota_warning(["excellent"]) is not None
    assert excellent_quota_warning(["done", "not_done"]) is None
    assert excellent_quota_warning([]) is None


def test_rating_summary_counts_every_level_in_order():
    summary = rating_summary(_ratings(1, 3, done=2) + [RatingRecord(99, 2025, "not_done")])
    assert list(summary.items()) == [("excellent", 1), ("good", 3), ("done", 2), ("not_done", 1)]
    assert rating_summary([]) == {"excellent": 0, "good": 0, "done": 0, "not_done": 0}
    with pytest.raises(ValidationError):
        rating_summary(["great"])


def test_rateable_current_members_including_probationary():
    assert rateable(member(admitted="01/01/2000", official="01/01/2001"), 2025)
    assert rateable(member(admitted="15/03/2025"), 2025)  # probationary
    assert not rateable(member(admitted="15/01/2026"), 2025)  # not yet admitted on 31/12/2025


def test_exempted_on_31_december_is_not_rated():
    exempted = member(admitted="01/01/2000", official="01/01/2001", events=[ev(EventKind.EXEMPTED, "01/12/2025")])
    assert not rateable(exempted, 2025)
    assert rateable(exempted, 2025, on=d("30/11/2025"))  # judged on the day given
    assert rateable(exempted, 2024)


def test_exempted_for_part_of_the_year_is_rated():
    events = [ev(EventKind.EXEMPTED, "01/03/2025"), ev(EventKind.EXEMPTION_END, "01/10/2025")]
    assert rateable(member(admitted="01/01/2000", events=events), 2025)
    by_end_date = [ev(EventKind.EXEMPTED, "01/03/2025", end_date=d("30/09/2025"))]
    assert rateable(member(admitted="01/01/2000", events=by_end_date), 2025)


def test_members_who_left_are_not_rated():
    for kind in (EventKind.TRANSFERRED_OUT, EventKind.DIED, EventKind.STRUCK_OFF):
        assert not rateable(member(admitted="01/01/2000", events=[ev(kind, "01/11/2025")]), 2025)


def test_suspended_and_temporarily_elsewhere_are_rated():
    for kind in (EventKind.SUSPENDED, EventKind.TEMPORARY_ELSEWHERE):
        assert rateable(member(admitted="01/01/2000", events=[ev(kind, "01/11/2025")]), 2025)
