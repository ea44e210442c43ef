"""The committee's own record: its header on its papers, its leadership, its branches' history (the congress ordinal
continuing through a merger), and the round of the branches' congresses with what is missing and by when. Runs on
SQLite (a committee's own data file) and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from models.congress.tables import Congress
from models.core.branch import BranchInfo, current_branch_id, save_branch, use_branch
from models.core.errors import EditConflictError, NotFoundError, ValidationError
from models.office.committee import current_committee
from models.office.committee_record import (
    CommitteeRecord,
    HistoryEntry,
    Leader,
    add_leader,
    branch_history,
    former_name,
    get_committee,
    leaders,
    next_congress_ordinal,
    record_branch_event,
    record_filing,
    save_committee,
)
from models.office.congress_round import congress_round, deadlines, latest_term
from services.office.jobs import OFFICE_JOB_BY_KIND
from services.roster.jobs import ExportOptions

SOC_SON = CommitteeRecord(
    "Đảng ủy xã Sóc Sơn",
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",),
    "Sóc Sơn",
    address="Xã Sóc Sơn, Hà Nội",
    name_before="Đảng ủy thị trấn Sóc Sơn",
    address_before="Thị trấn Sóc Sơn, huyện Sóc Sơn",
    term_start=2025,
    term_end=2030,
    congress_ordinal=1,
)
ON = date(2026, 12, 1)


def _branch(name: str) -> int:
    save_branch(BranchInfo(name, "ĐẢNG BỘ XÃ SÓC SƠN", "Sóc Sơn", "CB"), new=True)
    return current_branch_id()


def _congress(branch_id: int, ordinal: int, term: tuple[int, int], opens: date, closed: bool = True) -> int:
    row = Congress.create(
        branch=branch_id,
        ordinal=ordinal,
        term_start=term[0],
        term_end=term[1],
        opens_on=opens,
        closes_on=opens if closed else None,
        status="closed" if closed else "preparing",
    )
    return row.id


def test_the_record_gives_the_papers_header(data_file):
    assert get_committee() is None
    guessed = current_committee()  # from the branches' headers until the record exists
    assert guessed.name == "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    saved = save_committee(SOC_SON)
    assert saved.name == "ĐẢNG ỦY XÃ SÓC SƠN" and saved.name_before == "ĐẢNG ỦY THỊ TRẤN SÓC SƠN" and saved.version
    committee = current_committee()
    assert (committee.name, committee.higher_lines, committee.place) == (
        "ĐẢNG ỦY XÃ SÓC SƠN",
        ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",),
        "Sóc Sơn",
    )
    again = save_committee(replace(saved, secretary_name="Nguyễn Văn An"))
    with pytest.raises(EditConflictError):
        save_committee(replace(saved, place="Hà Nội"))  # read before the last save: refused, nothing written
    assert get_committee() == again
    with pytest.raises(ValidationError, match="tên đảng ủy"):
        save_committee(replace(again, name="  "))
    with pytest.raises(ValidationError, match="Nhiệm kỳ"):
        save_committee(replace(again, term_end=2024))


def test_leadership_elected_or_appointed_with_the_decision(data_file):
    with pytest.raises(NotFoundError):
        add_leader(Leader("Bí thư", "Nguyễn Văn An"))
    save_committee(SOC_SON)
    with pytest.raises(ValidationError, match="quyết định"):
        add_leader(Leader("Bí thư", "Nguyễn Văn An", "appointed"))
    add_leader(
        Leader("Bí thư", "Nguyễn Văn An", "appointed", "Quyết định số 1234-QĐ/TU ngày 30/6/2025", date(2025, 7, 1))
    )
    add_leader(
        Leader(
            "Phó Bí thư", "Trần Thị Bình", "appointed", "Quyết định số 1235-QĐ/TU", date(2025, 7, 1), date(2026, 3, 1)
        )
    )
    assert [x.full_name for x in leaders()] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert [x.full_name for x in leaders(ON)] == ["Nguyễn Văn An"]  # the deputy left on 1/3/2026


def test_the_ordinal_continues_through_a_merger_and_a_new_branch_starts_at_one(data_file):
    first = current_branch_id()
    _congress(first, 1, (2020, 2022), date(2020, 6, 1))
    _congress(first, 2, (2022, 2025), date(2022, 12, 1))
    merged = _branch("Chi bộ Thôn Đông")
    for n, year in enumerate((2017, 2020, 2022), start=1):
        _congress(merged, n + 1, (year, year + 2), date(year, 6, 1))  # II, III, IV
    new = _branch("Chi bộ Thôn Mới")
    record_branch_event(HistoryEntry(merged, "merged_into", date(2025, 7, 1), "Quyết định số 12-QĐ/ĐU", first))
    record_branch_event(HistoryEntry(new, "founded", date(2025, 8, 1), "Quyết định số 20-QĐ/ĐU"))
    assert next_congress_ordinal(first) == 5  # after the merged branch's fourth
    assert next_congress_ordinal(new) == 1
    with pytest.raises(ValidationError, match="chi bộ liên quan"):
        record_branch_event(HistoryEntry(first, "merged_from", date(2025, 7, 1)))
    with pytest.raises(NotFoundError):
        record_branch_event(HistoryEntry(first, "merged_from", date(2025, 7, 1), other_id=999))
    record_branch_event(HistoryEntry(first, "renamed", date(2025, 7, 1), old_name="Chi bộ Văn phòng huyện ủy"))
    assert former_name(first) == "Chi bộ Văn phòng huyện ủy" and former_name(new) == ""
    assert [e.kind for e in branch_history(first)] == ["renamed"]
    assert branch_history(merged)[0].other_name == "Chi bộ Văn phòng Sở"


@pytest.fixture
def round_file(data_file):
    """Four branches of the 2025–2027 term: approved; held 10 days ago without papers; not held; dissolved."""
    first = current_branch_id()
    done = _congress(first, 3, (2025, 2027), date(2025, 10, 10))
    late = _branch("Chi bộ Thôn Đông")
    _congress(late, 2, (2025, 2027), date(2026, 11, 17))
    waiting = _branch("Chi bộ Thôn Tây")
    gone = _branch("Chi bộ Thôn Nam")
    record_branch_event(HistoryEntry(gone, "dissolved", date(2025, 7, 1), "Quyết định số 3-QĐ/ĐU"))
    record_branch_event(
        HistoryEntry(
            waiting, "appointed", date(2025, 7, 15), "Quyết định số 9-QĐ/ĐU", post="Bí thư", person="Lê Văn Cường"
        )
    )
    record_branch_event(HistoryEntry(waiting, "renamed", date(2025, 7, 1), old_name="Chi bộ Khu 3"))
    record_filing(done, date(2025, 10, 15), date(2025, 10, 28), "Quyết định số 30-QĐ/ĐU")
    use_branch(first)
    return first, late, waiting, gone


def test_the_round_at_a_glance(round_file):
    first, late, waiting, _gone = round_file
    assert latest_term(ON) == (2025, 2027)
    rounds = congress_round(2025, ON)
    assert [r.branch_id for r in rounds] == [first, late, waiting]  # the dissolved branch is not listed
    done, held, not_held = rounds
    assert done.held and done.missing == () and done.approved_on == date(2025, 10, 28)
    papers_due, approval_due = deadlines(date(2026, 11, 17))  # a Tuesday: 7 and 15 working days after
    assert (papers_due, approval_due) == (date(2026, 11, 26), date(2026, 12, 8))
    assert held.missing == (
        "Chưa gửi hồ sơ đại hội (hạn 26/11/2026) — đã quá hạn",
        "Chưa chuẩn y kết quả (hạn 08/12/2026)",
    )
    assert not_held.missing == ("Chưa tổ chức đại hội",) and not_held.next_ordinal == 1
    assert not_held.appointed == ("Bí thư: Lê Văn Cường (Quyết định số 9-QĐ/ĐU)",)
    assert not_held.former_name == "Chi bộ Khu 3"
    with pytest.raises(ValidationError, match="chuẩn y"):
        record_filing(Congress.get(Congress.branch == late).id, None, ON)


def test_the_round_report_is_written_under_the_committee_header(round_file, tmp_path):
    save_committee(SOC_SON)
    job = OFFICE_JOB_BY_KIND["dai-hoi"]
    content = job.content(ExportOptions(today=ON))
    header, signature, name = job.papers(content, ON)
    target = tmp_path / name
    content.write(target, lambda done, total: True, header, signature)
    book = load_workbook(target)
    assert book.sheetnames == ["Đại hội chi bộ", "Nhập phần mềm"]
    texts = [str(c.value) for row in book["Đại hội chi bộ"].iter_rows() for c in row if c.value is not None]
    assert "ĐẢNG ỦY XÃ SÓC SƠN" in texts and "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in texts
    assert any("2/3 chi bộ đã đại hội, 1 chi bộ đã được chuẩn y kết quả" in t for t in texts)
    assert "Chi bộ Thôn Tây\n(trước 01/7/2025: Chi bộ Khu 3)" in texts
    keying = [[c.value for c in row] for row in book["Nhập phần mềm"].iter_rows()]
    assert [r[1] for r in keying if isinstance(r[0], int)] == [
        "Chi bộ Văn phòng Sở",
        "Chi bộ Thôn Đông",
        "Chi bộ Thôn Tây",
    ]
