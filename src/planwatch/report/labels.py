"""Labels of tables and charts, read from ``templates/<lang>/labels.yaml`` (wording lives in templates)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

LANGS = ("zh", "en")


@functools.cache
def labels(lang: str) -> dict[str, Any]:
    if lang not in LANGS:
        raise ValueError(f"report language must be one of {', '.join(LANGS)}, not {lang!r}")
    text = resources.files("planwatch.report").joinpath(f"templates/{lang}/labels.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text) or {})
