"""The two editions, the office's typed figures checked against the data, and the wording rules of a real
report (qualifiers, whole percentages) — on the bundled example."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from planwatch.core.model import Plan
from planwatch.report import build_document, write_report
from planwatch.report.editions import EditionError, require_final
from planwatch.report.writers import html, markdown

HEADLINE = ("上半年GDP实现3640.7亿元，同比增长13.5%，比2019年上半年增长7.9%，两年平均增长{avg}。"
            "区级一般公共预算收入完成298亿元，同比{word}12.7%。")


def with_authored(plan: Plan, period: str, texts: dict[str, Any]) -> Plan:
    report = dict(plan.report)
    authored = {**dict(report.get("authored") or {})}
    authored[period] = {**dict(authored.get(period) or {}), **texts}
    report["authored"] = authored
    return dataclasses.replace(plan, report=report)


def test_a_typed_figure_that_differs_from_the_data_blocks_the_final_export_and_names_the_right_figure(
        plan: Plan, tmp_path: Path) -> None:
    """GIVEN the office rewrites the headline paragraph typing 3.8% (the data give 3.9%) and 下降 for a rise
    WHEN the report is built
    THEN both are errors naming the right figure; the official edition is refused, by the CLI too; the
    working edition is still written; with the figures corrected the official edition goes out."""
    wrong = with_authored(plan, "2021H1", {"review": {"headline": HEADLINE.format(avg="3.8%", word="下降")}})
    doc = build_document(wrong, "2021H1", edition="official")
    errors = [f for f in doc.meta["findings"] if f["level"] == "error"]
    assert {(f["typed"], f["expected"]) for f in errors} == {("3.8%", "增长3.9%"), ("12.7%", "增长12.7%")}
    assert all(f["key"] == "review.headline" for f in errors)
    with pytest.raises(EditionError, match="2处数字与数据不符"):
        require_final(doc)

    right = with_authored(plan, "2021H1", {"review": {"headline": HEADLINE.format(avg="3.9%", word="增长")}})
    good = build_document(right, "2021H1", edition="official")
    assert [f for f in good.meta["findings"] if f["level"] == "error"] == []
    require_final(good)
    para = next(p for _, p in good.walk() if getattr(p, "key", "") == "review.headline")
    assert para.authored
    linked = {r.text: r.figure for r in para.runs if not isinstance(r, str)}
    assert linked["3.9%"].origin == "computation" and linked["7.9%"].origin == "observation"


def test_the_cli_refuses_the_official_edition_while_a_typed_figure_is_wrong(tmp_path: Path) -> None:
    import shutil

    from planwatch.package import example_path

    pkg = tmp_path / "pkg"
    shutil.copytree(example_path("chaoyang-2021"), pkg)
    text = (pkg / "report.yaml").read_text(encoding="utf-8")
    text = text.replace("  2021H1:\n", "  2021H1:\n    review:\n      headline: 上半年GDP实现3640.7亿元，两年平均增长3.8%。\n", 1)
    (pkg / "report.yaml").write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "planwatch", "report", "--data", str(pkg), "--period", "2021H1", "--formats", "md"]
    off = subprocess.run([*cmd, "--out", str(tmp_path / "off"), "--edition", "official"], capture_output=True,
                         text=True, check=False)
    assert off.returncode == 1 and "增长3.9%" in off.stderr and not (tmp_path / "off" / "report.md").exists()
    work = subprocess.run([*cmd, "--out", str(tmp_path / "work")], capture_output=True, text=True, check=False)
    assert work.returncode == 0 and "增长3.9%" in work.stderr  # the finding is printed; the draft is written


def test_the_official_edition_has_no_chart_table_annex_compliance_item_or_footer(plan: Plan, tmp_path: Path) -> None:
    doc = build_document(plan, "2021H1", edition="official")
    assert doc.charts() == [] and doc.tables() == []
    out = write_report(doc, tmp_path, ("md", "html", "docx", "pdf"))
    page = out["html"].read_text(encoding="utf-8")
    assert "<figure" not in page and "<table" not in page and "planwatch" not in page.split("</head>")[1]
    word = Docx(io.BytesIO(out["docx"].read_bytes()))
    assert word.tables == [] and word.inline_shapes.__len__() == 0
    words = "\n".join(p.text for p in word.paragraphs)
    pdf = "".join(p.extract_text() for p in PdfReader(out["pdf"]).pages)
    for text in (words, pdf.replace("\n", ""), markdown.render(doc)):
        assert "附表" not in text and "预警清单" not in text and "planwatch" not in text
        assert "未报送进度" not in text  # an internal compliance matter
    # the working edition keeps them all
    working = build_document(plan, "2021H1")
    assert {c.key for c in working.charts()} == {"headline", "tasks"}
    assert {t.key for t in working.tables()} == {"tasks", "warnings", "unreported"}
    assert "示意数据" in html.render(working)


def test_section_one_words_figures_as_published_and_as_a_real_report(doc_zh: Any) -> None:
    md = markdown.render(doc_zh)
    one = md[md.index("## 一、"):md.index("## 二、")]
    assert "新增减税降费近20亿元" in one and "累计接种新冠疫苗突破631万剂" in one
    assert "受理市民热线诉求约36.4万件" in one
    # no ".0" on whole percentages (60%, not 60.0%), in the prose and the task table (the warning messages
    # of 附表二 are the core's rule texts)
    assert not re.search(r"\d\.0%", md[:md.index("## 附表二")])
    assert "超过规定时间未报送进度" not in md  # internal: the working edition's annex, not 二
    assert "PM2.5累计平均浓度全市排名" not in one  # a ranking that fell is told in 二
    three = md[md.index("## 三、"):md.index("## 附表一")]
    assert "（四）加大生态建设力度，提升城市建设管理水平" in three  # a heading that says what will be done


@pytest.mark.parametrize(("period", "title", "review", "rest"), [
    ("2021-09", "计划1-9月执行情况的报告", "一、1-9月计划执行情况", "下一步，我区将"),
    ("2021Q3", "计划前三季度执行情况的报告", "一、前三季度计划执行情况", "四季度，我区将"),
    ("2021Q1", "计划一季度执行情况的报告", "一、一季度计划执行情况", "下一步，我区将"),
    ("2021H1", "计划上半年执行情况的报告", "一、上半年计划执行情况", "下半年，我区将"),
])
def test_each_period_kind_has_its_own_wording(plan: Plan, period: str, title: str, review: str, rest: str) -> None:
    doc = build_document(plan, period)
    md = markdown.render(doc)
    assert title in doc.title and f"## {review}" in md and rest in md
    if period != "2021H1":  # report.yaml's occasion and prose are the 2021H1 report's
        assert "8月10日" not in md and "下半年，我区将" not in md and doc.meta["notices"] == []


def test_the_annual_report_drafts_next_year_from_next_years_package_only(plan: Plan) -> None:
    doc = build_document(plan, "2021")
    md = markdown.render(doc)
    assert "# 关于朝阳区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案的报告" in md
    nxt = md[md.index("## 三、2022年"):md.index("## 附表一")]
    assert "严厉打击新生违建" not in nxt and "--next" in nxt  # this year's measures are not recycled
    next_plan = dataclasses.replace(plan, year=2022, tasks=[dataclasses.replace(
        plan.tasks[0], measure="持续巩固违法建设治理成果，新增拆违面积不少于150万平方米。")], targets=[])
    with_next = markdown.render(build_document(plan, "2021", next_plan=next_plan))
    nxt = with_next[with_next.index("## 三、2022年"):with_next.index("## 附表一")]
    assert "持续巩固违法建设治理成果" in nxt and "严厉打击新生违建" not in nxt


def test_a_period_outside_the_plans_year_is_refused_and_an_early_meeting_date_warned(plan: Plan, tmp_path: Path) -> None:
    from planwatch.report.build import ReportPeriodError

    with pytest.raises(ReportPeriodError, match="不在计划年度 2021 内"):
        build_document(plan, "2022H1")
    r = subprocess.run([sys.executable, "-m", "planwatch", "demo", "--period", "2022H1", "--out", str(tmp_path),
                        "--formats", "md"], capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "outside the plan's year 2021" in r.stderr
    early = with_authored(plan, "2021Q3", {"date": "2021-08-10", "meeting": "区人大常委会第四十次会议"})
    doc = build_document(early, "2021Q3")
    assert any("早于报告期末 2021-09-30" in n for n in doc.meta["notices"])
