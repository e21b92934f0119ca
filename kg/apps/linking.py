"""Entity linking: a name as a user writes it -> the entities of the graph it most likely means.

Names are the entities' zh prefLabels and aliases (skos:altLabel), read from the graph with the
named query ``entity-names``. A name matches when it is, after normalising both sides (NFKC,
traditional -> simplified with OpenCC, no quotes or spaces, lower case):

- the same as an entity's label (score 100) or alias (99);
- the same once class endings are cut from both (绿色铝 = 绿色铝产业链, 昭通 = 昭通市: 95), of
  the class its ending names, if it has one (江城经开区 is a park, not the city 江城);
- a region's, park's or firm's name that a place qualifies, when nothing above matches and
  the name ends as that class does (江城经开区: 云南江城经济开发区, 江城市经开区: 85);
- part of a name, when written bare (海鑫 in 云铝海鑫), scored by how much it covers (70-95);
- a name plus a word that only says what it is (云铝海鑫公司, 昭通市政府: 70-95);
- a near spelling (one character wrong in four or more: rapidfuzz ``fuzz.ratio`` >= 70; and
  when the name has a class ending, its core near the other's: one wrong in three);
- a name written in pinyin, as English text writes Chinese places and firms (Zhaotong =
  昭通市, Yunlv Haixin = 云铝海鑫: 90), when nothing above matches.

>>> linker = Linker([Name("e:1", "IndustryChain", "绿色铝产业链", "绿色铝产业链"),
...                  Name("e:2", "Enterprise", "云铝海鑫", "云铝海鑫")])
>>> [(link.label, link.how) for link in linker.link("綠色鋁")]
[('绿色铝产业链', 'short name')]
>>> linker.link("云铝海心")[0].label
'云铝海鑫'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from kg import ontology
from kg.extraction.places import is_place, opening_places
from kg.graph.query import run_named
from kg.iris import normalise_label
from kg.reading.characters import simplified
from kg.terms import C

__all__ = [
    "Name",
    "Link",
    "Linker",
    "Spot",
    "normalise_name",
    "core_name",
    "ending_class",
    "simplified",
    "ACCEPT",
    "pinyin_key",
]

#: The classes whose names a place may qualify (云南江城经济开发区 for 江城经开区): a name with
#: their class ending finds the names of that class whose core starts or ends with its core.
_QUALIFIED = frozenset({C.Region, C.IndustrialPark, C.Enterprise})
_QUALIFIED_SCORE = 85.0
#: The lowest score a link needs.
ACCEPT = 70.0
#: Links within this many points of the best one are kept too (an ambiguous partial name).
_NEAR = 3.0
#: How near (rapidfuzz ``fuzz.ratio``) the cores of two names with class endings must be for the
#: names to be near spellings: one character wrong in three, not one in two.
_CORE_NEAR = 60.0
# Words a user may add after a name that only say what kind of thing it is.
_EXTRA_WORDS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "集团",
    "企业",
    "人民政府",
    "政府",
    "党委",
    "市委",
    "县委",
    "产业链",
    "全产业链",
    "链条",
    "链",
    "产业集群",
    "集群",
    "产业",
    "园区",
    "项目",
)
# Endings cut to find a name's core, besides the ontology's class suffixes.
_EXTRA_SUFFIXES = ("产业链", "产业集群", "产业", "链条", "链", "集团", "公司", "企业")
_DROP = re.compile(r"[\s\"'“”‘’《》「」『』〈〉()（）\[\]【】]+")
# A name in Latin letters only: perhaps pinyin (Zhaotong, Jinping, Yunlv Haixin).
_LATIN = re.compile(r"[a-z][a-z'\-]*")
_PINYIN_SCORE = 90.0
# A run of a text a name may be found in (`Linker.spot`): no spaces or punctuation inside.
_RUN = re.compile(r"[\u4e00-\u9fff0-9a-zA-Z·()（）\-]+")
# A word of Latin letters, and English words no name is written in (pinyin or not).
_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH = frozenset(
    """what which who whom how many much does did have has the and for with from into about that
    this these those there their chain chains firm firms company companies enterprise industry
    industries project projects park parks zone zones city county province district region
    leader leaders leading lead leads output value total year years investment revenue cluster
    clusters policy policies plan plans development economic national provincial level state
    more than most main key new energy same other were where when after before""".split()
)
#: The longest name `Linker.spot` looks for, in characters.
_SPOT_LONGEST = 30


def pinyin_key(text: str) -> str:
    """A name in pinyin, as compared: lower case letters only, ü written u.

    >>> pinyin_key("昭通"), pinyin_key("Yunlü Hai-xin"), pinyin_key("云铝海鑫")
    ('zhaotong', 'yunluhaixin', 'yunluhaixin')
    """
    if not text.isascii():
        from pypinyin import lazy_pinyin  # (start-up: only questions in Latin letters need it)

        text = "".join(lazy_pinyin(text))
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "u").replace("v", "u"))


@cache
def normalise_name(text: str) -> str:
    """The form names are compared in: NFKC, simplified, no quotes, brackets or spaces, lower.

    >>> normalise_name(" 《鶴慶溢鑫鋁業》 ")
    '鹤庆溢鑫铝业'
    """
    return _DROP.sub("", simplified(normalise_label(text))).lower()


@cache
def _suffixes() -> tuple[str, ...]:
    found = set(_EXTRA_SUFFIXES)
    for cls in ontology.entity_classes():
        found.update(ontology.suffixes(cls))
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _ending_classes() -> dict[str, str]:
    # class ending -> the one class it says a name is of (经开区: IndustrialPark), from the
    # ontology's suffixes and labels; an ending two classes share says nothing
    found: dict[str, set[str]] = {}
    for cls in ontology.entity_classes():
        words = (*ontology.suffixes(cls), ontology.label(cls), *ontology.alt_labels(cls))
        for word in words:
            found.setdefault(word, set()).add(cls)
    return {word: next(iter(classes)) for word, classes in found.items() if len(classes) == 1}


def ending_class(text: str) -> str | None:
    """The class a normalised name's ending says it is of, if one alone (江城经开区: a park).

    >>> ending_class("江城经开区"), ending_class("云铝海鑫公司"), ending_class("绿色铝")
    ('IndustrialPark', 'Enterprise', None)
    """
    for suffix in _suffixes():
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return _ending_classes().get(suffix)
    return None


@cache
def _generic_names() -> frozenset[str]:
    # names that only say what kind of thing something is (产业链, 园区): an entity so named is
    # never what a partial or misspelt name means
    return frozenset(_suffixes()) | frozenset(_EXTRA_WORDS)


def _stem(text: str) -> str:
    # a normalised name without all its class endings, down to one character (铝产业链 -> 铝)
    cut = True
    while cut:
        cut = False
        for suffix in _suffixes():
            if text.endswith(suffix) and len(text) > len(suffix):
                text, cut = text[: -len(suffix)], True
                break
    return text


def core_name(text: str) -> str:
    """A normalised name without its class ending, if at least two characters remain.

    >>> core_name("绿色硅全产业链"), core_name("昭通市"), core_name("贵州")
    ('绿色硅', '昭通', '贵州')
    """
    for suffix in _suffixes():
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


# the levels a place's name may end in (江城市): a park named with it or without is one
_LEVELS = "省市县区州旗"


@dataclass(frozen=True)
class Name:
    """One name of one entity: `name` is its label or one of its aliases."""

    iri: str
    type: str
    label: str
    name: str


@dataclass(frozen=True)
class Link:
    """An entity a written name was linked to, how, and how surely (score 0-100)."""

    text: str
    iri: str
    type: str
    label: str
    matched: str
    score: float
    how: str


@dataclass(frozen=True)
class Spot:
    """A name found written in a text (`Linker.spot`): where, and the entities it names."""

    text: str
    start: int
    end: int
    links: list[Link]
    nested: bool = False  # inside a longer name found


class Linker:
    """Links written names to entities. Build it from names, or with `from_graph`.

    Creating one only stores the names; they are indexed on the first `link`.
    """

    def __init__(self, names: Iterable[Name]) -> None:
        self._entries = [n for n in names if n.name and n.name.strip()]
        self._index: tuple[list[str], list[str], dict[str, list[int]], dict[str, list[int]]]
        self._indexed = False
        self._pinyin: dict[str, list[int]] | None = None  # pinyin of names and cores -> entries
        self._labels: dict[str, str] | None = None  # entity -> its normalised label (`spot`)
        self._placeless: dict[str, list[int]] | None = None  # parks by their core, place cut

    @classmethod
    def from_graph(cls, graph_or_store: Any) -> Linker:
        """A linker over every entity name in a store or graph (the named query entity-names)."""
        _, rows = run_named(graph_or_store, "entity-names")
        return cls(Name(iri, type_, label, name) for iri, type_, label, name in rows)

    def __len__(self) -> int:
        return len(self._entries)

    def types(self) -> set[str]:
        """The classes of the entities the linker knows."""
        return {n.type for n in self._entries}

    def _indexes(self) -> tuple[list[str], list[str], dict[str, list[int]], dict[str, list[int]]]:
        if not self._indexed:
            norms = [normalise_name(n.name) for n in self._entries]
            cores = [core_name(norm) for norm in norms]
            by_norm: dict[str, list[int]] = {}
            by_core: dict[str, list[int]] = {}
            for i, (norm, core) in enumerate(zip(norms, cores, strict=True)):
                by_norm.setdefault(norm, []).append(i)
                by_core.setdefault(core, []).append(i)
            self._index = (norms, cores, by_norm, by_core)
            self._indexed = True
        return self._index

    def _placeless_index(self) -> dict[str, list[int]]:
        """Parks by the core of their name without the place it opens with (贵州岚山经济开发区:
        岚山) or without its place's level (江城市经开区: 江城), for a park asked for so (岚山
        经济开发区, 江城经开区)."""
        if self._placeless is None:
            _, cores, _, _ = self._indexes()
            index: dict[str, list[int]] = {}
            for i, core in enumerate(cores):
                if self._entries[i].type != C.IndustrialPark:
                    continue
                if core[-1:] in _LEVELS and len(core) > 2 and is_place(core[:-1]):
                    index.setdefault(core[:-1], []).append(i)
                k = next(opening_places(core), None)
                if k is not None:
                    index.setdefault(core[k:], []).append(i)
            self._placeless = index
        return self._placeless

    def _pinyin_index(self) -> dict[str, list[int]]:
        if self._pinyin is None:
            norms, cores, _, _ = self._indexes()
            index: dict[str, list[int]] = {}
            for i, (norm, core) in enumerate(zip(norms, cores, strict=True)):
                for key in {pinyin_key(norm), pinyin_key(core)}:
                    if len(key) >= 4:  # (two syllables at least)
                        index.setdefault(key, []).append(i)
            self._pinyin = index
        return self._pinyin

    def link(
        self, text: str, *, types: Sequence[str] | None = None, partial: bool = False
    ) -> list[Link]:
        """The entities `text` most likely names, best first; [] when none is close enough.

        Only entities of `types` (class local names) are considered when given. Several links
        come back when names tie: the same score for an exact or short name, or within a few
        points for a partial one (旗滨 -> 旗滨玻璃 and 旗滨光伏). With `partial`, the names
        that hold `text` come too, after an exact match (合盛 -> 合盛, then 合盛铝业).
        """
        q = normalise_name(text)
        if not q:
            return []
        q_core = core_name(q)
        norms, cores, by_norm, by_core = self._indexes()
        wanted = set(types) if types else None
        generic = _generic_names()
        best: dict[str, Link] = {}

        def offer(i: int, score: float, how: str) -> None:
            n = self._entries[i]
            if score < ACCEPT or (wanted is not None and n.type not in wanted):
                return
            known = best.get(n.iri)
            if known is None or score > known.score:
                best[n.iri] = Link(text, n.iri, n.type, n.label, n.name, round(score, 1), how)

        for i, score, how in self._exact(q):
            offer(i, score, how)
        ending = ending_class(q)
        if not best or partial:
            bare = len(q) >= 2 and q == q_core  # a bare short name, not 新能源产业集群
            qualify = not best and ending in _QUALIFIED and len(q_core) >= 2
            for i, n in enumerate(norms):
                if n in generic:
                    continue
                if bare and q in n:
                    offer(i, 70 + 25 * len(q) / len(n), "part of the name")
                elif (
                    qualify
                    and self._entries[i].type == ending
                    and cores[i] != q_core
                    and (cores[i].startswith(q_core) or cores[i].endswith(q_core))
                ):  # 江城经开区: 云南江城经济开发区, 江城市经开区, all as likely
                    offer(i, _QUALIFIED_SCORE, "qualified name")
                elif len(n) >= 2 and n in q and q.replace(n, "", 1) in _EXTRA_WORDS:
                    offer(i, 70 + 25 * len(n) / len(q), "name and kind")
        if not best and _LATIN.fullmatch(q):
            for i in self._pinyin_index().get(pinyin_key(q), ()):
                if norms[i] not in generic:
                    offer(i, _PINYIN_SCORE, "pinyin")
        if not best and len(q) >= 3:
            for choices, query in ((norms, q), (cores, q_core)):
                found = process.extract(
                    query, choices, scorer=fuzz.ratio, score_cutoff=70, limit=None
                )
                for _, ratio, i in found:
                    if norms[i] in generic:
                        continue
                    # a shared class ending makes 能源产业链 look like 储能产业链: the cores
                    # must be near too (绿色矽 and 绿色硅 are, 能源 and 储能 are not)
                    if q != q_core and fuzz.ratio(q_core, cores[i]) < _CORE_NEAR:
                        continue
                    offer(i, ratio * 0.95, "near spelling")
        if not best:
            return []
        ranked = sorted(best.values(), key=lambda k: (-k.score, len(k.label), k.label, k.iri))
        top = ranked[0].score
        margin = 0.0 if top >= 95 else _NEAR
        if partial:
            return ranked
        return [k for k in ranked if k.score >= top - margin]

    def _exact(self, q: str) -> Iterator[tuple[int, float, str]]:
        """The entries a normalised name names by their label (100), an alias (99) or their
        short name (95: the cores alike, and the class its ending names, if it names one)."""
        _, _, by_norm, by_core = self._indexes()
        for i in by_norm.get(q, ()):
            is_label = self._entries[i].name == self._entries[i].label
            yield i, (100.0 if is_label else 99.0), ("label" if is_label else "alias")
        q_core, ending = core_name(q), ending_class(q)
        if len(q_core) >= 2:
            for i in by_core.get(q_core, ()):
                if ending is None or self._entries[i].type == ending:  # 江城经开区: no city
                    yield i, 95.0, "short name"
            if ending == C.IndustrialPark:  # 岚山经开区: 贵州岚山经济开发区
                for i in self._placeless_index().get(q_core, ()):
                    yield i, 95.0, "short name"

    def spot(self, text: str, *, nested: bool = False) -> list[Spot]:
        """The names of the graph written in `text`, each by its label, an alias or its short
        name (score 95 or more), longest first and none overlapping another; in text order.
        With `nested`, the names inside those found come too, marked `nested` (长沙市 in
        长沙市工程机械产业链).

        >>> linker = Linker([Name("e:1", "Region", "岚州市", "岚州市"),
        ...                  Name("e:2", "IndustryChain", "白茶产业链", "白茶产业链")])
        >>> [(s.text, s.links[0].label) for s in linker.spot("岚州白茶产业链的链长是谁")]
        [('岚州', '岚州市'), ('白茶产业链', '白茶产业链')]
        """
        generic = _generic_names()
        # (an entity named only by what it is, the chain 产业链 of a 链主 with no chain named,
        # is never what a question names)
        if self._labels is None:
            self._labels = {n.iri: normalise_name(n.label) for n in self._entries}
        labels = self._labels
        found: list[Spot] = []
        for run in _RUN.finditer(text):
            word = run.group()
            for size in range(min(len(word), _SPOT_LONGEST), 1, -1):
                for i in range(len(word) - size + 1):
                    start = run.start() + i
                    end = start + size
                    outer = [s for s in found if s.start < end and start < s.end]
                    inside = all(s.start <= start and end <= s.end for s in outer)
                    if outer and not (nested and inside):
                        continue  # (a longer name holds part of it)
                    q = normalise_name(word[i : i + size])
                    if len(q) < 2 or q in generic:
                        continue
                    links: dict[str, Link] = {}
                    short_generic = core_name(q) in generic
                    for j, score, how in self._exact(q):
                        n = self._entries[j]
                        if labels[n.iri] in generic or how == "short name" and short_generic:
                            continue
                        links.setdefault(n.iri, Link(q, n.iri, n.type, n.label, n.name, score, how))
                    if links:
                        ranked = sorted(
                            links.values(), key=lambda k: (-k.score, len(k.label), k.label)
                        )
                        found.append(Spot(q, start, end, ranked, nested=bool(outer)))
        found.extend(self._pinyin_spots(text, found))
        return sorted(found, key=lambda s: s.start)

    def _pinyin_spots(self, text: str, found: list[Spot]) -> list[Spot]:
        """Names written in pinyin in `text` (English text writes Chinese places so: Zhuzhou,
        Guanshanhu district): runs of up to three Latin words whose pinyin is a name's or its
        core's, longest first, outside the names already found.

        >>> linker = Linker([Name("e:1", "Region", "岚州市", "岚州市")])
        >>> [(s.text, s.links[0].label) for s in linker.spot("how many firms does lanzhou have")]
        [('lanzhou', '岚州市')]
        """
        words = [m for m in _WORD.finditer(text) if m.group().lower() not in _ENGLISH]
        if not words:
            return []
        index = self._pinyin_index()
        taken = [(s.start, s.end) for s in found]
        out: list[Spot] = []
        for size in (3, 2, 1):
            for k in range(len(words) - size + 1):
                run = words[k : k + size]
                start, end = run[0].start(), run[-1].end()
                if text[start:end] != " ".join(w.group() for w in run):
                    continue  # (words of one name stand next to each other)
                if any(a < end and start < b for a, b in taken):
                    continue
                key = pinyin_key(text[start:end])
                hits = index.get(key, ()) if len(key) >= 4 else ()  # (two syllables at least)
                if not hits:
                    continue
                links = {}
                for i in hits:
                    n = self._entries[i]
                    links.setdefault(
                        n.iri,
                        Link(
                            text[start:end], n.iri, n.type, n.label, n.name, _PINYIN_SCORE, "pinyin"
                        ),
                    )
                ranked = sorted(links.values(), key=lambda x: (len(x.label), x.label))
                out.append(Spot(text[start:end], start, end, ranked))
                taken.append((start, end))
        return out

    def narrower(self, text: str, *, types: Sequence[str] | None = None) -> list[Link]:
        """The entities whose names say more than `text`: their core starts or ends with its
        core (海洋 -> 海洋工程装备产业链, 装备 -> 海洋工程装备产业链), not one that only holds it
        inside (能源 is no narrower name of 新能源电池); the best covered first.

        >>> chains = ["海洋工程装备产业链", "新能源电池产业链"]
        >>> linker = Linker(Name(f"e:{i}", "IndustryChain", c, c) for i, c in enumerate(chains))
        >>> [link.label for link in linker.narrower("海洋工程产业链")], linker.narrower("能源")
        (['海洋工程装备产业链'], [])

        A name with a class ending may be one character without it (铝产业链: 铝).
        """
        q = normalise_name(text)
        q_core, stem = core_name(q), _stem(q)
        if len(stem) < 2 and stem == q:  # one bare character says too little
            return []
        norms, cores, _, _ = self._indexes()
        wanted = set(types) if types else None
        generic = _generic_names()
        best: dict[str, Link] = {}
        for i, core in enumerate(cores):
            n = self._entries[i]
            if (wanted is not None and n.type not in wanted) or core == q_core:
                continue
            if norms[i] in generic:
                continue
            if core.startswith(stem) or core.endswith(stem):
                score = round(70 + 25 * len(stem) / len(core), 1)
                known = best.get(n.iri)
                if known is None or score > known.score:
                    best[n.iri] = Link(text, n.iri, n.type, n.label, n.name, score, "narrower name")
        return sorted(best.values(), key=lambda k: (-k.score, len(k.label), k.label, k.iri))

    def suggest(
        self, text: str, *, types: Sequence[str] | None = None, limit: int = 5
    ) -> list[str]:
        """The labels closest to `text` (sharing some of it), for "did you mean" messages.

        With nothing in common with any name, the first labels of those `types` instead.

        >>> linker = Linker([Name("e:1", "Region", "昭通市", "昭通市"),
        ...                  Name("e:2", "Region", "威信县", "威信县")])
        >>> linker.suggest("昭同"), linker.suggest("岚川时代")
        (['昭通市'], ['威信县', '昭通市'])
        """
        q = normalise_name(text)
        wanted = set(types) if types else None
        labels = sorted({n.label for n in self._entries if wanted is None or n.type in wanted})
        choices = [normalise_name(label) for label in labels]
        found = process.extract(q, choices, scorer=fuzz.WRatio, limit=None)
        close = [m for m in found if set(q) & set(m[0])]  # sharing a character at least
        ordered = sorted(close, key=lambda m: (-m[1], len(labels[m[2]]), labels[m[2]]))
        return [labels[i] for _, _, i in ordered[:limit]] or labels[:limit]
