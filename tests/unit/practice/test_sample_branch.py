"""The practice file: a realistic branch, a congress ready for check-in, marked as practice on every paper."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.congress.checkin import attendance_panel
from models.congress.elections import congress_elections
from models.core.database import close_database, open_database
from models.core.practice_flag import PRACTICE_WATERMARK, is_practice
from models.practice.sample_branch import fill_practice_data
from models.roster.member_status import member_status
from models.roster.members import all_members

TODAY = date(2026, 12, 1)


@pytest.fixture
def practice(tmp_path):
    path = tmp_path / "tập dượt.sqlite3"
    open_database(path)
    summary = fill_practice_data(TODAY)
    yield summary
    close_database()


def test_a_realistic_branch_and_a_congress_ready_for_check_in(practice):
    members = all_members()
    assert practice.members == len(members) == 32
    statuses = [member_status(m, TODAY) for m in members]
    assert sum(s.is_probationary for s in statuses) == 3
    assert sum(s.is_temporary_elsewhere for s in statuses) == 1 and sum(s.is_exempted for s in statuses) == 1
    panel = attendance_panel(practice.congress_id)
    # 29 official - 1 on temporary activity elsewhere - 1 exempted and not (yet) present
    assert panel.summoned == 32 and panel.not_checked == 32 and panel.D == 27
    elections = congress_elections(practice.congress_id)
    assert [len(e.current_round.candidates) for e in elections] == [6, 3]
    assert is_practice()


def test_every_paper_of_the_practice_file_says_so(practice, tmp_path):
    from services.congress.jobs import CONGRESS_JOB_BY_KIND
    from services.roster.jobs import JOB_BY_KIND

    roster = JOB_BY_KIND["danh-sach"].run(tmp_path / "ds.xlsx")
    attendance = CONGRESS_JOB_BY_KIND["dai-hoi-diem-danh"].run(tmp_path / "dd.xlsx", practice.congress_id)
    for path in (roster, attendance):
        sheet = load_workbook(path).active
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
        assert PRACTICE_WATERMARK in texts
        assert sheet.oddHeader.center.text == PRACTICE_WATERMARK


def test_a_real_file_is_not_practice(tmp_path):
    open_database(tmp_path / "that.sqlite3")
    try:
        assert not is_practice()
    finally:
        close_database()


@pytest.mark.parametrize("today", [date(2023, 2, 10), date(2019, 6, 30), date(2031, 1, 2)])
def test_the_sample_moves_with_the_pc_date(tmp_path, today):
    open_database(tmp_path / "tập dượt.sqlite3")
    try:
        summary = fill_practice_data(today)
        members = all_members()
        assert summary.members == len(members) == 32
        assert all(m.admission_date <= today and m.birth_date < today for m in members)
        assert sum(member_status(m, today).is_probationary for m in members) == 3
    finally:
        close_database()
