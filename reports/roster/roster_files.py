"""Opening an import file safely: size, kind (xlsx, old xls, encrypted, text) and formulas, before reading it.

A workbook is a zip archive: a 2 MB file can unpack into gigabytes (a "zip bomb" sharedStrings.xml, which openpyxl
loads whole). The archive's directory declares every part's unpacked size; their total is capped before anything is
unpacked. Python's zipfile never yields more than a part's declared size (a part that holds more fails its CRC
check, which the reader turns into ImportFileError), and what this module streams itself is counted as it is read.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from models.core.errors import os_error_text
from reports.core.errors import ImportFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
# Unpacked size of all parts: a 20,000-row roster of 26 columns unpacks to about 50 MB.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")
_NOT_XLSX = "Tệp «{name}» không phải là bảng tính Excel (.xlsx)."


def check_file(path: str | os.PathLike[str]) -> None:
    """Raise ImportFileError unless `path` looks like a readable .xlsx workbook of a sensible size."""
    file = Path(path)
    try:
        found = file.stat()
        if not stat.S_ISREG(found.st_mode):  # a pipe would block the read for ever, a device or folder is no workbook
            kind = "một thư mục" if stat.S_ISDIR(found.st_mode) else "một đường ống hay thiết bị"
            raise ImportFileError(f"«{file.name}» là {kind}, không phải tệp Excel; ChiBo không đọc nó.")
        size = found.st_size
        with file.open("rb") as handle:
            start = handle.read(8)
    except FileNotFoundError as exc:
        raise ImportFileError(f"Không tìm thấy tệp «{file.name}».") from exc
    except OSError as exc:
        raise ImportFileError(f"Không mở được tệp «{file.name}»: {os_error_text(exc)}.") from exc
    if size == 0:
        raise ImportFileError(f"Tệp «{file.name}» rỗng.")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Tệp «{file.name}» quá lớn ({size / 1024 / 1024:.0f} MB; giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB)."
        )
    if start == _OLE_MAGIC:
        with file.open("rb") as handle:
            if _ENCRYPTED_MARK in handle.read(min(size, 4 * 1024 * 1024)):
                raise ImportFileError(
                    f"Tệp «{file.name}» được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu, lưu lại rồi nhập lại."
                )
        raise ImportFileError(
            f"Tệp «{file.name}» là định dạng Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại dưới dạng "
            "«Sổ làm việc Excel (.xlsx)» rồi nhập lại."
        )
    if not start.startswith(b"PK"):
        raise ImportFileError(_NOT_XLSX.format(name=file.name))
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"Tệp «{file.name}» bị hỏng hoặc không phải là bảng tính Excel (.xlsx).") from exc
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise ImportFileError(_NOT_XLSX.format(name=file.name))
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise too_big_unpacked(file.name)


def too_big_unpacked(name: str) -> ImportFileError:
    return ImportFileError(
        f"Tệp «{name}» khi giải nén vượt quá {MAX_UNPACKED_BYTES // 1024 // 1024} MB dữ liệu: quá lớn cho một "
        "danh sách đảng viên, hoặc tệp bị hỏng. Hãy tách danh sách thành nhiều tệp nhỏ hơn."
    )


def open_workbook(path: str | os.PathLike[str], data_only: bool) -> Any:
    """Read-only workbook (the caller closes it); any failure of openpyxl becomes an ImportFileError."""
    try:
        reader = _reader_class()(path, read_only=True, data_only=data_only)  # as openpyxl's load_workbook
        reader.read()
        return reader.wb
    except Exception as exc:  # openpyxl raises many kinds on a malformed package
        raise ImportFileError(
            f"Không đọc được tệp «{Path(path).name}»: tệp bị hỏng hoặc không đúng định dạng."
        ) from exc


@contextmanager
def damage_reported(path: str | os.PathLike[str]) -> Iterator[None]:
    """Turn a damaged part found while streaming (bad CRC, a part longer than declared, broken XML) into
    ImportFileError."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError) as exc:  # SyntaxError: expat's and lxml's errors
        raise ImportFileError(
            f"Không đọc được tệp «{Path(path).name}»: tệp bị hỏng hoặc không đúng định dạng."
        ) from exc


def sheet_has_formulas(workbook: Any, ws: Any) -> bool:
    """Whether the sheet's XML holds any formula (only then is a second, formula-text pass needed)."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return True
    tail, read = b"", 0
    with archive.open(path) as source:
        while chunk := source.read(1 << 20):
            read += len(chunk)
            if read > MAX_UNPACKED_BYTES:
                raise too_big_unpacked(Path(str(getattr(archive, "filename", "") or "")).name)
            if _FORMULA_RE.search(tail + chunk):
                return True
            tail = chunk[-8:]
    return False


def sheet_rows(ws: Any) -> Iterator[list[dict[str, Any] | None]]:
    """The rows of a read-only worksheet from row 1, as its `iter_rows()` gives them (a missing row empty, every
    cell at its column's place, None where a row has no cell) but each cell as openpyxl's parser gives it: a dict of
    `value`, `data_type`, `style_id`, `row`, `column`. A cell object is made only where a style is read
    (`styled_cell`): a big roster's values are not wrapped one by one."""
    book = ws.parent
    with ws._get_source() as source:
        parser = _parser_class()(
            source,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        expected = 1
        for number, cells in parser.parse():
            if number < expected:  # a row given twice, or out of order: openpyxl keeps the first
                continue
            while expected < number:
                yield []
                expected += 1
            row: list[dict[str, Any] | None] = [None] * (cells[-1]["column"] if cells else 0)
            for cell in cells:
                row[cell["column"] - 1] = cell
            expected += 1
            yield row


def styled_cell(ws: Any, cell: dict[str, Any]) -> Any:
    """The read-only cell object of a parsed cell (sheet_rows), for its number format and font."""
    from openpyxl.cell.read_only import ReadOnlyCell

    return ReadOnlyCell(ws, **cell)


@lru_cache(maxsize=1)
def _parser_class() -> type:
    from openpyxl.utils import coordinate_to_tuple
    from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser

    class InlineTextParser(WorkSheetParser):
        """openpyxl's sheet parser (3.1), reading a cell of inline text (`<c t="inlineStr"><is>…</is></c>`, as
        openpyxl and other programs write a sheet) by its text alone: openpyxl builds a rich-text object for each
        such cell to take its text, the better part of reading a 20,000-row roster written that way. Every other
        cell is openpyxl's own reading."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            found = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
            if found is None or (not self.data_only and element.find(FORMULA_TAG) is not None):
                return super().parse_cell(element)
            coordinate, style = element.get("r"), element.get("s", 0)
            if coordinate:  # where the cell is, as openpyxl's parse_cell works it out
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            style_id = int(style) if style else 0
            return {"row": row, "column": column, "value": inline_text(found), "data_type": "s", "style_id": style_id}

    return InlineTextParser


@lru_cache(maxsize=1)
def _reader_class() -> type:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    item = f"{{{SHEET_MAIN_NS}}}si"

    class PlainTextReader(ExcelReader):
        """openpyxl's workbook reader (3.1), reading the shared strings (where Excel keeps a sheet's texts) by their
        text alone, as InlineTextParser reads inline text: the same strings as openpyxl's read_string_table."""

        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is None:
                return
            strings = []
            with self.archive.open(part.PartName[1:]) as source:
                for _event, node in iterparse(source):
                    if node.tag == item:
                        strings.append(inline_text(node).replace("x005F_", ""))
                        node.clear()
            self.shared_strings = strings

    return PlainTextReader


def inline_text(node: Any) -> str:
    """The text of an inline string (`<is>`) or a shared one (`<si>`) as openpyxl's Text(...).content gives it: its
    `t`, then the `t` of each run `r`, the phonetic runs left out (tags matched by their local name, as openpyxl
    does)."""
    plain, runs = None, []
    for child in node:
        tag = child.tag.rpartition("}")[2]
        if tag == "t":
            plain = child.text
        elif tag == "r":
            text = None
            for part in child:
                if part.tag.rpartition("}")[2] == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join(runs if plain is None else [plain, *runs])
