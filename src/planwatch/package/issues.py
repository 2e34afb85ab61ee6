"""Problems found in a plan data package, each pointing at a file, a row and a column."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.core.errors import PlanwatchError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class PackageIssue:
    """One problem in a package.

    ``row`` is the spreadsheet row number: the header is row 1, the first data row is row 2; 0 means
    the whole file (a missing file). ``column`` is the column name, or a dotted key for YAML files
    (``region.code``), or "" when the issue is about the whole row or file.
    """

    file: str
    row: int
    column: str
    message_zh: str
    message_en: str
    code: str
    severity: str = ERROR  # "error" stops loading; "warning" (an ignored column) does not

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def format(self, lang: str = "zh") -> str:
        """``file:row:column: message``, the form ``planwatch validate`` prints."""
        prefix = "" if self.is_error else ("警告: " if lang != "en" else "warning: ")
        return f"{self.file}:{self.row}:{self.column}: {prefix}{self.message(lang)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


class PackageError(PlanwatchError):
    """A package that cannot be loaded; ``issues`` lists every problem found, errors and warnings."""

    def __init__(self, issues: list[PackageIssue]) -> None:
        self.issues = list(issues)
        super().__init__(self.format("zh"))

    @property
    def errors(self) -> list[PackageIssue]:
        return [i for i in self.issues if i.is_error]

    def format(self, lang: str = "zh") -> str:
        return "\n".join(i.format(lang) for i in self.issues)

    def __str__(self) -> str:
        return self.format("zh")
