"""`main.py scan` and `compare --db --round` as functions (the reader replaced by fake pages; the end-to-end run
through main.py with the real reader is in tests/e2e): certain ballots appended, doubts listed on stdout and in the
review list file with status 1, every pass compared with pass 1."""

from __future__ import annotations

import io

import pytest

from cli.parser import parse_args
from cli.scanning import review_list_path, run_compare_passes, run_passes, run_scan
from models.core.database import close_database, open_database
from models.counting import Ballot
from models.live_count.passes import start_pass
from models.live_count.session import CountSession, round_log
from models.scanning.reading import DoubtKind
from tests.support.scan_pages import page


def _reader(pages):
    def read(source, target, *, progress=None):
        assert target.candidates and target.round == 1
        for n, reading in enumerate(pages, 1):
            if progress is not None and progress(n, len(pages)) is False:
                return
            yield reading

    return read


def _run(function, *args, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    status = function(*args, out=out, err=err, **kwargs)
    return status, out.getvalue(), err.getvalue()


def test_scan_appends_the_certain_ballots_and_lists_the_doubts_with_status_1(counting, data_file, tmp_path):
    round_, ids = counting
    stack = tmp_path / "to1.pdf"
    stack.write_bytes(b"%PDF-1.4 (the fake reader does not open it)")
    pages = [page(1, [True, False, False, False]), page(2, [None, False, False, False]), page(3, [False] * 4)]
    close_database()
    status, out, err = _run(run_scan, str(data_file), round_.id, str(stack), reader=_reader(pages))
    assert (status, err) == (1, "")
    assert "Lượt 1 (quét phiếu): đọc 3 trang, ghi 2 phiếu chắc chắn." in out
    assert "Trang 2: Gạch tên không rõ (gạch một phần hoặc nét mờ)." in out
    listed = review_list_path(stack).read_text(encoding="utf-8")
    assert "Trang 2:" in listed and "Trang 1:" not in listed
    open_database(data_file)
    assert [line.ballot_no for line in round_log(round_.id, 1)] == [1, 3]


def test_scan_with_nothing_doubtful_exits_0_and_a_second_stack_continues_the_pass(counting, data_file, tmp_path):
    round_, ids = counting
    close_database()
    first = [page(1, [True, False, False, False])]
    assert _run(run_scan, str(data_file), round_.id, str(tmp_path), reader=_reader(first))[0] == 0
    more = [page(1, [False, True, False, False], (DoubtKind.NO_STAMP,))]
    assert _run(run_scan, str(data_file), round_.id, str(tmp_path), reader=_reader(more))[0] == 1
    open_database(data_file)
    assert [line.ballot_no for line in round_log(round_.id, 1)] == [1]  # page 2 of the pass waits


def test_scan_of_a_round_that_does_not_exist_lists_the_rounds_being_counted(counting, data_file, tmp_path):
    round_, ids = counting
    close_database()
    status, out, err = _run(run_scan, str(data_file), 999, str(tmp_path), reader=_reader([]))
    assert status == 1 and "Không có lần bầu mã 999. Các lần bầu: mã" in err and "hiện ở thẻ «Bầu cử»" in err
    assert f"mã {round_.id} — Đại hội " in err and "lần 1 (đang bầu, kiểm phiếu)" in err
    assert _run(run_scan, str(data_file), round_.id, str(tmp_path / "none"))[0] == 2


def test_compare_lists_the_differences_of_every_pass_with_pass_1(counting, data_file, tmp_path):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    from models.live_count.scan_pass import add_page

    add_page(round_.id, 1, page(1, [True, False, False, False]))
    start_pass(round_.id, "typed")
    CountSession(round_.id, 2).enter(Ballot.strike(1, ids[:3]))
    close_database()
    status, out, err = _run(run_compare_passes, str(data_file), round_.id)
    assert status == 1 and "Phiếu số 1: Lượt 1 (quét phiếu) giữ lại" in out
    assert "Lượt 2 (nhập tay) khác Lượt 1 (quét phiếu) ở 1 phiếu." in out
    open_database(data_file)
    CountSession(round_.id, 2).replace(Ballot.strike(1, ids[1:]))
    close_database()
    assert _run(run_compare_passes, str(data_file), round_.id)[0] == 0


def test_passes_brings_a_record_file_into_a_new_pass_and_sets_a_mistaken_one_aside(counting, data_file, tmp_path):
    from models.counting import write_record
    from models.live_count.count import close_problems, round_record

    round_, ids = counting
    CountSession(round_.id).enter(Ballot.strike(1, ids[:3]))
    record = tmp_path / "may-2.json"
    write_record(round_record(round_.id), record)
    start_pass(round_.id, "typed")
    CountSession(round_.id, 2).enter(Ballot.strike(1, ids[1:]))  # a pass typed from the wrong stack
    close_database()
    status, out, err = _run(run_passes, str(data_file), round_.id, record=str(record))
    assert (status, err) == (0, "") and "Đã nhận 1 phiếu vào lượt 3." in out
    assert "Lượt 3 (nhận từ máy khác)\n" in out
    status, out, err = _run(run_passes, str(data_file), round_.id, set_aside=2, reason="", by="Tổ trưởng")
    assert status == 1 and "Hãy ghi lý do" in err
    status, out, err = _run(run_passes, str(data_file), round_.id, set_aside=2, reason="Gõ nhầm xấp", by="Tổ trưởng")
    assert status == 0 and "Lượt 2 (nhập tay, đã gác lại): Gõ nhầm xấp" in out
    assert _run(run_passes, str(data_file), round_.id, set_aside=1, reason="x")[0] == 1
    assert _run(run_passes, str(data_file), round_.id, record=str(record), into=2)[0] == 1
    assert _run(run_passes, str(data_file), round_.id, record=str(tmp_path / "none.json"))[0] == 2
    assert _run(run_compare_passes, str(data_file), round_.id)[0] == 0  # the pass set aside is not compared
    open_database(data_file)
    assert close_problems(round_.id) == []


def test_the_parser_takes_scan_and_compare_on_a_data_file():
    args = parse_args(["scan", "--db", "x.chibo", "--round", "3", "scans"])
    assert (args.command, args.round_id, args.source, args.db) == ("scan", 3, "scans", "x.chibo")
    args = parse_args(["compare", "--db", "x.chibo", "--round", "3"])
    assert (args.round_id, args.first) == (3, None)
    assert parse_args(["compare", "a.json", "b.json"]).round_id is None
    args = parse_args(["passes", "--db", "x.chibo", "--round", "3", "--import", "r.json", "--into", "2"])
    assert (args.command, args.record, args.into, args.set_aside) == ("passes", "r.json", 2, None)
    args = parse_args(["passes", "--round", "3", "--set-aside", "2", "--reason", "nhầm"])
    assert (args.set_aside, args.reason, args.record) == (2, "nhầm", None)


def test_a_scan_killed_mid_stack_then_run_again_writes_each_page_once(counting, data_file, tmp_path):
    round_, ids = counting
    pages = [page(n, [n == 1, n == 2, n == 3, False]) for n in (1, 2, 3)] + [page(4, [None, False, False, False])]

    def killed_after_two(source, target, *, progress=None):
        yield from pages[:2]
        raise KeyboardInterrupt  # the process dies while reading page 3

    close_database()
    with pytest.raises(KeyboardInterrupt):
        _run(run_scan, str(data_file), round_.id, str(tmp_path), reader=killed_after_two)
    close_database()
    status, out, err = _run(run_scan, str(data_file), round_.id, str(tmp_path), reader=_reader(pages))
    assert status == 1 and "ghi 1 phiếu chắc chắn" in out and "Bỏ qua 2 trang đã đọc vào lượt này trước đó" in out
    status, out, err = _run(run_scan, str(data_file), round_.id, str(tmp_path), reader=_reader(pages))
    assert "ghi 0 phiếu chắc chắn" in out and "Bỏ qua 4 trang" in out and "Trang 4:" in out
    open_database(data_file)
    assert [line.ballot_no for line in round_log(round_.id, 1)] == [1, 2, 3]
