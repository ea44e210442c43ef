"""Two clients editing the same congress's facts: the second save is refused, saying what the first changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.congress.congresses import CongressInfo, get_congress, open_session, save_congress
from models.congress.tables import Congress
from models.core.errors import EditConflictError
from tests.support import congress_story as story


@pytest.fixture
def congress(data_file) -> CongressInfo:
    story.roster(3)
    return save_congress(CongressInfo(4, 2025, 2030, date(2025, 6, 20), place="Hội trường tầng 3"))


def test_a_second_save_from_the_same_read_is_refused_naming_what_changed(congress):
    assert congress.version == 1
    theirs = save_congress(replace(congress, place="Phòng họp số 2", closes_on=date(2025, 6, 21)), read=congress)
    assert theirs.version == 2
    with pytest.raises(EditConflictError) as caught:
        save_congress(replace(congress, term_end=2027), read=congress)
    assert caught.value.changes == [
        ("Ngày bế mạc", "(để trống)", "«21/06/2025»"),
        ("Địa điểm", "«Hội trường tầng 3»", "«Phòng họp số 2»"),
    ]
    assert caught.value.message.startswith("Thông tin đại hội lần thứ IV, nhiệm kỳ 2025–2030 vừa được lưu trên máy")
    saved = get_congress(congress.id)
    assert (saved.term_end, saved.place, saved.version) == (2030, "Phòng họp số 2", 2)


def test_opening_the_session_moves_the_version_so_a_stale_edit_is_told(congress):
    story.check_in_all(congress.id)  # two thirds present: the congress may open (Charter Điều 11 k6)
    open_session(congress.id)
    with pytest.raises(EditConflictError) as caught:
        save_congress(replace(congress, place="Phòng họp số 2"), read=congress)
    assert "• Trạng thái: «Đang chuẩn bị» → «Đang họp»" in caught.value.message.splitlines()
    assert Congress.get_by_id(congress.id).place == "Hội trường tầng 3"
    fresh = get_congress(congress.id)
    assert save_congress(replace(fresh, place="Phòng họp số 2"), read=fresh).version == 3
