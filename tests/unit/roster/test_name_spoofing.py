"""Names written to imitate a member (a zero-width space, a right-to-left override, a Cyrillic «а») are compared
under Unicode normalisation with invisible and direction controls removed and look-alike letters read as Latin:
the import flags the member they imitate, and a name mixing alphabets is refused with the reason."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.vnname import fold, nfc
from models.roster.member_import import plan_import
from models.roster.members import check_member, save_member
from reports.roster.roster_reader import read_roster
from tests.support.people import member
from tests.support.roster_workbooks import write_roster

TODAY = date(2026, 3, 11)
CYRILLIC_A = "\u0430"


@pytest.fixture
def roster(data_file):
    return [save_member(member(0), TODAY).member, save_member(member(1), TODAY).member]


def test_invisible_and_direction_characters_are_removed_from_stored_text():
    assert nfc("Trần\u200b Thị\u2060 Bình\u202e") == "Trần Thị Bình"
    assert nfc("Ngu\ufeffyễn\u00ad Văn An") == "Nguyễn Văn An"
    assert fold(f"Nguyễn Văn {CYRILLIC_A.upper()}n") == fold("Nguyen Van An") == "nguyen van an"


def test_an_imported_spoof_is_flagged_as_the_member_it_imitates(roster, tmp_path):
    an, binh = roster
    rows = [
        (f"Nguyễn Văn {CYRILLIC_A.upper()}n", "Nam", an.birth_date.strftime("%d/%m/%Y"), "19/05/2001", None, None),
        ("Trần\u200b Thị Bình", "Nữ", binh.birth_date.strftime("%d/%m/%Y"), "03/03/2008", None, None),
        ("Tr\u202eần Thị Bình", "Nữ", binh.birth_date.strftime("%d/%m/%Y"), "03/03/2008", None, None),
    ]
    plan = plan_import(read_roster(write_roster(tmp_path / "ds.xlsx", rows), today=TODAY), TODAY)
    spoof, zero_width, override = plan.rows
    assert spoof.saved is not None and spoof.saved.full_name == an.full_name
    assert spoof.has_errors and any("bảng chữ cái khác" in p.message and "Kirin" in p.message for p in spoof.problems)
    for row in (zero_width, override):
        assert row.record.full_name == "Trần Thị Bình"
        assert row.saved is not None and row.saved.full_name == binh.full_name, row.status


def test_saving_a_name_with_a_foreign_letter_is_refused_with_the_reason(roster):
    report = check_member(member(2, full_name=f"Lê V{CYRILLIC_A}n Cường"))
    messages = [issue.message for issue in report.errors]
    assert any("«а» (chữ Kirin, như tiếng Nga)" in m for m in messages), messages
