"""`main.py passes --db FILE --round N`: another PC's record file brought into a new pass, a mistaken pass set
aside, and the round then closes; a wrong id lists the rounds with their ids."""

from __future__ import annotations

from models.core.database import close_database, open_database
from models.counting import Ballot, write_record
from models.live_count.count import close_problems, round_record
from models.live_count.passes import round_passes, start_pass
from models.live_count.session import CountSession, round_log
from tests.support import congress_story as story
from tests.support.commands import chibo
from tests.support.people import set_up_branch


def test_a_pass_brought_in_headless_and_a_mistaken_one_set_aside(tmp_path):
    path, record = tmp_path / "chibo.sqlite3", tmp_path / "lượt máy 2.json"
    open_database(path)
    set_up_branch()
    round_ = story.counting_round()
    ids = [p.key for p in round_.candidates]
    first = CountSession(round_.id, 1, "Máy 1")
    for no in (1, 2):
        first.enter(Ballot.strike(no, ids[:3]))
    write_record(round_record(round_.id), record)
    start_pass(round_.id, "scanned")  # a scan of the wrong stack
    close_database()

    brought = chibo("passes", "--db", str(path), "--round", str(round_.id), "--import", str(record))
    assert brought.returncode == 0, brought.stderr
    assert "Đã nhận 2 phiếu vào lượt 3." in brought.stdout
    aside = chibo(
        "passes", "--db", str(path), "--round", str(round_.id), "--set-aside", "2", "--reason", "Quét nhầm xấp phiếu"
    )
    assert aside.returncode == 0, aside.stderr
    assert "Lượt 2 (quét phiếu, đã gác lại): Quét nhầm xấp phiếu" in aside.stdout
    wrong = chibo("passes", "--db", str(path), "--round", "999")
    assert wrong.returncode == 1 and f"mã {round_.id} — Đại hội" in wrong.stderr and "Traceback" not in wrong.stderr

    open_database(path)
    assert [(p.number, p.source, p.set_aside) for p in round_passes(round_.id)] == [
        (1, "typed", False),
        (2, "scanned", True),
        (3, "imported", False),
    ]
    assert [line.action for line in round_log(round_.id, 2)] == ["aside"]
    assert close_problems(round_.id) == []
    close_database()


def test_into_without_a_record_file_is_refused_not_ignored(tmp_path):
    result = chibo("passes", "--db", str(tmp_path / "chibo.sqlite3"), "--round", "1", "--into", "2")
    assert result.returncode == 2
    assert "--into K chỉ dùng cùng --import" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "chibo.sqlite3").exists()
