"""Each format written from the document: structure and figures read back from the file itself."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from pypdf import PdfReader

from planwatch.report import Document, write_report

from .conftest import SEED_HEADLINE

_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";"})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_markdown_structure(rendered: dict[str, Path], doc_zh: Document) -> None:
    md = rendered["md"].read_text(encoding="utf-8")
    assert md.startswith("# 关于朝阳区2021年国民经济和社会发展计划上半年执行情况的报告\n")
    assert re.findall(r"^## (.+)$", md, re.M)[:3] == [
        "一、上半年计划执行情况", "二、计划执行中需要关注的主要问题", "三、完成全年计划的主要措施"]
    assert SEED_HEADLINE in md.translate(_PUNCT)
    assert "| 任务 | 牵头单位 | 全年目标 | 完成 | 完成率 | 序时进度 | 状态 |" in md
    for key in ("headline", "tasks"):
        link = f"report-charts/{key}.svg"
        assert link in md
        assert (rendered["md"].parent / link).read_text(encoding="utf-8").startswith("<svg")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "data"} and value and not value.startswith("#"):
                self.refs.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_standalone_and_carries_the_figures(rendered: dict[str, Path]) -> None:
    page = rendered["html"].read_text(encoding="utf-8")
    c = _Collector()
    c.feed(page)
    assert c.refs == []  # nothing loaded from elsewhere: no src, no href, no link
    assert "link" not in c.tags and "script" not in c.tags
    assert "@import" not in page and not re.search(r"url\((?!#)", page)  # url(#clip) is inside the page
    assert c.tags.count("svg") == 2
    text = "".join(c.text)
    assert SEED_HEADLINE in text.translate(_PUNCT)
    # every figure is a span whose title says where it came from
    spans = re.findall(r'<span class="fig" id="(F\d+)" title="([^"]*)">', page)
    assert len(spans) > 100 and all(title for _, title in spans)
    assert "@page" in page and "A4" in page


def test_docx_layout_follows_gbt_9704(rendered: dict[str, Path]) -> None:
    d = docx.Document(str(rendered["docx"]))
    s = d.sections[0]
    def mm(length: Mm) -> float:  # stored in twips: 210 mm is 11906 twips
        return round(length.mm, 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert [mm(x) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    normal = d.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    fonts = {name: d.styles[name].element.rPr.rFonts.get(f"{W}eastAsia") for name in ("Normal", "Title", "Heading 1", "Heading 2")}
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    assert d.styles["Title"].font.size == Pt(22)
    grid = s._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"  # 28.95 pt: 22 lines in the 225 mm text block


def test_docx_text_headings_and_page_numbers(rendered: dict[str, Path], doc_zh: Document) -> None:
    d = docx.Document(str(rendered["docx"]))
    paras = d.paragraphs
    # the title broken where words end, in the 菱形 of GB/T 9704 (short, long, shorter), never "…计 / 划…"
    assert paras[0].text.split("\n") == ["关于朝阳区2021年", "国民经济和社会发展计划", "上半年执行情况的报告"]
    assert paras[0].text.replace("\n", "") == doc_zh.title and paras[0].style.name == "Title"
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    h2 = [p.text for p in paras if p.style.name == "Heading 2"]
    assert h1[:3] == ["一、上半年计划执行情况", "二、计划执行中需要关注的主要问题", "三、完成全年计划的主要措施"]
    assert all(re.match(r"（[一二三四五六七八九十]+）", h) for h in h2)
    body = "\n".join(p.text for p in paras)
    assert SEED_HEADLINE in body.translate(_PUNCT)
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["任务", "牵头单位", "全年目标", "完成", "完成率", "序时进度", "状态"]
    with zipfile.ZipFile(rendered["docx"]) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(footers) >= 2 and all("PAGE" in f and "— " in f and " —" in f for f in footers)
    assert len(media) == 2  # the two charts as images
    assert d.settings.odd_and_even_pages_header_footer


@pytest.mark.slow
def test_pdf_text_pages_and_fonts(rendered: dict[str, Path]) -> None:
    reader = PdfReader(str(rendered["pdf"]))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 5
    text = re.sub(r"\s+", "", "".join(pages))
    assert "关于朝阳区2021年国民经济和社会发展计划上半年执行情况的报告" in text
    assert "上半年GDP实现3640.7亿元，同比增长13.5%，比2019年上半年增长7.9%，两年平均增长3.9%" in text
    for i, page in enumerate(pages, start=1):
        assert f"— {i} —" in page or f"—{i}—" in re.sub(r"\s+", "", page)
    fonts = set()
    for page in reader.pages:
        for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(f.get_object().get("/BaseFont")))
    assert any("CJK" in f or "UKai" in f for f in fonts), fonts
    w, h = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(w) / 72 * 25.4), round(float(h) / 72 * 25.4)) == (210, 297)


def test_only_the_formats_asked_for(tmp_path: Path, doc_en: Document) -> None:
    written = write_report(doc_en, tmp_path, formats=["md"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-charts", "report.md", "report.provenance.json"]
    assert set(written) == {"md", "provenance.json"}
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(doc_en, tmp_path, formats=["odt"])


def test_no_signed_growth_words_or_doubled_punctuation(rendered: dict[str, Path]) -> None:
    md = rendered["md"].read_text(encoding="utf-8")
    for bad in ("增长-", "下降-", "提高-", "。。", "，，", "，。", "None", "nan"):
        assert bad not in md, bad


def test_english_docx_is_set_ragged_right(tmp_path: Path, doc_en: Document, rendered: dict[str, Path]) -> None:
    """Chinese is justified to the 28-character grid; English at 16 pt justified leaves gaps: ragged right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    en = docx.Document(str(write_report(doc_en, tmp_path, formats=["docx"])["docx"]))
    zh = docx.Document(str(rendered["docx"]))
    assert en.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert zh.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
