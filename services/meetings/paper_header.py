"""The header of a paper the branch's meetings leave (a vote's paper, the applicant's path's resolutions and minutes):
the branch's blocks, the date, and the number in the term of the branch's latest congress opened by that date (no
number when the branch has none)."""

from __future__ import annotations

from datetime import date

from models.congress.congresses import list_congresses
from models.congress.numbering import document_number
from models.core.branch import get_branch
from models.core.practice_flag import watermark
from reports.core.party_document import DocumentHeader


def paper_header(on: date, doc_type: str, document: str, title: str) -> DocumentHeader:
    branch = get_branch()
    congresses = [c for c in list_congresses() if c.opens_on <= on]
    number = ""
    if congresses and congresses[0].id is not None:
        number = document_number(congresses[0].id, doc_type, document, title).text
    return DocumentHeader(
        "\n".join(branch.higher_lines) if branch else "",
        branch.name if branch else "Chi bộ",
        number,
        branch.place if branch else "",
        on,
        watermark(),
    )
