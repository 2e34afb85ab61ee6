"""The packages bundled with planwatch (``src/planwatch/examples/<name>/``)."""

from __future__ import annotations

from pathlib import Path

import planwatch

EXAMPLES_DIR = Path(planwatch.__file__).resolve().parent / "examples"


def list_examples() -> list[str]:
    if not EXAMPLES_DIR.is_dir():
        return []
    return sorted(p.name for p in EXAMPLES_DIR.iterdir() if (p / "plan.yaml").is_file())


def example_path(name: str = "chaoyang-2021") -> Path:
    path = EXAMPLES_DIR / name
    if not (path / "plan.yaml").is_file():
        known = ", ".join(list_examples()) or "none"
        raise KeyError(f"no bundled example {name!r} (bundled: {known})")
    return path
