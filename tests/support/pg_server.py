"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, reachable by a Unix socket only.

The tests start it themselves (CI needs no running service): Debian's `postgresql` package provides the binaries
in /usr/lib/postgresql/<version>/bin. As root the server runs as the `postgres` user, as PostgreSQL requires.
`CHIBO_TEST_PG_URL` points the tests at an existing server instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 54329  # only names the socket file inside our private folder; no TCP listener is opened


def find_bin_dir() -> Path | None:
    root = Path("/usr/lib/postgresql")
    if not root.is_dir():
        return None
    versions = sorted((p for p in root.iterdir() if (p / "bin" / "initdb").exists()), key=lambda p: p.name)
    return versions[-1] / "bin" if versions else None


def _runuser() -> str:
    """util-linux's runuser, also when PATH leaves out the sbin folders (a root shell started with a bare PATH)."""
    return shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin") or "runuser"


class PgServer:
    """initdb + pg_ctl start on construction of `start()`, pg_ctl stop on `stop()`."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="chibo-pg-"))
        self.data = self.folder / "data"
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = [_runuser(), "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        if self._as_postgres:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-c listen_addresses='' -p {PORT} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.folder / "server.log"), "-o", options, "start")
        self._run("createdb", "-h", str(self.folder), "-p", str(PORT), "-U", "postgres", "chibo_test")
        return self.url("chibo_test")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.folder}&port={PORT}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def empty_database(url: str) -> None:
    """Drop every table of the test database, so a test starts on an empty server database."""
    from playhouse.db_url import connect

    server = connect(url)
    try:
        server.execute_sql("DROP SCHEMA public CASCADE")
        server.execute_sql("CREATE SCHEMA public")
    finally:
        server.close()
