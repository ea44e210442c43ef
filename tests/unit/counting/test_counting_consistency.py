"""Consistency problems block the result; aggregate (hand) totals get the same checks."""

from __future__ import annotations

import pytest
from counting_factories import agree_ballots, make_election, strike_ballots

from models.counting import (
    Exclusions,
    Form,
    InvalidReason,
    MalformedError,
    NextAction,
    Totals,
    count_ballots,
    count_totals,
)


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def assert_blocked(result, *expected_codes: str) -> None:
    assert codes(result) == list(expected_codes)
    assert result.elected == ()
    assert not any(c.elected for c in result.candidates)
    assert result.tied == ()
    assert result.next_action == NextAction.NONE
    for p in result.problems:
        assert p.message and p.message[0].isupper()


def test_collected_more_than_issued_blocks():
    election = make_election("abcd", seats=3, summoned=15, present=15, issued=14)
    res = count_ballots(election, strike_ballots([("abc", 15)]))
    assert_blocked(res, "collected_exceeds_issued")
    assert res.problems[0].message == "Số phiếu thu vào (15) lớn hơn số phiếu phát ra (14)."
    assert res.open_seats == 3
    # votes are still shown for the committee to check
    assert [c.votes for c in res.candidates] == [15, 15, 15, 0]


def test_collected_equal_to_issued_is_fine_and_fewer_is_fine():
    election = make_election("abcd", seats=3, summoned=15, present=15, issued=15)
    assert count_ballots(election, strike_ballots([("abc", 15)])).problems == ()
    assert count_ballots(election, strike_ballots([("abc", 12)])).problems == ()


def test_issued_more_than_present_blocks():
    election = make_election("abcd", seats=3, summoned=15, present=12, issued=13)
    res = count_ballots(election, strike_ballots([("abc", 12)]))
    assert_blocked(res, "issued_exceeds_present")
    assert "13" in res.problems[0].message and "12" in res.problems[0].message


def test_totals_votes_above_valid_blocks():
    election = make_election("abcd", seats=3, summoned=15)
    res = count_totals(election, Totals(collected=15, invalid={"too_many": 2}, votes={"a": 14, "b": 13}))
    assert res.valid == 13
    assert_blocked(res, "votes_exceed_valid")
    assert res.problems[0].message == ("Ứng cử viên Nguyễn Văn An có số phiếu bầu (14) lớn hơn số phiếu hợp lệ (13).")


def test_totals_sum_of_votes_above_seats_times_valid_blocks():
    election = make_election("abcd", seats=2, summoned=15)
    res = count_totals(election, Totals(collected=10, votes={"a": 10, "b": 10, "c": 1}))
    assert_blocked(res, "votes_sum_exceeds")
    # exactly seats × valid is fine
    ok = count_totals(election, Totals(collected=10, votes={"a": 10, "b": 10}))
    assert ok.problems == ()


def test_totals_invalid_above_collected_does_not_add_up():
    election = make_election("abcd", seats=3, summoned=15)
    res = count_totals(election, Totals(collected=5, invalid={"too_many": 6}))
    assert "totals_mismatch" in codes(res)
    assert res.elected == () and res.next_action == NextAction.NONE


def test_totals_with_valid_given_must_add_up():
    election = make_election("abcd", seats=3, summoned=15)
    res = count_totals(election, Totals(collected=15, invalid={"too_many": 1}, valid=13, votes={"a": 13}))
    assert_blocked(res, "totals_mismatch")
    assert res.problems[0].message == (
        "Số phiếu hợp lệ (13) cộng số phiếu không hợp lệ (1) không bằng số phiếu thu vào (15)."
    )
    fine = count_totals(election, Totals(collected=15, invalid={"too_many": 1}, valid=14, votes={"a": 13}))
    assert fine.problems == () and fine.elected == ("a",)


def test_agree_plus_disagree_above_valid_blocks():
    election = make_election("efg", seats=3, form=Form.AGREE, summoned=20)
    res = count_totals(election, Totals(collected=18, votes={"e": 12}, disagree={"e": 7}))
    assert_blocked(res, "marks_exceed_valid")


def test_totals_agree_form_gives_disagree_and_not_counted():
    election = make_election(
        "efg",
        seats=3,
        form=Form.AGREE,
        summoned=22,
        excluded=Exclusions(temporary_elsewhere=1, exempt_absent=1),
        present=18,
        issued=18,
    )
    totals = Totals(collected=18, invalid={}, votes={"e": 17, "f": 16, "g": 12}, disagree={"e": 0, "f": 2, "g": 5})
    res = count_totals(election, totals)
    assert res.problems == ()
    assert [(c.votes, c.disagree, c.not_counted) for c in res.candidates] == [(17, 0, 1), (16, 2, 0), (12, 5, 1)]
    assert res.elected == ("e", "f", "g")
    # same result as counting the ballots of worked example 3
    ballots = agree_ballots("efg", [("AAA", 12), ("AAD", 3), ("ADD", 2), ("BAN", 1)])
    assert res == count_ballots(election, ballots)


def test_totals_equal_the_ballot_count_on_strike_form():
    election = make_election("abcd", seats=3, summoned=15)
    ballots = strike_ballots([("abc", 8), ("abd", 4), ("acd", 2), ("bcd", 1)]) + strike_ballots([("abcd", 0)])
    by_hand = Totals(collected=15, invalid={InvalidReason.TOO_MANY: 0}, votes={"a": 14, "b": 13, "c": 11, "d": 7})
    assert count_totals(election, by_hand) == count_ballots(election, ballots)


@pytest.mark.parametrize(
    ("totals", "field"),
    [
        (Totals(collected=-1), "totals.collected"),
        (Totals(collected=5, votes={"a": -2}), "totals.votes.a"),
        (Totals(collected=5, votes={"zz": 2}), "totals.votes"),
        (Totals(collected=5, invalid={"nonsense": 1}), "totals.invalid"),
        (Totals(collected=5, invalid={"too_many": 1.5}), "totals.invalid.too_many"),
        (Totals(collected=5, disagree={"a": 1}), "totals.disagree"),  # strike form has no disagree
    ],
)
def test_malformed_totals_raise(totals, field):
    with pytest.raises(MalformedError) as err:
        count_totals(make_election("abcd", seats=3), totals)
    assert err.value.field == field


def test_empty_electorate_blocks():
    election = make_election("ab", seats=1, summoned=2, excluded=Exclusions(absent_approved=2), present=0, issued=0)
    res = count_totals(election, Totals(collected=0))
    assert "electorate_empty" in codes(res)
    assert res.elected == ()


def test_present_above_those_who_can_attend_blocks():
    election = make_election("ab", seats=1, summoned=10, excluded=Exclusions(absent_approved=2), present=9, issued=9)
    res = count_totals(election, Totals(collected=9, votes={"a": 9}))
    assert_blocked(res, "present_exceeds_summoned")


def test_several_problems_are_all_reported():
    election = make_election("abcd", seats=1, summoned=15, present=10, issued=11)
    res = count_totals(election, Totals(collected=12, votes={"a": 13}))
    assert codes(res) == [
        "collected_exceeds_issued",
        "issued_exceeds_present",
        "votes_exceed_valid",
        "votes_sum_exceeds",
    ]
