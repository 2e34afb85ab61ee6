from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.checker.extract import Draft, draft

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed_chaoyang_2021h1.txt"
LABELLED = DATA / "extract"
DEV = LABELLED / "dev"
HELDOUT = LABELLED / "heldout"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_draft(seed_text: str) -> Draft:
    return draft(seed_text, SEED.name)


def dev_text(name: str) -> str:
    (path,) = DEV.glob(f"{name}*.txt")
    return path.read_text(encoding="utf-8")
