"""The pages of a scanned stack, one at a time: a multi-page PDF (rendered by PDFium) or a folder of images."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, UnidentifiedImageError

from models.core.errors import UnreadableInputError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
PDF_DPI = 150.0  # a scanned PDF page is rendered at this resolution
DEFAULT_DPI = 200.0  # an image that does not say its resolution


@dataclass(frozen=True)
class ScannedPage:
    grey: np.ndarray  # uint8, height x width
    rgb: np.ndarray | None  # uint8 height x width x 3 for a colour scan, else None
    dpi: float


def _unreadable(path: Path, what: str = "") -> UnreadableInputError:
    detail = f" ({what})" if what else ""
    return UnreadableInputError(
        f"Không đọc được tệp «{path.name}»{detail}: hãy chọn tệp PDF hoặc thư mục ảnh (PNG, JPG, TIFF) do máy "
        "quét tạo ra.",
        "source",
    )


def stack_files(source: Path) -> list[Path]:
    """The files of a folder of images, in stack order (by name, numbers in the names counted as numbers)."""

    def key(path: Path) -> list[object]:
        return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]

    return sorted((p for p in source.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()), key=key)


def count_pages(source: Path) -> int:
    if not source.exists():
        raise UnreadableInputError(f"Không thấy tệp hoặc thư mục «{source.name}».", "source")
    if source.is_dir():
        files = stack_files(source)
        if not files:
            raise UnreadableInputError(
                f"Thư mục «{source.name}» không có ảnh phiếu quét nào (PNG, JPG, TIFF).", "source"
            )
        return len(files)
    if source.suffix.lower() == ".pdf":
        document = _open_pdf(source)
        try:
            return len(document)
        finally:
            document.close()
    if source.suffix.lower() in IMAGE_SUFFIXES:
        return 1
    raise _unreadable(source, "không phải PDF hay ảnh")


def _open_pdf(path: Path):  # noqa: ANN202 - pypdfium2's document
    try:
        return pypdfium2.PdfDocument(str(path))
    except (pypdfium2.PdfiumError, OSError, ValueError) as error:
        raise _unreadable(path, "tệp PDF hỏng hoặc có mật khẩu") from error


def iter_pages(source: Path) -> Iterator[ScannedPage]:
    if source.is_dir():
        for path in stack_files(source):
            yield load_image(path)
    elif source.suffix.lower() == ".pdf":
        yield from _pdf_pages(source)
    else:
        yield load_image(source)


def _pdf_pages(path: Path) -> Iterator[ScannedPage]:
    document = _open_pdf(path)
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                bitmap = page.render(scale=PDF_DPI / 72)
                image = bitmap.to_pil()
            except (pypdfium2.PdfiumError, OSError, ValueError) as error:
                raise _unreadable(path, f"trang {index + 1} hỏng") from error
            yield _from_pil(image, PDF_DPI)
    finally:
        document.close()


def load_image(path: Path) -> ScannedPage:
    try:
        with Image.open(path) as image:
            image.load()
            dpi = image.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
            return _from_pil(image, float(dpi), colour_mode=image.mode in ("RGB", "RGBA", "CMYK", "YCbCr"))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise _unreadable(path, "ảnh hỏng hoặc không phải ảnh") from error


def _from_pil(image, dpi: float, colour_mode: bool = False) -> ScannedPage:  # noqa: ANN001 - a PIL image
    """A page as grey, and as colour too when it is a colour scan: an image file saved in colour, or a PDF page
    (always rendered in colour) that has colour somewhere (a red stamp)."""
    if dpi < 50 or dpi > 1200:
        dpi = DEFAULT_DPI
    rgb = None
    if image.mode not in ("L", "1", "I", "I;16", "LA", "P"):
        colour = np.asarray(image.convert("RGB"))
        if colour_mode or _has_colour(colour):
            rgb = colour
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    return ScannedPage(grey, rgb, dpi)


def _has_colour(colour: np.ndarray) -> bool:
    sample = colour[::4, ::4].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return bool((spread > 60).mean() > 0.0005)
