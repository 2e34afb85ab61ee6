"""Every way of writing a number, made one before reading: a text of the same length, character for character.

ASCII clause marks (, ; : ( ) ! ?) become the full-width ones Chinese text uses, except a comma between
digit groups (27,894), so that a report typed with ASCII commas reads as one typed with full-width ones.

``normalize(text)`` maps full-width digits, letters, points, percent and plus/minus signs to ASCII
(３６４０．７亿元 → 3640.7亿元, ６．２％ → 6.2%, ＰＭ２．５ → PM2.5), a full-width comma between digit groups
to a thousands separator (２７，８９４ → 27,894), and a thin or no-break space between digits to a space
(1 250.4 is read by the figure pattern as one number). Each character maps to exactly one character, so
offsets into the normalised text are offsets into the original: a fact's ``text`` is the original's.

``digit_run_warnings(text)`` finds runs of digits that cannot be read cleanly (12,34亿元, 1.2.3%,
1,2345万元): the figure reader gives no fact for them and the checker reports a warning instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FULL = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULL.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULL.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULL.update({"％": "%", "／": "/", "＋": "+", "﹪": "%"})
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000"
_TABLE = str.maketrans(_FULL)
_FULL_WIDTH = re.compile(r"[\uff05\uff0b\uff0d\uff0e\uff0f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a﹪]")
_ODD_SPACE = re.compile(rf"[0-9][{_SPACES}][0-9]")
_HAS_MARKS = re.compile(r"[,;:!?()]")
_DIGIT = frozenset("0123456789")
# points, minus signs and commas are numeric only next to digits
_FW_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")
_FW_MINUS = re.compile(r"－(?=[0-9])")
_FW_GROUP = re.compile(r"(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")
_SPACE_IN_NUMBER = re.compile(rf"(?<=[0-9])[{_SPACES}](?=[0-9])")
# ASCII clause marks written in Chinese text are the full-width ones (a comma between digit groups stays)
_ASCII_MARKS = re.compile(r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))|[;:!?()]")
_MARK = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_MARKS_TABLE = str.maketrans(_MARK)
_DIGIT_COMMA = re.compile(r"[0-9],[0-9]")
_GROUP_BACK = re.compile(r"(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")


def normalize(text: str) -> str:
    """The text with numbers and clause marks written one way; same length as ``text``."""
    return normalize_marks(normalize_numbers(text))


def normalize_numbers(text: str) -> str:
    """Full-width digits, points, percent signs, digit-group commas and spaces inside numbers made ASCII."""
    out = text
    if _FULL_WIDTH.search(out):
        out = out.translate(_TABLE)
        out = _FW_POINT.sub(".", out)
        out = _FW_MINUS.sub("-", out)
        out = _FW_GROUP.sub(",", out)
    if _ODD_SPACE.search(out):
        out = _SPACE_IN_NUMBER.sub(" ", out)
    return out


def normalize_marks(text: str) -> str:
    """ASCII clause marks made full width (a comma between digit groups stays)."""
    if not _HAS_MARKS.search(text):
        return text
    out = text.translate(_MARKS_TABLE)
    if "，" in out and _DIGIT_COMMA.search(text):  # 27,894: put the digit-group commas back
        out = _GROUP_BACK.sub(",", out)
    return out


@dataclass(frozen=True, slots=True)
class NumberWarning:
    start: int
    end: int
    text: str
    reason: str  # "grouping" (1,2345) | "points" (1.2.3)

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


# a run of digits joined by commas or points (no spaces: those separate table cells)
_RUN = re.compile(r"(?<![0-9A-Za-z.,])[0-9]+(?:[.,][0-9]+)+")
_GOOD = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_VERSION_BEFORE = re.compile(r"[A-Za-z]\s?$|版本?$")


def digit_run_warnings(norm: str) -> list[NumberWarning]:
    """Digit runs that are no number: bad thousands grouping or more than one decimal point."""
    out: list[NumberWarning] = []
    for m in _RUN.finditer(norm):
        run = m.group()
        if _GOOD.match(run):
            continue
        if _VERSION_BEFORE.search(norm[max(0, m.start() - 3) : m.start()]) or norm[m.end() : m.end() + 1] == "版":
            continue  # V2.1.3, 4.0.1版: version numbers, not figures
        if "," not in run and run.count(".") == 2 and _is_date(run):
            continue  # 2021.6.30: a date
        reason = "points" if run.count(".") > 1 else "grouping"
        out.append(NumberWarning(m.start(), m.end(), run, reason))
    return out


def _is_date(run: str) -> bool:
    y, mo, d = run.split(".")
    return len(y) == 4 and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31


def bad_spans(warnings: list[NumberWarning]) -> list[tuple[int, int]]:
    return [(w.start, w.end) for w in warnings]
