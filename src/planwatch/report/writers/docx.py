"""DOCX laid out to GB/T 9704-2012 (党政机关公文格式), with python-docx.

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
- title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312; 一、 headings 黑体; （一） headings
  楷体_GB2312; 22 lines of 28 characters: exact line spacing 28.95 pt and a character grid
  (``w:docGrid type=linesAndChars``);
- page numbers "— 1 —" in 4号 (14 pt) 宋体 at the foot: odd pages right, even pages left, one character in.

The official font names are set for East Asian text (``w:eastAsia``) so Word and WPS on government
machines use them; a machine without them substitutes (docs/fonts.md names the free substitutes).
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import Block, Chart, Document, Paragraph, Run, Section, Table

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"
TABLE_TEXT = "Table Text"
TABLE_HEAD = "Table Heading"
BODY_PT = 16
LINE_PT = 28.95  # 225 mm / 22 lines
CHARS_PER_LINE = 28
TEXT_WIDTH_MM = 210 - 28 - 26


def _fonts(rpr_owner: object, east_asia: str, latin: str = LATIN) -> None:
    """Set the Latin and East Asian font names of a run or style (``w:rFonts``)."""
    rpr = rpr_owner._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(attr), value)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        rfonts.attrib.pop(qn(theme), None)


def _style(doc: object, name: str, east_asia: str, size: float, *, align: int | None = None,
           indent_chars: int = 200, bold: bool = False) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    style = styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.name = LATIN
    _fonts(style, east_asia)
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if align is not None:
        pf.alignment = align
    ppr = style._element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(indent_chars))
    ind.set(qn("w:firstLine"), str(round(indent_chars / 100 * size * 20)))  # for readers without *Chars


def char_pitch_pt() -> float:
    """Width of one character cell: 156 mm / 28 = 15.79 pt, a little less than a 16 pt character."""
    return TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE


def condense_twips() -> int:
    """Character spacing (twentieths of a point, negative) that fits 28 characters of 16 pt in a line."""
    return -math.ceil((BODY_PT - char_pitch_pt()) * 20)


def _grid(section: object) -> None:
    """22 lines a page: a line grid (w:docGrid type=lines, pitch 28.95 pt).

    The 28 characters a line come from condensing the body text by 0.25 pt (``condense_twips``) rather
    than from a character grid (type=linesAndChars): LibreOffice gives a 16 pt character two cells of a
    15.79 pt grid and would set 14 characters a line; Word and WPS set 28 either way.
    """
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))


def _page_number(paragraph: object, align: int) -> None:
    paragraph.alignment = align  # type: ignore[attr-defined]
    pf = paragraph.paragraph_format  # type: ignore[attr-defined]
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = Pt(14)
    else:
        pf.left_indent = Pt(14)
    pf.first_line_indent = Pt(0)

    def text(t: str) -> None:
        run = paragraph.add_run(t)  # type: ignore[attr-defined]
        run.font.size = Pt(14)
        _fonts(run, SONGTI)

    def field(instr: str) -> None:
        run = paragraph.add_run()  # type: ignore[attr-defined]
        run.font.size = Pt(14)
        _fonts(run, SONGTI)
        for kind, body in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = body
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = body
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._r.append(el)

    text("— ")
    field(" PAGE ")
    text(" —")


def _layout(doc: object) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)  # the number sits about 7 mm below the last line
    _grid(section)
    doc.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, "Normal", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    rpr = doc.styles["Normal"]._element.get_or_add_rPr()  # type: ignore[attr-defined]
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(condense_twips()))
    rpr.append(spacing)
    _style(doc, "Title", XIAOBIAOSONG, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
    _style(doc, "Heading 1", HEITI, BODY_PT)
    _style(doc, "Heading 2", KAITI, BODY_PT)
    for name in ("Title", "Heading 1", "Heading 2"):
        st = doc.styles[name]  # type: ignore[attr-defined]
        st.font.color.rgb = None
        st.font.italic = False
        st.paragraph_format.keep_with_next = True
    for name, face, centre in ((TABLE_TEXT, FANGSONG, False), (TABLE_HEAD, HEITI, True)):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
        st.base_style = doc.styles["Normal"]  # type: ignore[attr-defined]
        _style(doc, name, face, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT,
               indent_chars=0)
        st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        snap = OxmlElement("w:snapToGrid")  # table text keeps its own line height, not the 28.95 pt grid
        snap.set(qn("w:val"), "0")
        st._element.get_or_add_pPr().insert(0, snap)
    title = doc.styles["Title"]  # type: ignore[attr-defined]
    title.paragraph_format.line_spacing = Pt(35)  # a 22 pt title needs more than the body's exact line
    pbdr = title._element.get_or_add_pPr().find(qn("w:pBdr"))
    if pbdr is not None:  # the default Title style draws a rule under the title; 公文 has none
        pbdr.getparent().remove(pbdr)


def _runs(paragraph: object, runs: list[Run], east_asia: str | None = None, size: float | None = None) -> None:
    """The runs' text as one Word run (figures are not set apart in print)."""
    text = "".join(r if isinstance(r, str) else r.text for r in runs)
    if not text:
        return
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    if east_asia:
        _fonts(run, east_asia)
    if size:
        run.font.size = Pt(size)


def _table(doc: object, t: Table) -> None:
    cap = doc.add_paragraph(style="Normal")  # type: ignore[attr-defined]
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.first_line_indent = Pt(0)
    _runs(cap, [t.caption], HEITI)
    table = doc.add_table(rows=1 + len(t.rows), cols=len(t.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    margins = table._tbl.tblPr.makeelement(qn("w:tblCellMar"), {})  # 1.3 mm each side, not Word's 1.9 mm
    for side in ("left", "right"):
        margins.append(margins.makeelement(qn(f"w:{side}"), {qn("w:w"): "72", qn("w:type"): "dxa"}))
    look = table._tbl.tblPr.find(qn("w:tblLook"))  # the schema's order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        table._tbl.tblPr.append(margins)
    align = t.align or ["l"] * len(t.header)
    amap = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT, "c": WD_ALIGN_PARAGRAPH.CENTER}
    all_rows: list[list[list[Run]]] = [[[h] for h in t.header], *t.rows]
    ncols = len(t.header)
    if t.widths:
        total = sum(t.widths)
        table.autofit = False
        for col, w in zip(table.columns, t.widths, strict=False):
            col.width = Mm(TEXT_WIDTH_MM * w / total)
    flat = table._cells  # one pass over the table: row.cells re-walks the whole table each time
    head_style, text_style = doc.styles[TABLE_HEAD], doc.styles[TABLE_TEXT]  # type: ignore[attr-defined]
    for i, values in enumerate(all_rows):
        for j, runs in enumerate(values):
            p = flat[i * ncols + j].paragraphs[0]
            p._p.style = (head_style if i == 0 else text_style).style_id  # by id: no lookup by name per cell
            if i > 0 and align[j] != "l":
                p.alignment = amap[align[j]]
            _runs(p, runs)


def _chart(doc: object, c: Chart) -> None:
    if not c.png:
        return
    p = doc.add_paragraph(style="Normal")  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.add_run().add_picture(io.BytesIO(c.png), width=Mm(150))
    cap = doc.add_paragraph(style="Normal")  # type: ignore[attr-defined]
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.first_line_indent = Pt(0)
    _runs(cap, [c.alt], KAITI, 12)


def render(doc: Document) -> bytes:
    d = new_docx()
    _layout(d)
    if doc.lang == "en":  # 16 pt English justified on a 156 mm line leaves gaps between words: ragged right
        d.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    d.core_properties.title = doc.title
    d.core_properties.author = "planwatch" if doc.meta.get("footer", True) else str(doc.meta.get("region", ""))
    title = d.add_paragraph(style="Title")
    for i, line in enumerate(doc.title_lines or [doc.title]):  # broken where the template allows (梯形/菱形)
        run = title.add_run(line)
        _fonts(run, XIAOBIAOSONG)  # on the run too: Word and WPS take the run's font over any style's
        run.font.size = Pt(22)
        if i:
            run._r.addprevious(run._r.makeelement(qn("w:r"), {}))
            run._r.getprevious().append(run._r.makeelement(qn("w:br"), {}))
    d.add_paragraph(style="Normal")  # a blank line between the title and the occasion block
    for p in doc.front:
        para = d.add_paragraph(style="Normal")
        if p.style in ("occasion", "speaker"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.first_line_indent = Pt(0)
            _runs(para, p.runs, KAITI)
            if p.style == "speaker":
                d.add_paragraph(style="Normal")
        elif p.style == "salutation":
            para.paragraph_format.first_line_indent = Pt(0)
            _runs(para, p.runs)
        else:
            _runs(para, p.runs)

    def block(b: Block | Section) -> None:
        if isinstance(b, Section):
            h = d.add_paragraph(style="Heading 1" if b.level == 1 else "Heading 2")
            _runs(h, b.heading, HEITI if b.level == 1 else KAITI, BODY_PT)
            for child in b.blocks:
                block(child)
        elif isinstance(b, Paragraph):
            _runs(d.add_paragraph(style="Normal"), b.runs)
        elif isinstance(b, Table):
            _table(d, b)
        elif isinstance(b, Chart):
            _chart(d, b)

    for b in doc.body:
        block(b)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write(doc: Document, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(render(doc))
    return path
