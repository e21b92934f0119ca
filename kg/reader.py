"""Read articles: bytes -> text in a known encoding -> normalised `Document`.

>>> doc = read_text("# 鶴慶：工業(yè)發(fā)展\\n鶴慶溢鑫鋁業(yè)有限公司投產。", name="a.txt")
>>> doc.title, doc.text.splitlines()[1]
('鹤庆:工业发展', '鹤庆溢鑫铝业有限公司投产。')
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.document import Document
from kg.errors import InputError
from kg.normalize import normalize

__all__ = ["decode", "read_text", "read_path", "iter_paths", "title_of", "SUFFIXES"]

SUFFIXES = (".txt", ".md")  # what a folder contributes to `iter_paths`

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
    if data.startswith(_MAGIC):
        raise InputError(f"{name}: binary file, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name}: {_UNKNOWN}") from None
            break
    else:
        if b"\x00" in data:
            raise InputError(f"{name}: binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise InputError(f"{name}: {_UNKNOWN}") from None
            if not _looks_like_text(text, data):
                raise InputError(f"{name}: {_UNKNOWN}") from None
        else:
            if len(_CONTROL.findall(text)) > _MAX_CONTROL * len(text):
                raise InputError(f"{name}: binary file, not text")
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


def read_text(text: str, *, name: str = "<text>") -> Document:
    """Normalise an article's text into a `Document` (nothing extracted yet).

    >>> read_text("以云铝海鑫为龙头，绿色铝产业链链长工作取得新成效。").text
    '以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。'
    """
    clean, offsets = normalize(text)
    return Document(name=name, raw=text, text=clean, offsets=offsets, title=title_of(clean))


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one article file; the `Document` is named after the file (`000_c9519bf765dc77e1.txt`).

    >>> read_path("no/such/file.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.txt: no such file or directory
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file (use iter_paths)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    return read_text(decode(data, name=str(path)), name=p.name)


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
            and p.is_file()
            and not any(s.startswith(".") for s in rel)
            and p.stem.lower() not in NOT_ARTICLES
        ):
            found.append(p)
    if not found:
        raise InputError(f"{folder}: no .txt or .md files in this folder")
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
        else:
            raise InputError(f"{path}: no such file or directory")
    return iter(dict.fromkeys(found))
