"""Fixtures of the report tests: the bundled example, its documents, and one full render per session."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from planwatch.core.model import Plan
from planwatch.package import example_path, load
from planwatch.report import Document, build_document, write_report

# The headline paragraph of the seed report (Chaoyang District, 2021 H1), as published.
SEED_HEADLINE = (
    "上半年GDP实现3640.7亿元,同比增长13.5%,比2019年上半年增长7.9%,两年平均增长3.9%。"
    "区级一般公共预算收入完成298亿元,同比增长12.7%,比2019年上半年下降1%,两年平均下降0.5%。"
    "固定资产投资完成431.1亿元,同比增长4.2%,比2019年上半年下降6.7%,两年平均下降3.4%。"
    "建安投资完成159.6亿元,同比增长6.7%,比2019年上半年下降12%,两年平均下降6.2%。"
    "总消费同比增长22.8%,两年平均增长2.2%。"
    "社会消费品零售额完成1765.7亿元,同比增长25.2%,比2019年上半年增长4.4%,两年平均增长2.2%。"
    "居民人均可支配收入同比增长9.8%,比2019年上半年增长12.1%,两年平均增长5.9%。"
    "城镇登记失业率为2.05%,万元GDP能耗下降5.16%。"
)


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load(example_path("chaoyang-2021"))


@pytest.fixture(scope="session")
def doc_zh(plan: Plan) -> Document:
    return build_document(plan, "2021H1", lang="zh")


@pytest.fixture(scope="session")
def doc_en(plan: Plan) -> Document:
    return build_document(plan, "2021H1", lang="en")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, doc_zh: Document) -> dict[str, Path]:
    """Every format of the Chinese report, written once per session (the PDF takes seconds)."""
    out = tmp_path_factory.mktemp("report-zh")
    return write_report(doc_zh, out)


def copy_example(dest: Path) -> Path:
    shutil.copytree(example_path("chaoyang-2021"), dest)
    return dest


def edit_cell(path: Path, match: dict[str, str], column: str, value: str) -> None:
    """Change one cell of a package CSV (the row whose columns equal ``match``), keeping the BOM."""
    raw = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    fields = list(rows[0].keys())
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"{path.name}: {len(hits)} rows match {match}"
    hits[0][column] = value
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
