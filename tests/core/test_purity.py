"""The core stays pure: no Django, no web, report, checker or package imports (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import planwatch.core

FORBIDDEN = ("django", "rest_framework", "planwatch.web", "planwatch.report", "planwatch.checker", "planwatch.package")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_nothing_outside_itself() -> None:
    files = sorted(Path(planwatch.core.__file__).parent.glob("*.py"))
    assert len(files) >= 10
    bad = {f.name: sorted(n for n in _imports(f) if n.startswith(FORBIDDEN)) for f in files}
    assert {k: v for k, v in bad.items() if v} == {}
