"""Render a workbook as LibreOffice prints it, for the tests that look at the printed pages."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path


def to_pdf(xlsx: Path, folder: Path) -> Path:
    """Convert `xlsx` to PDF in `folder` with a throwaway LibreOffice profile; returns the PDF's path."""
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    try:
        subprocess.run([*command, str(folder), str(xlsx)], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return folder / f"{xlsx.stem}.pdf"


def page_texts(pdf: Path) -> list[str]:
    """The text of each printed page that holds any (pdftotext's layout mode)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]
