"""A pass started by mistake set aside with its reason (a chained log entry), and a record file brought into a new
pass or a chosen empty one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from models.core.errors import ConflictError, ValidationError
from models.counting import Ballot, MalformedError
from models.live_count.count import (
    close_count,
    close_problems,
    differences,
    import_pass,
    importable_passes,
    round_record,
    set_double_entry,
)
from models.live_count.pass_aside import set_pass_aside
from models.live_count.passes import round_passes, start_pass
from models.live_count.scan_pass import add_page, pending_review_problems
from models.live_count.session import CountSession, chain_head, round_log, verify_chain
from models.live_count.tables import BallotEntry, CountPass
from services.scan_count.scan_stack import scan_pass_for
from tests.support.scan_pages import page


def _typed_first(round_id: int, ids: list[str], count: int = 3) -> None:
    session = CountSession(round_id, 1, "Máy 1")
    for no in range(1, count + 1):
        session.enter(Ballot.strike(no, ids[:3]))


def test_a_pass_set_aside_no_longer_blocks_closing_and_takes_no_more_ballots(counting):
    round_, ids = counting
    _typed_first(round_.id, ids)
    mistaken = start_pass(round_.id, "typed", "Máy 2")
    CountSession(round_.id, mistaken.number, "Máy 2").enter(Ballot.strike(1, ids[1:]))  # wrong stack
    assert any("Lượt 2 và lượt 1 chưa khớp" in p for p in close_problems(round_.id))
    aside = set_pass_aside(round_.id, 2, "  Gõ nhầm xấp phiếu của lần bầu khác ", "Tổ trưởng")
    assert aside.set_aside and aside.aside_reason == "Gõ nhầm xấp phiếu của lần bầu khác"
    assert aside.label == "Lượt 2 (nhập tay, đã gác lại)" and aside.aside_by == "Tổ trưởng"
    assert close_problems(round_.id) == []
    opened = CountSession(round_.id, 2, "Máy 2")  # still shown, with the ballots it holds
    assert opened.result().collected == 1
    with pytest.raises(ConflictError, match="Lượt 2 đã được gác lại"):
        opened.enter(Ballot.strike(2, ids[:3]))
    with pytest.raises(ConflictError, match="đã được gác lại"):
        opened.replace(Ballot.strike(1, ids[:3]))
    assert [line.action for line in round_log(round_.id, 2)] == ["enter", "aside"]
    close_count(round_.id)
    assert verify_chain(round_.id) and len(round_record(round_.id).ballots) == 3


def test_a_session_opened_before_another_pc_set_the_pass_aside_is_refused_inside_its_transaction(counting):
    round_, ids = counting
    set_double_entry(round_.id, True)
    open_on_pc2 = CountSession(round_.id, 2, "Máy 2")
    set_pass_aside(round_.id, 2, "Nhập hai lượt bật nhầm", "Máy 1")
    with pytest.raises(ConflictError, match="gác lại"):
        open_on_pc2.enter(Ballot.strike(1, ids[:3]))
    assert not BallotEntry.select().where((BallotEntry.pass_no == 2) & (BallotEntry.action == "enter")).exists()


def test_setting_aside_is_refused_for_pass_one_twice_without_reason_or_on_a_closed_round(counting):
    round_, ids = counting
    _typed_first(round_.id, ids)
    start_pass(round_.id, "typed")
    with pytest.raises(ConflictError, match="Lượt 1"):
        set_pass_aside(round_.id, 1, "nhầm")
    with pytest.raises(ValidationError, match="lý do"):
        set_pass_aside(round_.id, 2, "   ")
    with pytest.raises(ConflictError, match="thứ 5"):
        set_pass_aside(round_.id, 5, "nhầm")
    set_pass_aside(round_.id, 2, "nhầm")
    with pytest.raises(ConflictError, match="từ trước"):
        set_pass_aside(round_.id, 2, "lần nữa")
    start_pass(round_.id, "typed")
    close_problems_now = close_problems(round_.id)
    assert any("Lượt 3" in p for p in close_problems_now)  # a new pass after it must agree as any pass
    set_pass_aside(round_.id, 3, "cũng nhầm")
    close_count(round_.id)
    entries = BallotEntry.select().count()
    with pytest.raises(ConflictError, match="kiểm phiếu"):
        set_pass_aside(round_.id, 3, "sau khi khóa")
    assert BallotEntry.select().count() == entries


def test_a_scanned_pass_set_aside_waits_for_nobody_and_the_next_scan_starts_a_new_pass(counting):
    round_, ids = counting
    _typed_first(round_.id, ids, 1)
    scanned = start_pass(round_.id, "scanned")
    add_page(round_.id, scanned.number, page(1, [None, False, False, False]))  # doubtful: waits for a person
    assert pending_review_problems(round_.id)
    set_pass_aside(round_.id, scanned.number, "Quét nhầm xấp phiếu")
    assert pending_review_problems(round_.id) == []
    with pytest.raises(ConflictError, match="gác lại"):
        add_page(round_.id, scanned.number, page(2, [True, False, False, False]))
    assert scan_pass_for(round_.id) == scanned.number + 1


def _documented_link(previous: str, entry: dict) -> str:
    """docs/election-record.md «Passes and scanned ballots», written out independently of the code."""
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(previous.encode() + text.encode()).hexdigest()


def test_the_aside_entry_is_chained_as_documented(counting):
    round_, ids = counting
    set_double_entry(round_.id, True)
    set_pass_aside(round_.id, 2, "Bật nhầm", "Tổ trưởng")
    row = BallotEntry.get(BallotEntry.action == "aside")
    entry = {
        "seq": 1,
        "pass": 2,
        "no": 0,
        "action": "aside",
        "before": "",
        "after": json.dumps({"reason": "Bật nhầm"}, ensure_ascii=False),
        "by": "Tổ trưởng",
        "at": row.entered_at.isoformat(timespec="microseconds"),
    }
    assert row.chain == _documented_link(chain_head(round_.id), entry)


def test_a_record_file_fills_a_new_pass_or_a_chosen_empty_one(counting):
    round_, ids = counting
    _typed_first(round_.id, ids)
    other_pc = round_record(round_.id)
    assert importable_passes(round_.id) == []
    assert import_pass(round_.id, other_pc, "Tệp máy 2") == 2
    assert import_pass(round_.id, other_pc, "Tệp máy 3") == 3
    assert [(p.number, p.source) for p in round_passes(round_.id)] == [(1, "typed"), (2, "imported"), (3, "imported")]
    assert differences(round_.id, 1, 3) == [] and close_problems(round_.id) == []
    empty = start_pass(round_.id, "typed")
    assert importable_passes(round_.id) == [empty.number]
    assert import_pass(round_.id, other_pc, "Tệp máy 4", empty.number) == 4
    assert CountSession(round_.id, 4).result().collected == 3
    with pytest.raises(ConflictError, match="đã có phiếu"):
        import_pass(round_.id, other_pc, "Tệp", 2)


def test_a_refused_import_leaves_no_pass_behind(counting):
    round_, ids = counting
    _typed_first(round_.id, ids)
    record = round_record(round_.id)
    bad = replace(record, ballots=(*record.ballots, Ballot.strike(4, ["x9"])))
    with pytest.raises(MalformedError):
        import_pass(round_.id, bad, "Tệp")
    assert not CountPass.select().exists() and [p.number for p in round_passes(round_.id)] == [1]
    start_pass(round_.id, "scanned")
    with pytest.raises(ConflictError, match="quét phiếu"):
        import_pass(round_.id, record, "Tệp", 2)
    set_pass_aside(round_.id, 2, "nhầm")
    with pytest.raises(ConflictError, match="gác lại"):
        import_pass(round_.id, record, "Tệp", 2)


def test_a_branch_move_writes_the_aside_entry_back_unchanged_so_its_link_holds(counting):
    from models.office.branch_tables import ID_TEXT_COLUMNS

    round_, ids = counting
    set_double_entry(round_.id, True)
    set_pass_aside(round_.id, 2, "Bật nhầm «nhập hai lượt»")
    row = BallotEntry.get(BallotEntry.action == "aside")
    moved = ID_TEXT_COLUMNS[("BallotEntry", "after")](row.after, {})
    assert moved == row.after


def test_the_entry_log_paper_lists_the_pass_set_aside_with_its_reason(counting, tmp_path):
    from openpyxl import load_workbook

    from services.congress.minutes_jobs import prepare_entry_log

    round_, ids = counting
    _typed_first(round_.id, ids, 1)
    start_pass(round_.id, "typed")
    set_pass_aside(round_.id, 2, "Gõ nhầm xấp phiếu", "Tổ trưởng")
    path = prepare_entry_log(round_.id).write(tmp_path / "nhat-ky.xlsx", None)
    rows = [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
    [aside] = [r for r in rows if "Gác lại lượt" in r]
    assert "Lý do: Gõ nhầm xấp phiếu" in aside and "Tổ trưởng" in aside and 2 in aside
