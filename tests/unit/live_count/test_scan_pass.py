"""A scanned pass: certain pages appended at once with their image's hash, doubtful ones only once a person decided,
images kept in the data file and checked, passes beyond two compared and required to agree before closing."""

from __future__ import annotations

import hashlib
import json

import pytest

from models.core.errors import ConflictError
from models.counting import Ballot, InvalidReason, Mark
from models.live_count.count import close_count, close_problems, differences, log_problems, set_double_entry
from models.live_count.passes import round_passes, start_pass
from models.live_count.scan_pass import (
    add_page,
    decide_page,
    dismiss_page,
    image_problems,
    page_image,
    review_queue,
    reviewed_ballots,
)
from models.live_count.session import CountSession, chain_head, round_log, verify_chain
from models.live_count.tables import BallotEntry, ScanPage
from models.scanning.reading import DoubtKind
from tests.support import congress_story as story
from tests.support.scan_pages import agree_page, page


def test_a_scan_of_an_untyped_round_is_pass_one_and_a_later_pass_can_be_started_after_ballots(counting):
    round_, ids = counting
    scanned = start_pass(round_.id, "scanned", "Tổ quét")
    assert scanned.number == 1 and scanned.label == "Lượt 1 (quét phiếu)"
    add_page(round_.id, 1, page(1, [True, False, False, False]))
    typed = start_pass(round_.id, "typed")  # after the first ballot: no longer refused
    third = start_pass(round_.id, "typed")
    assert [(p.number, p.source) for p in round_passes(round_.id)] == [(1, "scanned"), (2, "typed"), (3, "typed")]
    assert typed.number == 2 and third.number == 3
    CountSession(round_.id, 3).enter(Ballot.strike(1, ids[1:]))
    with pytest.raises(ConflictError, match="chưa có lượt nhập thứ 4"):
        CountSession(round_.id, 4)


def test_double_entry_can_be_chosen_after_the_first_ballot(counting):
    round_, ids = counting
    CountSession(round_.id).enter(Ballot.strike(1, ids[:3]))
    set_double_entry(round_.id, True)
    assert [p.number for p in round_passes(round_.id)] == [1, 2]
    assert [d.no for d in differences(round_.id)] == [1]


def test_certain_pages_are_appended_with_their_image_hash_and_doubtful_ones_wait(counting):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    certain = page(1, [True, False, False, False])
    assert add_page(round_.id, 1, certain, "Tổ quét").appended
    assert not add_page(round_.id, 1, page(2, [None, False, False, False])).appended
    assert not add_page(round_.id, 1, page(3, [False] * 4, (DoubtKind.NO_STAMP,))).appended
    lines = round_log(round_.id, 1)
    assert [line.ballot_no for line in lines] == [1]
    scan = json.loads(lines[0].scan)
    assert scan["image"] == hashlib.sha256(certain.image_png).hexdigest() and "reviewed_by" not in scan
    assert scan["reading"]["marks"][0]["struck"] is True
    assert lines[0].after == Ballot.strike(1, ids[1:])
    queue = review_queue(round_.id, 1)
    assert [q.page for q in queue] == [2, 3]
    assert queue[0].doubt_labels == ["Gạch tên không rõ (gạch một phần hoặc nét mờ)"]
    assert queue[0].proposal == Ballot.strike(2, ids)  # the undecided mark is left for the person
    assert any("chờ Ban kiểm phiếu quyết định: trang 2, 3" in p for p in close_problems(round_.id))
    assert verify_chain(round_.id)


def test_a_person_decides_each_doubtful_page_and_the_decision_is_chained_with_the_reading(counting):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    add_page(round_.id, 1, page(1, [None, False, False, False]))
    add_page(round_.id, 1, page(2, [False] * 4, (DoubtKind.OTHER_ROUND,)))
    add_page(round_.id, 1, page(3, [False] * 4, (DoubtKind.NO_STAMP,)))
    with pytest.raises(ConflictError, match="tên người"):
        decide_page(round_.id, 1, 1, Ballot.strike(99, ids[1:]), "  ")
    decide_page(round_.id, 1, 1, Ballot.strike(99, ids[1:]), "Đồng chí Tổ trưởng")  # numbered as the page
    dismiss_page(round_.id, 1, 2, "Đồng chí Tổ trưởng")
    decide_page(round_.id, 1, 3, Ballot.strike(3, ids, InvalidReason.NOT_ISSUED), "Đồng chí Tổ trưởng")
    with pytest.raises(ConflictError, match="đã được quyết định"):
        decide_page(round_.id, 1, 1, Ballot.strike(1, ids), "Ai đó")
    lines = round_log(round_.id, 1)
    assert [line.ballot_no for line in lines] == [1, 3]
    assert lines[0].after == Ballot.strike(1, ids[1:])
    assert json.loads(lines[0].scan)["reviewed_by"] == "Đồng chí Tổ trưởng"
    assert json.loads(lines[0].scan)["reading"]["doubts"][0]["kind"] == "PARTIAL_STRIKE"
    assert lines[1].after.void == InvalidReason.NOT_ISSUED
    assert review_queue(round_.id, 1) == [] and reviewed_ballots(round_.id, 1) == {
        1: "Đồng chí Tổ trưởng",
        3: "Đồng chí Tổ trưởng",
    }
    assert ScanPage.get(ScanPage.page == 2).dismissed_by == "Đồng chí Tổ trưởng"
    assert verify_chain(round_.id)


def test_the_scanned_pass_is_compared_with_a_typed_one_and_closing_needs_them_to_agree(counting):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    for n in (1, 2, 3):
        add_page(round_.id, 1, page(n, [n == 1, n == 2, False, False]))
    start_pass(round_.id, "typed")
    typed = CountSession(round_.id, 2, "Máy 2")
    typed.enter(Ballot.strike(1, ids[1:]))
    typed.enter(Ballot.strike(2, ids[1:]))  # typed wrong
    typed.enter(Ballot.strike(3, ids))
    assert [d.no for d in differences(round_.id, 1, 2)] == [2]
    assert any("chưa khớp ở 1 phiếu: số 2" in p for p in close_problems(round_.id))
    typed.replace(Ballot.strike(2, [ids[0], ids[2], ids[3]]))
    assert not [p for p in close_problems(round_.id) if "khớp" in p]


def test_a_missing_or_altered_image_is_reported_not_a_crash(counting):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    add_page(round_.id, 1, page(1, [True, False, False, False]))
    add_page(round_.id, 1, page(2, [False, True, False, False]))
    assert image_problems(round_.id) == [] and page_image(round_.id, 1, 1)
    ScanPage.update(image=b"not the image").where(ScanPage.page == 2).execute()  # raw SQL from outside ChiBo
    problems = image_problems(round_.id)
    assert problems == [
        "Lượt 1, phiếu số 2: thiếu ảnh trang quét hoặc ảnh không khớp mã (đã bị xóa hoặc sửa ngoài ChiBo)."
    ]
    assert problems[0] in close_problems(round_.id)


def test_a_failed_append_keeps_neither_the_image_nor_the_entry(counting, monkeypatch):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    import models.live_count.session as session_module

    def killed(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(session_module, "append_entry", killed)
    with pytest.raises(RuntimeError):
        add_page(round_.id, 1, page(1, [True, False, False, False]))
    assert ScanPage.select().count() == 0 and round_log(round_.id) == []


def test_a_scanned_round_closes_and_its_record_recounts_as_typing_it(counting):
    round_, ids = counting
    start_pass(round_.id, "scanned")
    votes = [[True, False, False, False], [False, True, False, False], [None, False, False, True]]
    for n, struck in enumerate(votes, 1):
        add_page(round_.id, 1, page(n, struck))
    decide_page(round_.id, 1, 3, Ballot.strike(3, ids[1:3]), "Tổ trưởng")
    close_count(round_.id)
    assert verify_chain(round_.id) and log_problems(round_.id) == []
    ScanPage.update(image=b"").where(ScanPage.page == 3).execute()  # an image blanked after closing
    assert log_problems(round_.id) == [
        "Lượt 1, phiếu số 3: thiếu ảnh trang quét hoặc ảnh không khớp mã (đã bị xóa hoặc sửa ngoài ChiBo)."
    ]


def _documented_link(previous: str, entry: dict) -> str:
    """docs/election-record.md «Passes and scanned ballots», written out independently of the code."""
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(previous.encode() + text.encode()).hexdigest()


def test_the_chain_of_a_typed_entry_is_as_before_scanning_and_a_scanned_one_adds_its_scan(counting):
    round_, ids = counting
    CountSession(round_.id, entered_by="Máy 1").enter(Ballot.strike(1, ids[:3]))
    start_pass(round_.id, "scanned")
    add_page(round_.id, 2, page(1, [False, False, False, True]))
    raw = {row.seq: row for row in BallotEntry.select()}

    def entry(seq: int) -> dict:
        row = raw[seq]
        keys = ("seq", "pass", "no", "action", "before", "after", "by")
        values = (row.seq, row.pass_no, row.ballot_no, row.action, row.before, row.after, row.entered_by)
        return {**dict(zip(keys, values, strict=True)), "at": row.entered_at.isoformat(timespec="microseconds")}

    first = _documented_link(chain_head(round_.id), entry(1))
    assert raw[1].chain == first and raw[1].scan == ""
    assert raw[2].chain == _documented_link(first, {**entry(2), "scan": raw[2].scan})


def test_an_agree_form_round_scanned_certain_rows_kept_and_a_faint_box_left_to_a_person(data_file):
    round_ = story.counting_round(seats=1, candidates=1, secretary=True)
    [cid] = [p.key for p in round_.candidates]
    start_pass(round_.id, "scanned")
    assert add_page(round_.id, 1, agree_page(1, [Mark.DISAGREE])).appended
    assert not add_page(round_.id, 1, agree_page(2, [None])).appended
    assert round_log(round_.id, 1)[0].after == Ballot.agree(1, {cid: "disagree"})
    [queued] = review_queue(round_.id, 1)
    assert queued.proposal == Ballot.agree(2, {}) and queued.doubt_labels == ["Dấu trong ô không rõ"]
    decide_page(round_.id, 1, 2, Ballot.agree(2, {cid: "agree"}), "Tổ trưởng")
    result = CountSession(round_.id).result()
    assert result.collected == 2 and result.candidates[0].votes == 1


def test_a_sample_pass_checks_only_the_ballots_typed_into_it(counting):
    round_, ids = counting
    with pytest.raises(ConflictError, match="kiểm tra mẫu"):
        start_pass(round_.id, "typed", sample=True)  # pass 1 is the count itself
    start_pass(round_.id, "scanned")
    for n in (1, 2, 3, 4):
        add_page(round_.id, 1, page(n, [n == 1, n == 2, n == 3, False]))
    sample = start_pass(round_.id, "typed", sample=True)
    assert sample.label == "Lượt 2 (nhập tay, kiểm tra mẫu)" and round_passes(round_.id)[1] == sample
    typed = CountSession(round_.id, 2, "Máy 2")
    typed.enter(Ballot.strike(2, [ids[0], ids[2], ids[3]]))  # ballots 2 and 4 of the stack, picked at random
    typed.enter(Ballot.strike(4, ids[:3]))  # typed wrong
    assert [d.no for d in differences(round_.id, 1, 2)] == [4]
    typed.replace(Ballot.strike(4, ids))
    assert differences(round_.id, 1, 2) == [] == differences(round_.id, 2, 1)
    assert not [p for p in close_problems(round_.id) if "khớp" in p]
