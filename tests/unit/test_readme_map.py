"""What README.md and docs/ tell a newcomer about the tree holds: every file they cite exists, and every package of
models/, services/, reports/ and gui/ is named in the README's «Where things are» and in docs/architecture.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CITED = re.compile(r"`([A-Za-z0-9_./-]+\.(?:py|md|json|txt|spec|ico|png|svg|toml|sh))`|\]\(([A-Za-z0-9_./-]+)\)")
LAYERS = ("models", "services", "reports", "gui")


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return listed.splitlines()


def test_every_file_cited_exists():
    tracked = _tracked()
    missing = []
    for doc in DOCS:
        for match in CITED.finditer(doc.read_text(encoding="utf-8")):
            cited = match.group(1) or match.group(2)
            if "<" in cited or cited.startswith("http"):
                continue
            here = (doc.parent / cited).exists() or (ROOT / cited).exists()
            if not here and not any(path == cited or path.endswith(f"/{cited}") for path in tracked):
                missing.append(f"{doc.name}: {cited}")
    assert missing == []


def test_every_package_is_on_the_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = [
        f"{layer}/{folder.name}"
        for layer in LAYERS
        for folder in sorted((ROOT / layer).iterdir())
        if (folder / "__init__.py").is_file()
    ]
    assert [p for p in packages if f"`{p}/`" not in readme] == []
    assert [p for p in packages if f"`{p}`" not in architecture] == []


PLACEHOLDER = re.compile(r"\bN\b|[{<#]|(^|\s)…(\s|$)")


def _source_texts() -> str:
    """Every text of the product's code, access keys (&) taken out, "..." read as "…"."""
    texts = (path.read_text(encoding="utf-8") for part in (*LAYERS, "cli") for path in (ROOT / part).rglob("*.py"))
    return "".join(texts).replace("&", "").replace("...", "…")


def test_every_label_quoted_is_one_the_product_shows():
    """A button, menu, tab or message the README or docs/ quote in «…» exists as written (a menu path «Tệp › …» part
    by part); a quote with a placeholder (N, {name}, <tệp>, …) or naming a section of the docs is not a label."""
    source = _source_texts()
    headings = " ".join(
        line for doc in DOCS for line in doc.read_text(encoding="utf-8").splitlines() if "#" in line or "**" in line
    )
    stale = []
    for doc in DOCS:
        if doc.name == "domain.md":  # quotes the regulations' own words
            continue
        for quoted in re.findall(r"«([^«»]+)»", doc.read_text(encoding="utf-8")):
            label = " ".join(quoted.split())
            if PLACEHOLDER.search(label) or label in headings:
                continue
            if not all(part in source for part in label.split(" › ")):
                stale.append(f"{doc.name}: «{label}»")
    assert stale == []


def test_the_docs_index_lists_every_page():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    pages = [doc.name for doc in DOCS if doc.parent.name == "docs" and doc.name != "README.md"]
    assert [page for page in pages if f"]({page})" not in index] == []
