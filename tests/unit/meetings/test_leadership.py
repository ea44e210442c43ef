"""The branch's current leadership (elected at the latest congress, then appointed), and appointments' checks."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.errors import ValidationError
from models.counting import Post
from models.meetings.appointments import AppointmentInfo, AppointmentReason, end_appointment, record_appointment
from models.meetings.leadership import APPOINTED, ELECTED, current_leadership
from tests.support import congress_story as story

LATER = date(2026, 3, 2)


def _appoint(post: Post, name: str, on: date, number: str = "15-QĐ/ĐU", **kw) -> AppointmentInfo:
    reason = kw.pop("reason", AppointmentReason.TRULY_NECESSARY)
    return record_appointment(AppointmentInfo(post, name, reason, number, on, "Đảng ủy Sở", 2025, 2030, **kw))


def test_the_leadership_elected_at_the_congress_then_an_appointed_secretary(data_file):
    congress = story.congress_of_35()
    leaders = current_leadership()
    assert [(x.post, x.how) for x in leaders][:2] == [(Post.SECRETARY, ELECTED), (Post.DEPUTY_SECRETARY, ELECTED)]
    assert sum(1 for x in leaders if x.post == Post.COMMITTEE) == 5
    assert all(x.since == congress.opens_on and x.source == congress.title for x in leaders)
    before = leaders[0].full_name
    appointed = _appoint(Post.SECRETARY, "Lê Văn Mới", LATER, reason=AppointmentReason.TRULY_NECESSARY)
    now = current_leadership()
    assert (now[0].full_name, now[0].how, now[0].since) == ("Lê Văn Mới", APPOINTED, LATER)
    assert before not in [x.full_name for x in now if x.post == Post.SECRETARY]
    assert "Quyết định số 15-QĐ/ĐU ngày 02/03/2026 của Đảng ủy Sở" in now[0].text
    assert current_leadership(date(2026, 3, 1))[0].full_name == before  # the day before the decision
    end_appointment(appointed.id, date(2026, 6, 1))
    assert not [x for x in current_leadership() if x.post == Post.SECRETARY]  # vacant until filled


def test_a_new_branch_has_only_its_appointed_leaders(data_file):
    story.roster(5)
    assert current_leadership() == []
    _appoint(Post.SECRETARY, "Phạm Thị Hoa", LATER, reason=AppointmentReason.NEW_BRANCH)
    [leader] = current_leadership()
    assert (leader.post_label, leader.how_label, leader.term) == ("Bí thư Chi bộ", "Chỉ định", "nhiệm kỳ 2025–2030")


@pytest.mark.parametrize(
    ("post", "number", "on", "field"),
    [
        (Post.DELEGATE, "1-QĐ", LATER, "post"),
        (Post.SECRETARY, " ", LATER, "decision_number"),
        (Post.SECRETARY, "1-QĐ", date(2027, 1, 1), "decision_on"),
    ],
)
def test_an_appointment_that_cannot_be_is_refused(data_file, post, number, on, field):
    with pytest.raises(ValidationError) as refused:
        _appoint(post, "Ai Đó", on, number)
    assert refused.value.field == field


def test_the_suggested_ordinal_follows_the_branch_history(data_file):
    from models.core.branch import current_branch_id
    from models.office.committee_record import HistoryEntry, record_branch_event
    from services.meetings.congress_ordinal import suggested_ordinal

    assert suggested_ordinal() == 1
    story.roster(5)
    story.congress(ordinal=3)
    assert suggested_ordinal() == 4
    # recorded as founded anew after that congress (a reused file): its first congress is the I
    record_branch_event(HistoryEntry(current_branch_id(), "founded", date(2026, 1, 1), "Quyết định số 3-QĐ/ĐU"))
    assert suggested_ordinal() == 1


def test_the_congress_summary_names_a_secretary_appointed_since(data_file, tmp_path):
    from openpyxl import load_workbook

    from reports.congress.jobs import CONGRESS_JOB_BY_KIND

    congress = story.congress_of_35()
    _appoint(Post.DEPUTY_SECRETARY, "Lê Văn Mới", LATER)
    path = CONGRESS_JOB_BY_KIND["dai-hoi-bao-cao"].run(tmp_path / "bc.xlsx", congress.id)
    texts = [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]
    line = next(t for t in texts if t.startswith("- Cấp ủy cấp trên chỉ định"))
    assert line == (
        "- Cấp ủy cấp trên chỉ định Phó Bí thư Chi bộ: đồng chí Lê Văn Mới "
        "(Quyết định số 15-QĐ/ĐU ngày 02/03/2026 của Đảng ủy Sở)."
    )
