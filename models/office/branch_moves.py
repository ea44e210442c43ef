"""Moving branches in and out of a committee office's server: a branch's SQLite data file onto the server
(`push_file`), and one branch of the server into a new data file (`pull_branch`).

Each is one transaction on the receiving side: every row of the branch lands, with new ids and every reference
following, or nothing does. A branch the server already holds (same name and higher committee: `branch_key`) is
refused unless the user asks to merge (models.office.branch_copy says what merging keeps and adds). A plain copy is
compared with its original, field by field, before it is committed (models.office.branch_snapshot).
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import peewee as pw

from models.core import passphrases
from models.core.database import (
    SQLITE_PRAGMAS,
    clear_leftovers,
    close_database,
    display_name,
    is_read_only,
    open_database,
)
from models.core.errors import ConflictError, DatabaseFileError, DomainError, NotFoundError, StorageError
from models.core.file_lock import FileLock
from models.core.file_privacy import make_private
from models.core.practice_flag import PRACTICE_KEY, is_practice
from models.core.server_errors import server_message
from models.core.sqlite_storage import DataFileDatabase
from models.core.tables import Branch, Meta, db
from models.office.branch_copy import CopyReport, copy_branch, find_branch
from models.office.branch_snapshot import snapshot

log = logging.getLogger(__name__)


def push_file(path: str | Path, server: str, merge: bool = False) -> list[CopyReport]:
    """Put every branch of the data file `path` onto the server database `server`, in one transaction."""
    _check_server(server)
    path = Path(path).expanduser()
    if not path.is_file():
        raise DatabaseFileError(f"Không có tệp dữ liệu «{path}».")
    with _server_errors(server):
        open_database(server)  # the server's tables, created or brought up to date
        close_database()
    open_database(path, create=False)
    try:
        source = db.obj
        branches = _branches_to_move(source, path)
        with _server_errors(server), _connected(server) as target:
            reports = []
            with target.atomic():
                # two offices pushing the same branch at once: the second waits, then finds it there
                target.execute_sql("SELECT pg_advisory_xact_lock(hashtext('chibo.branch_moves'))")
                for branch_id in branches:
                    reports.append(_push_one(source, target, branch_id, merge, f"Máy chủ {display_name(server)}"))
            return reports
    finally:
        close_database()


def push_into_file(path: str | Path, committee_file: str | Path, merge: bool = False) -> list[CopyReport]:
    """Put every branch of the data file `path` into the committee's own data file `committee_file` (created when
    it does not exist), in one transaction of that file: the office features on one PC, without a server."""
    path, into = Path(path).expanduser(), Path(committee_file).expanduser()
    if not path.is_file():
        raise DatabaseFileError(f"Không có tệp dữ liệu «{path}».")
    if into.exists() and into.resolve() == path.resolve():
        raise ConflictError(f"Tệp «{path.name}» đã là tệp của đảng ủy: không đưa một tệp vào chính nó.")
    open_database(path, create=False)  # brought up to date; a practice file is refused below
    try:
        _branches_to_move(db.obj, path, into)
    finally:
        close_database()
    lock = FileLock(path).acquire()  # nobody writes the branch file while it is read
    try:
        open_database(into)  # the committee file: created, or brought up to date, and locked
        try:
            if is_read_only():
                raise DatabaseFileError(f"Tệp của đảng ủy «{into}» chỉ đọc được: không đưa chi bộ vào.")
            source = DataFileDatabase(path, SQLITE_PRAGMAS)
            source.connect()
            try:
                branches = _branches_to_move(source, path, into)
                with source.atomic(), db.obj.atomic():  # the branch file read as of one moment
                    where, holder = f"Tệp của đảng ủy «{into}»", "tệp của đảng ủy"
                    return [_push_one(source, db.obj, b, merge, where, holder) for b in branches]
            finally:
                source.close()
        finally:
            close_database()
    finally:
        lock.release()


def _branches_to_move(source: pw.Database, path: Path, into: Path | None = None) -> list[int]:
    """The branches of the data file to put on the server (`into` None) or into a committee file."""
    where = "máy chủ" if into is None else f"tệp của đảng ủy «{into.name}»"
    if Meta.select().where((Meta.key == PRACTICE_KEY) & (Meta.value == "1")).bind(source).exists():
        raise ConflictError(
            f"Tệp «{path.name}» là dữ liệu mẫu để tập dượt, không phải dữ liệu thật của chi bộ: không đưa lên {where} "
            f"(trên {where}, văn bản in ra sẽ không còn ghi «tập dượt»)."
        )
    branches = [row.id for row in Branch.select(Branch.id).order_by(Branch.id).bind(source)]
    if not branches:
        raise ConflictError(f"Tệp «{path.name}» chưa có chi bộ nào: không có gì để đưa lên {where}.")
    return branches


def _push_one(
    source: pw.Database, target: pw.Database, branch_id: int, merge: bool, where: str, holder: str = "máy chủ"
) -> CopyReport:
    """One branch of `source` into `target`; `where` names the target in a sentence ("Máy chủ …"), `holder` is
    what it is ("máy chủ", "tệp của đảng ủy")."""
    row = Branch.select().where(Branch.id == branch_id).bind(source).get()
    existing = find_branch(target, row.name, row.higher_committee)
    if existing is not None and not merge:
        higher = " – ".join(row.higher_committee.splitlines())
        raise ConflictError(
            f"{where} đã có chi bộ «{row.name}» ({higher}, mã {existing}), nên không đưa tệp lên; {holder} giữ "
            "nguyên. Muốn gộp dữ liệu của tệp vào chi bộ đó thì chọn gộp (--merge): đảng viên đã có được giữ "
            f"nguyên, chỉ thêm những gì {holder} chưa có."
        )
    report = copy_branch(source, target, branch_id, merge_into=existing)
    if existing is None:
        _check_copy(source, branch_id, target, report.branch_id)
    return report


def pull_branch(server: str, branch_id: int, path: str | Path, key: tuple[str, bytes] | None = None) -> CopyReport:
    """Take branch `branch_id` of the server into the new data file `path` (never over an existing file); with
    `key` (a recovery key and its salt: models.core.data_session.new_stored_key) the file is encrypted with it."""
    _check_server(server)
    path = Path(path).expanduser()
    if path.exists():
        raise DatabaseFileError(f"Tệp «{path}» đã có; ChiBo không ghi đè lên tệp đã có. Hãy chọn tên tệp khác.")
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    lock = FileLock(path).acquire()  # no other ChiBo writes this name meanwhile
    try:
        clear_leftovers(path)  # the hidden copies of a pull into this name that was killed
        if key is not None:
            passphrases.remember_new(part, *key)  # the partial copy being created, and what is made from it
            passphrases.remember_new(part.with_name(part.name.removesuffix(".part")), *key)
        return _pull_into(server, branch_id, path, part)
    finally:
        lock.release()


def _pull_into(server: str, branch_id: int, path: Path, part: Path) -> CopyReport:
    try:
        open_database(part)  # a new, empty data file with the whole schema
        close_database()
        with _server_errors(server):
            open_database(server)
            try:
                source = db.obj
                if Branch.select().where(Branch.id == branch_id).bind(source).first() is None:
                    raise NotFoundError(_no_branch(source, branch_id))
                practice = is_practice()  # a practice server's branch stays marked as practice in its file
                target = DataFileDatabase(part, SQLITE_PRAGMAS)
                target.connect()
                try:
                    # every table read as of one moment, whatever other clients write meanwhile
                    with source.atomic(isolation_level="REPEATABLE READ"), target.atomic():
                        if practice:
                            Meta.insert(key=PRACTICE_KEY, value="1").execute(target)
                        report = copy_branch(source, target, branch_id)
                        _check_copy(source, branch_id, target, report.branch_id)
                    target.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    target.close()
            finally:
                close_database()
        _place(part, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
            with contextlib.suppress(OSError):
                part.with_name(part.name + suffix).unlink(missing_ok=True)
    return report


def server_branches(server: str) -> list[tuple[int, str]]:
    """(id, name) of every branch on the server."""
    with _server_errors(server), _connected(server) as database:
        return [(r.id, r.name) for r in Branch.select(Branch.id, Branch.name).order_by(Branch.id).bind(database)]


def _check_server(server: str) -> None:
    if not str(server).startswith(("postgresql://", "postgres://")):
        raise DatabaseFileError(
            f"«{server}» không phải địa chỉ máy chủ: cần dạng postgresql://NGƯỜI_DÙNG@MÁY/CƠ_SỞ_DỮ_LIỆU."
        )


def _no_branch(source: pw.Database, branch_id: int) -> str:
    known = [f"{r.id}: {r.name}" for r in Branch.select(Branch.id, Branch.name).order_by(Branch.id).bind(source)]
    listed = "; ".join(known) if known else "máy chủ chưa có chi bộ nào"
    return f"Máy chủ không có chi bộ mã {branch_id} (có: {listed})."


def _check_copy(source: pw.Database, source_id: int, target: pw.Database, target_id: int) -> None:
    """The copy must hold exactly what the original holds, field by field; otherwise nothing is committed."""
    if snapshot(source, source_id) != snapshot(target, target_id):
        raise ConflictError("Bản chép chi bộ không khớp với bản gốc khi đối chiếu từng trường; không có gì được lưu.")


def _place(part: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file that appeared meanwhile."""
    make_private(part)
    try:
        os.link(part, path)
    except FileExistsError as exc:
        raise DatabaseFileError(f"Tệp «{path}» vừa được tạo bởi chương trình khác; ChiBo không ghi đè lên.") from exc
    except OSError:  # a file system without hard links
        if path.exists():
            raise DatabaseFileError(f"Tệp «{path}» đã có; ChiBo không ghi đè lên tệp đã có.") from None
        os.replace(part, path)


@contextlib.contextmanager
def _connected(server: str) -> Iterator[pw.Database]:
    from playhouse.db_url import connect

    database = connect(server)
    database.connect()
    try:
        yield database
    finally:
        database.close()


@contextlib.contextmanager
def _server_errors(server: str) -> Iterator[None]:
    """The driver's failures as Vietnamese sentences; the transaction has been rolled back by then."""
    try:
        yield
    except DomainError:
        raise
    except pw.IntegrityError as exc:
        log.warning("Branch move refused by %s: %s", display_name(server), exc)
        raise ConflictError(
            f"Cơ sở dữ liệu {display_name(server)} từ chối dữ liệu chi bộ (trùng với bản ghi đã có hoặc thiếu liên "
            "kết); không có gì được chuyển."
        ) from exc
    except (pw.OperationalError, pw.InterfaceError) as exc:
        log.warning("Branch move failed on %s: %s", display_name(server), exc)
        said = server_message(exc, server)
        raise StorageError(
            f"{said} Không có gì được chuyển."
            if said
            else f"Không kết nối hoặc không làm việc được với máy chủ {display_name(server)} (máy chủ chưa chạy, "
            "sai địa chỉ, tên người dùng, mật khẩu hoặc không có quyền); không có gì được chuyển."
        ) from exc
    except pw.DatabaseError as exc:
        log.warning("Branch move failed on %s: %s", display_name(server), exc)
        raise StorageError(f"Máy chủ {display_name(server)} báo lỗi; không có gì được chuyển.") from exc
