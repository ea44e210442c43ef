"""Writing a prepared export from a widget: ask where (suggesting its name), write off the GUI thread with a
cancellable progress dialog, then say where it went. The failure is shown by the task itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from gui.core import dialogs


def write_export(parent: QWidget, title: str, prepared, working: str, done: str,
                 on_done: Callable[[str], None] | None = None):  # fmt: skip
    """Ask a path for `prepared` (reports.core.export_files.PreparedExport) and write it on a BackgroundTask.
    Returns the started task, or None when the user cancelled the file chooser."""
    path = dialogs.ask_save_path(parent, title, dialogs.EXCEL_FILTER, "export", prepared.file_name)
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    from gui.core.background import BackgroundTask  # peewee: not before the window's first paint

    task = BackgroundTask(parent, "Xuất Excel", working, lambda progress: prepared.write(path, progress),
                          failure_text="Không xuất được tệp Excel.")  # fmt: skip

    def finished(result: object) -> None:
        dialogs.show_info(parent, done, str(result))
        if on_done is not None:
            on_done(str(result))

    task.finished.connect(finished)
    task.start()
    return task
