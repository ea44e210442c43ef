"""Reading scanned paper ballots: registration, the QR code of the round, each mark against the blank template.

`reading` holds the values the engine gives (pure Python); `stack.read_stack` reads a scanned stack (it
loads numpy, Pillow and the PDF rasteriser, so import it only when reading).
"""

from models.scanning.reading import (
    DOUBT_LABELS,
    Box,
    Doubt,
    DoubtKind,
    MarkReading,
    PageReading,
    ScanTarget,
    image_hash,
)

__all__ = [
    "DOUBT_LABELS",
    "Box",
    "Doubt",
    "DoubtKind",
    "MarkReading",
    "PageReading",
    "ScanTarget",
    "image_hash",
]
