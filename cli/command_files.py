"""The files a headless command names, checked before it runs (cli.dispatch): a blank name, a pipe, a device or a
folder where a file is read or written, and an output whose folder is missing or not writable are refused with one
Vietnamese line and status 2, before the data file is opened or anything is built or written."""

from __future__ import annotations

import argparse
import os
import stat
from typing import TextIO

from cli.parser import PULL


def refuse_unusable_files(args: argparse.Namespace, err: TextIO) -> int | None:
    """Status 2 with its line on `err` for the first file of `args` that cannot be used; None when all can."""
    writes = _writes(args)
    refused = refuse_blank_names(args, err)
    if refused is None:
        refused = refuse_special_paths(_reads(args), writes, err)
    if refused is None:
        refused = refuse_unwritable_folders(writes, err)
    return refused


def _reads(args: argparse.Namespace) -> list[str]:
    """The record files a command reads."""
    names = ("record", "first", "second") if args.command in ("count", "compare", "minutes", "verify", "passes") else ()
    return [getattr(args, n) for n in names if getattr(args, n, None)]


def _writes(args: argparse.Namespace) -> list[str]:
    """The files a command writes: an export's output, a new committee file (`push`), a new data file (`pull`)."""
    names = ("output", "committee_file") + (("db",) if args.command in PULL else ())
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
