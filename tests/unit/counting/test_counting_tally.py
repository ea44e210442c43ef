"""The running tally the ballots tab keeps: add, replace and remove one ballot."""

from __future__ import annotations

import pytest
from counting_factories import agree_ballots, make_election, strike_ballots

from models.core.errors import ConflictError, NotFoundError
from models.counting import Ballot, Form, InvalidReason, MalformedError, NextAction, Tally, count_ballots


def example_1_tally() -> Tally:
    return Tally(
        make_election("abcd", seats=3, summoned=15), strike_ballots([("abc", 8), ("abd", 4), ("acd", 2), ("bcd", 1)])
    )


def test_add_updates_figures():
    tally = Tally(make_election("abcd", seats=3, summoned=15))
    tally.add(Ballot.strike(1, "ab"))
    tally.add(Ballot.strike(2, "abcd"))
    assert (tally.collected, tally.valid, tally.invalid) == (2, 1, 1)
    assert tally.votes == {"a": 1, "b": 1, "c": 0, "d": 0}
    assert tally.reasons[InvalidReason.TOO_MANY] == 1


def test_replace_moves_votes_and_validity():
    tally = example_1_tally()
    assert tally.result().elected == ("a", "b", "c")
    tally.replace(Ballot.strike(1, "abcd"))  # one abc ballot was in fact too many
    assert tally.votes == {"a": 13, "b": 12, "c": 10, "d": 7}
    assert (tally.valid, tally.invalid) == (14, 1)
    tally.replace(Ballot.strike(1, "d"))
    assert tally.votes == {"a": 13, "b": 12, "c": 10, "d": 8}
    assert tally.reasons[InvalidReason.TOO_MANY] == 0
    assert tally.result().elected == ("a", "b", "c")
    tally.replace(Ballot.strike(2, "abd"))
    res = tally.result()
    assert res.elected == ("a", "b")
    assert res.tied == ("c", "d") and res.next_action == NextAction.RUNOFF


def test_remove_undoes_add():
    tally = example_1_tally()
    before = tally.result()
    tally.add(Ballot.strike(99, "d", "marked"))
    tally.add(Ballot.strike(100, "cd"))
    tally.remove(100)
    tally.remove(99)
    assert tally.result() == before


def test_duplicate_number_is_a_conflict_and_unknown_number_not_found():
    tally = example_1_tally()
    with pytest.raises(ConflictError, match="Phiếu số 3"):
        tally.add(Ballot.strike(3, "a"))
    with pytest.raises(NotFoundError):
        tally.replace(Ballot.strike(500, "a"))
    with pytest.raises(NotFoundError):
        tally.remove(500)


def test_malformed_ballot_leaves_the_tally_unchanged():
    tally = example_1_tally()
    before = tally.result()
    with pytest.raises(MalformedError):
        tally.add(Ballot.strike(16, ["a", "zz"]))
    with pytest.raises(MalformedError):
        tally.replace(Ballot.strike(1, ["zz"]))
    with pytest.raises(MalformedError):
        tally.add(Ballot.strike(0, ["a"]))
    assert tally.result() == before
    assert tally.collected == 15


def test_ballots_come_back_in_entry_order_with_replacements():
    tally = Tally(make_election("abcd", seats=3, summoned=15))
    for b in strike_ballots([("a", 3)]):
        tally.add(b)
    tally.replace(Ballot.strike(2, "bc"))
    assert [b.no for b in tally.ballots()] == [1, 2, 3]
    assert tally.ballots()[1].keep == ("b", "c")


def test_agree_form_replace_moves_disagree():
    election = make_election("efg", seats=3, form=Form.AGREE, summoned=20)
    tally = Tally(election, agree_ballots("efg", [("AAD", 2)]))
    assert tally.disagree == {"e": 0, "f": 0, "g": 2}
    tally.replace(Ballot.agree(1, {"e": "disagree", "f": "both"}))
    assert tally.votes == {"e": 1, "f": 1, "g": 0}
    assert tally.disagree == {"e": 1, "f": 0, "g": 1}
    res = tally.result()
    assert [c.not_counted for c in res.candidates] == [0, 1, 1]


def test_judge_previews_without_adding():
    tally = example_1_tally()
    assert tally.judge(Ballot.strike(16, "abcd")).reason == InvalidReason.TOO_MANY
    assert tally.collected == 15


def test_incremental_equals_batch_after_edits():
    election = make_election("abcd", seats=3, summoned=15)
    tally = example_1_tally()
    tally.remove(5)
    tally.replace(Ballot.strike(6, "d"))
    assert tally.result() == count_ballots(election, tally.ballots())
