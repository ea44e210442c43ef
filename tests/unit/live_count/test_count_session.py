"""The count session: every act one logged transaction, the tally rebuilt from the log, the chain, the lifecycle."""

from __future__ import annotations

import pytest

from models.congress.elections import get_election
from models.congress.rounds import record_totals
from models.core.errors import ConflictError, ValidationError
from models.counting import Ballot, InvalidReason, MalformedError, Totals, recount
from models.live_count.count import (
    bundle_checks,
    close_count,
    close_problems,
    declare_collected,
    differences,
    import_pass,
    publish,
    reopen_count,
    round_record,
    set_bundle,
    set_double_entry,
)
from models.live_count.session import CountSession, round_log, verify_chain
from models.live_count.tables import BallotEntry


def _b(no, *keep, void=None):
    return Ballot.strike(no, keep, void)


def test_each_act_is_logged_and_the_tally_is_rebuilt_on_open(counting):
    round_, ids = counting
    session = CountSession(round_.id, entered_by="Máy 1")
    change = session.enter(_b(1, *ids[:3]))
    assert change.verdict.valid and change.result.collected == 1 and change.entry.seq == 1
    session.enter(_b(2, *ids))  # too many names: invalid
    assert session.result().invalid == 1
    session.replace(_b(2, ids[0]))
    session.enter(_b(3, ids[1], void=InvalidReason.MARKED))
    session.void(3)
    assert session.next_number() == 3
    reopened = CountSession(round_.id)
    assert reopened.result() == session.result()
    assert reopened.result().collected == 2 and reopened.result().candidates[0].votes == 2
    assert [line.action for line in round_log(round_.id)] == ["enter", "enter", "replace", "enter", "void"]
    assert round_log(round_.id)[2].before == _b(2, *ids) and round_log(round_.id)[2].entered_by == "Máy 1"


def test_undo_walks_back_the_acts_of_this_pass(counting):
    round_, ids = counting
    session = CountSession(round_.id)
    session.enter(_b(1, ids[0]))
    session.replace(_b(1, ids[1]))
    session.undo()
    assert session.ballot(1) == _b(1, ids[0])
    session.undo()
    assert session.ballot(1) is None and session.result().collected == 0
    with pytest.raises(ConflictError, match="hoàn tác"):
        session.undo()
    assert len(round_log(round_.id)) == 4  # nothing is ever erased
    assert CountSession(round_.id).result().collected == 0


def test_bad_input_writes_nothing(counting):
    round_, ids = counting
    session = CountSession(round_.id)
    session.enter(_b(1, ids[0]))
    with pytest.raises(ConflictError, match="đã được nhập"):
        session.enter(_b(1, ids[1]))
    with pytest.raises(MalformedError):
        session.enter(_b(2, "không-có"))
    assert BallotEntry.select().count() == 1


def test_the_chain_shows_an_entry_changed_afterwards(counting):
    round_, ids = counting
    session = CountSession(round_.id)
    for no in range(1, 4):
        session.enter(_b(no, ids[0]))
    assert verify_chain(round_.id)
    row = BallotEntry.get(BallotEntry.seq == 2)
    BallotEntry.update(after='{"keep": [], "no": 2}').where(BallotEntry.id == row.id).execute()
    assert not verify_chain(round_.id)
    assert any("mã kiểm tra" in p for p in close_problems(round_.id))


def test_close_needs_every_ballot_and_consistent_figures_then_locks(counting):
    round_, ids = counting
    declare_collected(round_.id, 3)
    session = CountSession(round_.id)
    session.enter(_b(1, *ids[:3]))
    session.enter(_b(2, *ids[:3]))
    assert any("khác số phiếu thu vào (3)" in p for p in close_problems(round_.id))
    with pytest.raises(ValidationError, match="Chưa khóa"):
        close_count(round_.id)
    session.enter(_b(3, ids[0], ids[3]))
    close_count(round_.id, "Trưởng ban")
    from models.congress.tables import ElectionRound

    closed = get_election(ElectionRound.get_by_id(round_.id).election_id).rounds[0]
    assert closed.status == "closed" and closed.result.collected == 3
    with pytest.raises(ConflictError, match="không còn ở trạng thái kiểm phiếu"):
        session.enter(_b(4, ids[0]))
    with pytest.raises(ConflictError):
        record_totals(round_.id, Totals(collected=1))


def test_reopening_is_an_act_with_its_reason_and_publishing_releases(counting):
    round_, ids = counting
    session = CountSession(round_.id)
    session.enter(_b(1, *ids[:3]))
    close_count(round_.id)
    with pytest.raises(ValidationError, match="lý do"):
        reopen_count(round_.id, "  ")
    reopen_count(round_.id, "Phát hiện phiếu số 1 nhập nhầm")
    session = CountSession(round_.id)
    session.replace(_b(1, *ids[1:4]))
    close_count(round_.id)
    publish(round_.id)
    from models.live_count.tables import CountAct

    assert [(a.kind, a.reason) for a in CountAct.select().order_by(CountAct.id)] == [
        ("close", ""),
        ("reopen", "Phát hiện phiếu số 1 nhập nhầm"),
        ("close", ""),
        ("publish", ""),
    ]


def test_the_record_recounts_to_the_same_result(counting):
    round_, ids = counting
    session = CountSession(round_.id)
    for no, keep in enumerate(([0, 1, 2], [0, 1, 3], [0, 2], [1, 2, 3], [0, 1, 2, 3]), start=1):
        session.enter(_b(no, *(ids[i] for i in keep)))
    record = round_record(round_.id)
    assert recount(record) == session.result()
    assert [b.no for b in record.ballots] == [1, 2, 3, 4, 5]


def test_double_entry_lists_every_difference_and_blocks_closing(counting, tmp_path):
    round_, ids = counting
    set_double_entry(round_.id, True)
    first, second = CountSession(round_.id, 1), CountSession(round_.id, 2, "Máy 2")
    for no in (1, 2, 3):
        first.enter(_b(no, ids[0], ids[1]))
    second.enter(_b(1, ids[1], ids[0]))  # the same names typed in another order
    second.enter(_b(2, ids[0], ids[2]))  # typed differently
    diffs = differences(round_.id)
    assert [(d.no, d.second) for d in diffs] == [(2, _b(2, ids[0], ids[2])), (3, None)]
    assert any("chưa khớp ở 2 phiếu" in p for p in close_problems(round_.id))
    second.replace(_b(2, ids[0], ids[1]))
    second.enter(_b(3, ids[0], ids[1]))
    assert differences(round_.id) == []
    with pytest.raises(ConflictError, match="đã bắt đầu"):
        set_double_entry(round_.id, False)
    close_count(round_.id)


def test_the_second_pass_can_come_from_another_pc_as_a_record_file(counting):
    round_, ids = counting
    set_double_entry(round_.id, True)
    first = CountSession(round_.id, 1)
    for no in (1, 2):
        first.enter(_b(no, ids[0]))
    other_pc = round_record(round_.id)  # what the second PC's record file holds
    assert import_pass(round_.id, other_pc, "Máy 2", 2) == 2
    assert differences(round_.id) == []
    with pytest.raises(ConflictError, match="đã có phiếu"):
        import_pass(round_.id, other_pc, "Máy 2", 2)


def test_bundles_are_checked_against_the_ballots_entered_in_them(counting):
    round_, ids = counting
    set_bundle(round_.id, 1, 1, 2)
    session = CountSession(round_.id)
    session.enter(_b(1, ids[0]), bundle=1)
    checks = bundle_checks(round_.id)
    assert [(c.number, c.papers, c.entered, c.ok) for c in checks] == [(1, 2, 1, False)]
    assert any("Tệp 1: ghi 2 phiếu, đã nhập 1" in p for p in close_problems(round_.id))
    session.enter(_b(2, ids[1]), bundle=1)
    assert bundle_checks(round_.id)[0].ok


def test_a_closed_ballot_count_is_the_election_s_result_for_the_congress(counting):
    from models.congress.tables import ElectionRound

    round_, ids = counting
    session = CountSession(round_.id)
    for no in range(1, 12):
        session.enter(_b(no, *ids[:3]))
    close_count(round_.id)
    election = get_election(ElectionRound.get_by_id(round_.id).election_id)
    assert election.done and [p.key for p in election.elected] == ids[:3]
    assert election.rounds[0].result.candidates[0].votes == 11


def test_a_result_a_later_election_builds_on_cannot_be_reopened(counting):
    from models.congress.elections import add_election, set_candidates
    from models.congress.rounds import start_round
    from models.congress.tables import CongressElection, ElectionRound
    from models.counting import Post
    from tests.support import congress_story as story

    round_, ids = counting
    session = CountSession(round_.id)
    for no in range(1, 12):
        session.enter(_b(no, *ids[:3]))
    close_count(round_.id)
    congress_id = CongressElection.get_by_id(ElectionRound.get_by_id(round_.id).election_id).congress_id
    secretary = add_election(congress_id, Post.SECRETARY, 1)
    committee = get_election(ElectionRound.get_by_id(round_.id).election_id).elected
    set_candidates(secretary.rounds[0].id, [committee[0].id])
    story.approve(congress_id, story.VoteKind.SEATS, "Một bí thư", secretary.id)
    story.approve(congress_id, story.VoteKind.ELECTION_LIST, "Danh sách bí thư", secretary.id)
    start_round(get_election(secretary.id).current_round.id)
    with pytest.raises(ConflictError, match="Các cuộc bầu sau đã bắt đầu"):
        reopen_count(round_.id, "Kiểm lại")
