"""Sentence splitting: cases by hand, then invariants on every corpus file."""

import re
from pathlib import Path

import pytest

from kg.reading.document import Document
from kg.reading.reader import read_path
from kg.reading.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/dev/*.txt"))
CORPUS_PARAMS = [pytest.param(p, id=p.name) for p in CORPUS] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus files under {SHARED}"))
]

CASES = [
    ("链长制。链主企业!", [("链长制。", 0), ("链主企业!", 0)]),
    ("增长11.4%;其中规上企业48.7亿元。", [("增长11.4%;", 0), ("其中规上企业48.7亿元。", 0)]),
    ("是吗?是的。", [("是吗?", 0), ("是的。", 0)]),
    ("是吗？是的；好！", [("是吗？", 0), ("是的；", 0), ("好！", 0)]),
    (
        "他说:“希望深入合作,走向全国。”岚山恒能总经理说。",
        [("他说:“希望深入合作,走向全国。”", 0), ("岚山恒能总经理说。", 0)],
    ),
    ("发展之路……。”\n下一段", [("发展之路……。”", 0), ("下一段", 1)]),
    (
        "## 注重顶层设计 推动集群发展\n\n——坚持规划引领。",
        [("## 注重顶层设计 推动集群发展", 0), ("——坚持规划引领。", 1)],
    ),
    ("没有句号的标题\n\n\n正文。 尾巴 ", [("没有句号的标题", 0), ("正文。", 1), ("尾巴", 1)]),
    ("好!!真的?!", [("好!!", 0), ("真的?!", 0)]),
    ("\n  \n", []),
    ("", []),
]


def _doc(text: str) -> Document:
    return Document(name="t", raw=text, text=text, offsets=list(range(len(text) + 1)))


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text, expected):
    doc = split_sentences(_doc(text))
    assert [(s.text, s.paragraph) for s in doc.sentences] == expected
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def _check_sentences(doc: Document) -> None:
    last_end, last_paragraph = 0, 0
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        assert s.start >= last_end and s.paragraph >= last_paragraph
        last_end, last_paragraph = s.end, s.paragraph
    # Between sentences there is only whitespace: together they cover the text.
    covered = "".join(s.text for s in doc.sentences)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", doc.text)


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_sentences(path):
    doc = split_sentences(read_path(path))
    assert doc.sentences
    _check_sentences(doc)
    paragraphs = [line for line in doc.text.split("\n") if line.strip()]
    assert doc.sentences[-1].paragraph == len(paragraphs) - 1
