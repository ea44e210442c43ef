"""Branches onto the office's server and back into files: everything kept, ids renewed, the entry logs still
verifying; a branch already on the server refused unless merged; nothing half-done on failure."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from models.congress.tables import ElectionRound
from models.core.branch import list_branches, save_branch
from models.core.database import close_database, open_database
from models.core.errors import ConflictError, DatabaseFileError, NotFoundError
from models.core.tables import Branch
from models.live_count.session import verify_chain
from models.live_count.tables import BallotEntry
from models.office import branch_moves
from models.office.branch_moves import pull_branch, push_file, server_branches
from models.office.branch_tables import branch_tables
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, record_event, save_member
from models.roster.rating_book import save_ratings
from models.roster.records import EventRecord
from tests.support.people import member
from tests.support.rich_branch import OTHER, plain, shot


def counts(target) -> dict[str, int]:
    with plain(target) as database:
        return {t.name: t.model.select().bind(database).count() for t in branch_tables()}


def test_the_rich_branch_fills_every_branch_table(rich_file):
    empty = [name for name, rows in shot(rich_file).items() if not rows]
    assert empty == []


def test_file_to_server_to_file_loses_nothing(rich_file, other_file, server, tmp_path):
    push_file(other_file, server)  # the server already holds a branch: the rich one gets other ids
    [report] = push_file(rich_file, server)
    assert (
        report.branch_id == 2 and not report.merged and report.added["BallotEntry"] == 32
    )  # 29 ballots and 3 (un)seals
    with plain(server) as database:
        assert database.execute_sql("SELECT min(id) FROM member WHERE branch_id = 2").fetchone()[0] > 1
    assert shot(server, 2) == shot(rich_file)
    back = tmp_path / "back" / "lay-ve.sqlite3"
    pulled = pull_branch(server, 2, back)
    assert pulled.branch_name == "Chi bộ Văn phòng Sở"
    assert shot(back) == shot(rich_file)
    assert sorted(p.name for p in back.parent.iterdir()) == ["lay-ve.sqlite3"]  # no part file left behind


def test_the_entry_log_still_verifies_on_the_server_and_in_the_file_taken_back(rich_file, other_file, server, tmp_path):
    push_file(other_file, server)
    push_file(rich_file, server)
    back = tmp_path / "back.sqlite3"
    pull_branch(server, 2, back)
    for target in (server, back):
        open_database(target)
        try:
            rounds = ElectionRound.select().where(ElectionRound.count_mode == "ballots")
            assert [verify_chain(r.id) for r in rounds] == [True]
            row = rounds.get()
            last = BallotEntry.select().where(BallotEntry.round == row.id).order_by(BallotEntry.seq.desc()).get()
            assert row.record_digest == last.chain
        finally:
            close_database()


def test_a_branch_already_on_the_server_is_refused_and_the_server_keeps_what_it_has(rich_file, server):
    push_file(rich_file, server)
    before = counts(server)
    with pytest.raises(ConflictError, match="đã có chi bộ «Chi bộ Văn phòng Sở».*--merge"):
        push_file(rich_file, server)
    assert counts(server) == before


def test_merging_adds_only_what_the_server_lacks(rich_file, server, tmp_path):
    push_file(rich_file, server)
    later = tmp_path / "sau.sqlite3"
    shutil.copy(rich_file, later)
    open_database(later)
    try:
        new = save_member(member(0, card_number="55500001")).member
        people = all_members()
        record_event(people[0].id, EventRecord(EventKind.BADGE_AWARDED, date(2026, 9, 2)))
        save_ratings(2026, {people[1].id: "good"})
        save_member(
            member(
                1,
                full_name=people[2].full_name,
                birth_date=people[2].birth_date,
                card_number="",
                id=people[2].id,
                version=people[2].version,
            )
        )  # the same person, card number left out: matched by name and birth
    finally:
        close_database()
    before = counts(server)
    [report] = push_file(later, server, merge=True)
    after = counts(server)
    assert report.merged and report.branch_id == 1
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {
        "member": 1,
        "member_event": 1,
        "rating": 1,
    }
    assert report.matched["Member"] == 32 and report.matched["Congress"] == 1
    assert report.dropped["BallotEntry"] == 32  # ballots and seals; the congress on the server stays as it is there
    open_database(server)
    try:
        assert [m.full_name for m in all_members() if m.card_number == "55500001"] == [new.full_name]
    finally:
        close_database()
    [again] = push_file(later, server, merge=True)
    assert counts(server) == after and sum(again.added.values()) == 0


def test_a_failure_in_the_middle_leaves_the_server_untouched(rich_file, other_file, server, monkeypatch):
    push_file(other_file, server)
    before = counts(server)

    def broken(*args):
        raise ConflictError("hỏng giữa chừng")

    monkeypatch.setattr(branch_moves, "_check_copy", broken)  # every row is in by then
    with pytest.raises(ConflictError, match="hỏng giữa chừng"):
        push_file(rich_file, server)
    assert counts(server) == before and [n for _, n in server_branches(server)] == ["Chi bộ Phòng Kế hoạch"]


def test_an_entry_log_changed_outside_chibo_is_refused(rich_file, server):
    with plain(rich_file) as database:
        database.execute_sql("UPDATE ballot_entry SET after = replace(after, '\"no\": 5', '\"no\": 6') WHERE seq = 5")
    with pytest.raises(ConflictError, match="từ dòng 5 không khớp mã kiểm tra"):
        push_file(rich_file, server)
    assert server_branches(server) == []


def test_taking_a_branch_back_refuses_an_existing_file_and_an_unknown_branch(rich_file, server, tmp_path):
    push_file(rich_file, server)
    existing = tmp_path / "co-roi.sqlite3"
    existing.write_bytes("giữ nguyên".encode())
    with pytest.raises(DatabaseFileError, match="đã có; ChiBo không ghi đè"):
        pull_branch(server, 1, existing)
    assert existing.read_bytes() == "giữ nguyên".encode()
    with pytest.raises(NotFoundError, match="không có chi bộ mã 7 \\(có: 1: Chi bộ Văn phòng Sở"):
        pull_branch(server, 7, tmp_path / "moi.sqlite3")
    assert not (tmp_path / "moi.sqlite3").exists() and list(tmp_path.glob(".*part*")) == []


def test_a_server_that_does_not_answer_is_told_in_vietnamese(rich_file, tmp_path):
    url = f"postgresql://nobody@/chibo?host={tmp_path}&port=1"
    with pytest.raises(DatabaseFileError, match="Không kết nối được tới máy chủ cơ sở dữ liệu .*máy chủ chưa chạy"):
        push_file(rich_file, url)


def test_every_branch_of_a_file_moves_together(rich_file, server):
    open_database(rich_file)
    try:
        save_branch(OTHER, new=True)
        save_member(member(3))
        assert len(list_branches()) == 2
    finally:
        close_database()
    reports = push_file(rich_file, server)
    assert [r.branch_name for r in reports] == ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch"]
    assert shot(server, 2) == shot(rich_file, 2)
    with plain(server) as database:
        assert Branch.select().bind(database).count() == 2


def test_a_practice_file_stays_off_the_server(server, tmp_path):
    from models.practice.sample_branch import fill_practice_data

    practice = tmp_path / "tap-duot.sqlite3"
    open_database(practice)
    try:
        fill_practice_data(date(2026, 12, 1))
    finally:
        close_database()
    with pytest.raises(ConflictError, match="dữ liệu mẫu để tập dượt"):
        push_file(practice, server)
    assert server_branches(server) == []


def test_a_congress_the_server_lacks_comes_with_its_list_pointing_at_the_server_s_members(rich_file, server, tmp_path):
    from models.congress.congresses import CongressInfo, find_congress, list_congresses, save_congress
    from models.congress.summons import summoned_list
    from models.congress.tables import Summoned
    from models.roster.tables import Member

    push_file(rich_file, server)
    later = tmp_path / "dai-hoi-moi.sqlite3"
    shutil.copy(rich_file, later)
    open_database(later)
    try:
        new = save_congress(CongressInfo(6, 2031, 2036, date(2026, 11, 20), place="Phòng họp số 2"))
        listed = len(summoned_list(new.id))
    finally:
        close_database()
    [report] = push_file(later, server, merge=True)
    assert report.added["Congress"] == 1 and report.added["Summoned"] == listed > 0
    open_database(server)
    try:
        assert sorted(c.ordinal for c in list_congresses()) == [5, 6]
        newest = find_congress(6)
        members = Member.select(Member.id).where(Member.branch == 1)
        stray = Summoned.select().where((Summoned.congress == newest.id) & Summoned.member.not_in(members))
        assert stray.count() == 0 and Member.select().count() == 32
    finally:
        close_database()
