"""Word segmentation with jieba, plus part-of-speech tags looked up in jieba's own dictionary.

Cutting runs jieba's algorithm (prefix-dictionary DAG and most probable route, no HMM) as
implemented by jieba-rs (the `rjieba` binding), which gives the words Python jieba gives at
a few million characters a second instead of a few hundred thousand. Tags and frequencies
come from Python jieba's `dict.txt`: a plain dictionary look-up after cutting costs almost
nothing, which is all the recognisers need to find where a name stops. Unknown characters
come out one by one (no HMM), so a name such as 云铝海鑫 is a run of single characters that
are not dictionary words.

>>> [t.text for t in tokenize("延伸碳素产业链", 0)]
['延伸', '碳素', '产业链']
>>> pos("延伸")
'v'
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import os
from array import array
from bisect import bisect_left
from itertools import accumulate, islice, repeat
from pathlib import Path
from typing import NamedTuple

import tomllib

from kg.reading.document import Document

__all__ = ["Token", "tokenize", "pos", "freq", "rules", "segment", "tokenizer"]

RULES_DIR = Path(__file__).resolve().parent / "rules"


@functools.cache
def rules(name: str = "lexicon") -> dict:
    """The rule table `kg/extraction/rules/NAME.toml`, loaded once."""
    with open(RULES_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


class Token(NamedTuple):
    """A word and its offsets in the text."""

    text: str
    start: int
    end: int


def _user_words() -> list[str]:
    """Words jieba must keep whole: the ontology's labels, trigger words (skos:altLabel) and
    name suffixes (ckg:lexicalSuffix), the heads of firm lists, and industry words
    (`kg/extraction/rules/industries.toml`: 磁材 and 算力 are one word each in a chain's name)."""
    # start-up: the ontology (rdflib, about 0.2 s) only when the segmenter is built
    from kg import ontology

    suffixes: set[str] = set()
    for cls in ontology.entity_classes():
        suffixes.update(ontology.suffixes(cls))
    words: set[str] = set(rules()["enterprise"]["list_heads"]) | suffixes
    words.update(rules("industries")["chain"]["heads"])
    words.update(rules("industries")["chain"]["modifiers"])
    for term in ontology.classes() + ontology.properties():
        for word in [ontology.label(term, "zh"), *ontology.alt_labels(term, "zh")]:
            # a trigger word that ends in a name suffix (引领产业链) would swallow the name
            if not any(word.endswith(sfx) and word != sfx for sfx in suffixes):
                words.add(word)
    return sorted(w for w in words if 2 <= len(w) <= 8)


# the least frequency a user word gets: enough to win over the dictionary words inside it
USER_FREQ = 1000


def _user_freqs() -> dict[str, int]:
    """Each user word and the frequency it is added with (as jieba's `add_word` would)."""
    tokenizer()
    return _USER_FREQS


_USER_FREQS: dict[str, int] = {}


@functools.cache
def tokenizer():
    """jieba-rs's tokenizer, taught the ontology's words.

    Importing `rjieba` builds its default tokenizer; our words are added to that one (as
    `jieba.add_word` adds them to jieba's default) rather than building a second (0.1 s).
    """
    # start-up: rjieba builds its tokenizer on import (about 0.15 s), only to segment
    import rjieba

    tk = getattr(rjieba, "_DEFAULT_JIEBA", None) or rjieba.Jieba()
    # frequencies as the plain dictionary suggests them, before any user word is added
    freqs = {w: max(tk.suggest_freq(w), USER_FREQ) for w in _user_words()}
    for word, f in freqs.items():
        tk.add_word(word, f, None)
    _USER_FREQS.update(freqs)
    return tk


class _Dictionary(NamedTuple):
    """jieba's dictionary as three parallel columns, sorted by word (looked up by bisection)."""

    words: list[str]
    tags: list[str]
    freqs: array


# Words already looked up: their tag ('' when the dictionary lacks them) and the frequency
# they are cut with (ours for user words). Module-level dicts, because the recognisers look
# words up a million times; emptied when they reach MAX_LOOKED_UP words, so that a long run
# over names the dictionary lacks stays bounded.
_TAGS: dict[str, str] = {}
_FREQS: dict[str, int] = {}
_DICTIONARY: list[_Dictionary] = []  # filled on first use
MAX_LOOKED_UP = 500_000


def _dictionary() -> _Dictionary:
    if not _DICTIONARY:
        _user_freqs()  # our words' frequencies, before any is looked up
        _DICTIONARY.append(_read_dictionary(_dictionary_path()))
    return _DICTIONARY[0]


def _find(d: _Dictionary, word: str) -> tuple[str | None, int]:
    """The tag and frequency of `word` in `d`, or (None, 0)."""
    i = bisect_left(d.words, word)
    if i < len(d.words) and d.words[i] == word:
        return d.tags[i], d.freqs[i]
    return None, 0


def _look_up(word: str) -> None:
    # A word not looked up yet: its tag and frequency from the dictionary (a user word's own
    # frequency wins), remembered.
    tag, f = _find(_dictionary(), word)
    if len(_TAGS) >= MAX_LOOKED_UP:
        _TAGS.clear()
        _FREQS.clear()
    _FREQS[word] = _USER_FREQS.get(word, f)
    _TAGS[word] = tag or ""


def _dictionary_path() -> Path:
    """jieba's `dict.txt`, found without importing jieba (which is slow to import)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _read_dictionary(path: Path) -> _Dictionary:
    """The words of `path` with their tags and frequencies, from a cache made at first reading.

    Parsing the 349,000 lines takes about 0.4 s, loading the cache (three columns: words,
    tags, frequencies) about 0.04 s: every process (a worker, `kg add`) starts sooner. The
    cache is named after the file's size and time, so a new jieba makes a new one; it lives
    in $XDG_CACHE_HOME/chainkg (or ~/.cache/chainkg), and a cache that cannot be written or
    read is simply not used.
    """
    stat = path.stat()
    cache = _cache_dir() / f"jieba-dict-v2-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        with open(cache, "rb") as fh:
            words, tags, freqs = marshal.loads(fh.read())
        columns = _Dictionary(words.split("\n"), tags.split("\n"), array("q", freqs))
        if len(columns.words) == len(columns.tags) == len(columns.freqs):
            return columns
    except (OSError, EOFError, ValueError, TypeError):
        pass
    entries: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                entries[parts[0]] = (parts[2], int(parts[1]))  # the last line of a word wins
    ordered = sorted(entries)
    columns = _Dictionary(
        ordered, [entries[w][0] for w in ordered], array("q", (entries[w][1] for w in ordered))
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            data = ("\n".join(columns.words), "\n".join(columns.tags), columns.freqs.tobytes())
            marshal.dump(data, fh)
        os.replace(tmp, cache)  # whole or not at all, even with several processes at once
    except OSError:
        pass
    return columns


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chainkg"


def pos(word: str) -> str:
    """jieba's dictionary tag of `word` ('' for a word the dictionary does not know)."""
    tag = _TAGS.get(word)
    if tag is None:
        _look_up(word)
        tag = _TAGS.get(word, "")  # (another thread may have emptied the memo meanwhile)
    return tag


def freq(word: str) -> int:
    """The frequency `word` is cut with: jieba's dictionary or our user words' (0 if unknown).

    >>> freq("产业链") >= USER_FREQ, freq("云铝海鑫")
    (True, 0)
    """
    f = _FREQS.get(word)
    if f is None:
        _look_up(word)
        f = _FREQS.get(word, 0)
    return f


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` with offsets (plus `offset`), dictionary only, no HMM guessing."""
    # jieba-rs's `tokenize` is its `cut` with each word's offsets counted in characters: the
    # words are cut, their offsets summed in C and zip's one tuple copied into each Token, where
    # `tokenize` made a tuple per word only to drop it (0.25 -> 0.22 s for 400 articles)
    words = tokenizer().cut(text, False)
    bounds = list(accumulate(map(len, words), initial=offset))
    ends = islice(bounds, 1, None)
    return list(map(tuple.__new__, repeat(Token), zip(words, bounds, ends, strict=False)))


def segment(doc: Document) -> Document:
    """Pipeline step: fill `doc.tokens` for the whole text in one pass.

    jieba cuts at every non-Chinese character, so no word spans a sentence boundary.
    """
    doc.tokens = tokenize(doc.text)
    return doc
