"""Read articles: bytes -> text in a known encoding -> normalised `Document`.

>>> doc = read_text("# 鶴慶：工業(yè)發(fā)展\\n鶴慶溢鑫鋁業(yè)有限公司投產。", name="a.txt")
>>> doc.title, doc.text.splitlines()[1]
('鹤庆:工业发展', '鹤庆溢鑫铝业有限公司投产。')
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.document import Document
from kg.errors import InputError, KGError, skip_or_raise
from kg.normalize import normalize

__all__ = [
    "decode",
    "read_text",
    "read_path",
    "read_documents",
    "read_articles",
    "iter_paths",
    "title_of",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "BIG_FILE_BYTES",
    "PART_CHARS",
]

TEXT_SUFFIXES = (".txt", ".md")
MARKDOWN_SUFFIXES = (".md", ".markdown")  # read as Markdown: inline markup removed
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".docx", ".pdf")  # what a folder contributes

# A text file larger than this is read in parts of about PART_CHARS characters, cut at paragraph
# breaks, so that memory stays flat however large the file is (see `read_documents`).
BIG_FILE_BYTES = 512 << 10
PART_CHARS = 200_000

# Signatures of binary formats that turn up renamed as .txt.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, docx, xlsx
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # doc, xls
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNKNOWN = "unknown text encoding (expected UTF-8, UTF-8 with BOM or GB18030)"

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
# Characters Chinese text is made of; GB18030 turns non-Chinese bytes into anything else.
_COMMON = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u0100-\u01ff\u0391-\u03c9\u0401-\u0451"
    r"\u2000-\u206f\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u25ff"
    r"\u2600-\u26ff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u32ff\u4e00-\u9fff"
    r"\ufe30-\ufe4f\uff00-\uffef]"
)
_MAX_CONTROL = 0.005
_MAX_PRIVATE = 0.01
_MAX_RARE = 0.02
_MIN_COMMON = 0.95


def _looks_like_text(text: str, data: bytes) -> bool:
    """Whether GB18030-decoded `text` (from `data`) is Chinese or ASCII text, not noise."""
    n = len(text)
    if not n:
        return True
    ascii_count = len(text.encode("ascii", "ignore"))
    # GB18030 spends 1 byte on ASCII, 2 on common characters and 4 on everything rare.
    four_byte = (len(data) + ascii_count - 2 * n) // 2
    wide = max(n - ascii_count, 1)
    return (
        len(_CONTROL.findall(text)) <= _MAX_CONTROL * n
        and len(_PRIVATE.findall(text)) <= max(1, _MAX_PRIVATE * wide)
        and four_byte <= max(1, _MAX_RARE * wide)
        and len(_COMMON.findall(text)) >= _MIN_COMMON * n
    )


def _encoding(data: bytes, *, name: str, final: bool = True) -> str:
    """The encoding of `data` (all of a file, or its first bytes when not `final`).

    Raises `InputError` for binary content or an encoding other than UTF-8, UTF-16/32 with
    BOM or GB18030.
    """
    if data.startswith(_MAGIC):
        raise InputError(f"{name}: binary file, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        raise InputError(f"{name}: binary file, not text")
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError:
        try:
            text = codecs.getincrementaldecoder("gb18030")().decode(data, final=final)
        except UnicodeDecodeError:
            raise InputError(f"{name}: {_UNKNOWN}") from None
        if not _looks_like_text(text, data):
            raise InputError(f"{name}: {_UNKNOWN}") from None
        return "gb18030"
    if len(_CONTROL.findall(text)) > _MAX_CONTROL * len(text):
        raise InputError(f"{name}: binary file, not text")
    return "utf-8"


def decode(data: bytes, *, name: str) -> str:
    """Decode an article's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    Raises `InputError` naming `name` for empty, binary or undecodable content.

    >>> decode("链长制".encode("gb18030"), name="a.txt")
    '链长制'
    >>> decode(b"", name="a.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a.txt: empty file
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    encoding = _encoding(data, name=name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: {_UNKNOWN}") from None
    if not text.strip().strip("\ufeff\u200b"):
        raise InputError(f"{name}: empty file")
    return text


_HEADING = re.compile(r"^#+[ \t]*(.*?)[ \t#]*$", re.MULTILINE)
_MAX_TITLE = 40


def title_of(text: str) -> str:
    """The first markdown heading, else the first short line before the body, else ''.

    >>> title_of("\\n全市产业链链长制工作推进会议召开\\n5月16日下午,会议召开。")
    '全市产业链链长制工作推进会议召开'
    """
    for m in _HEADING.finditer(text):
        if m.group(1):
            return m.group(1)
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if "。" in line:  # the body has begun: a later short line is a subheading
            return ""
        if len(line) <= _MAX_TITLE:
            return line
    return ""


def read_text(text: str, *, name: str = "<text>", markdown: bool | None = None) -> Document:
    """Normalise an article's text into a `Document` (nothing extracted yet).

    `markdown` says whether the text is Markdown, whose inline markup is then removed (see
    `kg.markdown`); by default, whether `name` ends in ``.md`` (a part ``NAME.md#2`` too).

    >>> read_text("以云铝海鑫为龙头，绿色铝产业链链长工作取得新成效。").text
    '以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。'
    >>> read_text("以**云铝海鑫**为龙头。", name="a.md").text
    '以云铝海鑫为龙头。'
    """
    if markdown is None:
        markdown = name.split("#", 1)[0].lower().endswith(MARKDOWN_SUFFIXES)
    clean, offsets = normalize(text, markdown=markdown)
    return Document(name=name, raw=text, text=clean, offsets=offsets, title=title_of(clean))


def _read_error(path: str | os.PathLike[str], err: OSError) -> InputError:
    """The one-line refusal for a file that cannot be opened or read."""
    if isinstance(err, (FileNotFoundError, NotADirectoryError)):
        if Path(path).is_symlink():
            return InputError(f"{path}: broken symbolic link (its target does not exist)")
        return InputError(f"{path}: no such file or directory")
    if isinstance(err, IsADirectoryError):
        return InputError(f"{path}: is a folder, not a file (use iter_paths)")
    if isinstance(err, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read ({err.strerror or err})")


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one article file; the `Document` is named after the file (`000_c9519bf765dc77e1.txt`).

    `.txt` and `.md` are text in any encoding `decode` knows; `.html`/`.htm`, `.docx` and `.pdf`
    are turned into text by `kg.formats`. The whole file becomes one `Document`; use
    `read_documents` for files that may be too large for that.

    >>> read_path("no/such/file.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.txt: no such file or directory
    """
    from kg import formats

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise _read_error(path, err) from None
    if p.suffix.lower() in formats.FORMATS:
        return read_text(formats.to_text(data, name=str(path)), name=p.name)
    return read_text(decode(data, name=str(path)), name=p.name)


_BLOCK = 1 << 20
_CUTS = ("\n\n", "\n", "。", "!", "?", ";", "！", "？", "；")


def _blocks(path: Path, name: str, encoding: str) -> Iterator[str]:
    """The text of a file, decoded one block at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as fh:
            offset = 0
            while True:
                data = fh.read(_BLOCK)
                try:
                    text = decoder.decode(data, final=not data)
                except UnicodeDecodeError as err:
                    raise InputError(
                        f"{name}: not valid {encoding} at byte {offset + err.start}; {_UNKNOWN}"
                    ) from None
                if text:
                    yield text
                if not data:
                    return
                offset += len(data)
    except OSError as err:
        raise _read_error(name, err) from None


def _cut(text: str, limit: int) -> int:
    """Where to end a part of at most `limit` characters: after a paragraph break if one is in
    the second half, else a line break, else a sentence end, else at `limit`."""
    for mark in _CUTS:
        at = text.rfind(mark, limit // 2, limit)
        if at >= 0:
            return at + len(mark)
    return limit


def _parts(path: Path, name: str, *, part_chars: int) -> Iterator[str]:
    """A big text file's text in parts of at most `part_chars` characters, checked first.

    The file is decoded twice, block by block: once to refuse it before any part is given
    (undecodable bytes, binary content, nothing but whitespace) and once to cut the parts.
    """
    with open(path, "rb") as fh:
        head = fh.read(_BLOCK)
    encoding = _encoding(head, name=name, final=False)
    content = controls = chars = 0
    for block in _blocks(path, name, encoding):
        chars += len(block)
        controls += len(_CONTROL.findall(block))
        content += len(block.strip().strip("\ufeff\u200b"))
    if controls > _MAX_CONTROL * chars:
        raise InputError(f"{name}: binary file, not text")
    if not content:
        raise InputError(f"{name}: empty file")
    buffer = ""
    for block in _blocks(path, name, encoding):
        buffer += block
        while len(buffer) >= part_chars:
            end = _cut(buffer, part_chars)
            yield buffer[:end]
            buffer = buffer[end:]
    if buffer:
        yield buffer


def read_documents(
    path: str | os.PathLike[str],
    *,
    big_file_bytes: int = BIG_FILE_BYTES,
    part_chars: int = PART_CHARS,
) -> Iterator[Document]:
    """Read one article file as one `Document`, or a big text file as consecutive parts.

    A `.txt` or `.md` file larger than `big_file_bytes` is streamed: it is checked whole,
    then cut at paragraph breaks into parts of at most `part_chars` characters, each a
    `Document` named `NAME#1`, `NAME#2`, … whose offsets index that part. Memory thus stays
    flat however large the file is. Any other file gives `read_path(path)`.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "big.txt"
    >>> _ = path.write_text("链长制。\\n\\n" * 300, encoding="utf-8")
    >>> docs = list(read_documents(path, big_file_bytes=1000, part_chars=1000))
    >>> [d.name for d in docs], len(docs[0].raw)
    (['big.txt#1', 'big.txt#2'], 996)
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as err:
        raise _read_error(path, err) from None
    if p.suffix.lower() not in TEXT_SUFFIXES or size <= big_file_bytes or not p.is_file():
        yield read_path(path)
        return
    k = 0
    for part in _parts(p, str(path), part_chars=part_chars):
        if part.strip():
            k += 1
            yield read_text(part, name=f"{p.name}#{k}")


# A folder's own documentation is not an article (a corpus's README.md or SOURCES.md).
NOT_ARTICLES = {"readme", "sources", "license", "licence", "changelog", "contributing", "notes"}


def _folder_files(folder: Path) -> list[Path]:
    """The article files under `folder`, recursively and sorted.

    Hidden files and the folder's documentation (README.md, SOURCES.md, ...) are skipped;
    name such a file explicitly to read it as an article.
    """
    found = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder).parts
        if (
            p.suffix.lower() in SUFFIXES
            and (p.is_file() or (p.is_symlink() and not p.exists()))  # a broken link is refused
            and not any(s.startswith(".") for s in rel)
            and p.stem.lower() not in NOT_ARTICLES
        ):
            found.append(p)
    if not found:
        others = ", ".join(s for s in SUFFIXES if s not in TEXT_SUFFIXES)
        raise InputError(f"{folder}: no .txt or .md files (nor {others}) in this folder")
    return sorted(found)


def iter_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> Iterator[Path]:
    """The article files named by `paths`, folders expanded; checked before the first is given.

    >>> iter_paths(["no/such/folder"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/folder: no such file or directory
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found.extend(_folder_files(p))
        elif p.exists():
            found.append(p)
        elif p.is_symlink():
            raise InputError(f"{path}: broken symbolic link (its target does not exist)")
        else:
            raise InputError(f"{path}: no such file or directory")
    return iter(dict.fromkeys(found))


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    keep_going: bool = False,
    on_skip: Callable[[KGError], None] | None = None,
) -> Iterator[Document]:
    """Read (not extract) every article under `paths`, one at a time; big text files in parts.

    With `keep_going`, a file that cannot be read is reported to `on_skip` and skipped;
    otherwise its error is raised.
    """
    for path in iter_paths(paths):
        try:
            yield from read_documents(path)
        except KGError as err:
            skip_or_raise(err, keep_going, on_skip)
