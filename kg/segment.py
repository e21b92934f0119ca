"""Word segmentation with jieba, plus part-of-speech tags looked up in jieba's own dictionary.

jieba's tagger with HMM runs at a few thousand characters a second; a plain dictionary
look-up after `cut` costs almost nothing, which is all the recognisers need to find where a
name stops. Unknown characters come out one by one (no HMM), so a name such as 云铝海鑫 is
a run of single characters that are not dictionary words.

>>> [t.text for t in tokenize("延伸碳素产业链", 0)]
['延伸', '碳素', '产业链']
>>> pos("延伸")
'v'
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import tomllib

from kg.document import Document

__all__ = ["Token", "tokenize", "pos", "freq", "rules", "segment", "tokenizer"]

RULES_DIR = Path(__file__).resolve().parent / "rules"


@functools.cache
def rules(name: str = "lexicon") -> dict:
    """The rule table `kg/rules/NAME.toml`, loaded once."""
    with open(RULES_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


class Token(NamedTuple):
    """A word and its offsets in the text."""

    text: str
    start: int
    end: int


def _user_words() -> list[str]:
    """Words jieba must keep whole: the ontology's labels, trigger words (skos:altLabel) and
    name suffixes (ckg:lexicalSuffix), and the heads of firm lists."""
    from kg import ontology

    suffixes: set[str] = set()
    for cls in ontology.entity_classes():
        suffixes.update(ontology.suffixes(cls))
    words: set[str] = set(rules()["enterprise"]["list_heads"]) | suffixes
    for term in ontology.classes() + ontology.properties():
        for word in [ontology.label(term, "zh"), *ontology.alt_labels(term, "zh")]:
            # a trigger word that ends in a name suffix (引领产业链) would swallow the name
            if not any(word.endswith(sfx) and word != sfx for sfx in suffixes):
                words.add(word)
    return sorted(w for w in words if 2 <= len(w) <= 8)


@functools.cache
def tokenizer():
    """A jieba tokenizer of our own (not jieba's global one) that knows the ontology's words."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word in _user_words():
        tk.add_word(word, freq=max(tk.suggest_freq(word, tune=False), 1000))
    return tk


@functools.cache
def _pos_table() -> dict[str, str]:
    import jieba

    table: dict[str, str] = {}
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                table[parts[0]] = parts[2]
    return table


def pos(word: str) -> str:
    """jieba's dictionary tag of `word` ('' for a word the dictionary does not know)."""
    return _pos_table().get(word, "")


def freq(word: str) -> int:
    """jieba's dictionary frequency of `word` (0 when unknown)."""
    return tokenizer().FREQ.get(word, 0) or 0


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` with offsets (plus `offset`), dictionary only, no HMM guessing."""
    out: list[Token] = []
    append = out.append
    pos_ = offset
    for word in tokenizer().cut(text, HMM=False):
        end = pos_ + len(word)
        append(Token(word, pos_, end))
        pos_ = end
    return out


def segment(doc: Document) -> Document:
    """Pipeline step: fill `doc.tokens` for the whole text in one pass.

    jieba cuts at every non-Chinese character, so no word spans a sentence boundary.
    """
    doc.tokens = tokenize(doc.text)
    return doc
