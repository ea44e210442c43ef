"""The tree's layering: the domain and the exporters never load Qt, and each package imports only what its
docstring allows (capabilities do not reach into each other's internals; widgets never touch the ORM tables)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package (or top-level module) -> the packages and modules it may import from
ALLOWED: dict[str, tuple[str, ...]] = {
    "models.core": ("models.core",),
    "models.counting": (
        "models.counting",
        "models.core.errors",
        "models.core.vnname",
        "models.core.cycle_collection",
    ),  # pure: no peewee
    "models.roster": ("models.core", "models.roster"),
    "models.scanning": ("models.scanning", "models.core.errors", "models.counting"),  # pure: no peewee, no Qt
    "models.congress": ("models.core", "models.roster", "models.counting", "models.congress"),
    "models.live_count": ("models.core", "models.counting", "models.congress", "models.live_count"),
    "models.meetings": (
        "models.core",
        "models.roster",
        "models.counting",
        "models.congress",
        "models.live_count",
        "models.meetings",
    ),
    "models.practice": ("models.core", "models.roster", "models.congress", "models.counting", "models.practice"),
    "models.office": (
        "models.core",
        "models.roster",
        "models.congress",
        "models.counting",
        "models.live_count",
        "models.meetings",
        "models.admission",
        "models.schema",
        "models.office",
    ),
    "models.admission": ("models.core", "models.roster", "models.meetings", "models.admission"),
    "models.schema": ("models",),
    "models.migrations": ("models",),
    # the writers take plain data: from the domain only value helpers and field lists, never the ORM or a query
    "reports.core": (
        "reports.core",
        "models.core.errors",
        "models.core.dates",
        "models.core.numerals",
        "models.core.partial_dates",
    ),
    "reports.roster": (
        "reports.core",
        "reports.roster",
        "models.core.clock",
        "models.core.errors",
        "models.core.numerals",
        "models.core.partial_dates",
        "models.core.vnname",
        "models.roster.fields",
        "models.roster.levels",
    ),
    "reports.office": ("reports.core", "reports.roster", "reports.office"),
    "reports.meetings": ("reports.core", "reports.meetings"),
    "reports.congress": (
        "reports.core",
        "reports.congress",
        "models.counting.check_code",
        "models.counting.regulations",
    ),
    # application services: gather plain data from the domain, hand out numbers, call the writers; never Qt
    "services": ("services",),
    "services.roster": ("services.roster", "models.core", "models.roster", "reports.core", "reports.roster"),
    "services.congress": (
        "services.congress",
        "models.core",
        "models.meetings",
        "models.congress",
        "models.counting",
        "models.live_count",
        "reports.core",
        "reports.congress",
    ),
    "services.meetings": (
        "services.meetings",
        "models.core",
        "models.congress",
        "models.counting",
        "models.meetings",
        "models.office",
        "reports.core",
        "reports.meetings",
    ),
    "services.scanning": (
        "services.scanning",
        "services.congress",
        "models.core",
        "models.congress",
        "models.counting",
        "models.live_count",
        "models.scanning",
        "reports.core",
    ),
    "services.office": (
        "services.office",
        "services.roster",
        "models.core",
        "models.office",
        "reports.core",
        "reports.roster",
        "reports.office",
    ),
    "services.scan_count": (
        "services.scan_count",
        "services.scanning",
        "models.core",
        "models.congress",
        "models.counting",
        "models.live_count",
        "models.scanning",
    ),
    "reports.admission": ("reports.core", "reports.admission", "models.core.errors", "models.core.dates"),
    "services.admission": (
        "services.admission",
        "services.meetings",
        "models.core",
        "models.admission",
        "models.congress",
        "models.counting",
        "models.meetings",
        "models.roster",
        "reports.core",
        "reports.admission",
    ),
    # the headless front end: the services, the domain and the roster reader, never the window
    "cli": (
        "cli",
        "services",
        "models.core",
        "models.roster",
        "models.congress",
        "models.counting",
        "models.live_count",
        "models.office",
        "models.schema",
        "reports.core",
        "reports.roster",
    ),
    "gui.core": ("gui.core", "models.core"),
    "gui.roster": (
        "gui.core",
        "gui.roster",
        "models.core",
        "models.meetings",
        "models.roster",
        "reports.core",
        "reports.roster",
        "services.roster",
    ),
    "gui.congress": (
        "gui.core",
        "gui.congress",
        "services.congress",
        "services.meetings",
        "models.core",
        "models.congress",
        "models.counting",
        "reports.core",
        "reports.congress",
    ),
    "gui.live_count": (
        "gui.core",
        "gui.live_count",
        "services.congress",
        "services.scan_count",
        "models.core",
        "models.counting",
        "models.congress",
        "models.live_count",
        "models.meetings.question_title",  # a meeting question counted here: its own test and verdict
        "reports.core",
        "reports.congress",
    ),
    "gui.office": (
        "gui.core",
        "gui.office",
        "gui.roster",
        "services.office",
        "services.roster",
        "models.core",
        "models.office",
        "reports.core",
        "reports.office",
        "reports.roster",
    ),
    "gui.meetings": (
        "gui.core",
        "gui.meetings",
        "services.meetings",
        "models.core",
        "models.counting",
        "models.meetings",
    ),
    "gui.admission": (
        "gui.core",
        "gui.admission",
        "services.admission",
        "models.core",
        "models.admission",
        "models.meetings",
        "models.roster",
        "reports.core",
    ),
    "gui.main_window": ("gui", "services", "models", "reports"),
    "gui.branch_dialog": ("gui.core", "models.core"),
}
# single exceptions, each with its reason
EXCEPTIONS: dict[tuple[str, str], str] = {}  # none: models.schema hands its tables down (install_schema)
# no widget queries the database: the tables of a capability are for its domain operations only
FORBIDDEN_IN_GUI = ("models.roster.tables", "peewee")
PEEWEE_FREE = ("models.counting",)


def _modules(package: str) -> list[str]:
    names = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        names.append(info.name)
    return names


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _owner(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    dotted = ".".join(parts)
    for key in sorted(ALLOWED, key=len, reverse=True):
        if dotted == key or dotted.startswith(key + "."):
            return key
    raise AssertionError(f"{path.relative_to(ROOT)} belongs to no package of the layering table: add it")


def _within(name: str, allowed: tuple[str, ...]) -> bool:
    return any(name == a or name.startswith(a + ".") for a in allowed)


def _ours(name: str) -> bool:
    return name.split(".")[0] in ("models", "reports", "services", "gui", "cli")


def _allowed(name: str, allowed: tuple[str, ...]) -> bool:
    """`from models.core import errors` yields "models.core" too: a parent of an allowed module is fine."""
    return _within(name, allowed) or any(a.startswith(name + ".") for a in allowed)


@pytest.mark.parametrize("top", ["models", "reports", "services", "gui", "cli"])
def test_each_package_imports_only_what_it_may(top):
    offenders = []
    for path in sorted((ROOT / top).rglob("*.py")):
        if path.name == "__init__.py" and path.parent == ROOT / top and top not in ("cli", "services"):
            continue
        owner, rel = _owner(path), str(path.relative_to(ROOT))
        for name in _imports(path):
            excepted = any((rel, e) in EXCEPTIONS and _within(name, (e,)) for _, e in EXCEPTIONS)
            if _ours(name) and not excepted and not _allowed(name, ALLOWED[owner]):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_widgets_never_touch_the_orm_and_the_engine_is_pure():
    offenders = []
    for path in (ROOT / "gui").rglob("*.py"):
        offenders += [f"{path.relative_to(ROOT)}: {n}" for n in _imports(path) if _within(n, FORBIDDEN_IN_GUI)]
    for package in PEEWEE_FREE:
        for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in _imports(path) if _within(n, ("peewee",))]
    assert offenders == []


def test_models_reports_and_the_headless_commands_import_no_qt():
    modules = _modules("models") + _modules("reports") + _modules("services") + _modules("cli")
    assert "models.roster.members" in modules and "models.core.database" in modules and "cli.dispatch" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_gui_is_not_imported_by_the_domain_or_the_headless_commands():
    offenders = []
    for package in ("models", "reports", "services", "cli"):
        for path in (ROOT / package).rglob("*.py"):
            if any(n.split(".")[0] in ("gui", "PySide6") for n in _imports(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
