"""The ballots of a round as a PDF made to be scanned: ChiBo's own PDF, cut and read back for the same round."""

from __future__ import annotations

import numpy as np
import pypdfium2
import pytest

from models.congress.elections import congress_elections
from models.core.errors import ValidationError
from models.scanning.layout import PAGE_MARGIN, ballot_geometry, ballots_per_page
from models.scanning.pages import ScannedPage
from models.scanning.stack import BallotReader
from services.scanning.ballot_pdf import prepare_ballot_pdf, scan_target, write_ballot_pdf
from tests.support import congress_story as story


@pytest.fixture
def held(data_file):
    return story.congress_of_35()


def test_the_ballot_pdf_of_the_current_round_is_read_back_for_that_round(held, tmp_path):
    election = congress_elections(held.id)[0]
    prepared = prepare_ballot_pdf(election.id, 5)
    assert prepared.file_name.startswith("Phiếu bầu để quét - Bầu Ban Chi ủy") and prepared.file_name.endswith(".pdf")
    path = prepared.write(tmp_path / prepared.file_name)
    target = scan_target(election.id)
    geometry = ballot_geometry(target)
    document = pypdfium2.PdfDocument(str(path))
    per_page = ballots_per_page(geometry)
    assert len(document) == -(-5 // per_page) and per_page >= 2
    text = document[0].get_textpage().get_text_range()
    assert text.count("PHIẾU BẦU CỬ") == per_page
    assert all(name in text for name in target.candidates) and "Dấu của Ban kiểm phiếu" in text
    assert "ĐẠI HỘI" in text and f"Lần bầu thứ {target.round}" in text
    dpi = 150
    page = document[0].render(scale=dpi / 72).to_pil().convert("L")
    ppm = dpi / 25.4
    second = page.crop(
        (0, int((PAGE_MARGIN + geometry.height) * ppm), page.width, int((PAGE_MARGIN + 2 * geometry.height) * ppm))
    )
    reading = BallotReader(target).read(1, ScannedPage(np.asarray(second), None, dpi))
    assert reading.registered and reading.doubts == ()
    assert reading.qr_payload == f"CHIBO-PHIEU/1|{target.branch}|4:2025-2030|committee|{target.round}|strike"
    assert reading.proposed_choices() == tuple(range(len(target.candidates)))  # an untouched ballot keeps all


def test_the_copies_must_be_between_one_and_the_most(held, tmp_path):
    target = scan_target(congress_elections(held.id)[0].id)
    with pytest.raises(ValidationError, match="Số phiếu cần in phải từ 1 đến 2.000"):
        write_ballot_pdf(tmp_path / "x.pdf", target, 0)
    assert not (tmp_path / "x.pdf").exists()
