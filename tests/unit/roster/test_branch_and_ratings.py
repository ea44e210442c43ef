"""Branch settings and yearly ratings: validation, normalisation, all-or-nothing saving."""

from __future__ import annotations

import pytest

from models.core.branch import BranchInfo, get_branch, save_branch
from models.core.errors import ValidationError
from models.roster.members import save_member
from models.roster.rating_book import ratings_for_year, save_ratings
from tests.support.people import member


def test_branch_is_empty_before_set_up_then_saved(bare_database):
    assert get_branch() is None
    saved = save_branch(BranchInfo("Chi bộ Văn phòng Sở", "Đảng bộ Sở Thông tin và Truyền thông\n", "Hà Nội", "cb"))
    assert saved.higher_committee == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert saved.issuer_abbr == "CB"
    assert get_branch() == saved
    save_branch(BranchInfo("Chi bộ Văn phòng", "ĐẢNG BỘ SỞ", "Hà Nội", "VP"))
    assert get_branch().issuer_abbr == "VP"


@pytest.mark.parametrize(
    ("info", "field"),
    [
        (BranchInfo("", "ĐẢNG BỘ", "Hà Nội", "CB"), "name"),
        (BranchInfo("Chi bộ A", " ", "Hà Nội", "CB"), "higher_committee"),
        (BranchInfo("Chi bộ A", "ĐẢNG BỘ", "", "CB"), "place"),
        (BranchInfo("Chi bộ A", "ĐẢNG BỘ", "Hà Nội", "C/B"), "issuer_abbr"),
    ],
)
def test_branch_validation_names_the_field(bare_database, info, field):
    with pytest.raises(ValidationError) as caught:
        save_branch(info)
    assert caught.value.field == field
    assert get_branch() is None


def test_ratings_saved_replaced_and_cleared(data_file):
    a = save_member(member(0)).member.id
    b = save_member(member(1)).member.id
    save_ratings(2025, {a: "good", b: "excellent"})
    save_ratings(2025, {a: "done", b: None})
    assert [(r.member_id, r.level) for r in ratings_for_year(2025)] == [(a, "done")]


def test_bad_rating_saves_nothing(data_file):
    a = save_member(member(0)).member.id
    with pytest.raises(ValidationError):
        save_ratings(2025, {a: "good", 12345: "good"})
    with pytest.raises(ValidationError):
        save_ratings(2025, {a: "superb"})
    assert ratings_for_year(2025) == []


def test_ratings_belong_to_their_branch(data_file):
    a = save_member(member(0)).member.id
    save_ratings(2025, {a: "good"})
    save_branch(BranchInfo("Chi bộ Khác", "ĐẢNG BỘ SỞ", "Hà Nội", "CK"), new=True)
    assert ratings_for_year(2025) == []
    with pytest.raises(ValidationError):  # another branch's member cannot be rated from here
        save_ratings(2025, {a: "done"})


def test_the_current_branch_is_looked_up_once_not_per_written_row(data_file, monkeypatch):
    from models.core.branch import current_branch_id, use_branch
    from models.core.tables import Branch
    from models.roster.tables import Member

    use_branch(None)
    first = current_branch_id()
    monkeypatch.setattr(Branch, "select", lambda *a, **k: (_ for _ in ()).throw(AssertionError("queried again")))
    assert [current_branch_id() for _ in range(3)] == [first] * 3
    Member.insert_many([{"full_name": f"Đảng viên {i}"} for i in range(50)]).execute()  # the default: no query
    assert {m.branch_id for m in Member.select(Member.branch)} == {first}
