"""The ballot's geometry: marks and QR code clear of the stamp box, identical ballots, a list that must fit a page."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from models.core.errors import ValidationError
from models.counting.validity import Form
from models.scanning.drawing import write_ballots
from models.scanning.layout import Rect, ballot_geometry, ballots_per_page, qr_payload
from tests.support import scan_deck as deck


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("form", list(Form))
def test_marks_and_qr_code_stay_clear_of_the_stamp_box_and_of_each_other(form):
    g = ballot_geometry(deck.target(form))
    for item in (*g.marks, g.qr):
        assert not _overlap(item, g.stamp)
    assert not any(_overlap(mark, g.qr) for mark in g.marks)
    assert all(_overlap(row.name, g.table) for row in g.rows)
    top_left, top_right, bottom_left, bottom_right = g.marks
    assert top_left.y == top_right.y and bottom_left.y == bottom_right.y and top_left.x == bottom_left.x


def test_the_qr_code_names_only_branch_congress_post_round_and_form():
    t = deck.target(Form.AGREE, round_no=2)
    assert qr_payload(t) == "CHIBO-PHIEU/1|1|4|committee|2|agree"
    assert not any(name in qr_payload(t) for name in t.candidates)


def test_every_ballot_of_a_round_is_identical():
    g = ballot_geometry(deck.target())
    buffer = io.BytesIO()
    write_ballots(buffer, g, ballots_per_page(g) * 2)
    document = pypdfium2.PdfDocument(buffer.getvalue())
    pages = [document[i].render(scale=1).to_pil().tobytes() for i in range(len(document))]
    assert len(pages) == 2 and pages[0] == pages[1]  # no number, no code of its own


def test_a_list_longer_than_one_page_is_refused_for_scanning():
    names = tuple(f"Ứng cử viên số {i}" for i in range(1, 31))
    with pytest.raises(ValidationError, match="dài hơn một trang A4"):
        ballot_geometry(deck.target(candidates=names))
    with pytest.raises(ValidationError, match="chưa có người nào"):
        ballot_geometry(deck.target(candidates=()))
    assert ballots_per_page(ballot_geometry(deck.target(candidates=names[:1]))) >= 3
