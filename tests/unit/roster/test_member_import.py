"""Import plan and apply on workbooks built here: title rows, merged headers, NFD and TCVN3 text, duplicates against
the roster and within the file, broken rows; saving is all or nothing."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from models.core.errors import Cancelled, ValidationError
from models.roster.member_import import ADD, SKIP, UPDATE, ImportOutcome, apply_import, plan_import
from models.roster.members import all_members, get_member, save_member
from models.roster.tables import Member
from reports.roster.legacy_encoding import encode_tcvn3
from reports.roster.roster_reader import read_roster
from tests.support.people import member
from tests.support.roster_workbooks import FIRST_DATA_ROW, write_roster

TODAY = date(2026, 3, 11)


def _workbook(tmp_path, rows, name="ds.xlsx"):
    """A typical branch file: two title rows, a two-row header with merged cells, then `rows` from Excel row 6."""
    legacy = {FIRST_DATA_ROW + i for i, row in enumerate(rows) if isinstance(row[0], str) and row[0].startswith("Lª")}
    return write_roster(tmp_path / name, rows, legacy_font_rows=legacy)


ROWS = [
    (unicodedata.normalize("NFD", "Nguyễn Văn An"), "Nam", "12/04/1975", "19/05/2001", None, "0912345678"),  # 6
    ("Trần Thị Bình", "Nữ", "02/09/1982", "03/03/2008", "12345671", None),  # 7: card of a saved member
    (encode_tcvn3("Lê Văn Cường")[0], "Nam", "20/01/1990", "02/09/2015", "20000001", None),  # 8: TCVN3
    ("Phạm Thị Dung", "Nữ", "31/02/1980", "22/12/2012", "20000002", None),  # 9: impossible date
    (None, "Nam", "01/01/1970", "01/01/1995", "20000003", None),  # 10: no name
    ("Đỗ Minh Đức", "Nam", "07/11/1979", "01/01/2030", "20000004", None),  # 11: future date
    ("LÊ VĂN CƯỜNG", "Nam", "20/01/1990", "02/09/2015", "20000005", None),  # 12: same person as row 8
    ("Lê Văn Cưởng", "Nam", "20/01/1991", "02/09/2015", "20000001", None),  # 13: card of row 8
    ("Hoàng Thị Ánh", "Nữ", "08/03/1995", "15/06/2025", None, "0987 654 321"),  # 14: clean
]


@pytest.fixture
def roster(data_file):
    """Two saved members: Nguyễn Văn An (card 12345670) and Trần Thị Bình (card 12345671)."""
    return [save_member(member(0), TODAY).member, save_member(member(1), TODAY).member]


@pytest.fixture
def plan(roster, tmp_path):
    return plan_import(read_roster(_workbook(tmp_path, ROWS), today=TODAY), TODAY)


def _problems(row):
    return [(p.row, p.column, p.message, p.severity) for p in row.problems]


def test_plan_statuses_actions_and_problems(plan, roster):
    by_row = {r.row: r for r in plan.rows}
    assert [(r.row, r.status, r.action, r.allowed) for r in plan.rows] == [
        (6, "Trùng với đảng viên Nguyễn Văn An", SKIP, (SKIP, UPDATE, ADD)),
        (7, "Trùng với đảng viên Trần Thị Bình", SKIP, (SKIP, UPDATE)),
        (8, "Thêm mới", ADD, (SKIP, ADD)),
        (9, "Lỗi", SKIP, (SKIP,)),
        (10, "Lỗi", SKIP, (SKIP,)),
        (11, "Lỗi", SKIP, (SKIP,)),
        (12, "Trùng với dòng 8", SKIP, (SKIP, ADD)),
        (13, "Lỗi", SKIP, (SKIP,)),
        (14, "Thêm mới", ADD, (SKIP, ADD)),
    ]
    assert _problems(by_row[6]) == [
        (6, "Họ và tên", "Trùng với đảng viên Nguyễn Văn An (cùng họ tên và ngày sinh 12/04/1975).", "warning")
    ]
    assert by_row[6].saved.member_id == roster[0].id and not by_row[6].saved.by_card
    assert _problems(by_row[7]) == [
        (7, "Số thẻ ĐV", "Trùng với đảng viên Trần Thị Bình (cùng số thẻ 12345671).", "warning")
    ]
    assert by_row[7].saved.member_id == roster[1].id and by_row[7].saved.by_card
    assert _problems(by_row[9]) == [(9, "Ngày tháng năm – Sinh", "Ngày «31/02/1980» không có thật.", "error")]
    assert _problems(by_row[10]) == [(10, "Họ và tên", "Thiếu họ và tên.", "error")]
    assert _problems(by_row[11]) == [(11, "Ngày tháng năm – Vào Đảng", "Ngày 01/01/2030 ở tương lai.", "error")]
    assert _problems(by_row[12]) == [(12, "Họ và tên", "Trùng họ tên và ngày sinh với dòng 8 trong tệp.", "warning")]
    assert _problems(by_row[13]) == [(13, "Số thẻ ĐV", "Số thẻ 20000001 trùng với dòng 8 trong tệp.", "error")]
    assert not by_row[8].problems and not by_row[14].problems
    assert (plan.new, plan.duplicates, plan.errors) == (2, 3, 4)
    assert (plan.count(ADD), plan.count(SKIP)) == (2, 7)


def test_plan_stores_nfc_and_converts_legacy_text(plan):
    by_row = {r.row: r for r in plan.rows}
    assert by_row[6].record.full_name == "Nguyễn Văn An" == unicodedata.normalize("NFC", by_row[6].record.full_name)
    assert by_row[8].record.full_name == "Lê Văn Cường"
    assert by_row[6].imported == {"full_name", "gender", "birth_date", "admission_date", "phone"}
    assert by_row[14].record.ethnicity == "Kinh"  # absent columns take the record's defaults


def test_record_checks_name_the_file_column(data_file, tmp_path):
    rows = [("Lê Minh", "Nam", "05/05/1990", "01/01/1989", "1234", "abc")]
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    assert _problems(plan.rows[0]) == [
        (6, "Ngày tháng năm – Vào Đảng", "Ngày vào Đảng phải sau ngày sinh.", "error"),
        (6, "Số thẻ ĐV", "Số thẻ đảng viên thường gồm 8 chữ số; hãy kiểm tra lại.", "warning"),
        (6, "Điện thoại", "Số điện thoại có vẻ không đúng.", "warning"),
    ]


def assert_sort_keys_in_step():
    """Every member's stored A-B-C key is that of its name and birth date (the server pages by it)."""
    from models.core.vnname import name_sort_key

    for name, born, key in Member.select(Member.full_name, Member.birth_date, Member.name_sort).tuples():
        assert key is not None and bytes(key) == name_sort_key(name, born), name


def test_apply_defaults_adds_clean_rows_only(plan, roster):
    outcome = apply_import(plan, plan.actions(), today=TODAY)
    assert outcome == ImportOutcome(added=2, updated=0, skipped=7)
    names = sorted(m.full_name for m in all_members())
    assert names == ["Hoàng Thị Ánh", "Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    added = Member.get(Member.full_name == "Lê Văn Cường")
    assert (added.card_number, added.birth_date, added.ethnicity) == ("20000001", date(1990, 1, 20), "Kinh")
    assert_sort_keys_in_step()


def test_update_overwrites_only_imported_non_empty_fields(plan, roster):
    before = get_member(roster[0].id)
    outcome = apply_import(plan, {6: UPDATE, 7: UPDATE, 8: SKIP, 14: SKIP}, today=TODAY)
    assert outcome == ImportOutcome(added=0, updated=2, skipped=7)
    after = get_member(roster[0].id)
    assert after.phone == "0912345678"
    assert (after.job_title, after.hometown, after.card_number) == (before.job_title, before.hometown, "12345670")
    assert (after.official_date, after.ceremony_date) == (before.official_date, before.ceremony_date)
    assert Member.select().count() == 2
    assert after.version == before.version + 1  # an import is a save like any other: other clients see it
    assert_sort_keys_in_step()


def test_a_member_saved_by_another_client_during_the_import_refuses_it(plan, roster, monkeypatch):
    from models.core.errors import EditConflictError
    from models.roster import member_import

    read = member_import._members

    def read_then_other_client_saves(ids):
        found = read(ids)
        Member.update(phone="0900000000", version=Member.version + 1).where(Member.id == roster[0].id).execute()
        return found

    monkeypatch.setattr(member_import, "_members", read_then_other_client_saves)
    with pytest.raises(EditConflictError) as caught:
        apply_import(plan, {6: UPDATE, 7: UPDATE, 8: SKIP, 14: SKIP}, today=TODAY)
    assert caught.value.message.startswith("Dòng 6: đảng viên Nguyễn Văn An vừa được sửa trên máy khác")
    assert [(m.phone, m.version) for m in all_members()] == [("", 1), ("", 1)]  # the whole import rolled back


def test_year_only_date_never_replaces_a_full_saved_date(roster, tmp_path):
    rows = [("Nguyễn Văn An", "Nam", "1975", "19/05/2001", "12345670", "0911111111")]
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    row = plan.rows[0]
    assert row.saved.by_card and row.year_only == {"birth_date"}
    apply_import(plan, {6: UPDATE}, today=TODAY)
    after = get_member(roster[0].id)
    assert (after.birth_date, after.phone) == (date(1975, 4, 12), "0911111111")


def test_name_duplicate_may_be_added_anyway(plan, roster):
    outcome = apply_import(plan, {6: ADD}, today=TODAY)
    assert outcome.added == 3
    assert Member.select().where(Member.full_name == "Nguyễn Văn An").count() == 2


def test_a_row_with_an_error_chosen_for_saving_saves_nothing(plan, roster):
    with pytest.raises(ValidationError) as caught:
        apply_import(plan, {6: UPDATE, 9: ADD}, today=TODAY)
    assert caught.value.message == "Dòng 9, cột «Ngày tháng năm – Sinh»: ngày «31/02/1980» không có thật."
    assert Member.select().count() == 2
    assert get_member(roster[0].id).phone == ""


def test_adding_a_card_duplicate_is_refused(plan, roster):
    with pytest.raises(ValidationError) as caught:
        apply_import(plan, {7: ADD}, today=TODAY)
    assert caught.value.message.startswith("Dòng 7: số thẻ 12345671 đã có (đảng viên Trần Thị Bình)")
    assert caught.value.field == "card_number"
    assert Member.select().count() == 2


def test_roster_changed_since_the_plan_is_checked_again(plan, roster):
    save_member(member(3, full_name="Phan Văn Khải", card_number="20000001"), TODAY)
    with pytest.raises(ValidationError) as caught:
        apply_import(plan, today=TODAY)
    assert caught.value.message == "Dòng 8, cột «Số thẻ ĐV»: số thẻ 20000001 đã có trong danh sách."
    assert Member.select().count() == 3


def test_cancel_saves_nothing(data_file, tmp_path):
    born = [f"{1 + i % 28:02d}/{1 + i // 28 % 12:02d}/{1960 + i // 336}" for i in range(600)]
    rows = [("Nguyễn Văn Thử", "Nam", born[i], "01/01/2010", f"3{i:07d}", None) for i in range(600)]
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    assert plan.count(ADD) == 600
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 700  # cancel while writing

    with pytest.raises(Cancelled):
        apply_import(plan, progress=progress, today=TODAY)
    assert Member.select().count() == 0
    assert seen[0] == (250, 1200)
    seen.clear()
    apply_import(plan, progress=lambda done, total: seen.append((done, total)) or True, today=TODAY)
    assert Member.select().count() == 600 and seen[-1] == (1200, 1200)


def test_update_that_would_break_the_saved_record_is_not_offered(roster, tmp_path):
    # The saved member's ceremony was on 19/05/2001: a later admission date from the file would precede it.
    rows = [("Nguyễn Văn An", "Nam", "12/04/1975", "01/06/2001", "12345670", None)]
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    row = plan.rows[0]
    assert (row.allowed, row.action, row.status) == ((SKIP,), SKIP, "Trùng với đảng viên Nguyễn Văn An")
    assert _problems(row)[-1] == (
        6,
        "Ngày kết nạp (lễ kết nạp)",
        "Không thể cập nhật đảng viên Nguyễn Văn An: ngày lễ kết nạp không được trước "
        "ngày quyết định kết nạp (ngày vào Đảng).",
        "warning",
    )
    with pytest.raises(ValidationError):
        apply_import(plan, {6: UPDATE}, today=TODAY)
    assert get_member(roster[0].id).admission_date == date(2001, 5, 19)


def test_a_numbered_row_without_a_name_is_an_error_row_of_the_preview(data_file, tmp_path):
    rows = [("Hoàng Thị Ánh", "Nữ", "08/03/1995", "15/06/2025", None, None), (None, None, None, None, None, None)]
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    assert [(r.row, r.status, r.action) for r in plan.rows] == [(6, "Thêm mới", ADD), (7, "Lỗi", SKIP)]
    assert ("Họ và tên", "Dòng có số thứ tự 2 nhưng không có họ và tên.") in [
        (p.column, p.message) for p in plan.row(7).problems
    ]
    assert apply_import(plan, today=TODAY) == ImportOutcome(added=1, updated=0, skipped=1)


def test_a_year_only_date_round_trips_import_save_show_export(data_file, tmp_path):
    from datetime import datetime

    from openpyxl import load_workbook

    from models.core.partial_dates import is_year_only
    from models.roster.member_rules import fmt
    from reports.core.party_document import DocumentHeader
    from reports.roster.member_list import ROSTER_BOOK_COLUMNS, columns_for, export_member_list

    rows = [
        ("Hoàng Thị Ánh", "Nữ", "1970", "15/06/1995", None, None),
        ("Lê Văn Bảo", "Nam", 1968, "1990", None, None),
        ("Trần Văn Cơ", "Nam", datetime(1966, 1, 1), "03/02/1990", None, None),
    ]
    path = _workbook(tmp_path, rows)
    book = load_workbook(path)
    book.active.cell(FIRST_DATA_ROW + 2, 4).number_format = "yyyy"  # an Excel date cell showing just the year
    book.save(path)
    plan = plan_import(read_roster(path, today=TODAY), TODAY)
    assert [p.message for p in plan.row(6).problems] == [
        "Chỉ có năm (1970); ghi nhận là năm 1970, hãy bổ sung ngày tháng khi có."
    ]
    assert apply_import(plan, today=TODAY).added == 3
    saved = {m.full_name: m for m in all_members()}
    anh, bao, co = saved["Hoàng Thị Ánh"], saved["Lê Văn Bảo"], saved["Trần Văn Cơ"]
    assert (fmt(anh.birth_date), fmt(anh.admission_date)) == ("1970", "15/06/1995")
    assert (fmt(bao.birth_date), fmt(bao.admission_date)) == ("1968", "1990")
    assert fmt(co.birth_date) == "1966" and is_year_only(co.birth_date)
    header = DocumentHeader("Đảng bộ phường", "Chi bộ số 2")
    members = [anh, bao]
    screen = columns_for([("Họ và tên", "full_name"), ("Ngày sinh", "birth_date"), ("Ngày vào Đảng", "admission_date")])
    for columns, expected in ((screen, {"1970", "1968", "1990"}), (ROSTER_BOOK_COLUMNS, {"Nữ, 1970\nKinh\nKhông"})):
        out = export_member_list(tmp_path / "out.xlsx", members, header, columns=columns)
        values = {c.value for row in load_workbook(out).active.iter_rows() for c in row}
        assert expected <= values
        assert not any(isinstance(v, datetime) and v.year in (1968, 1970) for v in values)


def test_an_update_keeps_a_saved_year_only_date_a_year(data_file, tmp_path):
    from models.roster.member_rules import fmt

    first = [("Hoàng Thị Ánh", "Nữ", "1970", "15/06/1995", "20000009", None)]
    apply_import(plan_import(read_roster(_workbook(tmp_path, first), today=TODAY), TODAY), today=TODAY)
    # The file's year is not imported over the saved date (see _update_values): the saved one must stay a year.
    again = [("Hoàng Thị Ánh", "Nữ", "1970", "15/06/1995", "20000009", "0912000000")]
    plan = plan_import(read_roster(_workbook(tmp_path, again, "again.xlsx"), today=TODAY), TODAY)
    apply_import(plan, {6: UPDATE}, today=TODAY)
    (saved,) = all_members()
    assert (fmt(saved.birth_date), saved.phone) == ("1970", "0912000000")


def test_impossible_admission_ages_are_import_errors_and_odd_ones_warnings(data_file, tmp_path):
    rows = [
        ("Hoàng Thị Ánh", "Nữ", "08/03/1995", "08/03/2010", None, None),  # 15: impossible
        ("Lê Văn Bảo", "Nam", "08/03/1995", "08/03/2012", None, None),  # 17: wartime-like, a warning
        ("Trần Văn Cơ", "Nam", "08/03/1995", "07/03/1995", None, None),
    ]  # before birth
    plan = plan_import(read_roster(_workbook(tmp_path, rows), today=TODAY), TODAY)
    assert [(r.row, r.status) for r in plan.rows] == [(6, "Lỗi"), (7, "Cảnh báo"), (8, "Lỗi")]
    assert any("chưa đủ 16 tuổi" in p.message and p.severity == "error" for p in plan.row(6).problems)
    assert any("chưa đủ 18 tuổi" in p.message and p.severity == "warning" for p in plan.row(7).problems)
    assert "Ngày vào Đảng phải sau ngày sinh." in [p.message for p in plan.row(8).problems]


def test_formula_like_text_imported_from_a_file_is_exported_as_text(data_file, tmp_path):
    import zipfile

    from openpyxl import load_workbook

    from reports.core.party_document import DocumentHeader
    from reports.roster.member_list import columns_for, export_member_list

    path = _workbook(tmp_path, [("Hoàng Thị Ánh", "Nữ", "08/03/1985", "15/06/2010", None, '=HYPERLINK("http://x")')])
    book = load_workbook(path)
    book.active.cell(FIRST_DATA_ROW, 7).data_type = "s"  # text in the source file, not a formula
    book.save(path)
    plan = plan_import(read_roster(path, today=TODAY), TODAY)
    assert plan.row(6).record.phone == '=HYPERLINK("http://x")'
    apply_import(plan, today=TODAY)
    out = export_member_list(
        tmp_path / "out.xlsx",
        all_members(),
        DocumentHeader("Đảng bộ", "Chi bộ"),
        columns=columns_for([("Họ và tên", "full_name"), ("Điện thoại", "phone")]),
    )
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet


@pytest.mark.parametrize(("applied_on", "checks"), [(TODAY, 0), (date(2026, 3, 12), 2)])
def test_a_new_row_is_checked_again_at_saving_only_when_the_day_changed(plan, monkeypatch, applied_on, checks):
    """The plan checked each row's record on its day: saving on that day adds the same records without checking
    them twice (a big import's time); on another day (a dialog left open past midnight) each is checked again."""
    import models.roster.member_import as member_import

    real, calls = member_import.check_record, []
    monkeypatch.setattr(member_import, "check_record", lambda record, today: calls.append(today) or real(record, today))
    outcome = apply_import(plan, today=applied_on)
    assert outcome.added == 2 and calls == [applied_on] * checks
    assert {m.full_name for m in all_members()} >= {"Lê Văn Cường", "Hoàng Thị Ánh"}


def test_a_new_row_invalid_on_the_day_it_is_saved_saves_nothing(plan):
    """Planned on 11/3 with a row admitted on 11/3; saved as of 10/3 the admission lies in the future: refused."""
    row = next(r for r in plan.rows if r.action == ADD)
    row.record.admission_date = TODAY
    with pytest.raises(ValidationError, match=f"Dòng {row.row}, cột «Ngày tháng năm – Vào Đảng»"):
        apply_import(plan, today=date(2026, 3, 10))
    assert Member.select().count() == 2
