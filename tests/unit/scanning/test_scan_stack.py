"""Reading a scanned stack: the synthetic deck (ChiBo's own PDF rendered by PDFium, pen strokes, scan damage) is
read with no silent error, every partial strike and scribble goes to a person, another round is refused."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image

from models.core.errors import UnreadableInputError
from models.counting.validity import Form, Mark
from models.scanning.layout import ballot_geometry
from models.scanning.pages import ScannedPage, load_image, stack_files
from models.scanning.reading import DoubtKind, image_hash
from models.scanning.stack import BallotReader, read_stack
from tests.support import scan_deck as deck

# Seeds of the small deck; together they hold every kind of stroke and damage the generator makes (checked below).
SMALL_DECK = range(1, 31)


@pytest.fixture(scope="module")
def small_deck(tmp_path_factory):
    """The deck written as a scanner's folder of PNG and JPEG files, each page read against its own form's round
    (a round's stack holds one form; the deck mixes both to be small)."""
    folder = tmp_path_factory.mktemp("deck")
    cases = deck.write_deck(folder, SMALL_DECK)
    readers = {form: BallotReader(deck.target(form)) for form in Form}
    score = deck.Score()
    readings = []
    for case, path in zip(cases, stack_files(folder), strict=True):
        reading = readers[case.form].read(case.seed, load_image(path))
        score.add(case, reading)
        readings.append(reading)
    return cases, readings, score


def test_the_small_deck_is_read_with_no_silent_error(small_deck):
    cases, readings, score = small_deck
    kinds = {kind for case in cases for kind in case.kinds}
    damage = {d.split()[0] for case in cases for d in case.damage}
    assert {"partial strike", "scribble", "both boxes", *deck.STRIKE_SHAPES} <= kinds
    assert {"fold", "rotate", "blur", "noise", "upside"} <= damage
    assert any(case.other_round for case in cases)
    assert score.silent_errors == []
    figures = score.figures()
    assert figures["registration_rate"] >= 0.95
    assert figures["marks_decided"] > 0.85 * figures["marks"]
    assert figures["clean_review_rate"] <= 0.05


def test_every_partial_strike_and_scribble_goes_to_a_person(small_deck):
    cases, readings, _ = small_deck
    checked = 0
    for case, reading in zip(cases, readings, strict=True):
        if case.other_round:
            assert [d.kind for d in reading.doubts] == [DoubtKind.OTHER_ROUND]
            continue
        for row, kind in enumerate(case.kinds):
            if kind in ("partial strike", "scribble", "both boxes") and reading.registered:
                assert reading.proposed_ballot(1, [str(i) for i in range(len(case.kinds))]) is None
                assert row in {d.candidate for d in reading.doubts}, (case.seed, row, kind)
                checked += 1
    assert checked >= 5


def test_a_page_of_another_round_is_refused():
    case, image = deck.make_case(3, Form.STRIKE)
    other = deck.printed_slot(deck.target(Form.STRIKE, round_no=2)).convert("L")
    reading = BallotReader(deck.target(Form.STRIKE)).read(1, ScannedPage(np.asarray(other), None, deck.DPI))
    assert [d.kind for d in reading.doubts] == [DoubtKind.OTHER_ROUND]
    assert reading.marks == () and reading.proposed_choices() is None
    assert reading.qr_payload.endswith("|committee|2|strike")


def test_an_upside_down_page_is_read_turned_round_and_kept_upright():
    case, image = deck.make_case(11, Form.STRIKE)
    grey = np.asarray(image.convert("L"))
    reader = BallotReader(deck.target(Form.STRIKE))
    upright = reader.read(1, ScannedPage(grey, None, deck.DPI))
    turned = reader.read(1, ScannedPage(np.ascontiguousarray(grey[::-1, ::-1]), None, deck.DPI))
    assert turned.upside_down and not upright.upside_down
    assert turned.proposed_choices() == upright.proposed_choices()
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(turned.image_png))), grey)


def test_the_stored_image_is_a_grey_png_and_its_hash_is_recorded():
    case, image = deck.make_case(12, Form.AGREE)
    reading = BallotReader(deck.target(Form.AGREE)).read(4, ScannedPage(np.asarray(image.convert("L")), None, 200))
    stored = Image.open(io.BytesIO(reading.image_png))
    assert stored.mode == "L" and stored.size == image.size
    assert reading.image_sha256 == image_hash(reading.image_png) and reading.page == 4
    box = reading.marks[0].area
    assert 0 <= box.x < stored.width and 0 <= box.y < stored.height and box.w > 100


def test_an_agree_ballot_is_read_box_by_box():
    t = deck.target(Form.AGREE)
    g = ballot_geometry(t)
    image = deck.printed_slot(t).copy()
    pen = deck.Pen(image, random.Random(5))
    pen.tick(g.rows[0].agree)
    pen.tick(g.rows[1].disagree)
    pen.tick(g.rows[3].agree)
    pen.tick(g.rows[3].disagree)
    reading = BallotReader(t).read(1, ScannedPage(np.asarray(image.convert("L")), None, deck.DPI))
    assert [m.mark for m in reading.marks] == [Mark.AGREE, Mark.DISAGREE, Mark.NONE, None, Mark.NONE]
    assert [(d.kind, d.candidate) for d in reading.doubts] == [(DoubtKind.BOTH_BOXES, 3)]
    assert reading.proposed_marks() is None


def test_writing_on_the_header_and_a_missing_stamp_on_a_colour_scan_go_to_a_person():
    t = deck.target(Form.STRIKE)
    g = ballot_geometry(t)
    image = deck.printed_slot(t).copy()
    pen = deck.Pen(image, random.Random(2))
    pen.line([(40.0, 34.0), (70.0, 31.0), (75.0, 36.0)])  # a signature by the title
    rgb = np.asarray(image)
    reading = BallotReader(t).read(1, ScannedPage(np.asarray(image.convert("L")), rgb, deck.DPI))
    kinds = {d.kind for d in reading.doubts}
    assert kinds == {DoubtKind.WRITING, DoubtKind.NO_STAMP}
    assert all(m.certain and m.struck is False for m in reading.marks)
    assert g.rows  # the geometry the pen used is the reader's


def test_a_multi_page_pdf_is_read_in_order_with_progress_and_can_be_cancelled(tmp_path):
    images = [deck.make_case(seed, Form.STRIKE)[1].convert("L") for seed in (21, 22, 23)]
    pdf = tmp_path / "scans.pdf"
    images[0].save(pdf, save_all=True, append_images=images[1:], resolution=deck.DPI)
    seen = []
    readings = list(read_stack(pdf, deck.target(Form.STRIKE), progress=lambda done, total: seen.append((done, total))))
    assert [r.page for r in readings] == [1, 2, 3] and seen == [(1, 3), (2, 3), (3, 3)]
    assert all(r.registered for r in readings)
    stopped = list(read_stack(pdf, deck.target(Form.STRIKE), progress=lambda done, total: done < 2))
    assert len(stopped) == 2


def test_an_unreadable_file_is_refused_in_vietnamese(tmp_path):
    broken = tmp_path / "hỏng.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(UnreadableInputError, match="Không đọc được tệp «hỏng.pdf»"):
        list(read_stack(broken, deck.target()))
    folder = tmp_path / "trống"
    folder.mkdir()
    with pytest.raises(UnreadableInputError, match="không có ảnh phiếu quét"):
        list(read_stack(folder, deck.target()))
    (folder / "a.png").write_bytes(b"not a png")
    with pytest.raises(UnreadableInputError, match="«a.png»"):
        list(read_stack(folder, deck.target()))
    with pytest.raises(UnreadableInputError, match="Không thấy"):
        list(read_stack(tmp_path / "không có.pdf", deck.target()))


def test_a_blank_sheet_does_not_register():
    blank = np.full((900, 1400), 245, dtype=np.uint8)
    reading = BallotReader(deck.target()).read(1, ScannedPage(blank, None, 200))
    assert not reading.registered and [d.kind for d in reading.doubts] == [DoubtKind.NOT_REGISTERED]
    assert reading.proposed_choices() is None


def _read_case(seed):
    case, image = deck.make_case(seed)
    grey = np.asarray(image.convert("L"))
    return case, BallotReader(deck.target(case.form)).read(1, ScannedPage(grey, None, deck.DPI))


def test_on_a_dark_fold_no_mark_is_certain():
    case, reading = _read_case(341)  # a heavy fold across a kept name, upside down
    assert case.page_doubt == DoubtKind.TORN_OR_FOLDED
    assert DoubtKind.TORN_OR_FOLDED in {d.kind for d in reading.doubts}
    assert reading.marks and not any(m.certain for m in reading.marks)
    assert all(m.struck is None for m in reading.marks)


def test_a_short_thin_stroke_mostly_under_the_print_goes_to_a_person():
    case, reading = _read_case(386)
    assert case.kinds[1] == "partial strike"
    assert (DoubtKind.PARTIAL_STRIKE, 1) in {(d.kind, d.candidate) for d in reading.doubts}
    assert reading.marks[1].score < 0.05 and not reading.marks[1].certain


@pytest.mark.parametrize("dpi", [150, 300])
def test_scans_at_150_and_300_dpi_read_as_at_200(dpi):
    case, image = deck.make_case(1, Form.STRIKE)  # two names struck (slanted, straight), a mild fold, rotated
    grey = image.convert("L")
    reader = BallotReader(deck.target(Form.STRIKE))
    at_200 = reader.read(1, ScannedPage(np.asarray(grey), None, deck.DPI))
    size = (round(grey.width * dpi / deck.DPI), round(grey.height * dpi / deck.DPI))
    resized = grey.resize(size, Image.Resampling.BILINEAR)
    other = reader.read(1, ScannedPage(np.asarray(resized), None, dpi))
    assert at_200.proposed_choices() is not None
    assert other.proposed_choices() == at_200.proposed_choices()
    assert other.proposed_choices() == (0, 3, 4)
