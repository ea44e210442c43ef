"""The congress's papers written from a whole congress through the jobs, read back: numbers, figures, results."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from reports.core.export_files import NothingToExport
from services.congress.jobs import CONGRESS_JOB_BY_KIND, CONGRESS_JOBS, prepare_ballot_papers
from tests.support import congress_story as story


def _texts(path) -> list[str]:
    sheet = load_workbook(path).active
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


@pytest.fixture
def held(data_file):
    return story.congress_of_35()


def test_every_paper_of_a_whole_congress_is_written_with_its_number(held, tmp_path):
    numbers = set()
    for job in CONGRESS_JOBS:
        path = job.run(tmp_path / f"{job.kind}.xlsx", held.id)
        texts = _texts(path)
        number = next(t for t in texts if t.startswith("Số "))
        numbers.add(number)
        assert "ĐẠI HỘI LẦN THỨ IV" in texts and any("CHI BỘ VĂN PHÒNG SỞ" in t for t in texts)
    assert numbers == {"Số 01-DS/CB", "Số 02-DS/CB", "Số 01-BC/CB", "Số 01-BB/CB"}
    again = CONGRESS_JOB_BY_KIND["dai-hoi-bao-cao"].run(tmp_path / "again.xlsx", held.id)
    assert "Số 01-BC/CB" in _texts(again)  # printed again: the same number


def test_the_summary_reports_d_and_who_was_elected(held, tmp_path):
    path = CONGRESS_JOB_BY_KIND["dai-hoi-bao-cao"].run(tmp_path / "bc.xlsx", held.id)
    text = "\n".join(_texts(path))
    # 32 official - 1 temporary - 1 approved absence = D 30; threshold 16
    assert "30" in text and "16" in text
    from models.congress.elections import congress_elections
    from models.counting import Post

    by_post = {e.post: e for e in congress_elections(held.id)}
    for post in (Post.COMMITTEE, Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.DELEGATE, Post.ALTERNATE_DELEGATE):
        for person in by_post[post].elected:
            assert person.full_name in text
    secretary = by_post[Post.SECRETARY].elected[0].full_name
    assert secretary in _texts(path)[-1]  # signs for the new committee


def test_the_short_bio_list_starts_with_the_secretary(held, tmp_path):
    from models.congress.elections import congress_elections
    from models.counting import Post

    path = CONGRESS_JOB_BY_KIND["dai-hoi-trich-ngang"].run(tmp_path / "tn.xlsx", held.id)
    texts = _texts(path)
    secretary = next(e for e in congress_elections(held.id) if e.post == Post.SECRETARY).elected[0]
    first = texts.index(secretary.full_name)
    assert texts[first + 1] == "Bí thư Chi bộ"
    assert texts.count("Chi ủy viên") == 3 and texts.count("Đại biểu chính thức") == 3
    assert [t for t in texts if "/30 (" in t][0] == "27/30 (90,00%)"  # the secretary's votes of the 30 voting


def test_papers_with_nothing_to_list_say_so(data_file):
    story.roster(9)
    info = story.congress()
    with pytest.raises(NothingToExport, match="chưa có ai trúng cử"):
        CONGRESS_JOB_BY_KIND["dai-hoi-trich-ngang"].prepare(info.id)
    with pytest.raises(NothingToExport, match="biểu quyết"):
        CONGRESS_JOB_BY_KIND["dai-hoi-bieu-quyet"].prepare(info.id)


def test_ballot_papers_of_the_current_round(held, tmp_path):
    from models.congress.elections import congress_elections

    election = congress_elections(held.id)[0]
    prepared = prepare_ballot_papers(election.id, 3)
    assert prepared.file_name.startswith("Phiếu bầu - Bầu Ban Chi ủy")
    pytest.importorskip("reports.congress.ballot_papers")
    texts = _texts(prepared.write(tmp_path / prepared.file_name))
    assert texts.count("PHIẾU BẦU CỬ") == 3


def test_the_secretary_and_deputy_rows_carry_their_own_elections_votes(held):
    from services.congress.congress_data import elected_bios

    rows = {row.elected_as: row.votes_text for row in elected_bios(held.id)}
    # the committee ballot gave them 28 and 27; their own ballots 27 and 26 (D = 30)
    assert rows["Bí thư Chi bộ"] == "27/30 (90,00%)" and rows["Phó Bí thư Chi bộ"] == "26/30 (86,67%)"


def test_the_attendance_list_and_the_summary_say_the_quorum_was_met(tmp_path, data_file):
    from openpyxl import load_workbook

    from services.congress.jobs import CONGRESS_JOB_BY_KIND
    from tests.support import congress_story as story

    story.roster(12, 2)
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id)
    for kind in CONGRESS_JOB_BY_KIND:
        if "diem-danh" in kind or "bao-cao" in kind:
            path = CONGRESS_JOB_BY_KIND[kind].run(tmp_path / f"{kind}.xlsx", info.id)
            texts = [c.value for row in load_workbook(path).active.iter_rows() for c in row if c.value]
            assert any(isinstance(t, str) and "đủ hai phần ba" in t and "Điều 11 khoản 6" in t for t in texts), kind
