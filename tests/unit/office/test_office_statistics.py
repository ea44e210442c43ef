"""The committee's statistics and reminders over its branches: the total is the sum of the branches, figure by figure.

Runs on SQLite and on a real PostgreSQL server (the `data_file` fixture of tests/unit/conftest.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from models.core.branch import BranchInfo, current_branch_id, get_branch, list_branches, save_branch, use_branch
from models.core.errors import Cancelled
from models.office.office_statistics import office_reminders, office_statistics, sum_sections
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, record_event, save_member
from models.roster.rating_book import ratings_for_year, save_ratings
from models.roster.records import EventRecord
from models.roster.reminders import badge_due_for_award_date, missing_ratings, recognition_reminders
from models.roster.statistics import branch_statistics
from models.roster.tables import Member
from tests.support.people import member

ON = date(2026, 12, 1)  # the pinned clock's day
PERIOD = (date(2026, 1, 1), ON)
YEAR = 2025


def _branch(name: str) -> int:
    save_branch(BranchInfo(name, "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"), new=True)
    return current_branch_id()


def _save(*records) -> list[int]:
    return [save_member(record).member.id for record in records]


@pytest.fixture
def committee(data_file):
    """Three branches: the first with an exempted member, a transfer out, a member of unknown gender and birth
    date; the second with a death, a probationary member and Tày members; the third empty."""
    first = current_branch_id()
    ids = _save(
        member(0),
        member(1, qualification="Thạc sĩ", theory="Cao cấp"),
        member(2, education="12/12"),
        member(3, religion="Công giáo"),
        member(5),
        member(4, full_name="Mai Văn Tâm", card_number="99990001"),
    )
    # A record brought in by an old import, without gender or birth date (the form requires them).
    Member.update(gender="", birth_date=None).where(Member.id == ids[5]).execute()
    record_event(ids[2], EventRecord(EventKind.EXEMPTED, date(2026, 3, 1)))
    record_event(ids[3], EventRecord(EventKind.TRANSFERRED_OUT, date(2026, 6, 1), place="Chi bộ Sở Y tế"))
    save_ratings(YEAR, {ids[0]: "excellent", ids[1]: "good", ids[3]: "good"})
    second = _branch("Chi bộ Phòng Kế hoạch")
    others = _save(
        member(6), member(7, ethnicity="Tày"), member(8), member(9), member(10, qualification="Cử nhân"), member(11)
    )
    record_event(others[2], EventRecord(EventKind.DIED, date(2026, 2, 14)))
    save_ratings(YEAR, {others[0]: "good", others[1]: "done", others[4]: "not_done"})
    third = _branch("Chi bộ Phòng Pháp chế")
    use_branch(first)
    return first, second, third


def figures(sections) -> list[tuple]:
    return [(s.key, s.title, s.base, [(r.key, r.label, r.count, r.percent) for r in s.rows]) for s in sections]


def test_committee_report_is_the_sum_of_its_branches(committee):
    report = office_statistics(ON, PERIOD, YEAR)
    assert [b.branch_id for b in report.branches] == list(committee)
    names = ["Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch", "Chi bộ Phòng Pháp chế"]
    assert [b.name for b in report.branches] == names
    checked = 0
    for section in report.total:
        parts = [b.section(section.key) for b in report.branches]
        if section.base is not None:
            assert section.base == sum(p.base for p in parts), section.key
        for row in section.rows:
            assert row.count == sum(next((r.count for r in p.rows if r.key == row.key), 0) for p in parts), (
                section.key,
                row.key,
            )
            checked += 1
    assert checked > 50
    # The same figures, percents included, as one report over every member of the committee.
    everyone = [m for branch in committee for m in all_members(branch)]
    ratings = [r for branch in committee for r in ratings_for_year(YEAR, branch)]
    assert figures(report.total) == figures(branch_statistics(everyone, ratings, ON, PERIOD, YEAR))
    total = report.total_section("overview")
    assert (total.count("total"), total.count("women"), total.count("ethnic_minority")) == (10, 5, 2)
    assert report.total_section("gender").count("unknown") == 1  # rows only the first branch has
    assert report.total_section("age").count("unknown") == 1
    assert report.total_section("movements").count(str(EventKind.DIED)) == 1
    assert report.total_section("ratings").count("good") == 3
    assert current_branch_id() == committee[0]  # reading the branches leaves the session where it was


def test_each_branch_report_is_the_branch_own(committee):
    report = office_statistics(ON, PERIOD, YEAR)
    for branch, expected_total in zip(report.branches, (5, 5, 0), strict=True):
        use_branch(branch.branch_id)
        own = branch_statistics(all_members(), ratings_for_year(YEAR), ON, PERIOD, YEAR)
        assert figures(branch.sections) == figures(own)
        assert branch.section("overview").count("total") == expected_total


def test_chosen_branches_and_cancel(committee):
    first, second, _third = committee
    report = office_statistics(ON, PERIOD, YEAR, branch_ids=[second, first])
    assert [b.branch_id for b in report.branches] == [second, first]
    with pytest.raises(Cancelled):
        office_statistics(ON, PERIOD, YEAR, progress=lambda done, total: done < 1)


def test_sum_of_nothing_and_of_one():
    assert sum_sections([]) == []
    one = branch_statistics([member(0, id=1)], [], ON, PERIOD, YEAR)
    assert figures(sum_sections([one])) == figures(one)


def test_reminders_across_branches_name_their_branch(committee):
    first, second, third = committee
    soon = date(2025, 12, 20)  # the probation of Hoàng Thị Ánh (first branch) ends 20/12/2026
    use_branch(first)
    ids = _save(
        member(
            9,
            full_name="Đinh Thị Dự",
            admission_date=soon,
            ceremony_date=soon,
            official_date=None,
            card_number="99990002",
        )
    )
    reminders = office_reminders(ON)
    assert reminders.award_date == date(2027, 2, 3) and reminders.rating_year == ON.year - 1
    names = [(branch, r.member.full_name) for branch, r in reminders.recognitions()]
    assert ("Chi bộ Văn phòng Sở", "Đinh Thị Dự") in names
    for branch in reminders.branches:
        members = all_members(branch.branch_id)
        assert [r.member.id for r in branch.recognitions] == [r.member.id for r in recognition_reminders(members, ON)]
        due = badge_due_for_award_date(members, reminders.award_date)
        assert [c.member.id for c in branch.badges] == [c.member.id for c in due]
        missing = missing_ratings(members, ratings_for_year(YEAR, branch.branch_id), YEAR)
        assert [m.id for m in branch.missing_ratings] == [m.id for m in missing]
    assert ids[0] in [r.member.id for _, r in reminders.recognitions()]
    assert [b.name for b in reminders.branches] == [name for _, name in list_branches()]
    assert reminders.branches[2].recognitions == [] and get_branch(third).name == "Chi bộ Phòng Pháp chế"
    assert len(reminders.missing_ratings()) == sum(len(b.missing_ratings) for b in reminders.branches) > 0
