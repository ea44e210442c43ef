"""Deciding a mark from ink: a stroke is followed under the print but not across bare paper; the thresholds."""

from __future__ import annotations

import numpy as np

from models.counting.validity import Form, Mark
from models.scanning import marks
from models.scanning.layout import ballot_geometry
from models.scanning.stack import _template
from tests.support import scan_deck as deck


def _band(width=120, height=40):
    return np.zeros((height, width), dtype=bool), np.zeros((height, width), dtype=bool)


def test_a_stroke_hidden_by_a_letter_is_followed_across_it():
    ink, hidden = _band()
    ink[20:23, 0:50] = True
    ink[20:23, 70:120] = True
    hidden[5:35, 50:70] = True  # a letter's stroke over the path
    assert marks._line_cover(ink, hidden).all()


def test_a_gap_over_bare_paper_is_not_covered():
    ink, hidden = _band()
    ink[20:23, 0:50] = True
    ink[20:23, 70:120] = True
    cover = marks._line_cover(ink, hidden)
    assert not cover[50:70].any() and cover[:50].all() and cover[70:].all()


def test_short_gaps_are_closed_and_nothing_beyond_the_ink_is_covered():
    ink, hidden = _band()
    ink[20:23, 10:40] = True
    ink[20:23, 45:60] = True  # 5 px (under a millimetre) apart
    cover = marks._line_cover(ink, hidden)
    assert cover[10:60].all() and not cover[:10].any() and not cover[60:].any()


def _scan_with(draw):
    """The blank template of the agree ballot at the comparison resolution, with `draw` applied (as a scan)."""
    geometry = ballot_geometry(deck.target(Form.AGREE))
    template, _ = _template(geometry)
    scan = template.copy()
    draw(scan, geometry)
    return marks.read_ink(scan, template, geometry), geometry


def _fill(scan, rect, share):
    ys, xs = marks._pixels(rect, 1.0)
    region = scan[ys, xs]
    rows = int(region.shape[0] * share) or 1
    region[:rows, :] = 0.0


def test_box_thresholds_marked_empty_and_between():
    def draw(scan, geometry):
        _fill(scan, geometry.rows[0].agree, 0.2)  # clearly marked
        _fill(scan, geometry.rows[1].disagree, 0.2)
        _fill(scan, geometry.rows[2].agree, 0.2)
        _fill(scan, geometry.rows[2].disagree, 0.2)  # both
        ys, xs = marks._pixels(geometry.rows[3].agree, 1.0)
        scan[ys.start + 10 : ys.start + 13, xs.start + 10 : xs.start + 22] = 0.0  # a faint dot: 36 px

    found, _ = _scan_with(draw)
    decided = [(row.decided, row.doubt) for row in found.rows]
    assert decided[0] == (Mark.AGREE, None)
    assert decided[1] == (Mark.DISAGREE, None)
    assert decided[2] == (None, "both_boxes")
    assert decided[3] == (None, "no_box")
    assert decided[4] == (Mark.NONE, None)
    assert found.page_doubts == ()
