"""GUI test set-up: an unpatched modal dialog fails fast instead of hanging the offscreen run."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox


class UnexpectedDialog(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise UnexpectedDialog("a modal dialog was opened without being answered by the test (patch gui.core.dialogs)")


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", _refuse)
    monkeypatch.setattr(QDialog, "exec", _refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_refuse))


@pytest.fixture(autouse=True)
def fresh_announcer(monkeypatch):
    """Each test's widgets hear only each other: the tabs of earlier tests (closed, not deleted) stay on the old
    gui.core.operations announcer."""
    import gui.core.operations as operations

    monkeypatch.setattr(operations, "_announcer", None)


@pytest.fixture
def answers(monkeypatch):
    """Record what gui.core.dialogs was asked and answer `confirm` with the queued replies (default True)."""
    import gui.core.dialogs as dialogs

    log: dict[str, list] = {
        "error": [],
        "warning": [],
        "info": [],
        "confirm": [],
        "replies": [],
        "paths": [],
        "texts": [],
        "numbers": [],
    }

    def _record(kind):
        return lambda parent, text, detail="", **kw: log[kind].append((text, detail))

    def _confirm(parent, text, detail="", **kw):
        log["confirm"].append((text, detail))
        return log["replies"].pop(0) if log["replies"] else True

    def _path(*args, **kwargs):
        return log["paths"].pop(0) if log["paths"] else ""

    monkeypatch.setattr(dialogs, "show_error", _record("error"))
    monkeypatch.setattr(dialogs, "show_warning", _record("warning"))
    monkeypatch.setattr(dialogs, "show_info", _record("info"))
    monkeypatch.setattr(dialogs, "confirm", _confirm)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **kw: log["texts"].pop(0) if log["texts"] else None)
    monkeypatch.setattr(dialogs, "ask_number", lambda *a, **kw: log["numbers"].pop(0) if log["numbers"] else None)
    monkeypatch.setattr(dialogs, "ask_open_path", _path)
    monkeypatch.setattr(dialogs, "ask_save_path", _path)
    return log


@pytest.fixture
def data_file(sqlite_file):
    """GUI tests work on a data file (tests/conftest.py); the unit tests run theirs on PostgreSQL too."""
    return sqlite_file
