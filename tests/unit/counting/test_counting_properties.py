"""Properties of the count (hypothesis): order independence, invalid ballots, monotonicity, record round trip."""

from __future__ import annotations

import dataclasses
import json

from counting_factories import make_election
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from models.counting import (
    Ballot,
    Election,
    ElectionRecord,
    Exclusions,
    Form,
    NextAction,
    Post,
    Rules,
    Tally,
    Totals,
    count_ballots,
    dumps_record,
    parse_record,
    passes,
    recount,
)

SETTINGS = settings(max_examples=100, deadline=None)
IDS = "abcdef"
MARKS = ("agree", "disagree", "both", "none")
VOIDS = ("not_issued", "added_name", "marked", "other")


@st.composite
def elections(draw, form: Form | None = None) -> Election:
    n = draw(st.integers(1, 6))
    seats = draw(st.integers(1, n))
    form = form or draw(st.sampled_from(list(Form)))
    excluded = Exclusions(
        temporary_elsewhere=draw(st.integers(0, 2)),
        exempt_absent=draw(st.integers(0, 2)),
        suspended=draw(st.integers(0, 1)),
        absent_approved=draw(st.integers(0, 2)),
    )
    voters = draw(st.integers(1, 30))  # official members present who may vote
    unexcused_absent = draw(st.integers(0, 3))
    rules = Rules(draw(st.booleans()), draw(st.booleans()))
    return make_election(
        IDS[:n],
        seats=seats,
        form=form,
        post=draw(st.sampled_from(list(Post))),
        round=draw(st.integers(1, 4)),
        summoned=voters + unexcused_absent + excluded.total,
        excluded=excluded,
        present=voters,
        issued=voters,
        rules=rules,
    )


@st.composite
def ballots_for(draw, election: Election, no: int, *, void: bool | None = None) -> Ballot:
    ids = election.candidate_ids
    declared = draw(st.sampled_from(VOIDS)) if (void if void is not None else draw(st.integers(0, 9)) == 0) else None
    if election.form == Form.STRIKE:
        keep = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
        return Ballot.strike(no, keep, declared)
    marks = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(MARKS), max_size=len(ids)))
    return Ballot.agree(no, marks, declared)


@st.composite
def rounds(draw, form: Form | None = None, spare: int = 0) -> tuple[Election, list[Ballot]]:
    """An election and up to (issued - spare) ballots, so `spare` more can be added without a problem."""
    election = draw(elections(form))
    assume(election.ballots_issued > spare)
    room = election.ballots_issued - spare
    # A few ballot patterns repeated (so candidates pass, tie and get elected) plus some random ballots.
    patterns = draw(st.lists(ballots_for(election, 1), min_size=1, max_size=3))
    ballots: list[Ballot] = []
    for pattern in patterns:
        for _ in range(draw(st.integers(0, room - len(ballots)))):
            ballots.append(dataclasses.replace(pattern, no=len(ballots) + 1))
    for _ in range(draw(st.integers(0, room - len(ballots)))):
        ballots.append(draw(ballots_for(election, len(ballots) + 1)))
    order = draw(st.permutations(range(1, len(ballots) + 1)))
    return election, [dataclasses.replace(b, no=no) for b, no in zip(ballots, order, strict=True)]


@SETTINGS
@given(data=st.data())
def test_result_does_not_depend_on_ballot_order(data):
    election, ballots = data.draw(rounds())
    shuffled = data.draw(st.permutations(ballots))
    assert count_ballots(election, shuffled) == count_ballots(election, ballots)


@SETTINGS
@given(data=st.data())
def test_adding_an_invalid_ballot_never_changes_votes(data):
    election, ballots = data.draw(rounds(spare=1))
    before = count_ballots(election, ballots)
    extra = data.draw(ballots_for(election, len(ballots) + 1, void=True))
    after = count_ballots(election, [*ballots, extra])
    assert after.collected == before.collected + 1
    assert after.invalid == before.invalid + 1 and after.valid == before.valid
    assert [(c.votes, c.disagree, c.passed) for c in after.candidates] == [
        (c.votes, c.disagree, c.passed) for c in before.candidates
    ]
    # a blank-free, too-many ballot is just as inert
    if election.form == Form.STRIKE and election.seats < len(election.candidates):
        too_many = Ballot.strike(len(ballots) + 1, election.candidate_ids)
        again = count_ballots(election, [*ballots, too_many])
        assert [c.votes for c in again.candidates] == [c.votes for c in before.candidates]
        assert again.elected == before.elected


@st.composite
def favoured_rounds(draw) -> tuple[Election, list[Ballot]]:
    """A round in which one candidate gets at least the threshold from valid ballots, so someone is elected."""
    election = draw(elections())
    room = election.ballots_issued - 1
    assume(room >= election.electorate.threshold)
    fav = draw(st.sampled_from(election.candidate_ids))
    others = [c for c in election.candidate_ids if c != fav]
    ballots: list[Ballot] = []
    for _ in range(draw(st.integers(election.electorate.threshold, room))):
        no = len(ballots) + 1
        if election.form == Form.STRIKE:
            kept = draw(st.lists(st.sampled_from(others), unique=True, max_size=election.seats - 1)) if others else []
            ballots.append(Ballot.strike(no, [fav, *kept]))
        else:
            ballots.append(Ballot.agree(no, {fav: "agree"}))
    for _ in range(draw(st.integers(0, room - len(ballots)))):
        ballots.append(draw(ballots_for(election, len(ballots) + 1)))
    return election, ballots


@SETTINGS
@given(data=st.data())
def test_a_ballot_keeping_an_elected_candidate_never_unelects_them_unless_a_tie(data):
    election, ballots = data.draw(st.one_of(rounds(spare=1), favoured_rounds()))
    before = count_ballots(election, ballots)
    assume(before.elected)
    chosen = data.draw(st.sampled_from(before.elected))
    others = [c for c in election.candidate_ids if c != chosen]
    if election.form == Form.STRIKE:
        kept = data.draw(st.lists(st.sampled_from(others), unique=True, max_size=election.seats - 1)) if others else []
        extra = Ballot.strike(len(ballots) + 1, [chosen, *kept])
    else:
        marks = data.draw(st.dictionaries(st.sampled_from(others), st.sampled_from(MARKS))) if others else {}
        agreed = [cid for cid, m in marks.items() if m == "agree"]
        for cid in agreed[election.seats - 1 :]:
            marks[cid] = "disagree"
        extra = Ballot.agree(len(ballots) + 1, {chosen: "agree", **marks})
    after = count_ballots(election, [*ballots, extra])
    assert after.problems == ()
    if chosen not in after.elected:  # only a tie across the last seat holds them back: a run-off among the tied
        assert after.next_action == NextAction.RUNOFF
        assert chosen in after.tied


@SETTINGS
@given(data=st.data())
def test_recount_of_the_written_record_is_the_result(data):
    election, ballots = data.draw(rounds())
    record = ElectionRecord(election, ballots=tuple(ballots), branch="Chi bộ Văn phòng Sở", title="Bầu Ban Chi ủy")
    text = dumps_record(record)
    back = parse_record(text)
    assert back == record
    assert back.digest_ok is True
    res = recount(back)
    assert res == dataclasses.replace(count_ballots(election, ballots), digest_ok=True)


@SETTINGS
@given(data=st.data())
def test_recount_of_written_totals_is_the_result(data):
    election, ballots = data.draw(rounds())
    tally = Tally(election, ballots)
    totals = Totals(
        collected=tally.collected,
        invalid={r: n for r, n in tally.reasons.items() if n},
        votes=dict(tally.votes),
        disagree=dict(tally.disagree) if election.form == Form.AGREE else {},
    )
    back = parse_record(dumps_record(ElectionRecord(election, totals=totals)))
    assert back.digest_ok is True
    assert recount(back) == dataclasses.replace(tally.result(), digest_ok=True)


def _mutations(ballot: dict, election: Election) -> list[dict]:
    ids = list(election.candidate_ids)
    out = [dict(ballot, no=ballot["no"] + 1000)]
    out.append({k: v for k, v in ballot.items() if k != "void"} if "void" in ballot else dict(ballot, void="marked"))
    if "keep" in ballot:
        keep = ballot["keep"]
        out.append(dict(ballot, keep=keep[:-1]) if keep else dict(ballot, keep=ids[:1]))
        if len(keep) > 1:
            out.append(dict(ballot, keep=list(reversed(keep))))
    else:
        marks = dict(ballot["marks"])
        first = ids[0]
        current = marks.get(first)
        marks[first] = "disagree" if current == "agree" else "agree"
        out.append(dict(ballot, marks=marks))
    return out


@SETTINGS
@given(data=st.data())
def test_any_single_changed_ballot_breaks_the_digest(data):
    election, ballots = data.draw(rounds())
    assume(ballots)
    raw = json.loads(dumps_record(ElectionRecord(election, ballots=tuple(ballots))))
    index = data.draw(st.integers(0, len(ballots) - 1))
    changed = data.draw(st.sampled_from(_mutations(raw["ballots"][index], election)))
    assume(changed != raw["ballots"][index])
    raw["ballots"][index] = changed
    try:
        back = parse_record(json.dumps(raw, ensure_ascii=False))
    except Exception:  # a change can make the file malformed (e.g. a duplicate number): also detected
        return
    assert back.digest_ok is False


@SETTINGS
@given(data=st.data())
def test_decision_invariants(data):
    election, ballots = data.draw(rounds())
    res = count_ballots(election, ballots)
    D = election.electorate.D  # noqa: N806
    assert res.problems == ()  # generated rounds are always consistent
    for c in res.candidates:
        assert c.passed is passes(c.votes, D)
        assert c.votes <= res.valid
        if c.elected:
            assert c.passed
    assert len(res.elected) + res.open_seats == election.seats
    votes = {c.id: c.votes for c in res.candidates}
    assert [votes[e] for e in res.elected] == sorted((votes[e] for e in res.elected), reverse=True)
    losers = [c for c in res.candidates if not c.elected and c.passed and c.id not in res.tied]
    for e in res.elected:
        assert all(votes[e] > lo.votes for lo in losers) and all(votes[e] > votes[t] for t in res.tied)
    if res.tied:
        assert len({votes[t] for t in res.tied}) == 1 and len(res.tied) > res.open_seats
    if election.form == Form.AGREE:
        assert all(c.votes + c.disagree + c.not_counted == res.valid for c in res.candidates)
