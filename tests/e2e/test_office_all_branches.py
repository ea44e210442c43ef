"""`python main.py stats|export --all-branches`: the committee's figures and reports over every branch, on a data
file and on a PostgreSQL server URL."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from models.core.branch import BranchInfo, save_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from services.office.jobs import OFFICE_JOBS
from tests.support.commands import chibo
from tests.support.people import member
from tests.support.pg_server import empty_database
from tests.support.roster_tab import due_people

HIGHER = "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def _fill(target) -> None:
    open_database(target)
    save_branch(BranchInfo("Chi bộ Văn phòng Sở", HIGHER, "Hà Nội", "CB"))
    for record in due_people(date.today()):
        save_member(record)
    save_branch(BranchInfo("Chi bộ Phòng Kế hoạch", HIGHER, "Hà Nội", "CB"), new=True)
    for index in (0, 1, 9):
        save_member(member(index, card_number=f"2000000{index}"))
    close_database()


@pytest.fixture
def office_file(tmp_path):
    path = tmp_path / "office.sqlite3"
    _fill(path)
    return path


def _stats(db: str) -> dict:
    run = chibo("stats", "--all-branches", "--json", "--db", db)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _check_sum(report: dict) -> None:
    assert [b["name"] for b in report["branches"]] == ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch"]
    for index, section in enumerate(report["total"]["sections"]):
        for row in section["rows"]:
            parts = [
                next((r["count"] for r in b["sections"][index]["rows"] if r["key"] == row["key"]), 0)
                for b in report["branches"]
            ]
            assert row["count"] == sum(parts), (section["key"], row["key"])
    overview = report["total"]["sections"][0]["rows"]
    assert overview[0]["label"] == "Tổng số đảng viên" and overview[0]["count"] == 15


def test_stats_of_every_branch_and_their_sum(office_file):
    _check_sum(_stats(str(office_file)))
    text = chibo("stats", "--all-branches", "--db", str(office_file))
    assert text.returncode == 0 and "TOÀN ĐẢNG BỘ (2 chi bộ)" in text.stdout and "CHI BỘ PHÒNG KẾ HOẠCH" in text.stdout


def test_stats_on_a_server_url(pg_url):
    empty_database(pg_url)
    _fill(pg_url)
    _check_sum(_stats(pg_url))


@pytest.mark.parametrize("job", OFFICE_JOBS, ids=lambda job: job.kind)
def test_export_every_office_kind(office_file, tmp_path, job):
    target = tmp_path / f"{job.kind}.xlsx"
    run = chibo("export", job.kind, "--all-branches", "-o", str(target), "--db", str(office_file))
    assert run.returncode == 0, run.stderr
    assert job.done in run.stdout
    found = {str(v) for row in load_workbook(target).active.iter_rows(values_only=True) for v in row if v}
    assert "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in found and "CHI BỘ VĂN PHÒNG SỞ" not in found


def test_unknown_office_kind_and_an_unreachable_server(office_file, tmp_path):
    run = chibo("export", "danh-sach", "--all-branches", "-o", str(tmp_path / "x.xlsx"), "--db", str(office_file))
    assert run.returncode == 2 and "«danh-sach»" in run.stderr and "thong-ke" in run.stderr
    run = chibo("stats", "--all-branches", "--db", "postgresql://chibo@127.0.0.1:1/chibo")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith("Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1», cổng 1"), run.stderr
    assert "--all-branches" in chibo("export", "--help").stdout
