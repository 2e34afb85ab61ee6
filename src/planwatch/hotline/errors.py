"""The hotline's errors: a bad ticket row names its file, row and field; all derive from PlanwatchError."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.core.errors import PlanwatchError


@dataclass(frozen=True, slots=True)
class TicketIssue:
    """One problem in a ticket file. ``row`` is the spreadsheet row for CSV and Excel (header = 1, first
    ticket = 2) and the record number for Parquet (first ticket = 1); 0 is the whole file."""

    file: str
    row: int
    field: str
    reason_zh: str
    reason_en: str

    def format(self, lang: str = "zh") -> str:
        return f"{self.file}:{self.row}:{self.field}: {self.reason_en if lang == 'en' else self.reason_zh}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "field": self.field,
                "reason_zh": self.reason_zh, "reason_en": self.reason_en}


class HotlineError(PlanwatchError):
    """Bad hotline input: a rule file, a period, a store, options."""


class TicketFileError(HotlineError):
    """A ticket file that cannot be read or has bad rows; nothing was loaded. ``total`` counts every
    problem found, ``issues`` keeps the first of them (at most ``TicketFileError.KEEP``)."""

    KEEP = 200

    def __init__(self, issues: list[TicketIssue], total: int | None = None) -> None:
        self.issues = issues[: self.KEEP]
        self.total = total if total is not None else len(issues)
        super().__init__(self.format("zh"))

    def format(self, lang: str = "zh", limit: int = 20) -> str:
        lines = [i.format(lang) for i in self.issues[:limit]]
        more = self.total - len(lines)
        if more > 0:
            lines.append(f"… {more} more problem(s)" if lang == "en" else f"…… 另有 {more} 个问题")
        return "\n".join(lines)
