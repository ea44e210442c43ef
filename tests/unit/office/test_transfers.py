"""A transfer between two branches of one database: the transfer-out in one, the transfer-in in the other, in one
transaction; on SQLite and on the server."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.branch import current_branch_id, save_branch, use_branch
from models.core.errors import ConflictError, ValidationError
from models.office import transfers
from models.office.transfers import transfer_member
from models.roster.event_kinds import EventKind
from models.roster.member_status import member_status
from models.roster.members import all_members, get_member, record_event, save_member
from models.roster.records import EventRecord
from tests.support.people import member
from tests.support.rich_branch import OTHER

ON = date(2026, 6, 1)


@pytest.fixture
def two_branches(data_file):
    """(source id, destination id, a member of the source with a badge and a discipline in their history)."""
    source = current_branch_id()
    saved = save_member(member(0)).member
    save_member(member(1))
    record_event(saved.id, EventRecord(EventKind.BADGE_AWARDED, date(2021, 9, 2), note="Huy hiệu 20 năm"))
    record_event(saved.id, EventRecord(EventKind.TEMPORARY_ELSEWHERE, date(2024, 1, 5), end_date=date(2024, 6, 30)))
    record_event(saved.id, EventRecord(EventKind.DISCIPLINED, date(2025, 3, 1), note="Khiển trách"))
    save_branch(OTHER, new=True)
    destination = current_branch_id()
    save_member(member(2))
    use_branch(source)
    return source, destination, saved.id


def _state():
    """Every member of every branch with their events, as plain values."""
    out = {}
    for branch in (1, 2):
        use_branch(branch)
        out[branch] = sorted(
            (m.full_name, m.card_number, tuple((str(e.kind), e.date, e.place) for e in m.events)) for m in all_members()
        )
    use_branch(1)
    return out


def test_a_transfer_ends_the_history_in_one_branch_and_starts_it_in_the_other(two_branches):
    source, destination, member_id = two_branches
    done = transfer_member(member_id, destination, ON, "Quyết định số 12-QĐ/ĐU", "Chuyển công tác")
    assert current_branch_id() == source  # the session still works in its branch
    left = get_member(member_id)
    assert member_status(left, date(2026, 12, 1)).code == "transferred_out"
    out = left.events[-1]
    assert (out.kind, out.date, out.place, out.decision_ref) == (
        EventKind.TRANSFERRED_OUT,
        ON,
        "Chi bộ Phòng Kế hoạch",
        "Quyết định số 12-QĐ/ĐU",
    )
    use_branch(destination)
    arrived = get_member(done.member_id)
    assert not done.returning and arrived.id != member_id
    assert (arrived.full_name, arrived.card_number, arrived.admission_date, arrived.official_date) == (
        left.full_name,
        left.card_number,
        left.admission_date,
        left.official_date,
    )
    assert [(e.kind, e.date) for e in arrived.events] == [
        (EventKind.BADGE_AWARDED, date(2021, 9, 2)),
        (EventKind.DISCIPLINED, date(2025, 3, 1)),
        (EventKind.TRANSFERRED_IN, ON),
    ]
    assert arrived.events[-1].place == "Chi bộ Văn phòng Sở"
    status = member_status(arrived, date(2026, 12, 1))
    assert status.is_current_member and status.is_official
    assert not member_status(arrived, date(2026, 5, 31)).is_current_member  # not on its roster before arriving
    assert sorted(m.full_name for m in all_members()) == sorted([member(2).full_name, left.full_name])


def test_a_failure_in_the_middle_leaves_both_branches_untouched(two_branches, monkeypatch):
    source, destination, member_id = two_branches
    before = _state()

    def broken(*args):
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(transfers, "_copy_travelling_events", broken)  # after the transfer-out and the new row
    with pytest.raises(RuntimeError):
        transfer_member(member_id, destination, ON)
    assert _state() == before and current_branch_id() == source


def test_a_member_coming_back_gets_the_transfer_in_on_their_old_row(two_branches):
    source, destination, member_id = two_branches
    there = transfer_member(member_id, destination, ON)
    back = transfer_member(there.member_id, source, date(2026, 11, 1))
    assert back.returning and back.member_id == member_id
    use_branch(source)
    assert member_status(get_member(member_id), date(2026, 12, 1)).is_current_member
    assert len([m for m in all_members() if m.card_number == member(0).card_number]) == 1


def test_refusals_are_told_in_vietnamese_and_change_nothing(two_branches):
    source, destination, member_id = two_branches
    before = _state()
    with pytest.raises(ValidationError, match="đang sinh hoạt tại chính chi bộ «Chi bộ Văn phòng Sở»"):
        transfer_member(member_id, source, ON)
    with pytest.raises(ValidationError, match="không sinh hoạt tại chi bộ «Chi bộ Văn phòng Sở» ngày 01/06/1990"):
        transfer_member(member_id, destination, date(1990, 6, 1))
    use_branch(destination)
    save_member(member(0, id=None))  # the same person already on the destination's roster
    use_branch(source)
    with pytest.raises(ConflictError, match="đã có đảng viên Nguyễn Văn An đang sinh hoạt"):
        transfer_member(member_id, destination, ON)
    after = _state()
    assert after[1] == before[1] and len(after[2]) == len(before[2]) + 1
