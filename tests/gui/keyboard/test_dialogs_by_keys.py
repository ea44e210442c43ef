"""Every dialog walked with Tab: the focus starts inside it, Tab reaches every control shown (on each of its tab
pages) and comes back round, Shift+Tab walks the same round backwards, and no text box keeps Tab for itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialogButtonBox, QLabel, QTabWidget, QWidget

from tests.support.dialog_makers import DIALOGS, fill_roster
from tests.support.mnemonics import _show_ancestors

Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def roster(data_file):
    fill_roster()


def _controls(dialog: QWidget) -> list[QWidget]:
    """The controls of `dialog` shown now that Tab should stop on (a number or choice box's own line edit is part
    of its box; a control standing in for another through its focus proxy counts once)."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if widget.focusProxy() is not None or widget.window() is not dialog:
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        found.append(widget)
    return found


def _round(keyboard, dialog, key_modifier) -> list[QWidget]:
    """The controls the focus stops on, pressing Tab (or Shift+Tab) until it comes back to where it started."""
    start = keyboard.focus()
    assert start is dialog or dialog.isAncestorOf(start), f"the focus starts outside the dialog: {start!r}"
    seen = [start]
    for _ in range(120):
        keyboard.press(Key.Key_Tab, key_modifier)
        focus = keyboard.focus()
        assert dialog.isAncestorOf(focus), f"Tab left the dialog for {focus!r}"
        if focus is start:
            return seen
        if focus is seen[-1] and isinstance(focus, QLabel):
            continue  # a label's links are a Tab stop each («Mã hóa ngay · Không, cảm ơn»)
        assert focus not in seen, f"Tab went round without coming back to {start!r}: {focus!r} again"
        seen.append(focus)
    raise AssertionError(f"Tab stays in {keyboard.focus()!r}")


def _pages(dialog: QWidget) -> list[tuple[QTabWidget | None, int]]:
    return [(None, 0)] + [(tabs, i) for tabs in dialog.findChildren(QTabWidget) for i in range(tabs.count())]


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_tab_reaches_every_control_and_comes_back_round(qtbot, roster, answers, keyboard, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = keyboard.focus()
    assert dialog.isAncestorOf(first), f"{name}: the focus starts outside the dialog: {first!r}"
    fields = [w for w in _controls(dialog) if not isinstance(w.parentWidget(), QDialogButtonBox)]
    assert not fields or not isinstance(first.parentWidget(), QDialogButtonBox), f"{name} opens on {first.text()}"
    for tabs, index in _pages(dialog):
        if tabs is not None:
            _show_ancestors(tabs)
            tabs.setCurrentIndex(index)
            tabs.tabBar().setFocus()
            qtbot.waitUntil(tabs.tabBar().hasFocus)
        forwards = _round(keyboard, dialog, Qt.KeyboardModifier.NoModifier)
        missing = [
            f"{type(w).__name__} «{getattr(w, 'text', lambda: '')()}»"
            for w in _controls(dialog)
            if not any(w is r or w.isAncestorOf(r) for r in forwards)
        ]
        assert missing == [], (name, index)
        backwards = _round(keyboard, dialog, SHIFT)
        assert backwards[:1] + backwards[1:][::-1] == forwards, (name, index)
        in_box = [isinstance(w.parentWidget(), QDialogButtonBox) for w in forwards]
        starts = sum(1 for i, boxed in enumerate(in_box) if boxed and not in_box[i - 1])
        assert starts <= 1, f"{name}: the dialog's buttons are not together at the end of the Tab round"
    dialog.done(0)


def test_tab_reaches_every_control_of_each_page_of_the_window(qtbot, data_file, tmp_path, keyboard):
    """Each tab of the window, and each page of a tab: Tab from the tab bar goes round every control shown."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from tests.support import congress_story as story

    story.roster(12, 2)
    story.check_in_all(story.congress().id)
    window = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for index in range(window.tabs.count()):
        window.show_tab(index)
        page = window.tabs.currentWidget()
        qtbot.waitUntil(lambda p=page: p.isAncestorOf(keyboard.focus()))
        for tabs, sub in [(None, 0)] + [(t, i) for t in page.findChildren(QTabWidget) for i in range(t.count())]:
            if tabs is not None:
                _show_ancestors(tabs)
                tabs.setCurrentIndex(sub)
            window.tabs.tabBar().setFocus()
            qtbot.waitUntil(window.tabs.tabBar().hasFocus)
            forwards = _round(keyboard, window, Qt.KeyboardModifier.NoModifier)
            missing = [
                f"{type(w).__name__} «{getattr(w, 'text', lambda: '')()}»"
                for w in _controls(page)
                if not any(w is r or w.isAncestorOf(r) for r in forwards)
            ]
            assert missing == [], (window.tabs.tabText(index), tabs and tabs.tabText(sub))


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_number_box_selects_its_number_when_reached(qtbot, roster, answers, name):
    """A number typed into a number box replaces the one shown (a plain spin box kept it: 10 then 25 gave 1025)."""
    from PySide6.QtWidgets import QSpinBox

    from gui.core.number_field import NumberField

    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    plain = [box for box in dialog.findChildren(QSpinBox) if not isinstance(box, NumberField)]
    assert plain == [], name
    dialog.done(0)
