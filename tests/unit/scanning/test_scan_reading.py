"""The values a scanned page gives: a ballot is proposed only when every mark is certain and nothing is in doubt."""

from __future__ import annotations

from models.counting.validity import Ballot, Form, Mark
from models.scanning.reading import Box, Doubt, DoubtKind, MarkReading, PageReading, image_hash

AREA = Box(0, 0, 10, 10)


def _page(marks, doubts=(), form=Form.STRIKE, registered=True):
    png = b"png"
    return PageReading(1, png, image_hash(png), registered, "qr", tuple(marks), tuple(doubts), form)


def test_a_certain_strike_page_proposes_the_kept_names():
    page = _page([MarkReading(0, True, 0.2, True, AREA), MarkReading(1, False, 0.0, True, AREA)])
    assert page.proposed_choices() == (1,)
    assert page.proposed_ballot(7, ["a", "b"]) == Ballot.strike(7, ["b"])
    assert page.proposed_marks() is None


def test_one_uncertain_mark_or_one_doubt_proposes_nothing():
    undecided = _page([MarkReading(0, None, 0.06, False, AREA)])
    assert undecided.proposed_choices() is None and undecided.proposed_ballot(1, ["a"]) is None
    doubted = _page([MarkReading(0, False, 0.0, True, AREA)], [Doubt(DoubtKind.WRITING, None, AREA, 0.01)])
    assert doubted.proposed_ballot(1, ["a"]) is None
    unregistered = _page([], registered=False)
    assert unregistered.proposed_choices() is None


def test_an_agree_page_proposes_its_marks_row_by_row():
    marks = [
        MarkReading(0, False, 0.2, True, AREA, Mark.AGREE, 0.0, AREA),
        MarkReading(1, True, 0.0, True, AREA, Mark.DISAGREE, 0.2, AREA),
        MarkReading(2, None, 0.0, True, AREA, Mark.NONE, 0.0, AREA),
    ]
    page = _page(marks, form=Form.AGREE)
    assert page.proposed_choices() == (0,)
    assert page.proposed_marks() == (Mark.AGREE, Mark.DISAGREE, Mark.NONE)
    assert page.proposed_ballot(3, ["a", "b", "c"]) == Ballot.agree(3, {"a": "agree", "b": "disagree"})


def test_every_doubt_has_a_vietnamese_label():
    assert all(kind.label and kind.label[0].isupper() for kind in DoubtKind)
    assert Doubt(DoubtKind.PARTIAL_STRIKE).label.startswith("Gạch tên")
