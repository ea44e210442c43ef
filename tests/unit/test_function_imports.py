"""Imports sit at the top of a module; one inside a function is allowed only in the modules listed here, each for
a reason (what must not load before it is needed), and the test fails when another module starts doing it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# a module, or a package ending in "/", of which functions may import -> why
ALLOWED: dict[str, str] = {
    "main.py": "the window paints before any data or domain module loads (tests/e2e/test_first_paint_imports.py)",
    "gui/": "the first paint loads no database driver, workbook library or congress code (test_first_paint_imports)",
    "cli/": "a command loads only the modules it runs; parsing loads none (tests/unit/cli/test_parser.py)",
    "reports/": "openpyxl loads only when a workbook is written (tests/unit/reports/core/test_reports_imports.py)",
    "services/roster/jobs.py": "the members tab lists these jobs at its first paint: the ORM and writers load on a run",
    "services/roster/report_data.py": "a member list's export loads neither the statistics nor the reminder lists "
    "(tests/unit/cli/test_command_imports.py)",
    "services/scan_count/scan_stack.py": "the reader (numpy, PDFium, zxing) and the ballot drawing (reportlab) load "
    "only when a stack is read, not when the «Bầu cử» tab is built",
    "models/core/database.py": "playhouse and psycopg load only for a server's URL, not on a PC with a data file",
    "models/core/file_keys.py": "keyring and the OS credential store behind it load only when a key is kept or read",
    "models/core/sqlite_storage.py": "SQLCipher is tried at import and its key function only for an encrypted file",
    "models/roster/roster.py": "the status rules load after the first paint (an empty roster table needs none)",
    "models/roster/roster_pages.py": "the thread pool a server's later pages are read with loads for a server only, "
    "not before a file's roster is on screen (tests/e2e/test_first_paint_imports.py)",
    "models/core/postgres_driver.py": "psycopg is handed to peewee only when a server is opened (its import is slow)",
    "models/live_count/__init__.py": "the recount's code loads when a result is read, not with the tables (start-up)",
    "models/schema.py": "the migrations load only when a file is migrated (their migrator imports psycopg), the "
    "capabilities' tables only when a file is created or migrated (start-up)",
    "models/office/branch_moves.py": "playhouse's URL parsing and the PostgreSQL driver load only to reach a server",
    "models/core/bulk.py": "the PostgreSQL driver's protocol module loads only to settle a server's interrupted COPY",
    "models/counting/election.py": "`main.py count` loads no name rules (nor datetime): they only order candidates",
    "models/counting/record.py": "`main.py count` only reads: tempfile and pathlib load to write a record",
}


def _function_imports(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [n.lineno for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return sorted(set(lines))


def _allowed(rel: str) -> bool:
    return any(rel == key or (key.endswith("/") and rel.startswith(key)) for key in ALLOWED)


def test_only_the_listed_modules_import_inside_functions():
    paths = [
        ROOT / "main.py",
        *(p for package in ("models", "reports", "services", "cli", "gui") for p in (ROOT / package).rglob("*.py")),
    ]
    found = {}
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        if not _allowed(rel) and (lines := _function_imports(path)):
            found[rel] = lines
    assert found == {}, "import at the top of the module, or list it in ALLOWED with the reason"


def test_every_listed_module_still_needs_its_entry():
    for key in ALLOWED:
        paths = [ROOT / key] if not key.endswith("/") else list((ROOT / key).rglob("*.py"))
        assert any(_function_imports(p) for p in paths), f"{key} imports nothing inside functions any more"


def test_a_function_import_is_found_where_it_is_not_allowed(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\n\ndef f():\n    import json\n\n    return json, os\n")
    assert _function_imports(module) == [5] and not _allowed("models/roster/members.py")
