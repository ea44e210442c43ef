"""Deciding each mark of a registered ballot against its blank template (see docs/scanning.md).

The registered ballot is compared with the blank ballot drawn by the same code (`models.scanning.drawing`) at the
same resolution. *New ink* is what is dark on the scan (against the paper's own brightness around it, so that a
fold's shadow or a grey scan does not count) and is not printed on the blank (with half a millimetre of tolerance).

- Strike form: the score of a name is the share of the printed name's length that new ink covers in its row
  (gaps under the letters' strokes closed). At least `STRUCK` is struck, at most `KEPT` (and no other ink in the
  row) is kept; anything between is a partial strike for a person. A row with far more ink than a line or two
  (`SCRIBBLE` of the covered band) is a scribble, for a person.
- Agree form: the score of a box is the share of its inside covered by new ink. At least `MARKED` is marked, at
  most `EMPTY` is empty; between is for a person, and so are both boxes marked on one row.
- New ink anywhere else (the header: writing; the margins, between rows, the number cells: a mark outside), a
  printed text missing from the scan (torn, folded over) and a dark fold send the whole page to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from models.counting.validity import Form, Mark
from models.scanning.layout import BallotGeometry, Rect

PER_MM = 6.0  # resolution at which a registered ballot is compared with its template (about 150 dpi)
INK = 0.7  # a pixel darker than this share of the paper around it is ink
TOLERANCE_PX = 3  # printed pixels are widened by this much before ink counts as new (half a millimetre)
# In a candidate's row the template is first aligned on the scan (up to SHIFT_PX each way), then widened by only
# ROW_TOLERANCE_PX: a strike through the middle of a name shows only between and inside the letters.
SHIFT_PX, ROW_TOLERANCE_PX = 2, 1
# Strike form: share of the name's length covered.
STRUCK, KEPT = 0.85, 0.04
SCRIBBLE = 0.35  # share of the covered band that is ink: more than a line or two
GAP_MM = 2.0  # gaps in a strike shorter than this (under a letter's stroke) are closed
# Agree form: share of a box's inside inked.
MARKED, EMPTY = 0.025, 0.006
KEPT_INK_MM2 = 0.1  # a name is kept only when its printed extent holds less new ink than this (a speck)
STRAY_MM2 = 4.0  # new ink elsewhere on the ballot above this many square millimetres goes to a person
MISSING_PRINT = 0.5  # a block of print with less than this share of its pixels on the scan: torn or folded
FOLD_SHADOW = 0.7  # paper darker than this share of the page's paper: a fold or a tear's shadow
STAMP_MARGIN_MM = 10.0  # a stamp spills over its box: its surroundings are not checked for stray ink
RED_SHARE = 0.01  # colour scans: at least this share of red pixels in the stamp area is a stamp


@dataclass(frozen=True)
class RowReading:
    candidate: int
    decided: bool | Mark | None  # strike: True/False (struck), agree: a Mark; None when undecided
    score: float
    second_score: float | None
    doubt: str | None  # a DoubtKind value for this row, or None
    area: Rect
    second_area: Rect | None
    doubt_area: Rect | None


@dataclass(frozen=True)
class BallotInk:
    rows: tuple[RowReading, ...]
    page_doubts: tuple[tuple[str, Rect | None, float | None], ...]  # (DoubtKind value, area mm, score)


def box_sum(mask: np.ndarray, radius: int) -> np.ndarray:
    """Sum of `mask` over the (2r+1)² window centred on each pixel (zero outside), as int16 (r <= 5)."""
    h, w = mask.shape
    padded = np.zeros((h + 2 * radius, w + 2 * radius), dtype=np.int16)
    padded[radius : radius + h, radius : radius + w] = mask
    rows = np.zeros((h + 2 * radius, w), dtype=np.int16)
    for dx in range(2 * radius + 1):
        rows += padded[:, dx : dx + w]
    total = np.zeros((h, w), dtype=np.int16)
    for dy in range(2 * radius + 1):
        total += rows[dy : dy + h]
    return total


def paper_level(image: np.ndarray, block: int = 24) -> np.ndarray:
    """The paper's brightness around each pixel: the brightest of each 4 mm block, then of its neighbours."""
    h, w = image.shape
    bh, bw = -(-h // block), -(-w // block)
    padded = np.full((bh * block, bw * block), 255.0, dtype=np.float32)
    padded[:h, :w] = image
    blocks = padded.reshape(bh, block, bw, block).max(axis=(1, 3))
    wide = np.pad(blocks, 1, mode="edge")
    neighbours = np.max([wide[dy : dy + bh, dx : dx + bw] for dy in range(3) for dx in range(3)], axis=0)
    level = np.repeat(np.repeat(neighbours, block, axis=0), block, axis=1)[:h, :w]
    return np.maximum(level, 1.0)


@cache
def _pixels(rect: Rect, shrink: float = 0.0) -> tuple[slice, slice]:
    x0, y0 = int(round((rect.x + shrink) * PER_MM)), int(round((rect.y + shrink) * PER_MM))
    x1, y1 = int(round((rect.x + rect.w - shrink) * PER_MM)), int(round((rect.y + rect.h - shrink) * PER_MM))
    return slice(max(0, y0), max(0, y1)), slice(max(0, x0), max(0, x1))


def _closed(columns: np.ndarray, gap: int) -> np.ndarray:
    """A 1-D closing: runs of False shorter than `gap` between two True are filled."""
    if not columns.any():
        return columns
    grown = np.convolve(columns.astype(np.int32), np.ones(gap, dtype=np.int32), mode="same") > 0
    return np.convolve((~grown).astype(np.int32), np.ones(gap, dtype=np.int32), mode="same") == 0


def read_ink(
    scan: np.ndarray, template: np.ndarray, geometry: BallotGeometry, redness: np.ndarray | None = None
) -> BallotInk:
    """Every row's decision and the page's doubts, from the registered scan and the template (same shape)."""
    paper = paper_level(scan)
    dark = scan < paper * INK
    printed = template < 200
    ink = _new_ink(dark, printed, TOLERANCE_PX)
    hidden = box_sum(printed, TOLERANCE_PX) > 0  # where print could hide ink
    padded = np.pad(printed, SHIFT_PX)
    for row in geometry.rows:
        line = Rect(row.number.x - 1.0, row.number.y - 0.5, geometry.width - 2 * row.number.x + 2.0, row.number.h + 1.0)
        ys, xs = _pixels(line)
        aligned = _aligned(dark[ys, xs], padded, ys, xs)
        ink[ys, xs] = _new_ink(dark[ys, xs], aligned, ROW_TOLERANCE_PX)
        hidden[ys, xs] = box_sum(aligned, ROW_TOLERANCE_PX + 1) > 0
    rows: list[RowReading] = []
    expected = np.zeros_like(ink)  # where ink belongs to a decision (rows' areas)
    for index, row in enumerate(geometry.rows):
        if geometry.form == Form.STRIKE:
            rows.append(_strike_row(index, row, ink, hidden, expected))
        else:
            rows.append(_agree_row(index, row, ink, expected))
    doubts: list[tuple[str, Rect | None, float | None]] = []
    ignored = np.zeros_like(ink)
    for rect in (*geometry.marks, geometry.qr):
        ys, xs = _pixels(_grown(rect, 2.0))
        ignored[ys, xs] = True
    stamp = geometry.stamp
    stamp_zone = Rect(
        stamp.x - STAMP_MARGIN_MM, 0.0, geometry.width - stamp.x + STAMP_MARGIN_MM, geometry.header_cells[0].y - 1.0
    )
    ys, xs = _pixels(stamp_zone)
    ignored[ys, xs] = True
    stray = ink & ~expected & ~ignored
    limit = STRAY_MM2 * PER_MM * PER_MM
    table_top = int(geometry.header_cells[0].y * PER_MM)
    for kind, part in (("writing", stray[:table_top]), ("mark_outside", stray[table_top:])):
        if part.sum() > limit:
            offset = 0 if kind == "writing" else table_top
            doubts.append((kind, _bounds(part, offset), float(part.sum() / (PER_MM * PER_MM))))
    doubts.extend(_damage(scan, paper, printed, geometry))
    if redness is not None:
        doubts.extend(_stamp(redness, stamp))
    return BallotInk(tuple(rows), tuple(doubts))


def _new_ink(dark: np.ndarray, printed: np.ndarray, tolerance: int) -> np.ndarray:
    raw = dark & ~(box_sum(printed, tolerance) > 0)
    return raw & (box_sum(raw, 1) >= 4)  # a speck of noise is not ink


def _aligned(dark: np.ndarray, padded: np.ndarray, ys: slice, xs: slice) -> np.ndarray:
    """The template's print over this region, shifted (at most SHIFT_PX) to lie best on the scan's dark pixels."""
    height, width = dark.shape

    def shifted(dy: int, dx: int) -> np.ndarray:
        return padded[ys.start + dy : ys.start + dy + height, xs.start + dx : xs.start + dx + width]

    steps = range(2 * SHIFT_PX + 1)
    best_dy = max(steps, key=lambda dy: np.count_nonzero(shifted(dy, SHIFT_PX) & dark))
    best_dx = max(steps, key=lambda dx: np.count_nonzero(shifted(best_dy, dx) & dark))
    return shifted(best_dy, best_dx)


def _grown(rect: Rect, by: float) -> Rect:
    return Rect(rect.x - by, rect.y - by, rect.w + 2 * by, rect.h + 2 * by)


def _bounds(mask: np.ndarray, y_offset: int) -> Rect | None:
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return None
    return Rect(
        xs.min() / PER_MM,
        (ys.min() + y_offset) / PER_MM,
        (xs.max() - xs.min() + 1) / PER_MM,
        (ys.max() - ys.min() + 1) / PER_MM,
    )


def _strike_row(index: int, row, ink: np.ndarray, hidden: np.ndarray, expected: np.ndarray) -> RowReading:  # noqa: ANN001 - a Row
    ys, xs = _pixels(row.name, 0.6)
    expected[ys, xs] = True
    band = ink[ys, xs]
    x_left = int(round(row.name_span[0] * PER_MM)) - xs.start
    x_right = int(round(row.name_span[1] * PER_MM)) - xs.start
    covered = _line_cover(band, hidden[ys, xs])
    part = covered[x_left:x_right]
    score = float(part.mean()) if part.size else 0.0
    visible = ~hidden[ys, xs][:, x_left:x_right]
    reach = covered[x_left:x_right]
    density = float(band[:, x_left:x_right][:, reach].sum()) / max(1, int(visible[:, reach].sum()))
    outside = int(band.sum() - band[:, x_left:x_right].sum())
    number = row.number
    nys, nxs = _pixels(number, 0.6)
    expected[nys, nxs] = True
    number_ink = int(ink[nys, nxs].sum())
    area = row.name
    limit = STRAY_MM2 * PER_MM * PER_MM
    if score >= STRUCK and density > SCRIBBLE:
        return RowReading(index, None, score, None, "scribble", area, None, area)
    if score >= STRUCK:
        return RowReading(index, True, score, None, None, area, None, None)
    inside = int(band[:, x_left:x_right].sum())
    if score <= KEPT and inside <= KEPT_INK_MM2 * PER_MM * PER_MM and outside <= limit and number_ink <= limit:
        return RowReading(index, False, score, None, None, area, None, None)
    if score <= KEPT and inside <= KEPT_INK_MM2 * PER_MM * PER_MM:
        return RowReading(index, None, score, None, "mark_outside", area, None, _union(area, number))
    if density > SCRIBBLE:
        return RowReading(index, None, score, None, "scribble", area, None, area)
    return RowReading(index, None, score, None, "partial_strike", area, None, area)


def _line_cover(band: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """The columns of a name's row a stroke covers. Where the stroke crosses the printed letters it cannot be seen:
    its path is followed (the ink's middle in each column, carried across the gaps) and a gap counts as covered
    only when the print hides the path all along it, or when it is shorter than GAP_MM."""
    columns: np.ndarray = np.asarray(band.any(axis=0))
    inked = np.flatnonzero(columns)
    if inked.size == 0:
        return columns
    rows = np.arange(band.shape[0], dtype=np.float32)[:, None]
    counts = band.sum(axis=0)
    middles = (band * rows).sum(axis=0)[inked] / counts[inked]
    path = np.interp(np.arange(band.shape[1]), inked, middles).round().astype(int)
    near = np.clip(path[None, :] + np.arange(-2, 3)[:, None], 0, band.shape[0] - 1)
    under_print = hidden[near, np.arange(band.shape[1])[None, :]].any(axis=0)
    covered = columns.copy()
    first, last = int(inked[0]), int(inked[-1])
    gap = int(GAP_MM * PER_MM)
    # each run of uncovered columns between the first and the last inked one
    edges = np.flatnonzero(np.diff(np.concatenate([[1], columns[first : last + 1].astype(np.int8), [1]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        a, b = first + start, first + stop
        if b - a < gap or under_print[a:b].all():
            covered[a:b] = True
    return covered


def _union(a: Rect, b: Rect) -> Rect:
    x0, y0 = min(a.x, b.x), min(a.y, b.y)
    return Rect(x0, y0, max(a.x + a.w, b.x + b.w) - x0, max(a.y + a.h, b.y + b.h) - y0)


def _agree_row(index: int, row, ink: np.ndarray, expected: np.ndarray) -> RowReading:  # noqa: ANN001 - a Row
    scores = []
    for box in (row.agree, row.disagree):
        ys, xs = _pixels(box, 1.0)
        scores.append(float(ink[ys, xs].mean()))
        gys, gxs = _pixels(box, 0.0)
        expected[gys, gxs] = True
    agree, disagree = scores
    # Ink in the number or name cell of the agree form is not expected: it stays stray (a mark outside the boxes).
    whole = _union(row.agree, row.disagree)
    if EMPTY < agree < MARKED or EMPTY < disagree < MARKED:
        faint = row.agree if EMPTY < agree < MARKED else row.disagree
        return RowReading(index, None, agree, disagree, "no_box", row.agree, row.disagree, faint)
    agree_marked, disagree_marked = agree >= MARKED, disagree >= MARKED
    if agree_marked and disagree_marked:
        return RowReading(index, None, agree, disagree, "both_boxes", row.agree, row.disagree, whole)
    mark = Mark.AGREE if agree_marked else Mark.DISAGREE if disagree_marked else Mark.NONE
    return RowReading(index, mark, agree, disagree, None, row.agree, row.disagree, None)


def _damage(
    scan: np.ndarray, paper: np.ndarray, printed: np.ndarray, geometry: BallotGeometry
) -> list[tuple[str, Rect | None, float | None]]:
    """A dark fold or a tear's shadow across the paper, or print missing from the scan (a torn or folded part)."""
    doubts: list[tuple[str, Rect | None, float | None]] = []
    step = 24  # 4 mm blocks: each holds some bare paper, except under a registration mark
    h, w = scan.shape
    bh, bw = h // step, w // step
    blocks = scan[: bh * step, : bw * step].reshape(bh, step, bw, step).max(axis=(1, 3))
    reference = max(float(np.median(blocks)), 1.0)
    shade = blocks / reference
    for mark in geometry.marks:
        ys, xs = _pixels(_grown(mark, 4.0))
        shade[ys.start // step : ys.stop // step + 1, xs.start // step : xs.stop // step + 1] = 1.0
    if shade.min() < FOLD_SHADOW:
        rows, cols = np.nonzero(shade < FOLD_SHADOW)
        area = Rect(
            cols.min() * step / PER_MM,
            rows.min() * step / PER_MM,
            (cols.max() - cols.min() + 1) * step / PER_MM,
            (rows.max() - rows.min() + 1) * step / PER_MM,
        )
        return [("torn_or_folded", area, float(shade.min()))]
    core = template_core(printed)
    seen = scan < paper * 0.8
    for row in geometry.rows:
        ys, xs = _pixels(_union(row.number, row.name), 0.0)
        needed = core[ys, xs]
        total = int(needed.sum())
        if total and float(seen[ys, xs][needed].mean()) < MISSING_PRINT:
            doubts.append(("torn_or_folded", row.name, float(seen[ys, xs][needed].mean())))
            break
    return doubts


def template_core(printed: np.ndarray) -> np.ndarray:
    """Printed pixels well inside the print (not its anti-aliased edge): these must be dark on any scan."""
    return box_sum(printed, 1) >= 9


def _stamp(redness: np.ndarray, stamp: Rect) -> list[tuple[str, Rect | None, float | None]]:
    """Colour scans: `redness` (red less the other channels, registered) must show a stamp around its box."""
    ys, xs = _pixels(_grown(stamp, 3.0))
    red = redness[ys, xs] > 50
    share = float(red.mean()) if red.size else 0.0
    return [] if share >= RED_SHARE else [("no_stamp", stamp, share)]
