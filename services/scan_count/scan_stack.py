"""Read a scanned stack (a PDF or a folder of images) into a round's scanned pass: each page kept with its image and
appended when the reader is certain of it, the others left in the review queue for a person
(models.live_count.scan_pass). The scan continues the round's latest scanned pass (the next bundle of the same
stack) or starts one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from models.congress.tables import ElectionRound
from models.core.errors import NotFoundError
from models.live_count.passes import round_passes, start_pass
from models.live_count.scan_pass import QueuedPage, add_page, review_queue
from models.scanning.reading import PageReading, ScanTarget

Reader = Callable[..., Iterable[PageReading]]


@dataclass(frozen=True)
class ScanReport:
    """What a scan did: the pass written, pages read, ballots appended, and the pages waiting for a person."""

    pass_no: int
    pages: int
    appended: int
    waiting: tuple[QueuedPage, ...]
    repeated: int = 0  # pages read into the pass before (the same files scanned again): skipped

    def lines(self) -> list[str]:
        """The report in Vietnamese, one line per page waiting (for the terminal and the review list file)."""
        out = [f"Lượt {self.pass_no} (quét phiếu): đọc {self.pages} trang, ghi {self.appended} phiếu chắc chắn."]
        if self.repeated:
            out.append(f"Bỏ qua {self.repeated} trang đã đọc vào lượt này trước đó (cùng ảnh quét).")
        if self.waiting:
            out.append(f"{len(self.waiting)} trang chờ Ban kiểm phiếu quyết định:")
            out += [f"  Trang {q.page}: {'; '.join(q.doubt_labels)}." for q in self.waiting]
        return out


def scan_target(round_id: int) -> ScanTarget:
    """What the round's printed ballots name and show (services.scanning, which prints them)."""
    from services.scanning.ballot_pdf import scan_target as election_target  # loads the PDF drawing: when reading

    row = ElectionRound.get_or_none(ElectionRound.id == round_id)
    if row is None:
        raise NotFoundError(f"Không có lần bầu mã {round_id} trong tệp dữ liệu.")
    return election_target(row.election_id, row.number)


def _default_reader(source: Path, target: ScanTarget, *, progress=None) -> Iterator[PageReading]:
    from models.scanning.stack import read_stack  # loads numpy and the rasteriser: only when reading

    return read_stack(source, target, progress=progress)


def scan_pass_for(round_id: int, entered_by: str = "") -> int:
    """The round's latest scanned pass not set aside, or a new one."""
    scanned = [p.number for p in round_passes(round_id) if p.source == "scanned" and not p.set_aside]
    return scanned[-1] if scanned else start_pass(round_id, "scanned", entered_by).number


def scan_stack(
    round_id: int,
    source: Path,
    entered_by: str = "",
    *,
    progress: Callable[[int, int], bool] | None = None,
    reader: Reader | None = None,
) -> ScanReport:
    """Read `source` into the round's scanned pass, page by page (each page its own transaction: a kill keeps every
    page read before it). `progress(done, total)` returning False stops after the page being read."""
    target = scan_target(round_id)
    pass_no = scan_pass_for(round_id, entered_by)
    pages = appended = repeated = 0
    for reading in (reader or _default_reader)(Path(source), target, progress=progress):
        pages += 1
        outcome = add_page(round_id, pass_no, reading, entered_by)
        appended += outcome.appended and not outcome.repeated
        repeated += outcome.repeated
    return ScanReport(pass_no, pages, appended, tuple(review_queue(round_id, pass_no)), repeated)
