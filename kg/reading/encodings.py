"""Encodings: an article's bytes into text (UTF-8 with or without BOM, UTF-16/32 with BOM,
GB18030), refusing binary and undecodable content with one line naming the file.

>>> decode("链长制".encode("gb18030"), name="a.txt")
'链长制'
"""

from __future__ import annotations

import codecs
import re

from kg.errors import InputError

__all__ = ["decode", "encoding_of", "UNKNOWN", "CONTROL", "MAX_CONTROL"]

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
UNKNOWN = "unknown text encoding (expected UTF-8, UTF-8 with BOM or GB18030)"

CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
# Characters Chinese text is made of; GB18030 turns non-Chinese bytes into anything else.
_COMMON = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u0100-\u01ff\u0391-\u03c9\u0401-\u0451"
    r"\u2000-\u206f\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u25ff"
    r"\u2600-\u26ff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u32ff\u4e00-\u9fff"
    r"\ufe30-\ufe4f\uff00-\uffef]"
)
MAX_CONTROL = 0.005
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
        len(CONTROL.findall(text)) <= MAX_CONTROL * n
        and len(_PRIVATE.findall(text)) <= max(1, _MAX_PRIVATE * wide)
        and four_byte <= max(1, _MAX_RARE * wide)
        and len(_COMMON.findall(text)) >= _MIN_COMMON * n
    )


def encoding_of(data: bytes, *, name: str, final: bool = True) -> str:
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
            raise InputError(f"{name}: {UNKNOWN}") from None
        if not _looks_like_text(text, data):
            raise InputError(f"{name}: {UNKNOWN}") from None
        return "gb18030"
    if len(CONTROL.findall(text)) > MAX_CONTROL * len(text):
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
    encoding = encoding_of(data, name=name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: {UNKNOWN}") from None
    if not text.strip().strip("\ufeff\u200b"):
        raise InputError(f"{name}: empty file")
    return text
