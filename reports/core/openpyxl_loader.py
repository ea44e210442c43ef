"""Loading openpyxl for a headless command without numpy.

openpyxl imports numpy, when it is installed, only to accept numpy numbers as cell values; ChiBo never gives it
any, and numpy's import is about a tenth of a second of a `main.py import` or `main.py export`. numpy stays
importable afterwards (the scanned-ballot reader uses it): only openpyxl's optional support is left out.
"""

from __future__ import annotations

import sys


def load_openpyxl() -> None:
    """Import openpyxl with numpy hidden, unless either is already loaded (then there is nothing to save)."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError meanwhile
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
