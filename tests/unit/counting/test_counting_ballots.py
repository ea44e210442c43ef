"""Validity of one ballot on both forms (Quy chế 190; docs/domain.md §3) and the reasons kept for invalid ballots."""

from __future__ import annotations

import pytest
from counting_factories import make_election

from models.counting import Ballot, Form, InvalidReason, MalformedError, Rules, Tally, judge

IDS = frozenset("abcd")


def strike(keep: str, void: str | None = None, *, seats: int = 3, rules: Rules | None = None):
    return judge(Ballot.strike(1, list(keep), void), Form.STRIKE, IDS, seats, rules or Rules())


def agree(marks: dict[str, str], ids: str = "abc", *, seats: int = 3, rules: Rules | None = None, void=None):
    return judge(Ballot.agree(1, marks, void), Form.AGREE, frozenset(ids), seats, rules or Rules())


# --- strike form ---------------------------------------------------------------------------------------------------
def test_strike_keeping_up_to_seats_is_valid_and_votes_for_the_kept():
    verdict = strike("abc")
    assert verdict.valid
    assert set(verdict.agree) == {"a", "b", "c"}
    assert verdict.disagree == ()


def test_strike_keeping_fewer_than_seats_is_valid():
    verdict = strike("a")
    assert verdict.valid and verdict.agree == ("a",)


def test_strike_keeping_more_than_seats_is_too_many():
    verdict = strike("abcd")
    assert verdict.reason == InvalidReason.TOO_MANY
    assert verdict.agree == ()


def test_strike_every_name_struck_is_invalid_by_default():
    assert strike("").reason == InvalidReason.ALL_STRUCK


def test_strike_every_name_struck_is_valid_when_the_rule_is_off():
    verdict = strike("", rules=Rules(all_struck_invalid=False))
    assert verdict.valid and verdict.agree == ()


@pytest.mark.parametrize("reason", ["not_issued", "added_name", "marked", "other"])
def test_declared_reason_wins_over_a_perfect_ballot(reason):
    assert strike("ab", reason).reason == InvalidReason(reason)
    assert agree({"a": "agree", "b": "agree", "c": "agree"}, void=reason).reason == InvalidReason(reason)


def test_declared_reason_wins_over_too_many():
    assert strike("abcd", "marked").reason == InvalidReason.MARKED


def test_strike_unknown_candidate_is_malformed_naming_ballot_and_field():
    with pytest.raises(MalformedError) as err:
        judge(Ballot.strike(7, ["a", "c9"]), Form.STRIKE, IDS, 3, Rules())
    assert err.value.message == 'Phiếu số 7: mã ứng cử viên "c9" không có trong danh sách (trường keep).'
    assert err.value.field == "keep"
    assert err.value.ballot_no == 7


def test_strike_name_kept_twice_is_malformed():
    with pytest.raises(MalformedError, match="Phiếu số 2"):
        judge(Ballot.strike(2, ["a", "a"]), Form.STRIKE, IDS, 3, Rules())


def test_wrong_form_is_malformed():
    with pytest.raises(MalformedError) as err:
        judge(Ballot.agree(4, {"a": "agree"}), Form.STRIKE, IDS, 3, Rules())
    assert err.value.field == "marks" and err.value.ballot_no == 4
    with pytest.raises(MalformedError) as err:
        judge(Ballot.strike(5, ["a"]), Form.AGREE, IDS, 3, Rules())
    assert err.value.field == "keep" and err.value.ballot_no == 5


# --- agree form, several candidates ----------------------------------------------------------------------------------
def test_agree_marks_give_agree_and_disagree():
    verdict = agree({"a": "agree", "b": "disagree", "c": "agree"})
    assert verdict.valid
    assert verdict.agree == ("a", "c")
    assert verdict.disagree == ("b",)


def test_agree_row_with_both_or_none_keeps_ballot_valid_without_vote_for_that_row():
    verdict = agree({"a": "both", "b": "agree", "c": "none"})
    assert verdict.valid
    assert verdict.agree == ("b",)
    assert verdict.disagree == ()


def test_agree_missing_row_means_none():
    verdict = agree({"b": "disagree"})
    assert verdict.valid and verdict.agree == () and verdict.disagree == ("b",)


def test_agree_more_agree_marks_than_seats_is_too_many():
    verdict = agree({"a": "agree", "b": "agree", "c": "agree", "d": "disagree"}, "abcd", seats=2)
    assert verdict.reason == InvalidReason.TOO_MANY
    # exactly `seats` agree marks is fine
    assert agree({"a": "agree", "b": "agree", "c": "disagree"}, seats=2).valid


def test_agree_blank_ballot_is_valid_by_default():
    for marks in ({}, {"a": "none", "b": "none", "c": "none"}):
        verdict = agree(marks)
        assert verdict.valid and verdict.agree == () and verdict.disagree == ()


def test_agree_blank_ballot_is_blank_invalid_when_the_rule_is_off():
    off = Rules(blank_agree_ballot_valid=False)
    assert agree({}, rules=off).reason == InvalidReason.BLANK
    assert agree({"a": "none"}, rules=off).reason == InvalidReason.BLANK
    # one row marked "both" is a mark: not blank, still valid, no vote
    assert agree({"a": "both"}, rules=off).valid
    assert agree({"a": "disagree"}, rules=off).valid


def test_agree_unknown_candidate_is_malformed():
    with pytest.raises(MalformedError) as err:
        judge(Ballot.agree(3, {"zz": "agree"}), Form.AGREE, IDS, 3, Rules())
    assert "Phiếu số 3" in err.value.message and "zz" in err.value.message and "marks" in err.value.message


# --- agree form, one candidate ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("mark", "valid"), [("agree", True), ("disagree", True), ("both", False), ("none", False)])
def test_single_candidate_needs_exactly_one_box(mark, valid):
    verdict = agree({"a": mark}, "a", seats=1)
    assert verdict.valid is valid
    if not valid:
        assert verdict.reason == InvalidReason.SINGLE_NOT_ONE_BOX


@pytest.mark.parametrize("blank_valid", [True, False])
def test_single_candidate_without_any_mark_is_single_not_one_box_whatever_the_blank_rule(blank_valid):
    verdict = agree({}, "a", seats=1, rules=Rules(blank_agree_ballot_valid=blank_valid))
    assert verdict.reason == InvalidReason.SINGLE_NOT_ONE_BOX


# --- reasons are kept and totalled -----------------------------------------------------------------------------------
def test_every_invalid_ballot_keeps_its_reason_and_reasons_are_totalled():
    tally = Tally(make_election("abcd", seats=3, summoned=15))
    tally.add(Ballot.strike(1, "abcd"))  # too many
    tally.add(Ballot.strike(2, ""))  # all struck
    tally.add(Ballot.strike(3, "ab", "not_issued"))
    tally.add(Ballot.strike(4, "ab", "added_name"))
    tally.add(Ballot.strike(5, "a", "marked"))
    tally.add(Ballot.strike(6, "a", "other"))
    tally.add(Ballot.strike(7, "abcd", "other"))
    tally.add(Ballot.strike(8, "ab"))  # valid
    assert tally.verdict(1).reason == InvalidReason.TOO_MANY
    assert tally.verdict(7).reason == InvalidReason.OTHER
    res = tally.result()
    assert (res.collected, res.valid, res.invalid) == (8, 1, 7)
    assert dict(res.invalid_reasons) == {
        "too_many": 1,
        "all_struck": 1,
        "blank": 0,
        "single_not_one_box": 0,
        "not_issued": 1,
        "added_name": 1,
        "marked": 1,
        "other": 2,
    }
    assert [c.votes for c in res.candidates] == [1, 1, 0, 0]


def test_worked_example_2_too_many_is_invalid_fewer_is_valid():
    tally = Tally(make_election("abcd", seats=3, summoned=15))
    v1 = tally.add(Ballot.strike(1, "abcd"))
    v2 = tally.add(Ballot.strike(2, "ab"))
    assert v1.reason == InvalidReason.TOO_MANY
    assert v2.valid
    res = tally.result()
    assert (res.valid, res.invalid, res.invalid_reasons[InvalidReason.TOO_MANY]) == (1, 1, 1)
    assert [c.votes for c in res.candidates] == [1, 1, 0, 0]
