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

from kg.errors import InputError, KGError, skip_or_raise
from kg.reading import formats
from kg.reading.document import Document
from kg.reading.encodings import CONTROL, MAX_CONTROL, UNKNOWN, decode, encoding_of
from kg.reading.normalize import normalize

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

_HEADING = re.compile(r"^#+[ \t]*(.*?)[ \t#]*$", re.MULTILINE)
_MAX_TITLE = 40
# a headline and its subtitle on one line, told apart by a colon, a dash or a space
_MAX_HEADLINE = 64
_HEADLINE = re.compile(r"[:：]|——|\S\s+\S")
# A web page's chrome before its headline, never the title: where the reader is (首页 > 财经),
# the site's name (某某新闻网, 某某日报), its buttons (设为首页, 关灯), a hotline, a byline or a
# dateline (记者 某某, 来源:, 发布时间:), a menu of short words, or a line of few words.
_CHROME = re.compile(
    r"[>›»|]|位置|首页|收藏|热线|电话|登录|注册|关灯|开灯|字号|打印|分享|申请入驻|无障碍|"
    r"记者|通讯员|采访人员|摄影|欢迎|来源[:：]|作者[:：]|编辑[:：]|责任编辑|时间[:：]|日期[:：]|浏览|点击[:：]|"
    r"^[^\s]{0,10}(?:网|官网|网站|门户|报|日报|晚报|新闻|频道|在线|客户端)$|"
    r"^(?:\S{1,6}\s+){3,}\S{1,6}$"
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def title_of(text: str) -> str:
    """The first markdown heading, else the first short line before the body, else ''.

    >>> title_of("\\n全市产业链链长制工作推进会议召开\\n5月16日下午,会议召开。")
    '全市产业链链长制工作推进会议召开'

    A page's chrome before the headline is passed over:

    >>> title_of("岚州新闻网\\n首页 > 财经\\n岚州经开区:打造千亿园区\\n正文。")
    '岚州经开区:打造千亿园区'
    """
    for m in _HEADING.finditer(text) if "#" in text else ():  # (tried at every line's start)
        if m.group(1):
            return m.group(1)
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if "。" in line:  # the body has begun: a later short line is a subheading
            return ""
        if _CHROME.search(line) or len(_CJK_CHAR.findall(line)) < 4:
            continue  # the page's chrome (新闻热线:…, 首页 > 财经, 某某新闻网): read on
        if len(line) <= _MAX_TITLE or len(line) <= _MAX_HEADLINE and _HEADLINE.search(line):
            return line
    return ""


def read_text(text: str, *, name: str = "<text>", markdown: bool | None = None) -> Document:
    """Normalise an article's text into a `Document` (nothing extracted yet).

    `markdown` says whether the text is Markdown, whose inline markup is then removed (see
    `kg.reading.markdown`); by default, whether `name` ends in ``.md`` (a part ``NAME.md#2`` too).

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
    are turned into text by `kg.reading.formats`. The whole file becomes one `Document`; use
    `read_documents` for files that may be too large for that.

    >>> read_path("no/such/file.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no/such/file.txt: no such file or directory
    """
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
                        f"{name}: not valid {encoding} at byte {offset + err.start}; {UNKNOWN}"
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
    encoding = encoding_of(head, name=name, final=False)
    content = controls = chars = 0
    for block in _blocks(path, name, encoding):
        chars += len(block)
        controls += len(CONTROL.findall(block))
        content += len(block.strip().strip("\ufeff\u200b"))
    if controls > MAX_CONTROL * chars:
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
