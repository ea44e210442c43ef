"""A QR code as a PNG picture placed on a sheet, without Pillow: segno (pure Python) writes the PNG itself, and
openpyxl's `Image` is given the bytes and size it would otherwise ask Pillow for."""

from __future__ import annotations

import io
from typing import Any


def qr_png(text: str, scale: int = 3) -> tuple[bytes, int]:
    """(PNG bytes, side in pixels) of `text` as a QR code, error correction M, with its quiet zone."""
    import segno

    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue(), int(code.symbol_size(scale=scale, border=4)[0])


def place_qr(ws: Any, text: str, anchor: str, side_px: int = 132) -> None:
    """Put the QR of `text` on `ws` with its top-left corner in cell `anchor`, `side_px` pixels square."""
    from openpyxl.drawing.image import Image

    data, _size = qr_png(text)

    class _Png(Image):
        def __init__(self) -> None:  # noqa: D107 - Image.__init__ would open the bytes with Pillow
            self.ref, self.format, self.width, self.height = data, "png", side_px, side_px

        def _data(self) -> bytes:
            return data

    ws.add_image(_Png(), anchor)
