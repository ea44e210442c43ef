"""Who is elected: worked examples of docs/domain.md §4, ranks, ties across the last seat, next steps."""

from __future__ import annotations

from decimal import Decimal

from counting_factories import agree_ballots, make_election, strike_ballots

from models.counting import (
    Candidate,
    Exclusions,
    Form,
    NextAction,
    Post,
    Tally,
    Totals,
    competition_ranks,
    count_ballots,
    count_totals,
    order_candidates,
)


def by_votes(votes: dict[str, int], *, seats: int, ids: str | None = None, summoned: int = 15, **kw):
    """A result from hand totals: convenient for decision tests."""
    ids = ids or "".join(votes)
    election = make_election(ids, seats=seats, summoned=summoned, **kw)
    return count_totals(election, Totals(collected=summoned, votes=votes))


# --- worked examples -------------------------------------------------------------------------------------------------
def test_worked_example_1_committee_strike_form():
    election = make_election("abcd", seats=3, summoned=15)
    ballots = strike_ballots([("abc", 8), ("abd", 4), ("acd", 2), ("bcd", 1)])
    res = count_ballots(election, ballots)
    assert (res.D, res.threshold, res.collected, res.valid, res.invalid) == (15, 8, 15, 15, 0)
    assert [c.votes for c in res.candidates] == [14, 13, 11, 7]
    assert [c.percent for c in res.candidates] == [
        Decimal("93.33"),
        Decimal("86.67"),
        Decimal("73.33"),
        Decimal("46.67"),
    ]
    assert [c.passed for c in res.candidates] == [True, True, True, False]
    assert [c.elected for c in res.candidates] == [True, True, True, False]
    assert [c.rank for c in res.candidates] == [1, 2, 3, 4]
    assert res.elected == ("a", "b", "c")
    assert (res.open_seats, res.tied, res.next_action, res.problems) == (0, (), NextAction.NONE, ())
    out = res.to_json()
    assert [c["percent"] for c in out["candidates"]] == [93.33, 86.67, 73.33, 46.67]
    assert [c["disagree"] for c in out["candidates"]] == [0, 0, 0, 0]
    assert [c["not_counted"] for c in out["candidates"]] == [0, 0, 0, 0]


def test_worked_example_3_delegates_agree_form():
    election = make_election(
        "efg",
        seats=3,
        form=Form.AGREE,
        post=Post.DELEGATE,
        summoned=22,
        excluded=Exclusions(temporary_elsewhere=1, exempt_absent=1),
        present=18,
        issued=18,
    )
    ballots = agree_ballots("efg", [("AAA", 12), ("AAD", 3), ("ADD", 2), ("BAN", 1)])
    res = count_ballots(election, ballots)
    assert (res.D, res.threshold, res.collected, res.valid, res.invalid) == (20, 11, 18, 18, 0)
    assert [c.votes for c in res.candidates] == [17, 16, 12]
    assert [c.disagree for c in res.candidates] == [0, 2, 5]
    assert [c.not_counted for c in res.candidates] == [1, 0, 1]
    assert [c.percent for c in res.candidates] == [Decimal("85.00"), Decimal("80.00"), Decimal("60.00")]
    assert res.elected == ("e", "f", "g")
    assert res.next_action == NextAction.NONE


def test_percent_is_of_d_not_of_valid_ballots():
    # D = 20 but only 10 valid ballots: 10 votes are 50.00 % of D (100 % of valid) and do not pass.
    election = make_election("ab", seats=1, summoned=20, present=10, issued=10)
    res = count_ballots(election, strike_ballots([("a", 10)]))
    assert res.candidates[0].percent == Decimal("50.00")
    assert not res.candidates[0].passed
    assert res.elected == ()
    assert res.next_action == NextAction.NEXT_ROUND


def test_threshold_uses_d_not_collected_or_valid():
    # D = 20, 12 present, 11 vote for a: 11 > 20 / 2 -> passes; 10 would be exactly half -> fails.
    election = make_election("ab", seats=1, summoned=20, present=12, issued=12)
    res = count_ballots(election, strike_ballots([("a", 11), ("b", 1)]))
    assert res.elected == ("a",)
    res = count_ballots(election, strike_ballots([("a", 10), ("b", 2)]))
    assert res.elected == ()
    assert res.candidates[0].passed is False


def test_worked_example_4_five_of_ten_is_not_elected():
    election = make_election(
        "a",
        seats=1,
        form=Form.AGREE,
        post=Post.SECRETARY,
        summoned=11,
        excluded=Exclusions(absent_approved=1),
        present=10,
    )
    res = count_ballots(election, agree_ballots("a", [("A", 5), ("D", 5)]))
    assert res.D == 10 and res.threshold == 6
    assert res.candidates[0].votes == 5
    assert res.candidates[0].percent == Decimal("50.00")
    assert res.candidates[0].passed is False
    assert res.elected == ()
    assert res.next_action == NextAction.NEXT_ROUND
    assert res.open_seats == 1


# --- filling the seats ----------------------------------------------------------------------------------------------
def test_elected_in_order_of_votes_then_list_order():
    res = by_votes({"a": 9, "b": 12, "c": 10, "d": 12}, seats=3, summoned=15)
    assert res.elected == ("b", "d", "c")
    assert [c.rank for c in res.candidates] == [4, 1, 3, 1]


def test_more_passers_than_seats_elects_exactly_the_seats():
    res = by_votes({"a": 10, "b": 9, "c": 8, "d": 3}, seats=2, summoned=15)
    assert res.elected == ("a", "b")
    assert [c.passed for c in res.candidates] == [True, True, True, False]
    assert (res.open_seats, res.tied, res.next_action) == (0, (), NextAction.NONE)


def test_tie_across_the_last_seat_leaves_it_open_and_names_the_tied():
    res = by_votes({"a": 12, "b": 9, "c": 9, "d": 0}, seats=2, summoned=15)
    assert res.elected == ("a",)
    assert res.tied == ("b", "c")
    assert res.open_seats == 1
    assert res.next_action == NextAction.RUNOFF
    assert res.next_candidates == ("b", "c")
    assert [c.elected for c in res.candidates] == [True, False, False, False]


def test_three_way_tie_across_last_two_seats_elects_only_those_above():
    res = by_votes({"a": 13, "b": 9, "c": 9, "d": 9, "e": 5}, seats=3, summoned=15)
    assert res.elected == ("a",)
    assert res.tied == ("b", "c", "d")
    assert res.open_seats == 2
    assert res.next_action == NextAction.RUNOFF


def test_tie_among_all_passers_for_two_seats_elects_nobody():
    res = by_votes({"a": 10, "b": 10, "c": 10}, seats=2, summoned=15)
    assert res.elected == ()
    assert res.tied == ("a", "b", "c")
    assert res.open_seats == 2 and res.next_action == NextAction.RUNOFF
    assert res.next_candidates == ("a", "b", "c")


def test_one_seat_tie_between_passers_cannot_happen_and_is_blocked():
    # Two passers for one seat would need more than D single-choice votes: the totals are inconsistent.
    res = by_votes({"a": 8, "b": 8}, seats=1, summoned=15)
    assert [p.code for p in res.problems] == ["votes_sum_exceeds"]
    assert res.elected == () and res.tied == () and res.next_action == NextAction.NONE


def test_tie_not_across_the_last_seat_elects_both():
    res = by_votes({"a": 10, "b": 10, "c": 9, "d": 3}, seats=3, summoned=15)
    assert res.elected == ("a", "b", "c")
    assert res.tied == () and res.next_action == NextAction.NONE


def test_tie_with_a_non_passer_is_no_tie():
    # c and d tie at 7 but 7 does not pass D = 15; a and b fill 2 of 3 seats.
    res = by_votes({"a": 10, "b": 9, "c": 7, "d": 7}, seats=3, summoned=15)
    assert res.elected == ("a", "b")
    assert res.tied == ()
    assert res.open_seats == 1
    assert res.next_action == NextAction.NEXT_ROUND
    assert res.next_candidates == ("c", "d")


def test_tied_passers_fitting_in_the_seats_are_all_elected():
    res = by_votes({"a": 9, "b": 9, "c": 2, "d": 1}, seats=3, summoned=15)
    assert res.elected == ("a", "b")
    assert res.tied == ()
    assert res.next_action == NextAction.NEXT_ROUND and res.open_seats == 1


def test_fewer_passers_than_seats_is_next_round_among_the_not_elected():
    res = by_votes({"a": 12, "b": 7, "c": 6, "d": 2}, seats=3, summoned=15)
    assert res.elected == ("a",)
    assert res.open_seats == 2
    assert res.next_action == NextAction.NEXT_ROUND
    assert res.next_candidates == ("b", "c", "d")


def test_nobody_passes():
    res = by_votes({"a": 7, "b": 7}, seats=1, summoned=15)
    assert res.elected == () and res.tied == ()
    assert res.next_action == NextAction.NEXT_ROUND and res.open_seats == 1


# --- secretary ------------------------------------------------------------------------------------------------------
def secretary(votes: dict[str, int], rnd: int):
    election = make_election("".join(votes), seats=1, form=Form.AGREE, post=Post.SECRETARY, round=rnd, summoned=15)
    return count_totals(election, Totals(collected=15, votes=votes))


def test_secretary_rounds_1_and_2_without_winner_go_to_next_round():
    assert secretary({"a": 7}, 1).next_action == NextAction.NEXT_ROUND
    assert secretary({"a": 7}, 2).next_action == NextAction.NEXT_ROUND


def test_secretary_round_3_without_winner_is_appointment():
    res = secretary({"a": 7}, 3)
    assert res.elected == ()
    assert res.next_action == NextAction.APPOINTMENT
    assert res.next_candidates == ()
    assert res.open_seats == 1


def test_secretary_round_3_equal_votes_below_half_is_appointment():
    # With one seat two candidates can only tie below the threshold (see the blocked case above).
    res = secretary({"a": 7, "b": 7}, 3)
    assert res.elected == () and res.tied == ()
    assert res.next_action == NextAction.APPOINTMENT


def test_secretary_after_round_3_is_still_appointment():
    assert secretary({"a": 2}, 4).next_action == NextAction.APPOINTMENT


def test_secretary_round_3_with_a_winner_is_elected():
    res = secretary({"a": 8}, 3)
    assert res.elected == ("a",) and res.next_action == NextAction.NONE


def test_deputy_round_3_without_winner_is_not_appointment():
    election = make_election("a", seats=1, form=Form.AGREE, post=Post.DEPUTY_SECRETARY, round=3, summoned=15)
    res = count_totals(election, Totals(collected=15, votes={"a": 7}))
    assert res.next_action == NextAction.NEXT_ROUND


# --- ranks and list order -------------------------------------------------------------------------------------------
def test_competition_ranks():
    assert competition_ranks([10, 12, 12, 9]) == [3, 1, 1, 4]
    assert competition_ranks([5, 5, 5]) == [1, 1, 1]
    assert competition_ranks([1, 2, 3, 3, 4]) == [5, 4, 2, 2, 1]


def test_candidate_list_order_given_family_middle_birth():
    from datetime import date

    people = [
        Candidate("1", "Trần Văn Bình"),
        Candidate("2", "Nguyễn Thị Ánh"),
        Candidate("3", "Lê Văn An"),
        Candidate("4", "Nguyễn Văn An", date(1980, 1, 1)),
        Candidate("5", "Nguyễn Văn An", date(1975, 6, 1)),
        Candidate("6", "Nguyễn Thị An"),
        Candidate("7", "Đỗ Văn Đức"),
        Candidate("8", "Đinh Văn Dũng"),
    ]
    assert [c.id for c in order_candidates(people)] == ["3", "6", "5", "4", "2", "1", "8", "7"]


def test_tally_result_is_the_same_as_whole_count():
    election = make_election("abcd", seats=3, summoned=15)
    ballots = strike_ballots([("abc", 8), ("abd", 4), ("acd", 2), ("bcd", 1)])
    tally = Tally(election)
    for b in ballots:
        tally.add(b)
    assert tally.result() == count_ballots(election, ballots)


# --- tie-break rounds (Charter Điều 12 k3) --------------------------------------------------------------------------
def test_a_tie_break_round_fills_the_seats_with_the_highest_votes_without_a_majority():
    # b and c tied across the last seat before; in the re-vote among them neither reaches 8 of D = 15.
    res = by_votes({"b": 7, "c": 5}, seats=1, summoned=15, tie_break=True)
    assert res.elected == ("b",) and res.open_seats == 0 and res.next_action == NextAction.NONE
    assert all(c.passed for c in res.candidates)
    plain = by_votes({"b": 7, "c": 5}, seats=1, summoned=15)
    assert plain.elected == () and plain.next_action == NextAction.NEXT_ROUND


def test_a_new_tie_in_a_tie_break_round_leaves_the_seats_open():
    res = by_votes({"b": 6, "c": 6, "d": 2}, seats=2, summoned=15, tie_break=True)
    # b and c share the last seat's votes and are not more than the seats: both elected
    assert res.elected == ("b", "c") and res.tied == ()
    res = by_votes({"b": 6, "c": 6}, seats=1, summoned=15, tie_break=True)
    assert res.elected == () and res.tied == ("b", "c") and res.next_action == NextAction.RUNOFF
    assert res.open_seats == 1


def test_a_blocked_tie_break_round_elects_nobody():
    res = by_votes({"b": 9, "c": 9}, seats=1, summoned=15, tie_break=True)  # 18 votes from 15 single-choice ballots
    assert res.problems and res.elected == ()
