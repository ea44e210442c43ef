"""gui.core.tables.own_viewport: a viewport made from Python, set up as Qt sets up its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from gui.core.tables import own_viewport


def _looks(view: QTableView) -> dict:
    viewport = view.viewport()
    return {
        "background": viewport.backgroundRole(),
        "foreground": viewport.foregroundRole(),
        "filled": viewport.autoFillBackground(),
        "name": viewport.objectName(),
        "attributes": [a for a in Qt.WidgetAttribute if viewport.testAttribute(a)],
        "focus proxy": viewport.focusProxy() is view,
        "mouse tracking": viewport.hasMouseTracking(),
        "palette": viewport.palette() == view.palette(),
    }


def test_the_viewport_made_here_is_set_up_as_qts_own(qtbot):
    """Once shown (Qt has a view's viewport take touch events then, its own from the start)."""
    qts, ours = QTableView(), QTableView()
    qtbot.addWidget(qts)
    qtbot.addWidget(ours)
    made = own_viewport(ours)
    assert ours.viewport() is made
    for view in (qts, ours):
        view.show()
        qtbot.waitExposed(view)
    assert _looks(ours) == _looks(qts)
    assert Qt.WidgetAttribute.WA_AcceptTouchEvents in _looks(ours)["attributes"]


def test_the_roster_table_has_a_viewport_made_from_python(qtbot, tmp_path):
    """Python reaches it without PySide resolving a C++-made widget's type (the window and the benchmarks do)."""
    import shiboken6
    from PySide6.QtCore import QSettings

    from gui.roster.members_tab import MembersTab

    tab = MembersTab(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    assert shiboken6.createdByPython(tab.table.viewport())
