"""What the headless commands on a data file share: opening it as the window does, closing it after the command
(cli.guard), and writing an export."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from cli.guard import guarded
from models.core.errors import DatabaseFileError
from models.core.failures import OK, REFUSED


def open_data_file(db: str | None, meanwhile: Callable[[], object] | None = None) -> Path | str:
    """Open `db` (default: the branch's data file; or a server's postgresql://… URL); a missing file is an error,
    never a new empty branch. An encrypted file takes its passphrase as `open_file_asking` says. `meanwhile` (an
    export's loading of openpyxl) runs first, while a data file's integrity check runs on a thread of its own
    (models.core.early_check: the opening takes its verdict only for the file unchanged since)."""
    from models.core.database import default_database_path, is_server_url, start_integrity_check
    from models.schema import install_schema

    install_schema()  # only a command that opens a data file pays for loading every table
    if db and is_server_url(db):
        from models.core.database import open_database

        if meanwhile is not None:
            meanwhile()
        open_database(db)
        return db
    path = Path(db).expanduser() if db else default_database_path()
    if path.exists() and not path.is_file():
        kind = "một thư mục" if path.is_dir() else "một đường ống hay thiết bị"
        raise DatabaseFileError(f"«{path}» là {kind}, không phải tệp dữ liệu. Hãy chỉ tệp dữ liệu bằng --db.")
    if not path.is_file():
        raise DatabaseFileError(f"Không có tệp dữ liệu «{path}». Hãy mở ChiBo một lần để tạo, hoặc chỉ tệp bằng --db.")
    if meanwhile is not None:
        start_integrity_check(path)
        meanwhile()
    open_file_asking(path)
    return path


def open_file_asking(path: Path) -> None:
    """Open an existing data file through the data-file session (models.core.data_session), as the window does: an
    encrypted file with the key the OS credential store keeps for it, or the passphrase (or recovery key) from
    CHIBO_PASSPHRASE, or typed (without echo) when the command runs in a terminal; otherwise
    PassphraseNeededError saying how to give it. Any other refusal is a DatabaseFileError with its reason."""
    from models.core import passphrases
    from models.core.data_session import Opened, open_file
    from models.core.errors import PassphraseNeededError

    given = passphrases.from_environment()
    outcome = open_file(path, given)
    if outcome.kind is Opened.PASSPHRASE_NEEDED and not given and sys.stdin.isatty():
        import getpass

        outcome = open_file(path, getpass.getpass(f"Mật khẩu (hoặc khóa khôi phục) của tệp «{path.name}»: "))
    elif outcome.kind is Opened.PASSPHRASE_NEEDED:
        advice = (
            ""
            if given
            else (
                f" Hãy đặt mật khẩu hoặc khóa khôi phục vào biến môi trường {passphrases.VARIABLE}"
                " hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập."
            )
        )
        raise PassphraseNeededError(path, outcome.message + advice)
    if outcome.kind is Opened.PASSPHRASE_NEEDED:
        raise PassphraseNeededError(path, outcome.message)
    if not outcome.is_open:
        raise DatabaseFileError(outcome.message)


def on_data_file(command):
    """A command on a data file or server: its failure told as cli.guard says, the file closed after it."""
    return guarded(command)


def warn_if_leaving_protection(err: TextIO) -> None:
    """An export from an encrypted data file: one line on stderr saying the written file is not encrypted."""
    from models.core.encryption import LEAVES_PROTECTION, open_file_is_encrypted

    if open_file_is_encrypted() is not None:
        print(f"Lưu ý: {LEAVES_PROTECTION}", file=err)


def write_job(run, output: str, done: str, out: TextIO, err: TextIO) -> int:
    """Write an export with `run(target)` to `output` (".xlsx" added when missing) and say where it went; an empty
    export is refused (1), and an export from an encrypted data file notes that the workbook is not encrypted."""
    from reports.core.export_files import NothingToExport
    from reports.core.openpyxl_loader import load_openpyxl

    load_openpyxl()
    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(f"{target.name}.xlsx")
    try:
        written = run(target)
    except NothingToExport as exc:
        print(exc.message, file=err)
        return REFUSED
    print(f"{done} {written}", file=out)
    warn_if_leaving_protection(err)
    return OK
