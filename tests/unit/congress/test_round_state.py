"""One place decides what a round allows: the predicates over its status, its count mode and the file's state."""

from __future__ import annotations

import pytest

from models.congress.round_state import CountMode, RoundState, RoundStatus

S, M = RoundStatus, CountMode


@pytest.mark.parametrize(
    ("status", "mode", "allowed"),
    [
        (S.SETUP, M.UNDECIDED, {"in_setup", "can_edit_list", "can_start", "can_print_ballots"}),
        (S.COUNTING, M.UNDECIDED, {"can_print_ballots", "can_enter", "can_enter_totals", "can_close"}),
        (S.COUNTING, M.BALLOTS, {"can_print_ballots", "can_enter", "can_close"}),
        (S.COUNTING, M.TOTALS, {"can_print_ballots", "can_enter_totals"}),
        (S.CLOSED, M.BALLOTS, {"has_result", "can_reopen", "can_publish", "can_conclude", "can_print"}),
        (S.CLOSED, M.TOTALS, {"has_result", "can_publish", "can_conclude", "can_print"}),
        (S.PUBLISHED, M.BALLOTS, {"has_result", "released", "can_conclude", "can_print"}),
    ],
)
def test_what_each_state_allows(status, mode, allowed):
    names = [n for n in dir(RoundState) if n.startswith(("can_", "has_", "in_", "released"))]
    state = RoundState(status, mode)
    assert {n for n in names if getattr(state, n)} == allowed
    # a file that cannot be written changes nothing, but still shows and prints what there is
    read_only = RoundState(status, mode, writable=False)
    assert {n for n in names if getattr(read_only, n)} == allowed & {"in_setup", "has_result", "released", "can_print"}


def test_states_read_from_the_stored_strings():
    assert RoundState.of("closed", "ballots") == RoundState(S.CLOSED, M.BALLOTS)
    assert RoundState.of("counting", None).mode == M.UNDECIDED
    with pytest.raises(ValueError):
        RoundState.of("sealed")


@pytest.mark.parametrize("writable", [True, False])
def test_only_a_round_with_ballots_out_is_being_counted(writable):
    counted = {s for s in S if RoundState(s, M.UNDECIDED, writable).being_counted}
    assert counted == {S.COUNTING}
