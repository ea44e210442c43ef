"""Run one parsed headless command (cli.parser): UTF-8 streams, the files it names checked (cli.command_files), then
the command module's run function, whose failure cli.guard tells. Command modules load only when their command runs."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable

from cli.command_files import refuse_unusable_files
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
    refused = refuse_unusable_files(args, sys.stderr)
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
