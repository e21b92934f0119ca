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
import os
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


# the least frequency a user word gets: enough to win over the dictionary words inside it
USER_FREQ = 1000


def _user_freqs() -> dict[str, int]:
    """Each user word and the frequency it is added with (as jieba's `add_word` would)."""
    tokenizer()
    return _USER_FREQS


_USER_FREQS: dict[str, int] = {}


@functools.cache
def tokenizer():
    """A jieba-rs tokenizer of our own that knows the ontology's words."""
    import rjieba

    tk = rjieba.Jieba()
    # frequencies as the plain dictionary suggests them, before any user word is added
    freqs = {w: max(tk.suggest_freq(w), USER_FREQ) for w in _user_words()}
    for word, f in freqs.items():
        tk.add_word(word, f, None)
    _USER_FREQS.update(freqs)
    return tk


# jieba's dictionary: each word's tag, and the frequency it is cut with (ours for user words),
# filled on first use (module-level dicts: the recognisers look words up a million times)
_TAGS: dict[str, str] = {}
_FREQS: dict[str, int] = {}


def _load_dictionary() -> dict[str, str]:
    if not _TAGS:
        tags, freqs = _read_dictionary(_dictionary_path())
        freqs = {**freqs, **_user_freqs()}
        _FREQS.update(freqs)  # each update is one step for other threads: never half-filled
        _TAGS.update(tags)
    return _TAGS


def _dictionary_path() -> Path:
    """jieba's `dict.txt`, found without importing jieba (which is slow to import)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _read_dictionary(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Tags and frequencies of the words in `path`, from a cache made at the first reading.

    Parsing the 349,000 lines takes about 0.4 s, loading the cache about 0.1 s: every process
    (a worker, `kg add`) starts sooner. The cache is named after the file's size and time, so
    a new jieba makes a new one; it lives in $XDG_CACHE_HOME/chainkg (or ~/.cache/chainkg), and
    a cache that cannot be written or read is simply not used.
    """
    import marshal

    stat = path.stat()
    cache = _cache_dir() / f"jieba-dict-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        with open(cache, "rb") as fh:
            tags, freqs = marshal.loads(fh.read())
        if isinstance(tags, dict) and isinstance(freqs, dict):
            return tags, freqs
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags, freqs = {}, {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
                freqs[parts[0]] = int(parts[1])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            marshal.dump((tags, freqs), fh)
        os.replace(tmp, cache)  # whole or not at all, even with several processes at once
    except OSError:
        pass
    return tags, freqs


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chainkg"


def pos(word: str) -> str:
    """jieba's dictionary tag of `word` ('' for a word the dictionary does not know)."""
    return (_TAGS or _load_dictionary()).get(word, "")


def freq(word: str) -> int:
    """The frequency `word` is cut with: jieba's dictionary or our user words' (0 if unknown).

    >>> freq("产业链") >= USER_FREQ, freq("云铝海鑫")
    (True, 0)
    """
    if not _FREQS:
        _load_dictionary()
    return _FREQS.get(word, 0)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` with offsets (plus `offset`), dictionary only, no HMM guessing."""
    make = Token._make
    if offset:
        return [
            make((w, a + offset, b + offset))
            for w, a, b in tokenizer().tokenize(text, "default", False)
        ]
    return list(map(make, tokenizer().tokenize(text, "default", False)))


def segment(doc: Document) -> Document:
    """Pipeline step: fill `doc.tokens` for the whole text in one pass.

    jieba cuts at every non-Chinese character, so no word spans a sentence boundary.
    """
    doc.tokens = tokenize(doc.text)
    return doc
