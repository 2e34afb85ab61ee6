"""PDF: the HTML report laid out by WeasyPrint with the print stylesheet (A4, page numbers "— 1 —")."""

from __future__ import annotations

import logging
from pathlib import Path

from ..document import Document
from . import html


def render(doc: Document) -> bytes:
    import weasyprint  # heavy: imported only when a PDF is asked for

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    page = html.render(doc, spans=False)
    # no base_url and a fetcher that refuses every URL but data: (the charts, embedded in the page itself):
    # the report must need nothing from elsewhere
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf()
    return pdf


def write(doc: Document, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(render(doc))
    return path
