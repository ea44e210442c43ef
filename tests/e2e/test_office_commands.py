"""The headless office commands end to end: `python main.py import|stats|export` on a temporary data file."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.core.branch import save_branch
from models.core.database import close_database, open_database
from models.roster.members import all_members, save_member
from services.roster.jobs import EXPORT_JOBS
from tests.support.commands import chibo
from tests.support.roster_tab import BRANCH, due_people
from tests.support.roster_workbooks import write_roster

NEW = ["Phạm Văn Mới", "Nam", date(1990, 1, 2), date(2015, 3, 4), "87654321", ""]
BAD = ["Lỗi Thị Ngày", "Nữ", "31/02/1980", date(2010, 1, 1), "", ""]


@pytest.fixture
def data_file(tmp_path):
    """A branch of twelve (two probationary members due for recognition, one badge due), closed for the commands."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in due_people(date.today()):
        save_member(record)
    close_database()
    return path


def names(path: Path) -> list[str]:
    open_database(path)
    try:
        return sorted(m.full_name for m in all_members())
    finally:
        close_database()


def test_import_dry_run_prints_the_preview_and_saves_nothing(data_file, tmp_path):
    before = names(data_file)
    book = write_roster(tmp_path / "in.xlsx", [NEW])
    run = chibo("import", str(book), "--db", str(data_file), "--dry-run")
    assert run.returncode == 0, run.stderr
    assert "Sẽ thêm 1, cập nhật 0, bỏ qua 0. Tệp có 1 dòng: 1 mới, 0 trùng, 0 lỗi." in run.stdout
    assert "chưa lưu gì" in run.stdout
    assert names(data_file) == before


def test_import_json_lists_every_row_with_status_problems_and_duplicate(data_file, tmp_path):
    saved = due_people(date.today())[0]
    twin = [saved.full_name, saved.gender, saved.birth_date, saved.admission_date, "", ""]
    book = write_roster(tmp_path / "in.xlsx", [NEW, twin, BAD])
    run = chibo("import", str(book), "--db", str(data_file), "--dry-run", "--json")
    assert run.returncode == 1  # a row has an error
    report = json.loads(run.stdout)
    assert report["counts"] == {"rows": 3, "new": 1, "duplicates": 1, "errors": 1}
    new, dup, bad = report["rows"]
    assert (new["row"], new["status"], new["action"], new["problems"], new["duplicate"]) == (
        6,
        "Thêm mới",
        "add",
        [],
        None,
    )
    assert dup["status"] == f"Trùng với đảng viên {saved.full_name}" and dup["action"] == "skip"
    assert dup["duplicate"]["full_name"] == saved.full_name and dup["duplicate"]["by_card"] is False
    assert bad["status"] == "Lỗi" and bad["problems"][0]["severity"] == "error"
    assert "31/02/1980" in bad["problems"][0]["message"] and bad["problems"][0]["row"] == 8
    assert report["applied"] is None


def test_import_applies_all_or_nothing(data_file, tmp_path):
    before = names(data_file)
    refused = chibo("import", str(write_roster(tmp_path / "bad.xlsx", [NEW, BAD])), "--db", str(data_file))
    assert refused.returncode == 1
    assert "Lỗi ở dòng 7" in refused.stdout and "chưa nhập gì" in refused.stdout
    assert names(data_file) == before

    applied = chibo("import", str(write_roster(tmp_path / "ok.xlsx", [NEW])), "--db", str(data_file))
    assert applied.returncode == 0, applied.stderr
    assert "thêm mới 1 đảng viên" in applied.stdout
    assert names(data_file) == sorted([*before, "Phạm Văn Mới"])


def test_import_skip_errors_applies_the_other_rows(data_file, tmp_path):
    book = write_roster(tmp_path / "in.xlsx", [BAD, NEW])
    run = chibo("import", str(book), "--db", str(data_file), "--skip-errors", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["applied"] == {"added": 1, "updated": 0, "skipped": 1}
    assert "Phạm Văn Mới" in names(data_file) and "Lỗi Thị Ngày" not in names(data_file)


def test_unreadable_file_or_database_is_one_vietnamese_line(data_file, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    book, missing = str(write_roster(tmp_path / "in.xlsx", [NEW])), str(tmp_path / "none.sqlite3")
    commands = [
        ("import", str(junk), "--db", str(data_file)),
        ("import", book, "--db", missing),
        ("import", book, "--db", str(junk)),
        ("stats", "--db", missing, "--json"),
        ("export", "danh-sach", "-o", str(tmp_path / "x.xlsx"), "--db", missing),
    ]
    for args in commands:
        run = chibo(*args)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert "Traceback" not in run.stderr and "tệp" in run.stderr.lower()
    assert not (tmp_path / "none.sqlite3").exists()  # a read never creates an empty branch
    assert not (tmp_path / "x.xlsx").exists()


def test_stats_json_figures_with_their_report_labels(data_file):
    run = chibo("stats", "--db", str(data_file), "--on", date.today().strftime("%d/%m/%Y"), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["on"] == date.today().isoformat()
    sections = {s["key"]: s for s in report["sections"]}
    overview = {r["label"]: r for r in sections["overview"]["rows"]}
    assert overview["Tổng số đảng viên"]["count"] == 12
    kinds = {r["label"]: (r["count"], r["percent"]) for r in sections["kind"]["rows"]}
    assert kinds == {"Chính thức": (10, 83.33), "Dự bị": (2, 16.67)}
    genders = {r["label"]: r["count"] for r in sections["gender"]["rows"]}
    assert sum(genders.values()) == 12 and set(genders) == {"Nam", "Nữ"}


def test_stats_on_an_earlier_day_counts_who_was_there(data_file):
    run = chibo("stats", "--db", str(data_file), "--on", "1990-01-01", "--json")
    assert run.returncode == 0, run.stderr
    overview = json.loads(run.stdout)["sections"][0]
    assert overview["rows"][0]["count"] < 12


@pytest.mark.parametrize("job", EXPORT_JOBS, ids=lambda job: job.kind)
def test_export_every_kind_reads_back(data_file, tmp_path, job):
    target = tmp_path / f"{job.kind}.xlsx"
    run = chibo("export", job.kind, "-o", str(target), "--db", str(data_file))
    assert run.returncode == 0, run.stderr
    assert str(target) in run.stdout
    ws = load_workbook(target).active
    texts = {str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None}
    assert "CHI BỘ VĂN PHÒNG SỞ" in texts and "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    expected = {
        "danh-sach": "Hoàng Thị Ánh",
        "danh-sach-cot": "Hoàng Thị Ánh",
        "thong-ke": "Dự bị",
        "du-bi": "Hoàng Thị Ánh",
        "huy-hieu": "Ngô Quang Ăn",
    }[job.kind]
    assert any(expected in text for text in texts), texts
    if os.name == "posix":  # member records on a shared PC: the workbook is the user's only
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_unknown_kind_lists_the_kinds(data_file, tmp_path):
    run = chibo("export", "bogus", "-o", str(tmp_path / "x.xlsx"), "--db", str(data_file))
    assert run.returncode == 2
    assert "«bogus»" in run.stderr and all(job.kind in run.stderr for job in EXPORT_JOBS)
    help_text = chibo("export", "--help").stdout
    assert all(job.kind in help_text and job.title in help_text for job in EXPORT_JOBS)


def test_export_with_nothing_to_list_writes_nothing(tmp_path):
    path = tmp_path / "empty.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    close_database()
    run = chibo("export", "du-bi", "-o", str(tmp_path / "x.xlsx"), "--db", str(path))
    assert run.returncode == 1
    assert run.stderr.strip() == "Không có đảng viên nào đến hạn xét công nhận chính thức."
    assert not (tmp_path / "x.xlsx").exists()


def test_help_and_usage_errors_are_vietnamese():
    help_text = chibo("--help")
    assert help_text.returncode == 0
    assert all(command in help_text.stdout for command in ("import", "stats", "export", "count"))
    assert "Cách dùng:" in help_text.stdout and "usage:" not in help_text.stdout
    for args, expected in (
        (("export",), "thiếu LOẠI, -o/--output"),
        (("stats", "--on", "31/02/2025"), "31/02/2025"),
        (("import",), "thiếu TỆP.xlsx"),
        (("stats", "--bogus"), "không hiểu --bogus"),
    ):
        run = chibo(*args)
        assert run.returncode == 2 and "Lệnh không đúng:" in run.stderr and expected in run.stderr, run.stderr
        assert "usage:" not in run.stderr and "error:" not in run.stderr
