"""Writing a prepared export from a widget: ask where (suggesting its name), write off the GUI thread with a
cancellable progress dialog, then say where it went. The failure is shown by the task itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from gui.core import dialogs, operations


def write_export(
    parent: QWidget,
    title: str,
    prepared,
    working: str,
    done: str,
    on_done: Callable[[str], None] | None = None,
    *,
    suggested: str = "",
):
    """Ask a path for `prepared` (reports.core.export_files.PreparedExport) and write it on a BackgroundTask.
    `prepared` may also be a function making it, called only once a path is chosen (with `suggested` as the file
    name): a paper that takes a document number takes it only when it is really written.
    Returns the started task, or None when the user cancelled the file chooser (or making the export failed)."""
    name = suggested or prepared.file_name
    path = dialogs.ask_save_path(parent, title, dialogs.EXCEL_FILTER, "export", name)
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    if callable(prepared):
        prepared = operations.result_of(parent, prepared)
        if prepared is operations.REFUSED:
            return None

    def finished(result: object) -> None:
        dialogs.show_info(parent, done, str(result))
        if on_done is not None:
            on_done(str(result))

    return operations.run_in_background(
        parent,
        "Xuất Excel",
        working,
        lambda progress: prepared.write(path, progress),
        finished,
        failure_text="Không xuất được tệp Excel.",
    )
