"""Set-up rules for a congress's elections (docs/domain.md §2)."""

from __future__ import annotations

import pytest

from models.counting import Electorate, Exclusions, Post
from models.counting.structure import (
    Person,
    Quorum,
    check_candidates_official,
    check_committee_list,
    check_counting_committee,
    check_floor_nominee,
    check_from_committee,
    check_posts,
    check_quorum,
    check_seats,
    committee_allowed,
    floor_nominee_admitted,
    max_surplus,
)


@pytest.mark.parametrize(("members", "allowed"), [(8, False), (9, True), (30, True), (3, False)])
def test_committee_only_with_nine_official_members(members, allowed):
    assert committee_allowed(members) is allowed
    assert (check_posts(members, 3) == []) is allowed


def test_committee_at_most_seven_seats():
    assert check_posts(20, 7) == []
    problems = check_posts(20, 8)
    assert problems == ["Chi ủy không quá 7 người; đại hội đang định bầu 8."]


def test_small_branch_without_committee_is_fine_and_one_deputy_only():
    assert check_posts(5, None, deputies=1) == []
    assert check_posts(5, 0, deputies=0) == []
    assert check_posts(12, 5, deputies=2) == ["Chi bộ chỉ bầu một phó bí thư; đại hội đang định bầu 2."]


def test_branch_needs_three_official_members():
    assert len(check_posts(2, None)) == 1


@pytest.mark.parametrize(
    ("seats", "surplus"), [(3, 1), (4, 1), (5, 1), (6, 1), (7, 2), (9, 2), (10, 3), (13, 3), (14, 4), (20, 6)]
)
def test_max_surplus_is_30_percent_floor_and_one_for_three_to_five(seats, surplus):
    assert max_surplus(seats) == surplus


@pytest.mark.parametrize(
    ("seats", "candidates", "ok"),
    [
        (3, 3, False),
        (3, 4, True),
        (3, 5, False),
        (5, 6, True),
        (5, 7, False),
        (7, 9, True),
        (7, 10, False),
        (7, 7, False),
        (6, 7, True),
        (6, 8, False),
    ],
)
def test_committee_list_more_candidates_than_seats_and_surplus_limit(seats, candidates, ok):
    assert (check_committee_list(seats, candidates) == []) is ok


def test_committee_list_messages():
    assert check_committee_list(5, 5) == [
        "Danh sách bầu cử chi ủy phải nhiều hơn số lượng cần bầu: 5 người cho 5 chức danh."
    ]
    assert check_committee_list(7, 10) == [
        "Số dư trong danh sách bầu cử không quá 2 người với 7 người cần bầu; danh sách đang dư 3 người."
    ]


@pytest.mark.parametrize(
    ("agree", "attending", "admitted"),
    [
        (3, 10, False),
        (4, 10, True),
        (6, 20, False),
        (7, 20, True),
        (4, 15, False),
        (5, 15, True),
        (0, 1, False),
        (1, 3, True),
    ],
)
def test_floor_nominee_needs_more_than_30_percent(agree, attending, admitted):
    assert floor_nominee_admitted(agree, attending) is admitted
    assert (check_floor_nominee("Nguyễn Văn An", agree, attending) == []) is admitted


def test_floor_nominee_message():
    assert check_floor_nominee("Nguyễn Văn An", 3, 10) == [
        "Nguyễn Văn An chỉ được 3/10 người dự đại hội đồng ý, không quá 30% nên không được đưa vào danh sách bầu cử."
    ]


def test_candidates_must_be_official():
    people = [Person(1, "Nguyễn Văn An"), Person(2, "Trần Thị Bình", official=False)]
    assert check_candidates_official(people) == [
        "Trần Thị Bình không phải đảng viên chính thức nên không được ứng cử, đề cử."
    ]


def test_secretary_and_deputy_from_the_new_committee():
    committee = {1, 2, 3}
    assert check_from_committee(Post.SECRETARY, [Person(1, "An")], committee) == []
    assert check_from_committee(Post.SECRETARY, [Person(4, "Dung")], committee) == [
        "Dung không trúng cử Ban Chi ủy khóa mới nên không được bầu làm Bí thư."
    ]
    assert len(check_from_committee(Post.DEPUTY_SECRETARY, [Person(4, "Dung")], committee)) == 1
    # without a committee (branch under 9) the secretary comes from the whole branch
    assert check_from_committee(Post.SECRETARY, [Person(4, "Dung")], set()) == []


def test_counting_committee_not_on_any_list_and_official():
    lists = {"Ban Chi ủy": [1, 2, 3, 4], "Đại biểu": [5]}
    members = [Person(6, "Em"), Person(2, "Bình"), Person(5, "Phương"), Person(7, "Quang", official=False)]
    assert check_counting_committee(members, lists) == [
        "Bình có tên trong danh sách bầu cử (Ban Chi ủy) nên không được vào Ban kiểm phiếu.",
        "Phương có tên trong danh sách bầu cử (Đại biểu) nên không được vào Ban kiểm phiếu.",
        "Quang không phải đảng viên chính thức nên không được vào Ban kiểm phiếu.",
    ]
    assert check_counting_committee([Person(6, "Em")], lists) == []


def test_seats_per_post():
    assert check_seats(Post.SECRETARY, 1) == []
    assert len(check_seats(Post.SECRETARY, 2)) == 1
    assert len(check_seats(Post.DEPUTY_SECRETARY, 2)) == 1
    assert len(check_seats(Post.COMMITTEE, 8)) == 1
    assert check_seats(Post.DELEGATE, 12) == []


def test_quorum():
    ele = Electorate(22, Exclusions(temporary_elsewhere=1, exempt_absent=1), 18)
    assert check_quorum(ele, Quorum(22, 18)) == []
    assert len(check_quorum(Electorate(20, Exclusions(), 10), Quorum(20, 14))) == 1  # 10 < 11 can vote
    blocking = check_quorum(Electorate(20, Exclusions(), 13), Quorum(20, 13))
    assert len(blocking) == 1 and "dưới hai phần ba (cần ít nhất 14)" in blocking[0]  # 13 < 2/3 of 20
    assert check_quorum(Electorate(21, Exclusions(), 14), Quorum(21, 14)) == []  # exactly 2/3
    assert [Quorum(n, 0).needed for n in (3, 4, 5, 6, 22)] == [2, 3, 4, 4, 15]
    assert not Quorum(0, 0).met
