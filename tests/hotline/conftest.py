from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def city_h1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic city's 2021 H1 at full scale (~2.1 million tickets, ~120 MB, ~6 s), made once."""
    from planwatch.hotline.generate import generate

    out = tmp_path_factory.mktemp("hotline") / "city-2021H1"
    generate(out, "2021H1")
    return out


@pytest.fixture(scope="session")
def chaoyang_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Chaoyang, May and June 2021, at 5 % scale (~6,600 tickets)."""
    from planwatch.hotline.generate import generate

    out = tmp_path_factory.mktemp("hotline") / "chaoyang-small"
    generate(out, "2021-05", "chaoyang", 0.05)
    generate(out, "2021-06", "chaoyang", 0.05)
    return out
