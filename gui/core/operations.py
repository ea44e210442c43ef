"""The one way a widget runs a domain operation (modelled on Anki's CollectionOp / QueryOp).

`run(parent, operation, on_success, changes=...)` calls the operation; a refusal of the domain (a DomainError) is
shown through gui.core.dialogs (or handed to `on_failure`, which then owns showing it), nothing else happens, and
False is returned. On success `on_success(result)` runs, then what the operation changed is announced once on
`announcer().changed` as an OperationChanges value, for every tab to refresh from. `result_of` returns the result
(or REFUSED) for a caller that goes on with it. `run_in_background` does the same as `run` on a worker thread with a
cancellable progress dialog (gui.core.background.BackgroundTask).

Widgets never catch DomainError themselves (tests/unit/test_gui_operations_seam.py checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gui.core import dialogs
from models.core.errors import DomainError


@dataclass(frozen=True)
class OperationChanges:
    """What a successful write changed; `source` is the widget that ran it (a tab may skip its own echo)."""

    members: bool = False
    ratings: bool = False
    congress: bool = False
    round: bool = False
    branch: bool = False
    file: bool = False
    member_ids: tuple[int, ...] = ()
    source: object = None

    def any(self) -> bool:
        return self.members or self.ratings or self.congress or self.round or self.branch or self.file


class _Announcer(QObject):
    changed = Signal(object)  # OperationChanges


_announcer: _Announcer | None = None


def announcer() -> _Announcer:
    """The application's one change signal (created on first use, on the GUI thread)."""
    global _announcer
    if _announcer is None:
        _announcer = _Announcer()
    return _announcer


def announce(changes: OperationChanges) -> None:
    """Say what changed: every listening tab refreshes what it shows of it."""
    if changes.any():
        announcer().changed.emit(changes)


def show_refusal(parent: QWidget | None, error: DomainError, heading: str = "", notice: bool = False) -> None:
    """The default display of a refusal: its message (under `heading` when given), as an error or a notice."""
    show = dialogs.show_info if notice else dialogs.show_error
    if heading:
        show(parent, heading, error.message)
    else:
        show(parent, error.message)


def run(
    parent: QWidget | None,
    operation: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    *,
    changes: OperationChanges | None = None,
    heading: str = "",
    notice: bool | tuple[type[DomainError], ...] = False,
    on_failure: Callable[[DomainError], None] | None = None,
) -> bool:
    """Run `operation()` now; True when it succeeded (after `on_success(result)` and the announcement).

    A refusal is shown as an error under `heading`, or as a notice when `notice` is True or names its type (e.g.
    NothingToExport: nobody is due, which is no failure); `on_failure(error)` replaces that display."""
    try:
        result = operation()
    except DomainError as exc:
        if on_failure is not None:
            on_failure(exc)
        else:
            as_notice = isinstance(exc, notice) if isinstance(notice, tuple) else notice
            show_refusal(parent, exc, heading, as_notice)
        return False
    if on_success is not None:
        on_success(result)
    if changes is not None:
        announce(changes)
    return True


REFUSED = object()  # what result_of returns for an operation the domain refused (its refusal already shown)


def result_of(
    parent: QWidget | None,
    operation: Callable[[], Any],
    *,
    heading: str = "",
    notice: bool | tuple[type[DomainError], ...] = False,
    on_failure: Callable[[DomainError], None] | None = None,
) -> Any:
    """`run` for an operation whose result the caller goes on with: the result, or REFUSED once the refusal was
    shown (`if found is operations.REFUSED: return`)."""
    results = []
    if run(parent, operation, results.append, heading=heading, notice=notice, on_failure=on_failure):
        return results[0]
    return REFUSED


def run_in_background(
    parent: QWidget,
    title: str,
    label: str,
    job: Callable[[Callable[[int, int], bool]], Any],
    on_success: Callable[[Any], None] | None = None,
    *,
    changes: OperationChanges | None = None,
    failure_text: str | None = "",
    show_after_ms: int = 300,
):
    """Run `job(progress)` on a worker with a progress dialog; a failure is shown with `failure_text` (None: not
    shown, connect to the task's `failed`). Returns the BackgroundTask, which starts once the caller returns to the
    event loop (keep a reference to it; connect to its `failed` or `cancelled` as needed)."""
    from gui.core.background import BackgroundTask  # peewee: not before the window's first paint

    task = BackgroundTask(parent, title, label, job, show_after_ms=show_after_ms, failure_text=failure_text)

    def finished(result: object) -> None:
        if on_success is not None:
            on_success(result)
        if changes is not None:
            announce(changes)

    task.finished.connect(finished)
    # started once the caller is back in the event loop: it holds the task (and has connected to it) first
    QTimer.singleShot(0, task, task.start)
    return task
