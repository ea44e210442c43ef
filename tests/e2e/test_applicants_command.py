"""`python main.py applicants`: the register of applicants, each one's stage and what the file lacks for a meeting."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from models.admission.applicants import save_applicant
from models.core.database import close_database, open_database
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant
from tests.support.commands import chibo
from tests.support.people import set_up_branch


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    branch = story.roster(11)
    hoa = ready_applicant(branch)
    save_applicant(replace(hoa, id=None, version=None, full_name="Lê Văn Bình", certificate_date=None))
    close_database()
    return path


def test_the_register_with_what_each_lacks(data_file):
    run = chibo("applicants", "--db", str(data_file), "--on", "15/09/2025")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "Danh sách phát triển đảng viên (xét cho hội nghị chi bộ ngày 15/09/2025):",
        "1. Lê Văn Bình, sinh 20/08/1998: Còn thiếu 1 mục",
        "   - Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.",
        "2. Hoàng Thị Hoa, sinh 20/08/1998: Đủ hồ sơ để chi bộ xét",
    ]


def test_json_and_an_early_meeting(data_file):
    run = chibo("applicants", "--db", str(data_file), "--on", "01/06/2025", "--json")
    assert run.returncode == 0, run.stderr
    listing = json.loads(run.stdout)
    assert listing["meeting_date"] == "2025-06-01"
    hoa = next(a for a in listing["applicants"] if a["full_name"] == "Hoàng Thị Hoa")
    assert hoa["stage"] == "preparing"
    assert "Ngày thẩm tra lý lịch 15/08/2025 sau ngày họp chi bộ 01/06/2025." in hoa["lacks"]


def test_a_missing_file_is_one_vietnamese_line(tmp_path):
    run = chibo("applicants", "--db", str(tmp_path / "khong-co.sqlite3"))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
