"""Run one parsed headless command (cli.parser): UTF-8 streams, files that are not files refused, then the command
module's run function, whose failure cli.guard tells. Command modules load only when their command runs."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Callable
from typing import TextIO

from cli.parser import PULL, PUSH


def utf8_streams() -> None:
    """Print UTF-8 (a Windows console defaults to a code page without Vietnamese); a path that is not valid text
    (a lone surrogate) prints replaced rather than failing the one line."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run_command(args: argparse.Namespace) -> int:
    """The exit status of the headless command `args` names, having printed what it did."""
    utf8_streams()
    sys.unraisablehook = quiet_unraisable
    if args.command != "count":  # `count` reads one record file and loads no logging at all (its speed goal)
        quiet_logging()
    writes = _writes(args)
    refused = refuse_blank_names(args, sys.stderr)
    if refused is None:
        refused = refuse_special_paths(_reads(args), writes, sys.stderr)
    if refused is None:
        refused = refuse_unwritable_folders(writes, sys.stderr)
    if refused is not None:
        return refused
    return _COMMANDS[_canonical(args.command)](args, out=sys.stdout, err=sys.stderr)


def quiet_logging() -> None:
    """A headless command tells what happened in its own Vietnamese lines: what the code below it logs (a storage
    failure with the library's English text, say) is no line on the terminal. Without a handler, Python's logging
    would print every warning on stderr."""
    import logging

    logging.getLogger().addHandler(logging.NullHandler())


def quiet_unraisable(unraisable) -> None:
    """An error Python can only report as "Exception ignored in …" (a half-written workbook's zip or row writer
    closed by the garbage collector after a full disk): the command has already said what failed in its one
    Vietnamese line, so this is kept for a log, if one is set up, by its type alone (a debug line: Python's
    last-resort handler prints nothing below a warning), never shown as a traceback on the terminal."""
    import logging

    kind = type(unraisable.exc_value).__name__ if unraisable.exc_value is not None else "?"
    logging.getLogger(__name__).debug("Ignored while cleaning up after a command: %s", kind)


def _reads(args: argparse.Namespace) -> list[str]:
    """The record files a command reads."""
    names = ("record", "first", "second") if args.command in ("count", "compare", "minutes", "verify", "passes") else ()
    return [getattr(args, n) for n in names if getattr(args, n, None)]


def _writes(args: argparse.Namespace) -> list[str]:
    """The files a command writes: an export's output, a new committee file (`push`), a new data file (`pull`)."""
    command = _canonical(args.command)
    names = ("output", "committee_file") + (("db",) if command == PULL[0] else ())
    return [getattr(args, n) for n in names if getattr(args, n, None)]


_FILE_ARGUMENTS = {  # the attribute of each file name a command takes, and how its help names it
    "db": "--db",
    "output": "-o",
    "committee_file": "--committee-file",
    "file": "TỆP.xlsx",
    "record": "TỆP_HỒ_SƠ.json",
    "first": "LƯỢT_1.json",
    "second": "LƯỢT_2.json",
    "source": "ẢNH_QUÉT",
}


def refuse_blank_names(args: argparse.Namespace, err: TextIO) -> int | None:
    """A file name given empty or blank (`-o ""`, `--db ""`) is a mistake of the command line (status 2), not the
    default data file, the current folder or a file named « .xlsx»."""
    for name, shown in _FILE_ARGUMENTS.items():
        value = getattr(args, name, None)
        if isinstance(value, str) and not value.strip():
            print(f"Lệnh không đúng: tên tệp ở {shown} đang để trống; hãy ghi tên tệp.", file=err)
            return 2
    return None


def refuse_special_paths(reads: list[str], writes: list[str], err: TextIO) -> int | None:
    """A record to read, or an output to write, that is a named pipe, a device or (to read) a folder: refused at
    once with a Vietnamese line (status 2), rather than a read or write that never ends. A folder given as an
    output is refused by refuse_unwritable_folders."""
    for text in reads + writes:
        try:
            mode = os.stat(text).st_mode
        except OSError:
            continue  # a missing record (or a new output) is each command's own business
        if not stat.S_ISREG(mode) and (text in reads or not stat.S_ISDIR(mode)):
            kind = "một thư mục" if stat.S_ISDIR(mode) else "một đường ống hay thiết bị"
            print(f"«{text}» là {kind}, không phải một tệp; ChiBo không đọc hay ghi vào đó.", file=err)
            return 2
    return None


def refuse_unwritable_folders(writes: list[str], err: TextIO) -> int | None:
    """An output that names a folder, or whose folder is missing, not a folder or not writable: refused at once
    (status 2) with a Vietnamese line naming it, before the data file is opened or anything is built or written."""
    for text in writes:
        from pathlib import Path  # only a command that writes a file pays for it (`count` loads no pathlib)

        target = Path(text).expanduser()
        folder = target.parent
        if target.is_dir():
            why = f"«{target}» là một thư mục; hãy ghi cả tên tệp trong thư mục đó"
        elif not folder.exists():
            why = f"không có thư mục «{folder}»"
        elif not folder.is_dir():
            why = f"«{folder}» không phải là thư mục"
        elif not os.access(folder, os.W_OK):
            why = f"không có quyền ghi vào thư mục «{folder}»"
        else:
            continue
        print(f"Không ghi được tệp «{target}»: {why}. Chưa ghi gì.", file=err)
        return 2
    return None


def _canonical(command: str) -> str:
    return PUSH[0] if command in PUSH else PULL[0] if command in PULL else command


def _count(args, **streams) -> int:
    from cli.counting import run_count

    return run_count(args.record, **streams)


def _compare(args, **streams) -> int:
    if args.round_id is not None:
        from cli.scanning import run_compare_passes

        return run_compare_passes(getattr(args, "db", None), args.round_id, **streams)
    from cli.counting import run_compare

    return run_compare(args.first, args.second, **streams)


def _passes(args, **streams) -> int:
    from cli.scanning import run_passes

    return run_passes(
        getattr(args, "db", None),
        args.round_id,
        record=args.record,
        into=args.into,
        set_aside=args.set_aside,
        reason=args.reason,
        by=args.by,
        **streams,
    )


def _scan(args, **streams) -> int:
    from cli.scanning import run_scan

    return run_scan(getattr(args, "db", None), args.round_id, args.source, **streams)


def _minutes(args, **streams) -> int:
    from cli.congress import run_minutes

    return run_minutes(args.record, args.output, **streams)


def _verify(args, **streams) -> int:
    if args.record is not None:
        from cli.counting import run_verify

        return run_verify(args.record, args.code, **streams)
    from cli.congress import run_verify_database

    return run_verify_database(args.code, db=args.db, **streams)


def _import(args, **streams) -> int:
    from cli.roster import run_import

    return run_import(
        args.file,
        db=args.db,
        sheet=args.sheet,
        dry_run=args.dry_run,
        as_json=args.json,
        skip_errors=args.skip_errors,
        **streams,
    )


def _stats(args, **streams) -> int:
    if args.all_branches:
        from cli.office import run_office_stats

        return run_office_stats(db=args.db, on=args.on, as_json=args.json, **streams)
    from cli.roster import run_stats

    return run_stats(db=args.db, on=args.on, as_json=args.json, **streams)


def _export(args, **streams) -> int:
    if args.all_branches:
        from cli.office import run_office_export

        return run_office_export(args.kind, args.output, db=args.db, **streams)
    from cli.roster import is_roster_kind, run_export

    if not is_roster_kind(args.kind):  # a roster export loads no congress code
        from cli.congress import is_congress_kind, run_congress_export

        if is_congress_kind(args.kind):
            return run_congress_export(args.kind, args.output, args.congress, db=args.db, **streams)
    return run_export(args.kind, args.output, db=args.db, **streams)


def _applicants(args, **streams) -> int:
    from cli.admission import run_applicants

    return run_applicants(db=args.db, on=args.on, as_json=args.json, **streams)


def _ballots_pdf(args, **streams) -> int:
    from cli.congress import run_ballots_pdf

    return run_ballots_pdf(args.round_id, args.output, args.copies, db=getattr(args, "db", None), **streams)


def _push(args, **streams) -> int:
    from cli.moves import run_push

    return run_push(args.db, args.server, args.merge, committee_file=args.committee_file, **streams)


def _pull(args, **streams) -> int:
    from cli.moves import run_pull

    return run_pull(args.server, args.branch, args.db, **streams)


def _server_setup(args, **streams) -> int:
    from cli.server_setup import password_reader, run_server_setup

    role = getattr(args, "role", None)
    return run_server_setup(
        args.action,
        args.db,
        role=role,
        branch=getattr(args, "branch", None),
        read_only=getattr(args, "read_only", False),
        remove=getattr(args, "remove", False),
        read_password=password_reader(role, getattr(args, "password_stdin", False)),
        **streams,
    )


def _committee(args, **streams) -> int:
    from cli.committee import run_committee

    return run_committee(args, db=args.db, **streams)


_COMMANDS: dict[str, Callable[..., int]] = {
    "count": _count,
    "compare": _compare,
    "scan": _scan,
    "passes": _passes,
    "minutes": _minutes,
    "verify": _verify,
    "import": _import,
    "stats": _stats,
    "export": _export,
    "applicants": _applicants,
    "ballots-pdf": _ballots_pdf,
    PUSH[0]: _push,
    PULL[0]: _pull,
    "server-setup": _server_setup,
    "dang-uy": _committee,
}
