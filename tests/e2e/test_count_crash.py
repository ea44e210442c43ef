"""A count survives a killed process: a child enters ballots through the real entry path and is killed (SIGKILL)
at random moments, 20 times; every ballot whose Enter was acknowledged is there on reopening, nothing is
half-written, and the rebuilt result equals a recount of the record."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.core.database import close_database, open_database
from models.counting import recount
from models.live_count.count import round_record
from models.live_count.session import CountSession, round_log, verify_chain
from tests.support.people import set_up_branch

ROOT = Path(__file__).resolve().parents[2]
CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[3])
    from models.core.database import open_database
    from models.schema import install_schema
    install_schema()
    from models.live_count.session import CountSession
    from models.counting import Ballot
    open_database(sys.argv[1])
    session = CountSession(int(sys.argv[2]), entered_by="Máy kiểm phiếu")
    keys = [c.id for c in session.election.candidates]
    print("READY", flush=True)
    while True:
        no = session.next_number()
        keep = [k for i, k in enumerate(keys) if (no >> i) & 1][:3]
        session.enter(Ballot.strike(no, keep))
        print("ACK", no, flush=True)
""")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _counting_round():
    """The unit tests' counting round, built the same way (a committee of 3 from 4, 11 ballots issued)."""
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.hand_votes import VoteKind
    from models.congress.rounds import start_round
    from models.counting import Post
    from tests.support import congress_story as story

    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    free = [p for p in story.summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free[:4]])
    story.approve(info.id, VoteKind.SEATS, "Số lượng: 3", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    return round_, [p.key for p in round_.candidates]


def test_acknowledged_ballots_survive_twenty_kills(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    round_, _keys = _counting_round()
    close_database()
    rng = random.Random(20261202)
    acked: set[int] = set()
    for _kill in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(round_.id), str(ROOT)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout.readline().strip() == "READY", child.stderr.read()
        wanted = rng.randint(0, 12)
        for _ in range(wanted):
            line = child.stdout.readline().split()
            assert line and line[0] == "ACK", child.stderr.read()
            acked.add(int(line[1]))
        os.kill(child.pid, signal.SIGKILL)  # mid-way through the next ballot, or between two
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    open_database(path)
    try:
        session = CountSession(round_.id)
        entered = {b.no for b in session.tally.ballots()}
        assert acked <= entered, sorted(acked - entered)
        assert len(entered) >= len(acked) and max(entered) == len(entered)  # no gap, nothing half-written
        assert verify_chain(round_.id)
        assert [line.seq for line in round_log(round_.id)] == list(range(1, len(round_log(round_.id)) + 1))
        assert recount(round_record(round_.id)) == session.result()
    finally:
        close_database()
