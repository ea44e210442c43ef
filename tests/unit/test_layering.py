"""models/ and reports/ never load Qt: the domain and the exporters run and test without a GUI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules(package: str) -> list[str]:
    folder = ROOT / package
    names = [package]
    for info in pkgutil.walk_packages([str(folder)], prefix=f"{package}."):
        names.append(info.name)
    return names


def test_models_and_reports_import_no_qt():
    modules = _modules("models") + _modules("reports")
    assert "models.roster.members" in modules and "models.core.database" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_gui_is_not_imported_by_the_domain():
    offenders = []
    for package in ("models", "reports"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "from gui" in text or "import gui" in text or "PySide6" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
