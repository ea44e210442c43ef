"""PySide's look at every module imported after it, made cheap (start-up speed).

For its `__feature__` switch (snake_case, true_property), shiboken asks of each newly imported module whether its
source contains the text "PySide6" (`shibokensupport.feature._mod_uses_pyside`), through `inspect.getsource`:
a search of the source file by several stat calls, a linecache entry and a decoding of every line, about a quarter
of a millisecond a module, some two hundred modules before the roster is on screen. `quicken_module_checks` gives it
the same answer read straight from the module's file (no source file, or one that cannot be read: False, as
PySide's own answer). Re-check on a PySide upgrade: tests/gui/core/test_pyside_imports.py pins what this relies on.
"""

from __future__ import annotations

import sys


def uses_pyside(module) -> bool:
    """Whether the source file of `module` contains "PySide6" (PySide's own test, without `inspect`)."""
    spec = getattr(module, "__spec__", None)
    path = getattr(spec, "origin", None) or getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, an extension, frozen or bundled: PySide finds no source either
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def quicken_module_checks() -> bool:
    """Give PySide `uses_pyside` for its check of each new module; False when this PySide has no such check."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
