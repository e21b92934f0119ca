"""Split a document's text into sentences at 。!?; and at line breaks.

>>> from kg.reading.reader import read_text
>>> doc = split_sentences(read_text("## 建立链长制\\n印发《方案》。由市级领导担任链长;“补链。”"))
>>> [(s.text, s.paragraph) for s in doc.sentences]
[('## 建立链长制', 0), ('印发《方案》。', 1), ('由市级领导担任链长;', 1), ('“补链。”', 1)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.reading.document import Document, Sentence

__all__ = ["split_sentences", "iter_sentences"]

_ENDS = "。!?;！？；"
_CLOSERS = "”’」』"  # a closing quote after a sentence end belongs to that sentence
_SENTENCE = re.compile(rf"[^{_ENDS}]*[{_ENDS}]+[{_CLOSERS}]*|[^{_ENDS}]+")


def iter_sentences(text: str) -> Iterator[Sentence]:
    """Yield `Sentence`s of `text`: trimmed, never empty, never spanning a line break.

    >>> [s.text for s in iter_sentences("增长11.4%; 其中规上企业48.7亿元。\\n\\n 下一段")]
    ['增长11.4%;', '其中规上企业48.7亿元。', '下一段']
    """
    paragraph = -1
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            paragraph += 1
            for m in _SENTENCE.finditer(line):
                piece = m.group()
                stripped = piece.strip()
                if stripped:
                    start = pos + m.start() + (len(piece) - len(piece.lstrip()))
                    yield Sentence(start, start + len(stripped), stripped, paragraph)
        pos += len(line) + 1


def split_sentences(doc: Document) -> Document:
    """Fill `doc.sentences` from `doc.text` and return `doc`.

    >>> doc = Document(name="a", raw="链长制。链主企业!", text="链长制。链主企业!", offsets=[])
    >>> [s.text for s in split_sentences(doc).sentences]
    ['链长制。', '链主企业!']
    """
    doc.sentences = list(iter_sentences(doc.text))
    return doc
