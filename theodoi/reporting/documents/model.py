"""What an official document says, independent of how it is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class FigureRow:
    """One indicator in an appendix: the 8 columns of the province's tables (STT is the row
    number)."""

    name: str
    unit: str
    plan: Decimal | None = None
    actual: Decimal | None = None
    plan_pct: Decimal | None = None
    previous: Decimal | None = None
    yoy_pct: Decimal | None = None
    decimals: int | None = None


@dataclass
class FigureTable:
    """The figures of one field (lĩnh vực): one Word table, one Excel sheet."""

    field: str
    rows: list[FigureRow] = field(default_factory=list)


@dataclass
class Signature:
    authority: str  # "TM. ỦY BAN NHÂN DÂN" (empty when the head signs in their own name)
    position: str  # "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    name: str = ""


@dataclass
class OfficialDocument:
    """A report (báo cáo) as Nghị định 30/2020 or, for a Party body, Hướng dẫn 36-HD/VPTW lays it
    out."""

    issuer: str  # "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" / "SỞ TÀI CHÍNH" / "TỈNH ỦY LÂM ĐỒNG"
    issuer_parent: str = (
        ""  # "UBND TỈNH LÂM ĐỒNG" above a department; "ĐẢNG BỘ TỈNH LÂM ĐỒNG" above a Party body
    )
    number: str = ""  # "" while not issued: "Số:      /BC-UBND"
    symbol: str = "BC-UBND"
    place: str = "Lâm Đồng"
    date: date | None = None
    kind: str = "BÁO CÁO"
    title: str = ""  # the summary line under the kind
    sections: list[Section] = field(default_factory=list)
    tables: list[FigureTable] = field(default_factory=list)
    appendix_title: str = ""
    signature: Signature | None = None
    recipients: list[str] = field(default_factory=list)
    party: bool = False

    @property
    def number_line(self) -> str:
        """ "Số: 05/BC-UBND" (State), "Số 36-BC/TU" (Party); blanks for the number before
        issuing."""
        if self.party:
            return f"Số {self.number or '      '}-{self.symbol}"
        return f"Số: {self.number or '      '}/{self.symbol}"
