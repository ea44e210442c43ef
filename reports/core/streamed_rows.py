"""A streamed sheet's table rows written as XML text, byte for byte what openpyxl writes, without an element object
per cell.

openpyxl serialises every cell of a write-only sheet through an ElementTree element and a namespace-aware writer:
about two thirds of the time of a 5,000-member list. Here each row is one string: the `<row>` with its attributes,
then each cell as openpyxl's cell writer (openpyxl.cell._writer.etree_write_cell) writes it: inline text (with
xml:space="preserve" where the text starts or ends with white space), numbers, dates as Excel serial numbers, empty
styled cells. The values are still bound by openpyxl (the cell's `value` setter checks and types them), and any
other cell (a formula, rich text, a date written as ISO text, a comment, a link) goes through openpyxl's own cell
writer. Only for openpyxl's standard-library XML writer (et_xmlfile): with lxml installed, openpyxl writes itself.
tests/unit/reports/core/test_streamed_rows.py compares the sheet with openpyxl's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any


def fast_row_writer(ws: Any) -> Callable[[Any, Iterable[Any], int], None] | None:
    """A replacement for the write_row(xf, cells, row_index) of `ws`'s writer (made already), or None where it does
    not apply."""
    from openpyxl import LXML
    from openpyxl.cell._writer import etree_write_cell
    from openpyxl.compat import safe_string
    from openpyxl.utils.datetime import to_excel

    if LXML:
        return None
    dims, epoch, iso_dates = ws.row_dimensions, ws.parent.epoch, ws.parent.iso_dates
    openpyxl_write_row = ws._writer.write_row

    def write_row(xf: Any, cells: Iterable[Any], row_index: int) -> None:
        write = getattr(xf, "_file", None)  # et_xmlfile's output (a later version may name it otherwise)
        if write is None:
            openpyxl_write_row(xf, cells, row_index)
            return
        height = dims.get(row_index)
        parts = [f'<row r="{row_index}"']
        if height:
            parts += [f' {key}="{_attribute(str(value))}"' for key, value in dict(height).items()]
        parts.append(">")
        for cell in cells:
            value, kind, styled = cell._value, cell.data_type, cell.has_style
            if value is None and not styled and cell._comment is None:
                continue
            style = f' s="{cell.style_id}"' if styled else ""
            if cell._comment is not None or cell.hyperlink:
                text = None
            elif (value is None or value == "") and kind != "f":
                text = f'<c r="{cell.coordinate}"{style} t="{"inlineStr" if kind == "s" else kind}" />'
            elif kind == "s" and type(value) is str:
                stripped = value.strip()
                space = ' xml:space="preserve"' if stripped and stripped != value else ""
                text = f'<c r="{cell.coordinate}"{style} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
            elif kind == "n" and type(value) in (int, float):
                text = f'<c r="{cell.coordinate}"{style} t="n">{_number(safe_string(value))}</c>'
            elif (
                kind == "d" and not iso_dates and (type(value) is date or type(value) is datetime and not value.tzinfo)
            ):
                text = f'<c r="{cell.coordinate}"{style} t="n">{_number(safe_string(to_excel(value, epoch)))}</c>'
            else:
                text = None
            if text is not None:
                parts.append(text)
                continue
            write("".join(parts))  # what is not plain goes through openpyxl's own cell writer, in its place
            parts = []
            if cell._comment is not None:
                from openpyxl.comments.comment_sheet import CommentRecord

                ws._comments.append(CommentRecord.from_cell(cell))
            etree_write_cell(xf, ws, cell, styled)
        parts.append("</row>")
        write("".join(parts))

    return write_row


def _number(text: str) -> str:
    """A number's <v> element: empty for what openpyxl writes as "" (not a number, infinite)."""
    return f"<v>{text}</v>" if text else "<v />"


def _text(text: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(raw, escaped)
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
