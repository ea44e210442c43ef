"""Sealing a count into its chain, and a closed result that is always the recount of its verified log: the
tampering cases through the data file (a stored result edited, a ballot edited with the chain recomputed, a log row
deleted) are each shown, with the first place where the data does not hold."""

from __future__ import annotations

import json

from models.congress.elections import get_election
from models.congress.tables import ElectionRound
from models.counting import Ballot
from models.live_count.count import close_count, publish, reopen_count
from models.live_count.session import CountSession, chain_head, chain_link, round_log, verify_chain
from models.live_count.tables import BallotEntry


def _closed(counting, ballots=((0, 1, 2),) * 8 + ((0, 1, 3),) * 3):
    round_, ids = counting
    session = CountSession(round_.id)
    for no, kept in enumerate(ballots, start=1):
        session.enter(Ballot.strike(no, [ids[i] for i in kept]))
    close_count(round_.id, "Trưởng ban")
    return round_, ids


def _round(round_id):
    return next(r for r in get_election(ElectionRound.get_by_id(round_id).election_id).rounds if r.id == round_id)


def test_closing_appends_a_seal_and_reopening_an_unseal_to_the_chain(counting):
    round_, ids = _closed(counting)
    lines = round_log(round_.id)
    assert [line.action for line in lines[-1:]] == ["seal"] and lines[-1].pass_no == 0
    assert ElectionRound.get_by_id(round_.id).record_digest == lines[-1].chain
    info = _round(round_.id)
    assert info.integrity == () and info.result.digest_ok is True and info.result.collected == 11
    reopen_count(round_.id, "Kiểm lại phiếu số 2")
    assert [line.action for line in round_log(round_.id)[-2:]] == ["seal", "unseal"]
    assert verify_chain(round_.id) and CountSession(round_.id).result().collected == 11  # seals are no ballots
    close_count(round_.id)
    publish(round_.id)
    assert _round(round_.id).integrity == ()


def test_a_stored_result_edited_in_the_file_is_not_believed(counting):
    round_, ids = _closed(counting)
    row = ElectionRound.get_by_id(round_.id)
    stored = json.loads(row.result)
    stored["votes"][ids[3]] = 11  # 3 of 11 in the ballots; "elected" with 11 in the stored result
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    info = _round(round_.id)
    assert [c.votes for c in info.result.candidates] == [11, 11, 8, 3]  # the recount of the log, not the edit
    assert ids[3] not in info.result.elected and info.result.digest_ok is False
    assert any("được lưu 11 phiếu, kiểm lại được 3 phiếu" in p for p in info.integrity), info.integrity


def test_a_ballot_rewritten_with_the_chain_recomputed_breaks_the_seal(counting):
    round_, ids = _closed(counting)
    rows = list(BallotEntry.select().where(BallotEntry.round == round_.id).order_by(BallotEntry.seq))
    link = chain_head(round_.id)
    for row in rows:  # an attacker with the file: ballot 1 now keeps the fourth name, every link recomputed
        after = (
            json.dumps({"keep": [ids[0], ids[1], ids[3]], "no": 1}, sort_keys=True) if row.ballot_no == 1 else row.after
        )
        link = chain_link(
            link, row.seq, row.pass_no, row.ballot_no, row.action, row.before, after, row.entered_by, row.entered_at
        )
        BallotEntry.update(after=after, chain=link).where(BallotEntry.id == row.id).execute()
    ElectionRound.update(record_digest=link).where(ElectionRound.id == round_.id).execute()
    assert verify_chain(round_.id)  # the chain alone cannot tell
    info = _round(round_.id)
    assert any("niêm phong" in p for p in info.integrity), info.integrity
    assert info.result.digest_ok is False


def test_a_deleted_log_row_is_shown(counting):
    round_, _ids = _closed(counting)
    BallotEntry.delete().where((BallotEntry.round == round_.id) & (BallotEntry.seq == 4)).execute()
    problems = _round(round_.id).integrity
    assert problems and "thiếu dòng 4" in problems[0]
    last = BallotEntry.select().where(BallotEntry.round == round_.id).order_by(BallotEntry.seq.desc()).first()
    BallotEntry.delete().where(BallotEntry.id == last.id).execute()  # the seal itself
    assert _round(round_.id).integrity


def test_a_round_closed_before_sealing_existed_is_checked_without_a_seal(counting):
    round_, _ids = _closed(counting)
    seal = BallotEntry.select().where(BallotEntry.round == round_.id).order_by(BallotEntry.seq.desc()).first()
    BallotEntry.delete().where(BallotEntry.id == seal.id).execute()  # as a data file of schema 7 closed it
    before = BallotEntry.select().where(BallotEntry.round == round_.id).order_by(BallotEntry.seq.desc()).first()
    ElectionRound.update(record_digest=before.chain).where(ElectionRound.id == round_.id).execute()
    assert _round(round_.id).integrity == ()
    ElectionRound.update(record_digest="0" * 64).where(ElectionRound.id == round_.id).execute()
    assert any("thêm hoặc xóa" in p for p in _round(round_.id).integrity)


def test_papers_and_the_record_file_refuse_a_round_that_does_not_hold(counting, tmp_path):
    import pytest

    from models.core.errors import ConflictError
    from models.live_count.count import sound_round_record
    from services.congress.jobs import CONGRESS_JOB_BY_KIND
    from services.congress.minutes_jobs import prepare_minutes

    round_, ids = _closed(counting)
    congress_id = get_election(ElectionRound.get_by_id(round_.id).election_id).congress_id
    CONGRESS_JOB_BY_KIND["dai-hoi-trich-ngang"].run(tmp_path / "bios.xlsx", congress_id)  # sound: written
    stored = json.loads(ElectionRound.get_by_id(round_.id).result)
    stored["votes"][ids[3]] = 11
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    for kind in ("dai-hoi-trich-ngang", "dai-hoi-bao-cao"):
        with pytest.raises(ConflictError, match="kiểm lại được 3 phiếu"):
            CONGRESS_JOB_BY_KIND[kind].run(tmp_path / f"{kind}.xlsx", congress_id)
    with pytest.raises(ConflictError, match="Không xuất hồ sơ"):
        sound_round_record(round_.id)
    minutes = prepare_minutes(round_.id).write(tmp_path / "bb.xlsx")  # the minutes print it in red instead
    from openpyxl import load_workbook

    texts = [c.value for row in load_workbook(minutes).active.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("kiểm lại được 3 phiếu" in t for t in texts) and "HỒ SƠ KHÔNG KHỚP MÃ KIỂM TRA" in texts
    assert not minutes.with_suffix(".json").exists()


def test_the_data_file_s_round_is_checked_headless_against_the_signed_code(counting, data_file):
    import io

    from cli.congress import run_verify_database
    from models.core.database import close_database, open_database
    from models.counting.check_code import code_text, grouped, record_digests
    from models.live_count.count import round_record

    round_, ids = _closed(counting)
    record = round_record(round_.id)
    qr, typed = code_text(record), grouped(record_digests(record).content)
    close_database()
    for code in (qr, typed):
        out, err = io.StringIO(), io.StringIO()
        assert run_verify_database(code, db=str(data_file), out=out, err=err) == 0, out.getvalue() + err.getvalue()
        assert out.getvalue().startswith("KHỚP")
    open_database(data_file)
    stored = json.loads(ElectionRound.get_by_id(round_.id).result)
    stored["votes"][ids[3]] = 11
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    close_database()
    out, err = io.StringIO(), io.StringIO()
    assert run_verify_database(qr, db=str(data_file), out=out, err=err) == 1
    assert out.getvalue().startswith("KHÔNG KHỚP") and "kiểm lại được 3 phiếu" in out.getvalue()
    out = io.StringIO()
    assert run_verify_database("0" * 64, db=str(data_file), out=out, err=io.StringIO()) == 1
    assert "không lần bầu" in out.getvalue()
    open_database(data_file)


def test_the_congress_does_not_build_on_a_round_that_does_not_hold(counting):
    import pytest

    from models.congress.elections import add_election, set_candidates
    from models.congress.hand_votes import VoteKind
    from models.congress.rounds import start_problems, start_round
    from models.core.errors import ValidationError
    from models.counting import Post
    from tests.support import congress_story as story

    round_, ids = _closed(counting)
    committee = get_election(ElectionRound.get_by_id(round_.id).election_id)
    assert committee.done and committee.integrity == ()
    secretary = add_election(committee.congress_id, Post.SECRETARY, 1)
    set_candidates(secretary.rounds[0].id, [committee.elected[0].id])
    story.approve(committee.congress_id, VoteKind.ELECTION_LIST, "Danh sách", secretary.id)
    assert start_problems(secretary.rounds[0].id) == []
    stored = json.loads(ElectionRound.get_by_id(round_.id).result)
    stored["votes"][ids[3]] = 11
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    integrity = get_election(committee.id).integrity
    assert integrity and integrity[0].startswith("Lần bầu thứ 1: ") and "kiểm lại được 3 phiếu" in integrity[0]
    with pytest.raises(ValidationError, match="Kết quả bầu Ban Chi ủy không dùng được. Lần bầu thứ 1: "):
        start_round(secretary.rounds[0].id)  # the secretary is not elected from a committee that does not hold
    from models.congress.elections import unfinished_elections

    left = unfinished_elections(committee.congress_id)  # what «Bế mạc» warns about
    assert any(line.startswith("Kết quả bầu Ban Chi ủy không dùng được. Lần bầu thứ 1: ") for line in left), left


def test_no_next_round_follows_a_round_that_does_not_hold(counting):
    import pytest

    from models.congress.rounds import next_round
    from models.core.errors import ConflictError

    round_, _ids = _closed(counting, ((0, 1, 2),) * 5 + ((0, 1, 3),) * 5 + ((0, 1),))  # 2 and 3 tie at 5 of 11
    election_id = ElectionRound.get_by_id(round_.id).election_id
    BallotEntry.delete().where((BallotEntry.round == round_.id) & (BallotEntry.seq == 4)).execute()
    with pytest.raises(ConflictError, match="Kết quả lần bầu thứ 1 không dùng được. .*thiếu dòng 4"):
        next_round(election_id)
    assert len(get_election(election_id).rounds) == 1


def test_the_entry_log_paper_prints_in_red_what_does_not_hold(counting, tmp_path):
    from openpyxl import load_workbook

    from services.congress.minutes_jobs import prepare_entry_log

    round_, _ids = _closed(counting)

    def texts(name):
        path = prepare_entry_log(round_.id).write(tmp_path / name, None)
        cells = [c for row in load_workbook(path).active.iter_rows() for c in row if isinstance(c.value, str)]
        return {c.value: c for c in cells}

    assert not any("KHÔNG KHỚP" in t for t in texts("sound.xlsx"))  # a sound log: no warning
    BallotEntry.delete().where((BallotEntry.round == round_.id) & (BallotEntry.seq == 4)).execute()
    cells = texts("deleted.xlsx")
    warning = cells["NHẬT KÝ KHÔNG KHỚP: KHÔNG DÙNG LÀM CĂN CỨ"]
    assert warning.font.color.rgb.endswith("C00000") and warning.font.b
    reason = next(c for t, c in cells.items() if "thiếu dòng 4" in t)  # the first place that does not hold
    assert reason.font.color.rgb.endswith("C00000") and reason.row > warning.row
