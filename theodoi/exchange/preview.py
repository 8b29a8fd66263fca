"""What an import would do, shown before anything is written: the same for pages and the API."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from theodoi.exchange.readers import Issue


@dataclass
class Question:
    """A name that matches several agencies: the person chooses, the choice is kept by text."""

    key: str  # the folded text: one answer serves every cell that wrote the same name
    text: str
    candidates: list  # [(code, name)]
    cells: list[str] = field(default_factory=list)  # "Trang 'Nhiệm vụ', dòng 7, cột C"

    def as_dict(self):
        return {
            "key": self.key,
            "text": self.text,
            "cells": self.cells,
            "candidates": [{"code": c, "name": n} for c, n in self.candidates],
        }


@dataclass
class Preview:
    kind: str
    filename: str
    rows: list = field(default_factory=list)  # dicts, one per data row (see each importer)
    errors: list[Issue] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    token: str = ""
    sheet: str = ""  # the sheet (or CSV file) the rows come from, to place later errors
    csv: bool = False
    unmapped: list = field(
        default_factory=list
    )  # DHIS2 ids without a mapping: reported, not written

    @property
    def can_commit(self) -> bool:
        return (
            not self.errors
            and not self.questions
            and any(r.get("status") != "skip" for r in self.rows)
        )

    def error_message(self) -> str:
        if not self.errors:
            return ""
        first = self.errors[0]
        return _("Chưa ghi gì: tệp có %(n)s lỗi. Lỗi đầu tiên — %(first)s") % {
            "n": len(self.errors),
            "first": first,
        }

    def as_dict(self) -> dict:
        return {
            "token": self.token,
            "kind": self.kind,
            "filename": self.filename,
            "can_commit": self.can_commit,
            "summary": self.summary,
            "errors": [i.as_dict() for i in self.errors],
            "notices": [i.as_dict() for i in self.notices],
            "questions": [q.as_dict() for q in self.questions],
            "rows": [{k: v for k, v in r.items() if not k.startswith("_")} for r in self.rows],
            "unmapped": self.unmapped,
        }


def for_template(kept: dict) -> dict:
    """A preview kept as JSON by a preview job (Preview.as_dict(), the API's shape) as the
    preview pages read it: the same names as a Preview, issues as their text, candidates
    as (code, name)."""

    def text(issue) -> str:
        return issue["message"] if isinstance(issue, dict) else str(issue)

    return {
        **kept,
        "errors": [text(i) for i in kept.get("errors", [])],
        "notices": [text(i) for i in kept.get("notices", [])],
        "questions": [
            {**q, "candidates": [(c["code"], c["name"]) for c in q.get("candidates", [])]}
            for q in kept.get("questions", [])
        ],
    }
