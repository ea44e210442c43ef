"""gui.core.pyside_imports: PySide's check of each imported module answered the same, without `inspect`."""

from __future__ import annotations

import sys

import shibokensupport.feature as feature

from gui.core.pyside_imports import quicken_module_checks, uses_pyside


def test_pyside_still_checks_each_new_module_this_way(tmp_path, monkeypatch):
    """What quicken_module_checks relies on: as a module is imported after it, PySide asks `_mod_uses_pyside` of it
    and keeps 0 (uses PySide) or -1 (ignore) under its name (re-check on a PySide upgrade)."""
    import importlib.util

    asked = []
    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda module: asked.append(module.__name__) or True)
    source = tmp_path / "chibo_pyside_probe.py"
    source.write_text("X = 1\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("chibo_pyside_probe", source)
    module = importlib.util.module_from_spec(spec)
    feature.feature_imported(module)
    assert asked == ["chibo_pyside_probe"] and feature.pyside_feature_dict.pop("chibo_pyside_probe") == 0


def test_the_quick_check_answers_as_pyside_does_for_every_module_loaded():
    from inspect import getsource

    import gui.main_window  # noqa: F401 - a module using PySide, among all those loaded
    import models.core.clock  # noqa: F401 - one that does not

    def pyside_answer(module) -> bool:  # shibokensupport.feature's own test
        try:
            return "PySide6" in getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    modules = [m for name, m in sorted(sys.modules.items()) if m is not None and not name.startswith("__")]
    answers = {m.__name__: (uses_pyside(m), pyside_answer(m)) for m in modules if hasattr(m, "__name__")}
    assert {name: a for name, a in answers.items() if a[0] != a[1]} == {}
    assert answers["gui.main_window"] == (True, True) and answers["models.core.clock"] == (False, False)


def test_the_application_installs_it(qapp, monkeypatch):
    from gui.core.app import create_application

    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda module: False)
    assert create_application([]) is qapp
    assert feature._mod_uses_pyside is uses_pyside


def test_a_pyside_without_that_check_is_left_alone(monkeypatch):
    monkeypatch.delattr(feature, "_mod_uses_pyside")
    assert not quicken_module_checks()
    assert not hasattr(feature, "_mod_uses_pyside")
