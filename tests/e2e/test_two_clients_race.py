"""Two client processes on one PostgreSQL database save the same member from the same read: exactly one wins, the
other is told what the winner changed, and the row holds the winner's values at the next version."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from models.core.database import close_database, open_database
from models.roster.members import get_member, save_member
from models.roster.tables import Member
from tests.support.people import member, set_up_branch
from tests.support.pg_server import empty_database

ROOT = Path(__file__).resolve().parents[2]
PHONES = ("0911 111 111", "0922 222 222")


def _role(url: str) -> str:
    """The PostgreSQL role the URL signs in as (libpq's default is the login name)."""
    return urlsplit(url).username or getpass.getuser()


def _client(url: str, member_id: int, phone: str, *mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.support.race_client", url, str(member_id), phone, *mode]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        text=True,
        encoding="utf-8",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _saved_member(url: str) -> int:
    empty_database(url)
    open_database(url)
    try:
        set_up_branch()
        return save_member(member(0)).member.id
    finally:
        close_database()


def _send(client: subprocess.Popen, line: str = "go") -> None:
    client.stdin.write(line + "\n")
    client.stdin.flush()


def _result(client: subprocess.Popen) -> dict:
    out, err = client.communicate(timeout=60)
    assert client.returncode == 0, err
    return json.loads(out.splitlines()[-1])


def _check_final_row(url: str, member_id: int, phone: str) -> None:
    open_database(url)
    try:
        final = get_member(member_id)
        assert (final.phone, final.version) == (phone, 2)
        assert Member.get_by_id(member_id).updated_by == _role(url)
    finally:
        close_database()


def test_two_clients_racing_on_one_member_one_wins_the_other_is_told(pg_url):
    member_id = _saved_member(pg_url)
    clients = [_client(pg_url, member_id, phone) for phone in PHONES]
    try:
        for client in clients:  # both have read version 1 before either saves
            assert json.loads(client.stdout.readline()) == {"read": 1}, client.stderr.read()
        for client in clients:
            _send(client)
        results = [_result(client) for client in clients]
    finally:
        for client in clients:
            if client.poll() is None:
                client.kill()

    winners = [i for i, result in enumerate(results) if "saved" in result]
    losers = [i for i, result in enumerate(results) if "conflict" in result]
    assert len(winners) == 1 and len(losers) == 1, results
    winner, loser = winners[0], losers[0]
    assert results[winner] == {"saved": 2}
    assert results[loser]["changes"] == [["Điện thoại", "(để trống)", f"«{PHONES[winner]}»"]]
    assert f"Phiếu đảng viên Nguyễn Văn An vừa được người dùng «{_role(pg_url)}»" in results[loser]["conflict"]
    _check_final_row(pg_url, member_id, PHONES[winner])


def test_a_save_waiting_on_the_other_clients_open_transaction_is_refused_once_it_commits(pg_url):
    """The two UPDATEs overlap on the server: the second waits for the first's row lock, then finds the version
    moved on (PostgreSQL re-checks the WHERE on the committed row) and is refused instead of overwriting."""
    from playhouse.db_url import connect

    member_id = _saved_member(pg_url)
    first, second = _client(pg_url, member_id, PHONES[0], "hold"), _client(pg_url, member_id, PHONES[1])
    watcher = connect(pg_url)
    try:
        for client in (first, second):
            assert json.loads(client.stdout.readline()) == {"read": 1}, client.stderr.read()
        _send(first)
        assert json.loads(first.stdout.readline()) == {"written": 2}  # written, not committed, row locked
        _send(second)
        waiting = (
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        for _ in range(600):  # the second client's UPDATE reaches the server and waits on the lock
            if watcher.execute_sql(waiting).fetchone()[0]:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the second client's save never waited on the first's row lock")
        _send(first)  # commit
        assert _result(first) == {"saved": 2}
        loser = _result(second)
        assert loser["changes"] == [["Điện thoại", "(để trống)", f"«{PHONES[0]}»"]], loser
    finally:
        watcher.close()
        for client in (first, second):
            if client.poll() is None:
                client.kill()
    _check_final_row(pg_url, member_id, PHONES[0])
