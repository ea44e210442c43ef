"""`chibo --self-test [--db postgresql://…]`: a headless round trip through the bundle as shipped (members, search,
export and read-back, a congress count recounted from its minutes' record, encrypted files). Each step is checked
by `check`, which holds under `python -O` too (no `assert`)."""

from __future__ import annotations

import sys
from pathlib import Path


class SelfTestFailed(Exception):
    """A check of the self-test did not hold; the message says which."""


def check(holds: bool, what: str) -> None:
    """Stop the self-test with `what` unless `holds`."""
    if not holds:
        raise SelfTestFailed(what)


def _refused(path: Path) -> bool:
    """An encrypted file does not open without its key (the key the OS keeps for it having been forgotten)."""
    from models.core.database import open_database
    from models.core.errors import PassphraseNeededError

    try:
        open_database(path, create=False)
    except PassphraseNeededError:
        return True
    return False


def run_self_test(server: str | None = None) -> int:
    """Headless round trip: members in, queried, exported, read back. On a temporary data file, or with a server
    URL inside one transaction on that server that is rolled back at the end, so the server keeps nothing.
    0 when every check holds; 1 with the check that failed on stderr."""
    from models.core.database import is_server_url
    from models.schema import install_schema

    install_schema()
    if server and not is_server_url(server):
        print("Tự kiểm tra dùng tệp tạm; --db chỉ nhận địa chỉ máy chủ postgresql://…", file=sys.stderr)
        return 2
    try:
        line = _round_trips(server)
    except SelfTestFailed as exc:
        print(f"ChiBo self-test FAILED: {exc}", file=sys.stderr)
        return 1
    if sys.stdout is not None:
        print(line)
    return 0


def _round_trips(server: str | None) -> str:
    import tempfile

    from models.core.database import close_database, open_database
    from models.core.tables import db

    with tempfile.TemporaryDirectory(prefix="chibo-selftest-") as folder:
        try:
            open_database(server or Path(folder) / "selftest.sqlite3")
            with db.atomic() as transaction:
                rows, exported = _self_test_round_trip(Path(folder))
                counted = _self_test_count(Path(folder))
                transaction.rollback()
        finally:
            close_database()
        encrypted = "" if server else ", an encrypted file reopened by its passphrase and another by its recovery key"
        if not server:
            _self_test_encryption(Path(folder))
    return (
        f"ChiBo self-test OK: {len(rows)} members, search, export and read-back of {exported} rows, "
        f"a congress count of {counted} ballots recounted from its minutes' record{encrypted}"
    )


def _self_test_encryption(folder: Path) -> None:
    """SQLCipher as bundled: a file written with a passphrase holds no name in plain text and opens with it only."""
    from datetime import date

    from models.core import passphrases
    from models.core.branch import BranchInfo, save_branch
    from models.core.database import close_database, open_database
    from models.roster.members import all_members, save_member
    from models.roster.records import MemberRecord

    path = folder / "ma-hoa.sqlite3"
    open_database(path, "Tự kiểm tra 2026")
    save_branch(BranchInfo("Chi bộ Kiểm thử", "ĐẢNG BỘ KIỂM THỬ", "Hà Nội", "CB"), new=True)
    save_member(MemberRecord("Phạm Thị Mã Hóa", "Nữ", date(1985, 4, 3), date(2010, 5, 19)))
    close_database()
    check("Mã Hóa".encode() not in path.read_bytes(), "a member's name in plain text in an encrypted file")
    passphrases.forget(path)
    check(_refused(path), "an encrypted file opened without its passphrase")
    open_database(path, "Tự kiểm tra 2026")
    try:
        check([m.full_name for m in all_members()] == ["Phạm Thị Mã Hóa"], "the encrypted file read back wrong")
    finally:
        close_database()
    _self_test_recovery_key(folder)


def _self_test_recovery_key(folder: Path) -> None:
    """The default encryption as bundled: keyring finds its back ends (their entry points were collected), and a
    file encrypted with a random key opens with its recovery key alone."""
    import importlib.metadata

    from models.core import file_keys, passphrases
    from models.core.database import close_database, open_database

    found = {entry.name for entry in importlib.metadata.entry_points(group="keyring.backends")}
    wanted = "Windows" if sys.platform == "win32" else "SecretService"
    check(wanted in found, f"keyring back end {wanted} missing from the bundle: {sorted(found)}")
    recovery = file_keys.recovery_text(file_keys.new_key())
    path = folder / "khoa-ngau-nhien.sqlite3"
    open_database(path, recovery)
    close_database()
    passphrases.forget(path)
    check(_refused(path), "a file encrypted with a random key opened without it")
    open_database(path, recovery.lower(), create=False)
    close_database()


def _self_test_round_trip(folder: Path):
    from datetime import date

    from models.core.branch import BranchInfo, save_branch
    from models.roster.event_kinds import EventKind
    from models.roster.members import all_members, record_event, save_member
    from models.roster.records import EventRecord, MemberRecord
    from models.roster.roster import RosterFilter, filter_rows, roster_rows

    save_branch(BranchInfo("Chi bộ Kiểm thử", "ĐẢNG BỘ KIỂM THỬ", "Hà Nội", "CB"), new=True)
    people = [
        ("Nguyễn Văn An", "Nam", date(1980, 5, 1), date(2005, 3, 2), date(2006, 3, 2)),
        ("Trần Thị Bình", "Nữ", date(1990, 7, 9), date(2015, 1, 10), date(2016, 1, 10)),
        ("Lê Đức Cường", "Nam", date(1998, 2, 3), date(2025, 9, 1), None),
    ]
    for name, gender, born, admitted, official in people:
        save_member(MemberRecord(name, gender, born, admitted, ceremony_date=admitted, official_date=official))
    members = all_members()
    record_event(members[0].id, EventRecord(EventKind.BADGE_AWARDED, date(2025, 9, 2), note="huy hiệu"))
    rows = roster_rows(all_members())
    found = filter_rows(rows, RosterFilter(text="tran thi binh"))
    check([rows[i].full_name for i in found] == ["Trần Thị Bình"], f"the search found {found}")
    exported = _self_test_export(folder, all_members())
    return rows, exported


def _self_test_count(folder: Path) -> int:
    """A congress on the self-test's roster: check-in, the counting committee, the votes on seats and list, a
    secretary's round counted ballot by ballot, locked, its minutes written and their record recounted."""
    from datetime import date

    from models.congress.bodies import Body, set_body
    from models.congress.checkin import check_in
    from models.congress.congresses import CongressInfo, open_session, save_congress
    from models.congress.elections import add_election, set_candidates
    from models.congress.hand_votes import VoteKind, record_vote
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Attendance, Ballot, Post, read_record, recount
    from models.live_count.count import close_count
    from models.live_count.session import CountSession
    from services.congress.minutes_jobs import prepare_minutes

    congress = save_congress(CongressInfo(1, 2025, 2030, date(2025, 10, 1)))
    people = summoned_list(congress.id)
    for person in people:
        check_in(person.id, Attendance.PRESENT)
    open_session(congress.id)
    official = [p for p in people if p.official]
    set_body(congress.id, Body.COUNTING, [official[-1].id], official[-1].id)
    election = add_election(congress.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [official[0].id])
    for kind in (VoteKind.SEATS, VoteKind.ELECTION_LIST):
        record_vote(congress.id, kind, "Tự kiểm tra", len(official), 0, 0, election_id=election.id)
    round_ = start_round(election.rounds[0].id)
    session = CountSession(round_.id, entered_by="Tự kiểm tra")
    for no in range(1, round_.ballots_issued + 1):
        session.enter(Ballot.agree(no, {official[0].key: "agree"}))
    close_count(round_.id)
    minutes = prepare_minutes(round_.id).write(folder / "Biên bản kiểm phiếu.xlsx")
    record = read_record(minutes.with_suffix(".json"))
    check(record.digest_ok is True, "the minutes' record does not match its digest")
    check(recount(record).elected == (official[0].key,), f"the record recounted to {recount(record)}")
    return round_.ballots_issued


def _self_test_export(folder: Path, members) -> int:
    """Export the member list with on-screen columns, as the members tab does, and read it back as an import would."""
    from reports.roster.roster_reader import read_roster
    from services.roster.jobs import JOB_BY_KIND, ExportOptions

    pairs = [("Họ và tên", "full_name"), ("Ngày sinh", "birth_date"), ("Ngày vào Đảng", "admission_date")]
    options = ExportOptions(everyone=members, listed=members, columns=pairs + [("Số thẻ", "card_number")])
    read = read_roster(JOB_BY_KIND["danh-sach-cot"].run(folder / "Danh sách đảng viên.xlsx", options))
    names = sorted(row.values.get("full_name") for row in read.rows)
    check(names == sorted(m.full_name for m in members), f"the export read back the names {names}")
    check(all(row.values.get("birth_date") for row in read.rows), "birth dates lost in the round trip")
    return len(read.rows)
