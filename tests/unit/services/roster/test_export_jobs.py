"""services.roster.jobs: one description per export, its file name, its empty case and its cancel."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.core.branch import BranchInfo, save_branch
from models.core.errors import Cancelled
from models.roster.members import all_members, save_member
from services.roster.jobs import JOB_BY_KIND, ExportOptions, NothingToExport, StatisticsOptions
from tests.support.people import member

TODAY = date(2026, 3, 11)
BRANCH = BranchInfo("Chi bộ Văn phòng Sở", "Đảng bộ Sở Thông tin và Truyền thông", "Hà Nội", "CB")


@pytest.fixture
def roster(data_file):
    save_branch(BRANCH)
    for index in range(4):
        save_member(member(index))
    return all_members()


def test_statistics_defaults_follow_the_reference_day():
    assert StatisticsOptions.default(TODAY) == StatisticsOptions(TODAY, (date(2026, 1, 1), TODAY), 2025)


def test_member_list_header_file_name_and_default_view(roster, tmp_path):
    job = JOB_BY_KIND["danh-sach"]
    prepared = job.prepare(ExportOptions(TODAY))
    assert prepared.file_name == "Danh sách đảng viên - Chi bộ Văn phòng Sở - 11-03-2026.xlsx"
    path = prepared.write(tmp_path / "ds.xlsx", None)
    texts = {str(v) for row in load_workbook(path).active.iter_rows(values_only=True) for v in row if v}
    assert "Số      -DS/CB" in texts and "CHI BỘ VĂN PHÒNG SỞ" in texts
    assert any(f"{len(roster)} đảng viên" in text for text in texts)


def test_an_empty_list_is_refused_before_any_file(roster, tmp_path):
    with pytest.raises(NothingToExport, match="không có đảng viên nào"):
        JOB_BY_KIND["danh-sach-cot"].prepare(ExportOptions(TODAY, listed=[]))


def test_statistics_file_name_carries_the_chosen_day(roster):
    options = ExportOptions(TODAY, statistics=StatisticsOptions.default(date(2025, 12, 31)))
    assert JOB_BY_KIND["thong-ke"].prepare(options).file_name.endswith(" - 31-12-2025.xlsx")


def test_cancel_leaves_the_existing_file_and_no_partial(roster, tmp_path):
    target = tmp_path / "ds.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(Cancelled):
        JOB_BY_KIND["danh-sach"].run(target, ExportOptions(TODAY), progress=lambda done, total: False)
    assert target.read_bytes() == b"old"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".chibo-")]


def test_the_member_list_asks_the_rules_once_per_distinct_input(roster, tmp_path, monkeypatch):
    """The default view is chosen by status and the list prints it: the rules are asked once per distinct input
    (models.roster.member_status.status_inputs), not once per member, and not again for the printed rows."""
    import models.roster.member_list_rows as member_list_rows
    import models.roster.member_status as member_status

    for name in ("Trần Văn Bảo", "Trần Văn Chí"):  # member 0's dates: the same input of the rules
        save_member(member(0, full_name=name, card_number=""))
    real, asked = member_status.status_of_inputs, []

    def counted(inputs, on):
        asked.append(inputs)
        return real(inputs, on)

    monkeypatch.setattr(member_status, "status_of_inputs", counted)
    monkeypatch.setattr(member_list_rows, "member_status", None)  # the rows printed take the statuses worked out
    path = JOB_BY_KIND["danh-sach"].run(tmp_path / "ds.xlsx")
    assert 0 < len(asked) == len(set(asked)) <= len(roster)
    names = [row[1] for row in load_workbook(path).active.iter_rows(values_only=True) if row[1]]
    assert all(any(m.full_name in str(name) for name in names) for m in all_members())
