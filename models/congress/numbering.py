"""Document numbers ("Số 01-BB/CB"): a sequence per document type through the term (Hướng dẫn 36-HD/VPTW).

Each paper keeps the number it was first given, so printing it again prints the same number. A number can be
corrected (to match a paper numbered by hand) to any number no other paper of that type and term carries; the
sequence only goes up, so a number once handed out is never handed out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.congress.congresses import congress_row
from models.congress.tables import DocumentNumber, DocumentSequence
from models.core.branch import get_branch, of_current_branch
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db

DOC_TYPES: dict[str, str] = {
    "BB": "Biên bản",
    "BC": "Báo cáo",
    "NQ": "Nghị quyết",
    "TTr": "Tờ trình",
    "DS": "Danh sách",
    "QĐ": "Quyết định",  # a branch's discipline decision (models.meetings)
}


@dataclass(frozen=True)
class DocumentNo:
    doc_type: str
    number: int
    document: str
    title: str
    issuer_abbr: str

    @property
    def text(self) -> str:
        """ "Số 01-BB/CB" (without an issuer abbreviation: "Số 01-BB")."""
        suffix = f"/{self.issuer_abbr}" if self.issuer_abbr else ""
        return f"Số {self.number:02d}-{self.doc_type}{suffix}"


def _abbr() -> str:
    branch = get_branch()
    return branch.issuer_abbr if branch else ""


def _no(row) -> DocumentNo:
    return DocumentNo(row.doc_type, row.number, row.document, row.title, _abbr())


def _check_type(doc_type: str) -> None:
    if doc_type not in DOC_TYPES:
        raise ValidationError(f"Loại văn bản «{doc_type}» không có (chỉ có {', '.join(DOC_TYPES)}).", "doc_type")


def document_number(congress_id: int, doc_type: str, document: str, title: str = "") -> DocumentNo:
    """The number of one paper of the congress's term: the one it already has, or the next of the sequence."""

    _check_type(doc_type)
    with db.atomic():
        congress = congress_row(congress_id, writable=False)
        term = dict(term_start=congress.term_start, term_end=congress.term_end)
        mine = of_current_branch(DocumentNumber) & (DocumentNumber.document == document)
        found = DocumentNumber.get_or_none(mine)
        if found is not None:
            return _no(found)
        sequence = DocumentSequence.get_or_none(_sequence_of(doc_type, congress))
        if sequence is None:
            sequence = DocumentSequence.create(doc_type=doc_type, last_number=0, **term)
        number = sequence.last_number + 1
        while _taken(doc_type, number, congress):  # a corrected number ahead of the sequence
            number += 1
        DocumentSequence.update(last_number=number).where(DocumentSequence.id == sequence.id).execute()
        row = DocumentNumber.create(doc_type=doc_type, number=number, document=document, title=title, **term)
        return _no(row)


def _sequence_of(doc_type: str, congress):
    return (
        of_current_branch(DocumentSequence)
        & (DocumentSequence.doc_type == doc_type)
        & (DocumentSequence.term_start == congress.term_start)
        & (DocumentSequence.term_end == congress.term_end)
    )


def _taken(doc_type: str, number: int, congress, document: str | None = None) -> bool:
    query = DocumentNumber.select().where(
        of_current_branch(DocumentNumber)
        & (DocumentNumber.doc_type == doc_type)
        & (DocumentNumber.number == number)
        & (DocumentNumber.term_start == congress.term_start)
        & (DocumentNumber.term_end == congress.term_end)
    )
    if document is not None:
        query = query.where(DocumentNumber.document != document)
    return query.exists()


def correct_number(congress_id: int, document: str, number: int) -> DocumentNo:
    """Give a paper another number; refused when another paper of the type and term has it."""

    if not 1 <= number <= 9999:
        raise ValidationError(f"Số văn bản phải từ 1 đến 9999; đang là {number}.", "number")
    with db.atomic():
        congress = congress_row(congress_id, writable=False)
        row = DocumentNumber.get_or_none(of_current_branch(DocumentNumber) & (DocumentNumber.document == document))
        if row is None:
            raise ValidationError("Văn bản này chưa được cấp số.", "document")
        if _taken(row.doc_type, number, congress, document):
            raise ConflictError(f"Số {number:02d}-{row.doc_type} đã dùng cho văn bản khác trong nhiệm kỳ.")
        DocumentNumber.update(number=number).where(DocumentNumber.id == row.id).execute()
        ahead = _sequence_of(row.doc_type, congress) & (DocumentSequence.last_number < number)
        DocumentSequence.update(last_number=number).where(ahead).execute()
        return _no(DocumentNumber.get_by_id(row.id))


def numbers_of_term(congress_id: int) -> list[DocumentNo]:
    """Every number handed out in the congress's term, by type then number."""

    congress = congress_row(congress_id, writable=False)
    query = (
        DocumentNumber.select()
        .where(
            of_current_branch(DocumentNumber)
            & (DocumentNumber.term_start == congress.term_start)
            & (DocumentNumber.term_end == congress.term_end)
        )
        .order_by(DocumentNumber.doc_type, DocumentNumber.number)
    )
    return [_no(row) for row in query]
