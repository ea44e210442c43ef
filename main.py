"""ChiBo's composition root: the arguments (cli.parser), then a headless command (cli.dispatch), the self-test
(cli.self_test) or the window with its logging, crash hook and data file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from cli.parser import parse_args

if TYPE_CHECKING:  # a headless command loads neither (logging and pathlib are a tenth of `count`'s start)
    import argparse
    from pathlib import Path


def setup_logging(folder: Path) -> Path:
    import logging
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "chibo.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    from models.core.file_privacy import make_private

    make_private(path)  # a log written by an older version may still be world-readable
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    from models.core.log_privacy import PrivateLog

    handler.addFilter(PrivateLog())  # no member's name, card number or citizen ID in the log
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


NO_DISPLAY = (
    "ChiBo cần màn hình để hiện cửa sổ: hãy chạy trong phiên làm việc có giao diện (máy bàn), hoặc trên máy chủ "
    "không màn hình dùng màn hình ảo: xvfb-run bash scripts/run.sh"
)


def has_display() -> bool:
    """Linux without X11 or Wayland cannot show a window (Qt would abort blaming xcb-cursor0)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    import os

    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from gui.core.collection import pause_collection

    pause_collection()  # before PySide loads: the window's start makes objects by the hundred thousand
    from pathlib import Path

    from platformdirs import user_data_dir

    from gui.core.app import create_application, install_crash_hook
    from gui.core.settings import app_settings

    setup_logging(Path(user_data_dir("ChiBo", appauthor=False)) / "logs")
    app = create_application(sys.argv[:1])
    install_crash_hook()
    window, outcome = start_window(args, app_settings())
    if os.environ.get("CHIBO_FIRST_PAINT_PROBE"):  # the bundle's start-up benchmark: when did the window appear?
        import time

        window.first_painted.connect(lambda: (print(f"first-paint {time.time()}", flush=True), app.exit(0)))
    code = app.exec()
    return outcome.get("code", code)


def start_window(args: argparse.Namespace, settings):
    """Show the main window at once; the data file opens (and the branch is asked for on a new file) after its
    first paint, then the roster loads on a worker thread while the members tab is built. Returns the window and a
    dict that gets "code" when ChiBo must stop (1: the data file cannot be opened; 0: the branch was not given).
    The cyclic garbage collector waits until the roster is on screen or the window closes (gui.core.collection)."""
    from gui.core.collection import pause_collection

    pause_collection()  # if run_gui did not already
    from gui.main_window import MainWindow

    outcome: dict[str, int] = {}

    def open_file() -> Path | str | None:
        from pathlib import Path

        from gui.core import dialogs
        from gui.core.data_file_flow import create_interactively, open_interactively
        from models.core.data_session import Opened
        from models.core.database import default_database_path, is_server_url
        from models.schema import install_schema

        install_schema()  # after the first paint: it loads every table
        # A file named on the command line that cannot be opened falls back to the default one; the default one is
        # created (encrypted by default) the first time, and only then.
        named = (args.db if is_server_url(args.db) else Path(args.db)) if args.db else None
        default = default_database_path()
        candidates = [named, default] if named else [default]
        for path in candidates:
            first_run = path is default and not default.exists() and not default.is_symlink()
            opened = create_interactively(window, default) if first_run else open_interactively(window, path)
            if opened.is_open:
                break
            if opened.kind is Opened.PASSPHRASE_NEEDED and not opened.message:
                outcome["code"] = 0  # the user chose not to type the passphrase
                return None
            last = path is candidates[-1]
            if opened.message:
                dialogs.show_error(window, opened.message, "" if last else "ChiBo sẽ mở tệp dữ liệu mặc định.")
            if last:
                outcome["code"] = 0 if first_run and not opened.message else 1
                return None
        if opened.kind is Opened.NO_BRANCH:
            from gui.branch_dialog import BranchDialog
            from models.office.accounts import NO_BRANCH_GIVEN, may_add_branch

            if not may_add_branch():
                dialogs.show_info(window, NO_BRANCH_GIVEN)
                return path
            if BranchDialog(first_run=True, parent=window).exec() != BranchDialog.DialogCode.Accepted:
                outcome["code"] = 0
                return None
        return path

    def check_ahead() -> None:
        """The file about to open is checked on a thread of its own while the window loads its members tab's
        modules; the opening takes the verdict if the file did not change meanwhile (models.core.early_check)."""
        from models.core.database import default_database_path, start_integrity_check

        start_integrity_check(args.db or default_database_path())

    window = MainWindow(None, settings, defer_load=True, open_file=open_file, ahead_of_opening=check_ahead)
    window.show()
    return window, outcome


def _private_files() -> None:
    """Every file ChiBo creates (data file, its journal, backups, logs, exports, temporary files) is readable by
    the user only: member records on a shared office PC. Windows keeps the user's own folders private already."""
    import os

    if os.name == "posix":
        os.umask(0o077)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _private_files()
    args = parse_args(argv)
    if args.command:
        from cli.dispatch import run_command

        return run_command(args)
    if args.self_test:
        from cli.self_test import run_self_test

        return run_self_test(args.db)
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
