"""A round counted with scans, end to end: its ballots drawn by ChiBo's own ballot code and rendered by a real
rasteriser, marked with pen strokes (one partial), read by `main.py scan` (status 1: a page waits), the page decided
by a person, a typed pass compared with the scanned one (`main.py compare --db --round`), the round closed; the
recount of its record equals the typed count."""

from __future__ import annotations

import json

import numpy as np
import pypdfium2
from PIL import Image

from cli.scanning import review_list_path
from models.core.database import close_database, open_database
from models.counting import Ballot, recount
from models.live_count.count import close_count, round_record
from models.live_count.passes import start_pass
from models.live_count.scan_pass import decide_page, image_problems
from models.live_count.session import CountSession, round_log, verify_chain
from models.scanning.drawing import blank_pdf
from models.scanning.layout import ballot_geometry
from services.scan_count.scan_stack import scan_target
from tests.support import congress_story as story
from tests.support.commands import chibo
from tests.support.people import set_up_branch

DPI = 200
# each ballot: the names struck (0-based places), and one struck only a third of the way (a doubt) or None
DECK = [([3], None), ([0], None), ([], None), ([1], 2), ([0, 1], None), ([2], None)]


def _deck(target, folder) -> None:
    """The blank ballot rendered at 200 dpi, a pen line through each struck name, one PNG per ballot."""
    geometry = ballot_geometry(target)
    blank = np.array(pypdfium2.PdfDocument(blank_pdf(geometry))[0].render(scale=DPI / 72).to_pil().convert("L"))
    per_mm = DPI / 25.4

    def strike(image, place: int, share: float = 1.0) -> None:
        row = geometry.rows[place]
        start, end = row.name_span
        y = int((row.name.y + row.name.h / 2) * per_mm)
        image[y - 2 : y + 2, int((start - 2) * per_mm) : int((start + (end - start + 4) * share) * per_mm)] = 10

    folder.mkdir()
    for number, (struck, partial) in enumerate(DECK, 1):
        image = blank.copy()
        for place in struck:
            strike(image, place)
        if partial is not None:
            strike(image, partial, 0.3)
        Image.fromarray(image).save(folder / f"phieu-{number:03}.png", dpi=(DPI, DPI))


def test_a_round_scanned_reviewed_compared_and_closed(tmp_path):
    path, scans = tmp_path / "chibo.sqlite3", tmp_path / "to-1"
    open_database(path)
    set_up_branch()
    round_ = story.counting_round()
    ids = [p.key for p in round_.candidates]
    _deck(scan_target(round_.id), scans)
    close_database()

    done = chibo("scan", "--db", str(path), "--round", str(round_.id), str(scans))
    assert done.returncode == 1, done.stderr
    assert "đọc 6 trang, ghi 5 phiếu chắc chắn" in done.stdout
    assert "Trang 4: Gạch tên không rõ (gạch một phần hoặc nét mờ)." in done.stdout
    assert "Trang 4:" in review_list_path(scans).read_text(encoding="utf-8")

    open_database(path)
    decide_page(round_.id, 1, 4, Ballot.strike(4, [ids[0], ids[3]]), "Tổ trưởng Ban kiểm phiếu")  # both struck
    start_pass(round_.id, "typed")
    typed = CountSession(round_.id, 2, "Máy 2")
    for number, (struck, partial) in enumerate(DECK, 1):
        gone = set(struck) | ({partial} if partial is not None else set())
        typed.enter(Ballot.strike(number, [cid for i, cid in enumerate(ids) if i not in gone]))
    typed_result = typed.result()
    close_database()

    compared = chibo("compare", "--db", str(path), "--round", str(round_.id))
    assert compared.returncode == 0, compared.stdout + compared.stderr
    assert "Lượt 2 (nhập tay) khớp với Lượt 1 (quét phiếu)." in compared.stdout

    open_database(path)
    try:
        scanned = round_log(round_.id, 1)
        assert len(scanned) == 6 and all(json.loads(line.scan)["image"] for line in scanned)
        assert json.loads(scanned[-1].scan)["reviewed_by"] == "Tổ trưởng Ban kiểm phiếu"
        assert image_problems(round_.id) == []
        close_count(round_.id)
        assert verify_chain(round_.id)
        recounted = recount(round_record(round_.id))
        assert [c.votes for c in recounted.candidates] == [c.votes for c in typed_result.candidates]
        assert recounted.collected == typed_result.collected == 6
    finally:
        close_database()
