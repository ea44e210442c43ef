"""gui.core.operations is the one way a widget runs a domain operation: no other GUI module catches the domain's
refusals (DomainError and its subclasses) itself, so every refusal is shown the same way."""

from __future__ import annotations

import ast
from pathlib import Path

import models.core.errors as errors

ROOT = Path(__file__).resolve().parents[2]
SEAM = {"gui/core/operations.py"}
# worker-thread protocols, not widgets: a cancelled job and a failed backup are reported by signal to the GUI thread
WORKERS = {("gui/core/background.py", "Cancelled"), ("gui/core/auto_backups.py", "StorageError")}
# every class of the domain's error hierarchy: catching any of them is catching a refusal
REFUSALS = {
    name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, errors.DomainError)
}
REFUSALS |= {"MalformedError", "NothingToExport"}


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return set()
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = set()
    for node in nodes:
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def refusals_caught(source: str) -> list[tuple[int, str]]:
    """(line, name) of every `except` clause in `source` that catches one of the domain's refusals."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler):
            found += [(node.lineno, name) for name in sorted(_caught_names(node) & REFUSALS)]
    return found


def test_the_scan_sees_every_shape_of_catching_a_refusal():
    source = (
        "try:\n    a()\nexcept DomainError:\n    pass\n"
        "try:\n    a()\nexcept (OSError, errors.ValidationError) as exc:\n    pass\n"
        "try:\n    a()\nexcept EditConflictError:\n    pass\n"
        "try:\n    a()\nexcept OSError:\n    pass\n"
    )
    assert refusals_caught(source) == [(3, "DomainError"), (7, "ValidationError"), (11, "EditConflictError")]


def test_no_widget_module_catches_a_domain_refusal_itself():
    offenders = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in SEAM:
            continue
        caught = refusals_caught(path.read_text("utf-8"))
        offenders += [f"{relative}:{line} catches {name}" for line, name in caught if (relative, name) not in WORKERS]
    assert offenders == [], "run the operation through gui.core.operations.run instead:\n" + "\n".join(offenders)
