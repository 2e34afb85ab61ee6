"""Writing facts, checks and warnings: linter-style text (file:line:col: message) or JSON."""

from __future__ import annotations

import json
from typing import Any

from .checks import Check
from .document import Document
from .messages import message, warning_message
from .model import Fact
from .normalize import NumberWarning


def as_json(facts: list[Fact], checks: list[Check], warnings: list[NumberWarning] | None = None,
            doc: Document | None = None) -> str:
    data: dict[str, Any] = {"facts": [f.as_json() for f in facts], "checks": [c.as_json() for c in checks]}
    data["warnings"] = [_warning_json(w, doc) for w in warnings or []]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _warning_json(w: NumberWarning, doc: Document | None) -> dict[str, Any]:
    line, col = doc.line_col(w.start) if doc else (0, 0)
    return {**w.as_json(), "line": line, "col": col, "message": warning_message(w, "zh"),
            "message_en": warning_message(w, "en")}


def as_text(name: str, facts: list[Fact], checks: list[Check], lang: str = "zh", verbose: bool = False,
            warnings: list[NumberWarning] | None = None, doc: Document | None = None) -> str:
    rows: list[tuple[int, int, str]] = [
        (c.line, c.col, message(c, lang)) for c in checks if verbose or c.status == "inconsistent"
    ]
    for w in warnings or []:
        line, col = doc.line_col(w.start) if doc else (0, 0)
        rows.append((line, col, warning_message(w, lang)))
    rows.sort(key=lambda r: (r[0], r[1]))
    lines = [f"{name}:{line}:{col}: {text}" for line, col, text in rows]
    bad = sum(c.status == "inconsistent" for c in checks)
    n_warn = len(warnings or [])
    if lang == "en":
        tail = f", {n_warn} unreadable numbers" if n_warn else ""
        lines.append(f"{name}: {len(facts)} facts, {len(checks)} relations checked, {bad} inconsistent{tail}")
    else:
        tail = f"，无法读取的数字 {n_warn} 处" if n_warn else ""
        lines.append(f"{name}：识别数据 {len(facts)} 个，核验关系 {len(checks)} 组，不一致 {bad} 处{tail}")
    return "\n".join(lines)
