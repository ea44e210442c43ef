"""A congress end to end: a roster of 35 holds its congress, and the office writes its papers headless
(`python main.py export KIND --congress N`), read back; a branch under 9 elects only a secretary and a deputy."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.congress.elections import congress_elections, election_plan
from models.core.database import close_database, open_database
from models.counting import Post
from tests.support import congress_story as story
from tests.support.commands import chibo
from tests.support.people import set_up_branch


def _texts(path: Path) -> str:
    sheet = load_workbook(path).active
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.fixture
def held(tmp_path):
    """The data file of a branch of 35 whose fourth congress has been held and closed; its elected."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    info = story.congress_of_35()
    elected = {e.post: [p.full_name for p in e.elected] for e in congress_elections(info.id)}
    close_database()
    return path, elected


def test_the_summary_of_a_congress_of_35_is_written_headless_and_reads_back(held, tmp_path):
    path, elected = held
    out = tmp_path / "bao-cao.xlsx"
    run = chibo("export", "dai-hoi-bao-cao", "--congress", "4", "-o", str(out), "--db", str(path))
    assert run.returncode == 0, run.stderr
    assert "Đã xuất báo cáo kết quả đại hội" in run.stdout
    text = _texts(out)
    assert "BÁO CÁO KẾT QUẢ ĐẠI HỘI" in text and "Số 01-BC/CB" in text
    assert len(elected[Post.COMMITTEE]) == 5 and len(elected[Post.DELEGATE]) == 3
    for names in elected.values():
        for name in names:
            assert name in text
    # D = 32 official - 1 on temporary activity elsewhere - 1 absent with an approved reason
    assert "\n30\n" in text


def test_the_attendance_list_and_votes_record_headless(held, tmp_path):
    path, _elected = held
    for kind, title in (
        ("dai-hoi-diem-danh", "DANH SÁCH ĐẢNG VIÊN DỰ ĐẠI HỘI"),
        ("dai-hoi-bieu-quyet", "BIÊN BẢN BIỂU QUYẾT"),
        ("dai-hoi-trich-ngang", "DANH SÁCH TRÍCH NGANG"),
    ):
        out = tmp_path / f"{kind}.xlsx"
        run = chibo("export", kind, "--congress", "4", "-o", str(out), "--db", str(path))
        assert run.returncode == 0, run.stderr
        assert title in _texts(out)


def test_a_congress_kind_needs_the_congress_and_an_unknown_one_is_refused(held, tmp_path):
    path, _elected = held
    run = chibo("export", "dai-hoi-bao-cao", "-o", str(tmp_path / "x.xlsx"), "--db", str(path))
    assert run.returncode == 2 and "--congress N" in run.stderr and "4" in run.stderr
    run = chibo("export", "dai-hoi-bao-cao", "--congress", "7", "-o", str(tmp_path / "x.xlsx"), "--db", str(path))
    assert run.returncode == 1 and "chưa có đại hội lần thứ VII" in run.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_branch_under_nine_elects_a_secretary_and_a_deputy(tmp_path):
    path = tmp_path / "small.sqlite3"
    open_database(path)
    try:
        set_up_branch()
        story.roster(7, 1)
        info = story.congress()
        assert Post.COMMITTEE not in [p.post for p in election_plan(info.id)]
        story.check_in_all(info.id)
        tellers = story.open_with_bodies(info.id, counting=2)
        free = [p for p in story.summoned_list(info.id) if p.official and p not in tellers]
        story.elect(info.id, Post.SECRETARY, 1, free[:1], [6])
        story.elect(info.id, Post.DEPUTY_SECRETARY, 1, free[1:2], [5])
        from models.congress.congresses import close_congress

        close_congress(info.id)
        secretary, deputy = free[0].full_name, free[1].full_name
    finally:
        close_database()
    out = tmp_path / "bc.xlsx"
    run = chibo("export", "dai-hoi-bao-cao", "--congress", "4", "-o", str(out), "--db", str(path))
    assert run.returncode == 0, run.stderr
    text = _texts(out)
    assert secretary in text and deputy in text and "Ban Chi ủy" not in text
