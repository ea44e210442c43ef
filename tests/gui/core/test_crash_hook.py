"""The crash hook: a dialog on the GUI thread whatever thread raised; system faults told plainly, not as a crash."""

from __future__ import annotations

import sys
import threading

import peewee as pw
import pytest

from gui.core.app import install_crash_hook


@pytest.fixture
def hook(monkeypatch, qapp):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    install_crash_hook()


@pytest.fixture
def shown(monkeypatch):
    import gui.core.dialogs as dialogs

    seen = []

    def _record(parent, text, detail="", **kw):
        seen.append((text, detail, kw.get("title"), threading.current_thread() is threading.main_thread()))

    monkeypatch.setattr(dialogs, "show_error", _record)
    return seen


def test_an_error_on_a_worker_thread_is_shown_on_the_gui_thread(hook, shown, qtbot):
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    text, detail, title, on_gui_thread = shown[0]
    assert title == "Lỗi không lường trước" and "ZeroDivisionError" in detail
    assert on_gui_thread


def test_a_full_disk_from_the_database_is_told_plainly(hook, shown):
    try:
        raise pw.OperationalError("database or disk is full")
    except pw.OperationalError:
        sys.excepthook(*sys.exc_info())
    [(text, _detail, title, _)] = shown
    assert "đã đầy" in text and "disk is full" not in text
    assert title == "Không thực hiện được"


def test_what_python_can_only_ignore_is_logged_never_printed(hook, shown, capfd, caplog):
    """A writer closed by the garbage collector after a full disk raises where nobody can catch it: the window's
    own message has told the user; the terminal shows no "Exception ignored in …" traceback."""

    class HalfWritten:
        def __del__(self):
            raise OSError(28, "No space left on device")

    HalfWritten()  # collected at once: its error is "unraisable"
    assert "Exception ignored" not in capfd.readouterr().err
    assert "Ignored while cleaning up: OSError" in caplog.text and shown == []
