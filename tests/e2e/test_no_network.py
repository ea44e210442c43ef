"""No network on the embedded default: a whole story (roster, congress, count, papers, backups) and the headless
self-test run with every socket refused. (The committee office's PostgreSQL server is the one network use, and only
when the user points ChiBo at a server.)"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from models.core.database import close_database, open_database
from models.counting import Post
from tests.support import congress_story as story
from tests.support.people import set_up_branch

ROOT = Path(__file__).resolve().parents[2]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch):
    """Every way Python reaches a network raises (and is recorded)."""
    used: list[str] = []

    def refuse(name):
        def _refused(*args, **kwargs):
            used.append(name)
            raise NetworkUsed(f"network used: {name}{args[:2]}")

        return _refused

    real_socket = socket.socket

    class GuardedSocket(real_socket):
        def connect(self, *args):
            if self.family != getattr(socket, "AF_UNIX", None):
                refuse("socket.connect")(*args)
            return super().connect(*args)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return used


def test_a_whole_story_opens_no_socket(qtbot, tmp_path, no_sockets, answers):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    held = story.congress_of_35()
    from services.congress.jobs import CONGRESS_JOBS

    for job in CONGRESS_JOBS:
        job.run(tmp_path / f"{job.kind}.xlsx", held.id)
    info = story.save_congress(story.CongressInfo(5, 2030, 2035, story.DAY.replace(year=2030)))
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in story.summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.counting import Ballot
    from models.live_count.count import close_count
    from models.live_count.session import CountSession
    from services.congress.minutes_jobs import prepare_minutes

    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in pool[:4]])
    story.approve(info.id, story.VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, story.VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    session = CountSession(round_.id)
    keys = [p.key for p in round_.candidates]
    for no in range(1, round_.ballots_issued + 1):
        session.enter(Ballot.strike(no, keys[:3]))
    close_count(round_.id)
    prepare_minutes(round_.id).write(tmp_path / "bien-ban.xlsx")
    window = MainWindow(path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)
    window.opening_backup.wait()
    window.close()
    close_database()
    assert no_sockets == []


def test_the_headless_self_test_opens_no_socket(tmp_path):
    guard = textwrap.dedent(f"""
        import socket, sys, runpy
        def refuse(*a, **k):
            raise SystemExit("network used")
        real = socket.socket
        class Guarded(real):
            def connect(self, *a):
                if self.family != getattr(socket, "AF_UNIX", None):
                    refuse()
                return super().connect(*a)
        socket.socket = Guarded
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        sys.argv = ["main.py", "--self-test"]
        sys.path.insert(0, {str(ROOT)!r})
        runpy.run_path({str(ROOT / "main.py")!r}, run_name="__main__")
    """)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", guard], capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test OK" in run.stdout and "network used" not in run.stderr
