"""Documents in other formats -> article text: HTML news pages, Word reports, PDFs.

Government reports arrive as web pages, `.docx` files and PDFs. Each reader here turns the
file's bytes into plain text in the shape the rest of chainkg reads: a `# title` line where the
format has one, paragraphs on their own lines, and tables as rows of cells between `|`
(which `kg.extraction.tables` reads as structured content). A file that cannot be read raises
`InputError` naming it: a corrupt Word file, a PDF without a text layer, a page with no main text.

>>> html = "<html><body><article><h1>链长制</h1><p>以云铝海鑫为龙头。</p></article></body></html>"
>>> to_text(html.encode("utf-8"), name="a.html")
'链长制\\n以云铝海鑫为龙头。'
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import PurePath

from kg.errors import InputError
from kg.reading.encodings import decode

__all__ = ["FORMATS", "to_text", "html_text", "docx_text", "pdf_text", "table_rows"]

# Libraries that log about the files they read; their messages must not reach the terminal.
_LOGGERS = ("trafilatura", "htmldate", "courlan", "pypdf", "docx", "charset_normalizer")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the readers' own logging and warnings while one file is read."""
    saved = {}
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved[name] = logger.level
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def _cell(text: str) -> str:
    # A cell is one line; a `|` inside it would split it in two.
    return re.sub(r"\s+", " ", text).strip().replace("|", "/")


def table_rows(rows: list[list[str]]) -> str:
    """Rows of cells as text lines `| a | b |`, the form `kg.extraction.tables` reads.

    >>> print(table_rows([["企业名称", "产业链"], ["云铝海鑫", "绿色铝产业链"]]))
    | 企业名称 | 产业链 |
    | 云铝海鑫 | 绿色铝产业链 |
    """
    lines = []
    for row in rows:
        cells = [_cell(c) for c in row]
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML


@functools.cache
def _trafilatura_config():
    # start-up: trafilatura (about 0.3 s) only for HTML pages
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura falls back to flat text below 250 characters: a short Chinese notice (250
    # characters say as much as 700 English ones) would lose its paragraphs and tables.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "10")
    return config


def html_text(data: bytes, *, name: str) -> str:
    """The main text of a news page, found by trafilatura (menus, footers and ads left out).

    Tables in the article come out as `| … |` rows; the page title becomes a `# ` line when
    the main text does not start with a heading.

    >>> page = "<html><head><title>昭通新闻</title></head><body><p>链长制工作推进。</p></body>"
    >>> html_text(page.encode("utf-8"), name="a.html")
    '# 昭通新闻\\n\\n链长制工作推进。'
    """
    # start-up: trafilatura (about 0.3 s) only for HTML pages
    import trafilatura

    page = decode(data, name=name)
    with _quiet():
        text = trafilatura.extract(
            page,
            output_format="markdown",
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            config=_trafilatura_config(),
        )
        meta = trafilatura.extract_metadata(page) if text else None
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in this HTML page")
    text = text.strip()
    title = (meta.title or "").strip() if meta is not None else ""
    if title and not text.startswith("#") and title not in text.split("\n", 1)[0]:
        text = f"# {title}\n\n{text}"
    return text


# ---------------------------------------------------------------- Word


def _is_heading(style_name: str) -> bool:
    return style_name.lower().startswith(("heading", "title")) or style_name.startswith("标题")


def docx_text(data: bytes, *, name: str) -> str:
    """Paragraphs and tables of a Word `.docx` file, in document order (python-docx).

    Headings become `# ` lines; each table becomes `| … |` rows, a merged cell written once.
    """
    # start-up: python-docx (about 0.15 s) only for .docx files
    import docx

    # start-up: python-docx (about 0.15 s) only for .docx files
    from docx.table import Table

    try:
        with _quiet():
            document = docx.Document(io.BytesIO(data))
            blocks: list[str] = []
            for item in document.iter_inner_content():
                if isinstance(item, Table):
                    rows = []
                    for row in item.rows:
                        seen: set[int] = set()
                        cells = []
                        for cell in row.cells:
                            if id(cell._tc) not in seen:  # a merged cell repeats across columns
                                seen.add(id(cell._tc))
                                cells.append(cell.text)
                        rows.append(cells)
                    blocks.append(table_rows(rows))
                    continue
                text = item.text.strip()
                if not text:
                    continue
                style = item.style.name if item.style is not None else ""
                blocks.append(f"# {text}" if _is_heading(style or "") else text)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - python-docx raises many kinds on a broken file
        raise InputError(f"{name}: not a readable Word .docx file ({_reason(err)})") from None
    text = "\n\n".join(b for b in blocks if b)
    if not text.strip():
        raise InputError(f"{name}: the Word file holds no text")
    return text


# ---------------------------------------------------------------- PDF


# A single space that a PDF's text layer puts between Chinese characters, Chinese punctuation
# and digits (where the glyphs of two fonts meet: "引擎 , 是", "2022 年", "“ 六大战略 ”"): the
# printed page shows none. Two or more spaces are kept: they are gaps on the page.
_HAN = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—"
_LAYOUT_SPACE = re.compile(
    rf"(?<=[{_HAN}]) (?=[{_HAN}0-9,.;:!?()%])|(?<=[0-9,.;:!?()%]) (?=[{_HAN}])"
)


def pdf_text(data: bytes, *, name: str) -> str:
    """The text layer of a PDF, page by page (pypdf); a PDF of scanned images is refused.

    A single space the text layer puts between Chinese characters, punctuation and digits is
    left out (see `_LAYOUT_SPACE`).
    """
    # start-up: pypdf (about 0.3 s) only for PDF files
    from pypdf import PdfReader

    try:
        with _quiet():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{name}: the PDF is encrypted; decrypt it first")
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        raise InputError(f"{name}: not a readable PDF ({_reason(err)})") from None
    text = _LAYOUT_SPACE.sub("", "\n\n".join(p.strip() for p in pages))
    if not text.strip():
        raise InputError(f"{name}: the PDF has no text layer (scanned pages?); run OCR on it first")
    return text


def _reason(err: Exception) -> str:
    line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {line}"[:160] if line else type(err).__name__


FORMATS: dict[str, Callable[..., str]] = {
    ".html": html_text,
    ".htm": html_text,
    ".docx": docx_text,
    ".pdf": pdf_text,
}


def to_text(data: bytes, *, name: str) -> str:
    """The text of a file in one of `FORMATS`, chosen by the suffix of `name`.

    >>> to_text(b"", name="report.docx")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: report.docx: empty file
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{name}: unknown format {suffix or '(no suffix)'}")
    if not data.strip():
        raise InputError(f"{name}: empty file")
    return FORMATS[suffix](data, name=name)
