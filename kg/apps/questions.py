"""The questions `kg ask` understands: kinds of question and their phrasings, read from data.

The kinds, their phrasings (regular expressions over the normalised question), the pieces those
are written with and the English indicator words are in ``kg/apps/questions.toml``; this module
reads them once, compiles the phrasings on first use, and normalises questions and the names
they capture.

>>> [kind.name for kind in kinds()][:2]
['multi-chain-firms', 'lead-pairs']
>>> kind_class("项目"), kind_class("companies"), kind_class("高新区")
('Project', 'Enterprise', 'IndustrialPark')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import tomllib

from kg import ontology
from kg.apps.linking import Link, simplified
from kg.terms import C

__all__ = [
    "QUESTIONS_FILE",
    "Kind",
    "Plan",
    "kinds",
    "kinds_help",
    "indicator_words",
    "industry_name",
    "normalise_question",
    "clean_name",
    "is_generic",
    "kind_class",
    "QUESTION_WORD",
    "YEAR",
    "cue_rows",
    "cue_words",
    "asking_words",
]

#: The kinds of question, their phrasings and the words they use, as data.
QUESTIONS_FILE = Path(__file__).with_name("questions.toml")

#: A year a question asks about (2022年, 2022): the year's digits are group 1.
YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")

# Polite openings and endings that carry no meaning for the query.
_OPENINGS = re.compile(
    r"^(?:(?:请问一下|请问|请教一下|请教|请你|请|麻烦你|麻烦|帮我|帮忙|帮我查一下|帮我查查|查一下|"
    r"查查|查询|"
    r"我想知道|我想问一下|我想问|我想了解|想问一下|想问|想了解|想知道|能否告诉我|能告诉我|"
    r"你能告诉我|"
    r"可以告诉我|告诉我|列出|列举|看看|看一下|问一下|问问|"
    r"please|can you tell me|could you tell me|can you|could you|would you|tell me|show me|"
    r"give me|i want to know|i'd like to know|i would like to know|do you know|let me know|"
    r"find|list|show|name)(?:一下)?[,:\s]*)+"
)
_ENDINGS = re.compile(r"(?:[,\s]*(?:呢|吗|啊|呀|吧|哈|嘛|please|thanks|thank you))+$")
_PUNCT = re.compile(r"[\s?!.。!?~～…]+$")
# Words that may make up a name that means "every": 各产业链, each chain, all clusters.
_GENERIC = re.compile(
    r"^(?:各个|各条|各|每条|每个|每一条|所有|全部|这些|它们|相关|有关|哪些|哪条|哪个|什么|的|"
    r"是|为|属于|作为|担任|都|"
    r"产业链|链条|链|产业集群|集群|企业|公司|地方|地区|"
    r"each|every|all|which|what|the|their|its|of|and|industrial|industry|chains?|clusters?|"
    r"firms?|companies|company|enterprises?|\s)*$"
)
#: Question words: a captured name holding one means the phrasing was misread.
QUESTION_WORD = re.compile(r"哪|什么|谁|多少|几个|几家|几条|几位|\b(?:which|what|who|whom|how)\b")
# English class words after a name (the 绿色铝 chain): the kind's classes say as much.
_CLASS_WORDS = re.compile(
    r"\s+(?:(?:industrial |industry )?(?:chain|cluster)|(?:industrial )?park|company|group|"
    r"corporation|corp|co|ltd|city|county|province|district)$"
)
_NAME_EDGES = re.compile(r"^(?:the |在|关于|有关|对于|由)+|(?:的|里|中|内|上)+$")


@dataclass(frozen=True)
class Kind:
    """A kind of question: its name, the named query that answers it and its phrasings.

    `slot` is the query parameter the name in the question fills and `types` the classes that
    name may be (``parameter`` and ``classes`` in questions.toml).
    """

    name: str
    query: str
    about: str
    zh: str
    en: str
    patterns: tuple[re.Pattern[str], ...]
    slot: str | None = None
    types: tuple[str, ...] = ()
    optional: bool = False
    query_all: str | None = None  # the query when an optional name is not given, if another
    all_kind: str | None = None  # the kind the question is when an optional name is not given
    narrower: bool = False  # a name that answers nothing is answered by the narrower names too


@dataclass
class Plan:
    """How a question is understood: its kind, named query, linked names and bindings.

    `bindings` holds one set of parameters per linked entity (several when a short name fits
    several entities equally well); `links` says which entities the name was linked to.
    """

    question: str
    normalised: str
    kind: Kind | None = None
    query: str | None = None
    name: str | None = None  # the name as written in the question
    links: list[Link] = field(default_factory=list)
    bindings: list[dict[str, Any]] = field(default_factory=list)
    indicator: str | None = None
    year: int | None = None
    status: str = "understood"  # or "unknown-entity", "not-understood"
    suggestions: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)  # narrower names answering for the name
    fallback: Plan | None = None  # a less sure reading, answered when this one finds nothing
    expected: tuple[str, ...] = ()
    how: str = "phrasing"  # or "spotted": read by the names and cue words it holds
    note: str | None = None  # what the answer is, when the query says less (said with it)


@cache
def _data() -> dict[str, Any]:
    with open(QUESTIONS_FILE, "rb") as fh:
        return tomllib.load(fh)


@cache
def kinds() -> tuple[Kind, ...]:
    """The kinds of question, in the order they are tried, their phrasings compiled."""
    pieces = _data()["pieces"]
    found = []
    for row in _data()["kinds"]:
        found.append(
            Kind(
                name=row["name"],
                query=row["query"],
                about=row["about"],
                zh=row["zh"],
                en=row["en"],
                patterns=tuple(re.compile(p.format(**pieces)) for p in row["phrasings"]),
                slot=row.get("parameter"),
                types=tuple(getattr(C, name) for name in row.get("classes", ())),
                optional=row.get("optional", False),
                query_all=row.get("query_all"),
                all_kind=row.get("all_kind"),
                narrower=row.get("narrower", False),
            )
        )
    return tuple(found)


def kinds_help() -> str:
    """The kinds of question understood, one line each with a Chinese and an English example.

    >>> kinds_help().splitlines()[0].split(":")[0]
    '  - which firms lead which chain (every pair)'
    """
    listing = _data()["listing"]
    ordered = sorted(kinds(), key=lambda k: listing.index(k.name))
    return "\n".join(f"  - {k.about}: {k.zh} / {k.en}" for k in ordered)


def industry_name(text: str) -> str | None:
    """The Chinese for an industry named in English (``[industry_words]`` of the questions
    file), or None when some word of it is no industry word.

    >>> industry_name("new energy vehicle"), industry_name("Green Aluminium"), industry_name("x")
    ('新能源汽车', '绿色铝', None)
    """
    words = _data()["industry_words"]
    rest = " ".join(text.lower().replace("-", " - ").split()).replace(" - ", "-")
    rest = re.sub(r"^(?:the|a|an) ", "", rest)
    rest = re.sub(r" (?:industry|industries|sector|sectors)$", "", rest)
    if rest in words:
        return words[rest]
    tokens, out = rest.split(), []
    while tokens:  # the longest known phrase at each point
        for n in range(len(tokens), 0, -1):
            if " ".join(tokens[:n]) in words:
                out.append(words[" ".join(tokens[:n])])
                tokens = tokens[n:]
                break
        else:
            return None
    return "".join(out) or None


@cache
def _english_industry_pattern() -> re.Pattern[str]:
    words = sorted(_data()["industry_words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def english_industries(text: str) -> list[str]:
    """The Chinese of each industry a question names in English words (the longest phrase at
    each place), in order.

    >>> english_industries("Which firms lead the biomedicine industry in 岚山?")
    ['生物医药']
    """
    words = _data()["industry_words"]
    return [words[m.group()] for m in _english_industry_pattern().finditer(text.lower())]


def cue_rows() -> list[dict[str, Any]]:
    """The ``[[cues]]`` of the questions file, as written (read by `kg.apps.spotting`)."""
    return _data().get("cues", [])


def cue_words() -> dict[str, str]:
    """The ``[cue_words]`` of the questions file: each set of words a cue asks with, by name."""
    return _data()["cue_words"]


def asking_words() -> dict[str, list[str]]:
    """The ``[asking_words]`` of the questions file: the words that ask, not what is asked
    about (zh: written as they are; en: whole words)."""
    return _data()["asking_words"]


def indicator_words() -> dict[str, str]:
    """English names of common indicators -> the Chinese words indicator names contain.

    >>> indicator_words()["industrial output"]
    '工业总产值'
    """
    return _data()["indicator_words"]


def normalise_question(text: str) -> str:
    """The question as the phrasings read it: NFKC, simplified, lower case, no polite words.

    >>> normalise_question("請問，綠色鋁產業鏈的龍頭企業有哪些？")
    '绿色铝产业链的龙头企业有哪些'
    >>> normalise_question("Please tell me: who leads the 绿色铝 chain?")
    'who leads the 绿色铝 chain'
    """
    text = simplified(unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = text.replace("“", '"').replace("”", '"')
    for _ in range(2):
        text = _PUNCT.sub("", text)
        text = _ENDINGS.sub("", text)
        text = _OPENINGS.sub("", text).strip()
    return text


def clean_name(text: str) -> str:
    """A captured name without quotes, English class words and edge words.

    >>> clean_name("the 绿色铝 chain"), clean_name("在昭阳区里")
    ('绿色铝', '昭阳区')
    """
    text = _CLASS_WORDS.sub("", text.strip(" ,:;\"'"))
    text = _NAME_EDGES.sub("", text).strip(" ,:;\"'")
    return text


def is_generic(text: str) -> bool:
    """Whether a captured name only means "every" (各产业链, all chains).

    >>> is_generic("各产业链"), is_generic("绿色铝")
    (True, False)
    """
    return bool(_GENERIC.fullmatch(text))


@cache
def _type_words() -> dict[str, str]:
    # word -> class: the classes' zh and en labels and aliases, then the extra words
    found: dict[str, str] = {}
    for cls, extra in _data()["type_words"].items():
        zh = [ontology.label(cls), *ontology.alt_labels(cls)]
        en = [ontology.label(cls, lang="en"), *ontology.alt_labels(cls, lang="en")]
        for word in (*zh, *(w.lower() for w in en), *extra):
            found.setdefault(word, getattr(C, cls))
    return found


def kind_class(word: str | None) -> str | None:
    """The class of the things a question asks for ({TYPE}: 企业, 项目, parks), or None."""
    if not word:
        return None
    for key, cls in _type_words().items():
        if word.startswith(key):
            return cls
    for cls, parts in _data()["type_parts"].items():
        if any(part in word for part in parts):
            return getattr(C, cls)
    return None
