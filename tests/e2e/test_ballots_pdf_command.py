"""`main.py ballots-pdf --round N -o FILE.pdf`: a round's ballots made to be scanned, written headless."""

from __future__ import annotations

import pypdfium2
import pytest

from models.congress.elections import add_election, set_candidates
from models.congress.summons import summoned_list
from models.core.database import close_database, open_database
from models.counting import Post
from tests.support import congress_story as story
from tests.support.commands import chibo
from tests.support.people import set_up_branch


@pytest.fixture
def committee_round(tmp_path):
    """A data file whose fourth congress has its committee's list of five set (round 1 not yet issued)."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    story.roster(20)
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal"]
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in pool[:5]])
    names = sorted(p.full_name for p in pool[:5])
    close_database()
    return path, election.rounds[0].id, names


def test_the_ballots_of_a_round_are_written_as_a_pdf(committee_round, tmp_path):
    path, round_id, names = committee_round
    out = tmp_path / "phiếu"
    run = chibo("ballots-pdf", "--round", str(round_id), "--copies", "4", "-o", str(out), "--db", str(path))
    assert run.returncode == 0, run.stderr
    written = tmp_path / "phiếu.pdf"
    assert f"Đã ghi 4 phiếu bầu để quét ra tệp {written}" in run.stdout
    document = pypdfium2.PdfDocument(str(written))
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert text.count("PHIẾU BẦU CỬ") == 4 and all(name in text for name in names)


def test_an_unknown_round_and_a_wrong_number_of_copies_are_refused(committee_round, tmp_path):
    path, round_id, _ = committee_round
    run = chibo("ballots-pdf", "--round", "999", "-o", str(tmp_path / "x.pdf"), "--db", str(path))
    assert run.returncode == 1 and "lần bầu mã 999" in run.stderr and "Traceback" not in run.stderr
    # the round being set up is listed with its id, so the command can be run again with the right one
    assert f"mã {round_id} — Đại hội lần thứ IV — Bầu Ban Chi ủy" in run.stderr and "(đang chuẩn bị)" in run.stderr
    run = chibo(
        "ballots-pdf", "--round", str(round_id), "--copies", "0", "-o", str(tmp_path / "x.pdf"), "--db", str(path)
    )
    assert run.returncode == 1 and "Số phiếu cần in phải từ 1" in run.stderr
    assert not (tmp_path / "x.pdf").exists()
