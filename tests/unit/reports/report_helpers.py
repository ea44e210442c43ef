"""Helpers shared by report tests."""

from __future__ import annotations


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def find_row(ws, text: str) -> int:
    """Row number of the first cell whose value equals `text`."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row
    raise AssertionError(f"{text!r} not found")
