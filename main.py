"""ChiBo entry point: arguments, logging, the crash hook, the data file, the window; and headless commands."""

from __future__ import annotations

import argparse
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path


def setup_logging(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "chibo.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="chibo", description="ChiBo — quản lý chi bộ, đại hội và kiểm phiếu.")
    parser.add_argument("--db", metavar="TỆP", help="mở tệp dữ liệu này thay cho tệp mặc định")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra không cần màn hình rồi thoát")
    return parser.parse_args(argv)


def run_gui(args: argparse.Namespace) -> int:
    from platformdirs import user_data_dir

    from gui.app import app_settings, create_application, install_crash_hook

    setup_logging(Path(user_data_dir("ChiBo", appauthor=False)) / "logs")
    app = create_application(sys.argv[:1])
    install_crash_hook()

    from gui import dialogs
    from gui.main_window import MainWindow
    from models.branch import get_branch
    from models.database import default_database_path, open_database
    from models.errors import DatabaseFileError

    settings = app_settings()
    path = Path(args.db) if args.db else default_database_path()
    try:
        open_database(path)
    except DatabaseFileError as exc:
        if args.db:
            dialogs.show_error(None, exc.message, "ChiBo sẽ mở tệp dữ liệu mặc định.")
        else:
            dialogs.show_error(None, exc.message)
            return 1
        path = default_database_path()
        open_database(path)
    if get_branch() is None:
        from gui.branch_dialog import BranchDialog

        if BranchDialog(first_run=True).exec() != BranchDialog.DialogCode.Accepted:
            return 0
    window = MainWindow(path, settings)
    window.show()
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "count":
        from models.counting.cli import run_count

        if len(argv) != 2:
            print("Cách dùng: python main.py count TỆP_HỒ_SƠ.json", file=sys.stderr)
            return 2
        return run_count(argv[1])
    args = parse_args(argv)
    if args.self_test:
        from selftest import run_self_test

        return run_self_test()
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
