"""Reading a report file into text: .txt (UTF-8 or GB18030), .docx, .html, .pdf (its text layer).

Fact offsets are Python string indices into the text returned here; for .docx, .html and .pdf that is
the extracted text (paragraphs joined by newlines).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from planwatch.core.errors import PlanwatchError


class ReadError(PlanwatchError):
    """A report that cannot be read: missing, of an unknown kind, or undecodable."""


SUFFIXES = (".txt", ".text", ".md", ".docx", ".html", ".htm", ".pdf")


def read_document(path: str | Path) -> str:
    p = Path(path)
    if p.is_dir():
        raise ReadError(f"{p}: 是文件夹，不是报告文件 (a folder, not a report file)")
    if not p.is_file():
        raise ReadError(f"{p}: 文件不存在 (no such file)")
    suffix = p.suffix.lower()
    try:
        if suffix in (".txt", ".text", ".md", ""):
            return decode_text(p.read_bytes(), str(p))
        if suffix == ".docx":
            return _read_docx(p)
        if suffix in (".html", ".htm"):
            return html_text(decode_text(p.read_bytes(), str(p)))
        if suffix == ".pdf":
            return _read_pdf(p)
    except ReadError:
        raise
    except Exception as exc:  # a damaged .docx/.pdf raises many kinds of errors
        raise ReadError(f"{p}: 无法读取 (cannot read): {exc}") from exc
    raise ReadError(f"{p}: 不支持的文件类型 {suffix} (unsupported file type; use .txt .docx .html .pdf)")


def decode_text(data: bytes, name: str = "") -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{name}: 编码无法识别，应为 UTF-8 或 GB18030 (neither UTF-8 nor GB18030)")


def _read_docx(p: Path) -> str:
    import docx

    document = docx.Document(str(p))
    lines = [para.text for para in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(p: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(p))
    pages = [page.extract_text() or "" for page in reader.pages]
    if not "".join(pages).strip():
        raise ReadError(f"{p}: PDF 没有文本层 (the PDF has no text layer; scanned PDFs need OCR first)")
    return join_pages(pages)


def join_pages(pages: list[str]) -> str:
    """The text of a PDF's pages as one text: page numbers dropped, wrapped lines joined across pages."""
    lines = [line for page in pages for line in page.split("\n") if not _PAGE_NUMBER.match(line)]
    return unwrap_lines("\n".join(lines))


_PARAGRAPH_END = tuple("。！？；：:!?")
# a page number on a line of its own: — 1 —, - 2 -, 3, 第 4 页, 4/12
_PAGE_NUMBER = re.compile(r"^\s*([—–-]\s*\d+\s*[—–-]|\d+|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_HEADING_START = re.compile(r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节条])")


def unwrap_lines(page: str) -> str:
    """Join the lines a PDF wrapped inside a paragraph: a full-width line that does not end a sentence
    continues on the next line (比2019年上半年 / 增长7.9%); a short line ends its paragraph."""
    lines = page.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not widths:
        return page
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line, full):
            out[-1] = out[-1].rstrip() + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str, full: int) -> bool:
    prev = previous.rstrip()
    return (
        bool(prev) and bool(line.strip()) and len(prev) >= 0.8 * full
        and not prev.endswith(_PARAGRAPH_END) and not _HEADING_START.match(line) and not _HEADING_START.match(prev)
    )


class _TextParser(HTMLParser):
    CELL: ClassVar[set[str]] = {"td", "th"}
    BLOCK: ClassVar[set[str]] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "title"}
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in self.CELL:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)
