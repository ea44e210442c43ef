"""Loading openpyxl for a headless command without numpy and Pillow.

openpyxl imports numpy, when it is installed, only to accept numpy numbers as cell values, and Pillow only to read
and write pictures; ChiBo gives it no numpy numbers, writes its one picture (a QR code, reports/core/qr_image.py)
without Pillow and reads no pictures from a workbook. numpy's import is about a tenth of a second of a
`main.py import` or `main.py export`, Pillow's about a hundredth. Both stay importable afterwards (the
scanned-ballot reader uses them): only openpyxl's optional support is left out (a picture in a workbook read
afterwards is dropped, as openpyxl does without Pillow).
"""

from __future__ import annotations

import sys

OPTIONAL = ("numpy", "PIL")  # openpyxl's optional imports, left out


def load_openpyxl() -> None:
    """Import openpyxl with numpy and Pillow hidden, unless openpyxl is loaded already; one already loaded is not
    hidden (then there is nothing to save)."""
    if "openpyxl" in sys.modules:
        return
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError meanwhile
    try:
        import openpyxl  # noqa: F401
        import openpyxl.drawing.image  # noqa: F401  # imported by the writer anyway: Pillow looked for now
    finally:
        for name in hidden:
            del sys.modules[name]
