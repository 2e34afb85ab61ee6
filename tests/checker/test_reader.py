"""Reading .txt (UTF-8, GB18030), .docx, .html and .pdf reports into text."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.checker.facts import find_facts
from planwatch.checker.reader import ReadError, html_text, read_document

SENTENCE = "上半年GDP实现3640.7亿元，同比增长13.5%。"


def test_txt_utf8_with_bom_and_gb18030(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    b = tmp_path / "b.txt"
    b.write_bytes(SENTENCE.encode("gb18030"))
    assert read_document(a) == read_document(b) == SENTENCE
    c = tmp_path / "c.txt"
    c.write_bytes(("一、情况\r\n" + SENTENCE).encode("gb18030"))
    assert read_document(c) == "一、情况\n" + SENTENCE


def test_undecodable_and_missing_and_unknown(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x81\x30")
    with pytest.raises(ReadError):
        read_document(bad)
    with pytest.raises(ReadError):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="folder"):
        read_document(tmp_path)
    odd = tmp_path / "x.xls"
    odd.write_bytes(b"1")
    with pytest.raises(ReadError):
        read_document(odd)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ReadError):
        read_document(broken)


def test_docx_paragraphs(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一、上半年计划执行情况")
    d.add_paragraph(SENTENCE)
    path = tmp_path / "r.docx"
    d.save(str(path))
    text = read_document(path)
    assert text == "一、上半年计划执行情况\n" + SENTENCE
    (amount, growth) = find_facts(text)
    assert text[amount.start : amount.end] == "3640.7亿元" and growth.text == "13.5%"


def test_html_text_skips_scripts_and_breaks_blocks(tmp_path: Path) -> None:
    html = f"<html><head><style>p{{x:1}}</style><script>var a=5;</script></head><body><h1>报告</h1><p>{SENTENCE}</p></body></html>"
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    assert read_document(path) == "报告\n" + SENTENCE
    assert html_text("<p>a&amp;b</p><p>c</p>") == "a&b\nc"


def test_pdf_text_layer(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "r.pdf"
    html = f"<html><body style='font-family: \"Noto Serif CJK SC\", \"AR PL UMing TW MBE\"'><p>{SENTENCE}</p></body></html>"
    weasyprint.HTML(string=html).write_pdf(str(path))
    text = read_document(path)
    if "GDP" not in text or "亿元" not in text:
        pytest.skip("no CJK font with a usable text layer on this machine")
    assert [f.text for f in find_facts(text)] == ["3640.7亿元", "13.5%"]


def test_pdf_without_text_is_unreadable(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as fh:
        w.write(fh)
    with pytest.raises(ReadError):
        read_document(path)


def test_pdf_lines_wrapped_inside_a_paragraph_are_joined(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    from .conftest import SEED

    lines = SEED.read_text(encoding="utf-8").split("\n")[:20]
    body = "".join(f"<p>{line}</p>" for line in lines)
    path = tmp_path / "seed.pdf"
    weasyprint.HTML(string=f"<html><body style='font-family: \"Noto Serif CJK SC\"'>{body}</body></html>").write_pdf(str(path))
    text = read_document(path)
    if "GDP" not in text:
        pytest.skip("no CJK font with a usable text layer on this machine")
    assert "比2019年上半年增长7.9%,两年平均增长3.9%" in text
    assert "\n 一、上半年计划执行情况\n" in text or "\n一、上半年计划执行情况\n" in text
    from planwatch.checker import check_text

    checks = check_text(text)[1]
    assert [c.relation for c in checks] == ["avg_annual"] * 6
    assert all(c.status == "consistent" for c in checks)


def test_unwrap_keeps_short_lines_and_headings() -> None:
    from planwatch.checker.reader import unwrap_lines

    page = "一二三四五六七八九十一二三四\n五六。\n短行\n(一)标题行很长很长很长很长\n下一段"
    assert unwrap_lines(page) == "一二三四五六七八九十一二三四五六。\n短行\n(一)标题行很长很长很长很长\n下一段"


def test_pdf_pages_join_without_their_page_numbers() -> None:
    from planwatch.checker.reader import join_pages

    pages = [
        "固定资产投资完成431.1亿元，同比增长4.2%，比2019年上半\n— 1 —",
        "年下降6.7%，两年平均下降3.4%。\n第 2 页",
    ]
    assert join_pages(pages) == "固定资产投资完成431.1亿元，同比增长4.2%，比2019年上半年下降6.7%，两年平均下降3.4%。"


def test_html_table_cells_are_kept_apart() -> None:
    html = "<table><tr><td>红灯</td><td>新增改造绿化</td><td>完成27.5公顷</td></tr></table>"
    assert html_text(html) == "红灯\t新增改造绿化\t完成27.5公顷"
