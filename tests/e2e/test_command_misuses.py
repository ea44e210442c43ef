"""The obvious misuses of the headless commands the README shows: an output (a paper, a new committee file, a
data file taken back from the server) in a folder that does not exist, a folder given as the output or as the data
file, a malformed code. Each is one Vietnamese line naming the path,
exit 2, nothing written and the data file left byte for byte as it was."""

from __future__ import annotations

import os
from datetime import date

import pytest

from models.core.branch import save_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.commands import chibo
from tests.support.roster_tab import BRANCH, due_people

CODE = "0" * 64


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in due_people(date.today()):
        save_member(record)
    close_database()
    return path


def _writers(db: str, record: str, output: str) -> list[tuple[str, ...]]:
    return [
        ("export", "danh-sach", "-o", output, "--db", db),
        ("export", "thong-ke", "--all-branches", "-o", output, "--db", db),
        ("export", "dai-hoi-diem-danh", "--congress", "1", "-o", output, "--db", db),
        ("ballots-pdf", "--round", "1", "-o", output, "--db", db),
        ("minutes", record, "-o", output),
        ("push", "--db", db, "--committee-file", output),
        ("pull", "--server", "postgresql://bithu@127.0.0.1:1/chibo", "--branch", "1", "--db", output),
    ]


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("missing/bao-cao.xlsx", "không có thư mục"),
        ("", "là một thư mục"),
        ("chibo.sqlite3/bao-cao.xlsx", "không phải là thư mục"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_anything(data_file, tmp_path, where, why):
    before = sorted(p.name for p in tmp_path.rglob("*"))
    content = data_file.read_bytes()
    output = str(tmp_path / where) if where else str(tmp_path)
    for args in _writers(str(data_file), str(tmp_path / "ho-so.json"), output):
        run = chibo(*args)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1, (args, run.stderr)
        assert why in run.stderr and f"«{output}" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no file, folder, partial file or sibling
    assert data_file.read_bytes() == content


def test_a_folder_or_a_pipe_given_as_the_data_file_is_named_as_such(tmp_path):
    pipe = tmp_path / "chibo.sqlite3"
    os.mkfifo(pipe)  # nobody writes into it: opening it to read would wait for ever
    for path, kind in ((tmp_path, "một thư mục"), (pipe, "một đường ống hay thiết bị")):
        run = chibo("stats", "--db", str(path))
        assert run.returncode == 2
        assert run.stderr.strip() == f"«{path}» là {kind}, không phải tệp dữ liệu. Hãy chỉ tệp dữ liệu bằng --db."


def test_a_malformed_code_is_unreadable_with_or_without_a_record_file(data_file, tmp_path):
    content = data_file.read_bytes()
    with_db = chibo("verify", "--code", "12AB", "--db", str(data_file))
    with_file = chibo("verify", str(tmp_path / "ho-so.json"), "--code", "12AB")
    for run in (with_db, with_file):
        assert run.returncode == 2, run.stderr
        assert "Mã kiểm tra phải gồm đúng 64 chữ số hệ 16" in run.stderr and run.stdout == ""
    assert data_file.read_bytes() == content
    assert chibo("verify", "--code", CODE, "--db", str(data_file)).returncode == 1  # well-formed, matches nothing


def test_a_full_disk_is_one_line_without_a_traceback(data_file, tmp_path):
    """The workbook's writer, left half-done on a full disk, is closed by Python's garbage collector: what that
    raises is never printed on the terminal ("Exception ignored in …" with a traceback)."""
    from tests.support.disks import fill, ram_disk

    with ram_disk(tmp_path / "usb", "256k") as disk:
        fill(disk)
        for kind in ("thong-ke", "danh-sach", "huy-hieu"):
            run = chibo("export", kind, "-o", str(disk / f"{kind}.xlsx"), "--db", str(data_file))
            assert run.returncode == 2, (kind, run.stdout, run.stderr)
            assert run.stderr.strip() == "Không đọc hoặc ghi được tệp: ổ đĩa đã đầy.", run.stderr
            assert not (disk / f"{kind}.xlsx").exists()
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]


def test_a_refused_first_push_into_a_committee_file_says_only_why(tmp_path):
    """A practice file is refused: one line, and no note about the committee file it does not leave behind."""
    from models.practice.sample_branch import fill_practice_data

    practice = tmp_path / "tap-duot.sqlite3"
    open_database(practice)
    fill_practice_data(date.today())
    close_database()
    committee = tmp_path / "dang-uy.sqlite3"
    run = chibo("push", "--db", str(practice), "--committee-file", str(committee))
    assert run.returncode == 1 and run.stdout == "", run
    assert len(run.stderr.strip().splitlines()) == 1 and "dữ liệu mẫu để tập dượt" in run.stderr, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tap-duot.sqlite3"]


def test_a_write_to_a_data_file_on_a_read_only_disk_is_one_vietnamese_line(data_file, tmp_path):
    """What the storage layer logs (the library's English text) is no line on the terminal: the command says it once,
    in Vietnamese."""
    from tests.support.disks import make_read_only, ram_disk
    from tests.support.roster_workbooks import write_roster

    book = write_roster(tmp_path / "ds.xlsx", [["Phạm Văn Mới", "Nam", date(1990, 1, 2), date(2015, 3, 4), "", ""]])
    with ram_disk(tmp_path / "usb", "4m") as disk:
        copy = disk / data_file.name
        copy.write_bytes(data_file.read_bytes())
        make_read_only(disk)
        for args in (("import", str(book)), ("dang-uy", "sua", "--name", "ĐẢNG ỦY XÃ A")):
            run = chibo(*args, "--db", str(copy))
            assert run.returncode == 2, (args, run.stdout, run.stderr)
            assert run.stderr.strip().splitlines() == [
                "Thao tác vừa rồi chưa thực hiện được vì tệp hoặc thư mục chứa tệp chỉ cho phép đọc; dữ liệu đã lưu "
                "trước đó vẫn nguyên vẹn. Hãy dùng (hoặc chép tệp sang) một thư mục có quyền ghi."
            ], run.stderr
        assert copy.read_bytes() == data_file.read_bytes()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("export", "thong-ke", "-o", ""), "-o"),
        (("export", "thong-ke", "-o", "  "), "-o"),
        (("stats", "--db", ""), "--db"),
        (("--db", " ", "stats"), "--db"),
        (("import", ""), "TỆP.xlsx"),
        (("count", ""), "TỆP_HỒ_SƠ.json"),
        (("push", "--db", "{db}", "--committee-file", ""), "--committee-file"),
    ],
)
def test_a_blank_file_name_is_a_mistake_of_the_command_line(data_file, tmp_path, args, shown):
    """Never the default data file, the current folder, a file named « .xlsx», nor «an unexpected error»."""
    content = data_file.read_bytes()
    run = chibo(*(a.format(db=data_file) for a in args))
    assert run.returncode == 2 and run.stdout == "", run
    assert run.stderr == f"Lệnh không đúng: tên tệp ở {shown} đang để trống; hãy ghi tên tệp.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chibo.sqlite3"] and data_file.read_bytes() == content
