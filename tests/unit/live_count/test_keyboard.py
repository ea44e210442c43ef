"""Keyboard entry of a paper ballot: the keys and the ballot they make (the 9-name goal: 3 keystrokes)."""

from __future__ import annotations

import pytest

from models.counting import Ballot, Form, InvalidReason, Mark
from models.live_count.keyboard import BallotDraft, digits_per_number, keystrokes

IDS9 = tuple(f"c{i}" for i in range(1, 10))


def test_nine_names_two_struck_is_three_keystrokes():
    draft = BallotDraft(IDS9, Form.STRIKE)
    assert draft.type_digit("3") == 2 and draft.type_digit("7") == 6
    assert draft.ballot(1) == Ballot.strike(1, [c for c in IDS9 if c not in ("c3", "c7")])
    assert keystrokes(Form.STRIKE, 9, [2, 6]) == 3


def test_a_second_press_takes_a_strike_back():
    draft = BallotDraft(IDS9, Form.STRIKE)
    draft.type_digit("4")
    draft.type_digit("4")
    assert draft.ballot(1).keep == IDS9


def test_ten_or_more_candidates_use_fixed_width_numbers():
    ids = tuple(f"c{i}" for i in range(1, 61))
    assert digits_per_number(60) == 2 and digits_per_number(120) == 3
    draft = BallotDraft(ids, Form.STRIKE)
    assert draft.type_digit("1") is None and draft.pending == "1"  # waits for the second digit
    assert draft.type_digit("2") == 11
    draft.type_digit("0")
    draft.type_digit("1")
    assert draft.struck == {0, 11}
    draft.type_digit("7")
    draft.type_digit("5")
    assert draft.message == "Không có ứng cử viên số 75." and draft.struck == {0, 11}
    draft.type_digit("5")
    draft.backspace()
    assert draft.pending == ""


def test_agree_form_cycles_and_plus_marks_every_row():
    ids = ("a", "b", "c")
    draft = BallotDraft(ids, Form.AGREE)
    draft.all_agree()
    draft.type_digit("2")  # agree -> disagree
    draft.type_digit("3")
    draft.type_digit("3")  # agree -> disagree -> both
    assert draft.ballot(4) == Ballot.agree(4, {"a": "agree", "b": "disagree", "c": "both"})
    draft.type_digit("3")
    assert draft.marks[2] == Mark.NONE and "c" not in draft.ballot(4).marks


def test_declared_reason_toggles_and_clear_starts_again():
    draft = BallotDraft(IDS9, Form.STRIKE)
    draft.declare(InvalidReason.MARKED)
    assert draft.ballot(1).void == InvalidReason.MARKED
    draft.declare(InvalidReason.MARKED)
    assert draft.ballot(1).void is None
    with pytest.raises(ValueError):
        draft.declare(InvalidReason.TOO_MANY)  # the engine's own reasons are never declared
    draft.type_digit("1")
    draft.clear()
    assert draft.ballot(1).keep == IDS9


def test_a_saved_ballot_loads_back_for_correction():
    saved = Ballot.strike(7, ["c1", "c2"], InvalidReason.OTHER)
    draft = BallotDraft.from_ballot(saved, IDS9, Form.STRIKE)
    assert draft.ballot(7) == saved
    agree = Ballot.agree(2, {"b": "both"})
    assert BallotDraft.from_ballot(agree, ("a", "b"), Form.AGREE).ballot(2) == agree
