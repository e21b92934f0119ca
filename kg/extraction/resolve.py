"""Mentions -> entities with stable IRIs, and the merge log that says why.

In one article, a short name and the full name of the same firm are one entity when the short
name is part of exactly one longer name (华宁新材料 and 云南华宁新材料股份有限公司). Across
articles the same normalised label is the same IRI. Different names are never merged on a guess.

>>> from kg.reading.document import Document, Mention
>>> doc = Document(name="a.txt", raw="", text="", offsets=[0])
>>> doc.mentions = [Mention("Enterprise", "云南华宁新材料股份有限公司", 0, 13),
...                 Mention("Enterprise", "华宁新材料", 20, 25)]
>>> sorted({m.label for m in resolve(doc).mentions})
['云南华宁新材料股份有限公司']
"""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate

from kg import iris, ontology
from kg.extraction.places import is_place, opening_places
from kg.extraction.recognize import GENERIC
from kg.extraction.recognize.boundaries import _strip_generic
from kg.extraction.recognize.lexicon import (
    _CJK,
    _UNSURE,
    _brand_like,
    _is_region_word,
    _lex,
    _trie_alt,
)
from kg.extraction.recognize.overlaps import _NESTABLE, _resolve_overlaps
from kg.extraction.segment import freq, rules, tokenize
from kg.reading.document import Document, Entity, Mention, Merge
from kg.terms import C

__all__ = ["corefer", "resolve"]

# Articles name the same few things over and over: remember the last few thousand answers.
normalise_label = functools.lru_cache(maxsize=4096)(iris.normalise_label)
entity_iri = functools.lru_cache(maxsize=4096)(iris.entity_iri)

_FIRM_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
)


def _full_name_of(short: str, longer: list[str], derived: set[str]) -> str | None:
    """The one longer firm name that `short` is a short form of, or None when there are none
    or several. A short form is the longer name without its legal form, a leading place or a
    group's name (华宁新材料 of 云南华宁新材料股份有限公司, 万润 of 中节能万润), or one the
    article was read to use for it
    (`derived`: 岳禾智能 for 岳禾智能装备股份有限公司); a shared brand alone is not (合盛 is
    not 合盛铝业: the group has other firms).

    >>> _full_name_of("华宁新材料", ["云南华宁新材料股份有限公司"], set())
    '云南华宁新材料股份有限公司'
    >>> _full_name_of("合盛", ["合盛铝业"], set()) is None
    True
    """
    hosts = [
        n
        for n in longer
        if n != short
        and (short in n and _short_form(short, n, derived) or short in _short_names(n))
    ]
    return hosts[0] if len(hosts) == 1 else None


def _short_form(short: str, name: str, derived: set[str]) -> bool:
    """Whether `short` is how an article may call the firm `name`: its core (no legal form,
    no leading place) ends with it (万润 of 中节能万润), or, for a full legal name, is it and
    an industry word (云铝海鑫 of 云南云铝海鑫铝业有限公司)."""
    if short in derived:
        return True
    core = _core_name(name)
    if core.endswith(short):
        return True
    legal = any(name.endswith(sfx) for sfx in _FIRM_SUFFIXES[:-2])  # 有限公司…, not 集团, 公司
    return legal and core.startswith(short) and core[len(short) :] in _industry_words()


@functools.cache
def _industry_words() -> frozenset[str]:
    return frozenset(rules()["enterprise"]["industry_words"])


def _core_name(name: str) -> str:
    """A firm's name without its legal form and a leading place: 云南华宁新材料股份有限公司 ->
    华宁新材料."""
    for sfx in _FIRM_SUFFIXES:
        if name.endswith(sfx) and len(name) > len(sfx) + 1:
            name = name[: -len(sfx)]
            break
    for k in (3, 2):
        if len(name) > k + 1 and is_place(name[:k]):
            return name[k:]
    return name


_REGION_SUFFIXES = ("省", "市", "县", "区", "州", "镇", "乡")


def _region_full_names(labels: set[str]) -> dict[str, str]:
    """昭通 -> 昭通市 when the article writes both and no other 昭通+suffix."""
    out = {}
    for label in labels:
        hosts = [label + sfx for sfx in _REGION_SUFFIXES if label + sfx in labels]
        if len(hosts) == 1:
            out[label] = hosts[0]
    return out


# names that may hold a sum, written with or without 元 (百亿元绿色产业园, 百亿绿色产业园)
@functools.cache
def _park_forms() -> tuple[tuple[str, str], ...]:
    """(kind, form) of every ending of a park's name, the longest first: the long and short
    forms of one kind (经济技术开发区, 经开区) share their kind; any other ending is its own."""
    kinds = {f: group[0] for group in rules()["park"]["forms"] for f in group}
    forms = {*kinds, *ontology.suffixes(C.IndustrialPark)}
    return tuple(sorted(((kinds.get(f, f), f) for f in forms), key=lambda kf: -len(kf[1])))


def _place_short(core: str) -> str:
    """The words before a park's kind with the place they open with written short (庄浪县工业
    -> 庄浪工业): one park whether its county's level is written or not."""
    for k in range(min(len(core), 8), 2, -1):
        head = core[:k]
        if head[-1] in "省市县区州旗" and is_place(head):
            short = head[:-1]
            return short + core[k:] if len(short) >= 2 else core
    return core


def _park_full_names(labels: set[str]) -> dict[str, str]:
    """Each park name written short (某某开发区, 某县…工业集中区 as 某…工业集中区) -> the same park
    written in full in the article (某某经济技术开发区): the same words before forms of one
    kind, the place they open with written short or in full.

    >>> _park_full_names({"岚山开发区", "岚山经济技术开发区", "川北高新区"})
    {'岚山开发区': '岚山经济技术开发区'}
    >>> _park_full_names({"宁乡工业集中区", "宁乡县工业集中区"})
    {'宁乡工业集中区': '宁乡县工业集中区'}
    >>> sorted(_park_full_names({"玉溪星河产业园", "星河产业园区", "星河产业园"}).items())
    [('星河产业园', '星河产业园区'), ('玉溪星河产业园', '星河产业园区')]
    """
    keyed: dict[tuple[str, str], list[str]] = {}
    for label in labels:
        for kind, form in _park_forms():
            core = label[: -len(form)]
            if label.endswith(form) and len(core) >= 2:
                keyed.setdefault((_place_short(core), kind), []).append(label)
                break
    out = {}
    for names in keyed.values():
        full = max(names, key=len)
        out.update({n: full for n in names if n != full})
    # a park written with a place before its words and without (四川岚山经开区, 岚山经开区):
    # one park, named without the place, when one place only is written before those words
    hosts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for core, kind in keyed:
        k = next((k for k in opening_places(core) if (core[k:], kind) in keyed), None)
        if k is not None:
            hosts.setdefault((core[k:], kind), []).append((core, kind))
    for bare, (longer, *others) in hosts.items():
        if not others:
            full = max(keyed[bare], key=len)
            out.update({n: full for n in keyed[longer]})
    return out


_SUM_NAMED = frozenset({C.IndustrialPark, C.Project, C.IndustryCluster})
_SUM_YUAN = re.compile("(?<=[十百千万亿])元")


def _canonical(doc: Document) -> None:
    firms = sorted(
        {normalise_label(m.label) for m in doc.mentions if m.type == C.Enterprise},
        key=len,
        reverse=True,
    )
    derived = {
        normalise_label(m.label)
        for m in doc.mentions
        if m.type == C.Enterprise and m.rule == "short-name"
    }
    full = {n: _full_name_of(n, firms, derived) for n in firms}
    full.update(_named_in_brackets(doc))
    projects = {normalise_label(m.label) for m in doc.mentions if m.type == C.Project}
    regions = _region_full_names(
        {normalise_label(m.label) for m in doc.mentions if m.type == C.Region}
    )
    parks = _park_full_names(
        {normalise_label(m.label) for m in doc.mentions if m.type == C.IndustrialPark}
    )
    # 百亿元 and 百亿 in one article's names of a park or a project: one name, the longer
    spelled: dict[tuple[str, str], str] = {}
    for m in doc.mentions:
        if m.type in _SUM_NAMED and "亿" in m.label:
            label = normalise_label(m.label)
            key = (m.type, _SUM_YUAN.sub("", label))
            if len(label) > len(spelled.get(key, "")):
                spelled[key] = label
    for m in doc.mentions:
        label = normalise_label(m.label)
        reason = "same name" if label == normalise_label(m.text) else "canonical form"
        if m.type == C.Enterprise:
            host = full.get(label)
            seen = set()
            while host and host not in seen:  # follow chains: 华宁 -> 华宁新材料 -> full name
                seen.add(host)
                label, reason = host, f"short name of {host}"
                host = full.get(host)
        if m.type == C.Region and label in regions:
            label, reason = regions[label], f"short name of {regions[label]}"
        if m.type == C.IndustrialPark and label in parks:
            label, reason = parks[label], f"short name of {parks[label]}"
        if m.type == C.Project and label + "项目" in projects:
            label, reason = label + "项目", f"short name of {label}项目"  # 合盛水电硅(项目)
        if spelled and m.type in _SUM_NAMED and "亿" in label:
            other = spelled.get((m.type, _SUM_YUAN.sub("", label)), label)
            if other != label:
                label, reason = other, f"another spelling of {other}"
        m.label = label
        m.iri = entity_iri(m.type, label)
        doc.merges.append(Merge(doc.name, m.text, m.type, label, m.iri, reason))


# the short names a firm is given in brackets after its full name, by the phrasings that read
# them (kg/extraction/rules/phrasings.toml): X(ABC), X(以下简称“Y”)
_BRACKET_NAMES = frozenset({"X(ABC)", "以下简称X"})
_BRACKET_OPENING = re.compile(r"[(（](?:以下简称|下称|简称)?[:：]?[“\"‘]?")


def _named_in_brackets(doc: Document) -> dict[str, str]:
    """The full name of each short name given in brackets right after it: NCT is the firm
    "宁川时代新能源科技股份有限公司(NCT)" names, though they share no character."""
    ends = {m.end: m for m in doc.mentions if m.type == C.Enterprise}
    named = {}
    for m in doc.mentions:
        if m.rule not in _BRACKET_NAMES:
            continue
        at = doc.text.rfind("(", 0, m.start), doc.text.rfind("（", 0, m.start)
        opening = _BRACKET_OPENING.fullmatch(doc.text, max(at), m.start)
        host = ends.get(max(at)) if opening else None
        if host is not None and host.label != m.label:
            named[normalise_label(m.label)] = normalise_label(host.label)
    return named


# --- mention-level coreference ----------------------------------------------------------


def corefer(doc: Document) -> Document:
    """Pipeline step: a firm named once is that firm wherever else the article writes its
    name, in full or in a short form (岳禾智能装备股份有限公司 … 岳禾智能); a firm guessed
    from a project's name is kept only when the article writes it twice.

    >>> from kg.reading.reader import read_text
    >>> from kg.run.pipeline import extract
    >>> doc = extract(read_text("以岳禾科技为龙头。岳禾科技新建厂房。"))
    >>> [(m.text, m.rule) for m in doc.mentions if m.type == "Enterprise"]
    [('岳禾科技', '以X为龙头'), ('岳禾科技', 'same-article')]
    """
    mentions = _merged(*_propagate(doc, doc.mentions))
    # a place inside a firm's name (临川 in 临川时代) is no mention of that place; mentions are
    # sorted by start (then longest first), so the firm holding a place comes just before it
    out: list[Mention] = []
    firm_end, firm_start = -1, -1
    for m in mentions:
        if m.type == C.Enterprise and m.end > firm_end:
            firm_start, firm_end = m.start, m.end
        elif m.type == C.Region and firm_start <= m.start and m.end <= firm_end:
            continue
        out.append(m)
    doc.mentions = out
    return doc


def _merged(kept: list[Mention], extra: list[Mention]) -> list[Mention]:
    """The recognised mentions `kept` (free of overlaps, by start) with the occurrences
    `extra` added, overlaps settled: where no added one overlaps anything but a mention it
    repeats, they are merged as they are; else every overlap is settled at once."""
    have = {(m.type, m.start, m.end) for m in kept}
    extra = [m for m in extra if (m.type, m.start, m.end) not in have]
    if not extra:
        return kept
    extra.sort(key=lambda m: (m.start, -m.end))
    starts = [m.start for m in kept]
    reach = list(accumulate((m.end for m in kept), max))
    last_end = -1
    for m in extra:
        if m.start < last_end:
            return _resolve_overlaps(kept + extra)
        last_end = m.end
        j = bisect.bisect_left(starts, m.end) - 1
        while j >= 0 and reach[j] > m.start:
            k = kept[j]
            if k.end > m.start and not (
                k.start <= m.start and m.end <= k.end and (k.type, m.type) in _NESTABLE
            ):
                return _resolve_overlaps(kept + extra)  # settle every overlap at once
            j -= 1
    return sorted([*kept, *extra], key=lambda m: (m.start, -m.end))


def _propagate(doc: Document, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The recognised mentions kept (a firm guessed from a project's name only when written
    twice) and every other occurrence of a firm's name or short name."""
    mentions = [_sure(doc, m) for m in mentions if m.rule != _UNSURE or _brand_again(doc, m)]
    names = {m.text for m in mentions if m.type == C.Enterprise and len(m.text) >= 2}
    if not names:
        return mentions, []
    shorts = {short for name in names for short in _short_names(name)}
    shorts |= {brand for name in names if (brand := _brand_of(name))}
    brief = {short for name in names for short in _brief_names(name)} - shorts - names
    shorts -= names
    if brief:  # (a brief name counts only where the words of the text start and end with it,
        # outside every name read: 北衙 in 北衙…产业园 is the park's place)
        starts = {t[1] for t in doc.tokens}
        ends = {t[2] for t in doc.tokens}
        inside = {k for m in mentions for k in range(m.start, m.end)}
    extra = [
        Mention(
            C.Enterprise,
            doc.text[a:b],
            a,
            b,
            rule="short-name"
            if doc.text[a:b] in shorts or doc.text[a:b] in brief
            else "same-article",
        )
        for a, b in _occurrences(doc.text, names | shorts | brief)
        if doc.sentence_at(a) is not None
        and (doc.text[a:b] not in brief or a in starts and b in ends and a not in inside)
    ]
    return mentions, extra


def _unsure_brand(m: Mention) -> str:
    """The brand of a firm guessed from a project's name, without the weak industry word
    after it (兰川锂电池 -> 兰川), or "" when none is left."""
    word = next((w for w in _lex()["industry"] if m.text.endswith(w)), "")
    brand = m.text[: -len(word)] if word else ""
    return brand if len(brand) >= 2 and not _is_region_word(brand) else ""


def _brand_again(doc: Document, m: Mention) -> bool:
    """Whether a firm guessed from a project's name is written again: its name, or its brand
    alone (兰川锂电池一期项目 … 兰川新增产值)."""
    if doc.text.count(m.text) >= 2:
        return True
    brand = _unsure_brand(m)
    return bool(brand) and doc.text.count(brand) >= 2


def _sure(doc: Document, m: Mention) -> Mention:
    """A mention kept; a firm guessed from a project's name and written again only by its
    brand is that brand (兰川锂电池一期项目 … 兰川新增产值: 兰川)."""
    if m.rule != _UNSURE or doc.text.count(m.text) >= 2:
        return m
    brand = _unsure_brand(m)
    return Mention(C.Enterprise, brand, m.start, m.start + len(brand), rule="project-head")


@functools.lru_cache(maxsize=1 << 12)
def _brand_of(name: str) -> str:
    """The brand of a short firm name, a brand and an industry word (岚途汽车 -> 岚途), when
    the article may call the firm by it: no dictionary word, no place; else ""."""
    word = next((w for w in _lex()["industry"] if name.endswith(w) and len(w) < len(name)), "")
    brand = name[: -len(word)] if word else ""
    if len(brand) < 2 or freq(brand) or _is_region_word(brand) or not _opens_with_brand(brand):
        return ""
    return brand


@functools.lru_cache(maxsize=1 << 12)
def _brief_names(name: str) -> frozenset[str]:
    """The brand alone of a firm first named in full, when it is two or three characters the
    dictionary does not know (贵州岚易通科技有限公司 -> 岚易通; 新疆岚润资源控股有限公司 ->
    岚润): an article goes on to call the firm so.

    >>> sorted(_brief_names("贵州岚易通科技有限公司"))
    ['岚易通']
    """
    return frozenset(f for f in _brand_forms(name) if len(f) < 4)


@functools.lru_cache(maxsize=1 << 12)
def _name_forms(name: str) -> frozenset[str]:
    """A full firm name without its legal form, then also without a leading place, then also
    without the last industry word (岳禾智能装备股份有限公司 -> 岳禾智能装备, 岳禾智能); a group
    by its brand and 集团 too (岚柴机器集团有限公司 -> 岚柴机器集团, 岚柴集团)."""
    lx = _lex()
    legal = next(
        (x for x in sorted(lx["firm_suffixes"], key=len, reverse=True) if name.endswith(x)), ""
    )
    if len(legal) < 2 or len(name) - len(legal) < 2:
        return frozenset()
    core = name[: -len(legal)]
    forms = {core}
    head = tokenize(core)
    if head and _is_region_word(head[0].text):
        forms.add(core[len(head[0].text) :])
    trades = (*lx["industry"], *_BUSINESS_WORDS)
    for form in list(forms):
        for _ in range(3):  # (岚润资源控股 -> 岚润资源 -> 岚润)
            word = next((w for w in trades if form.endswith(w) and len(w) < len(form)), "")
            if not word:
                break
            form = form[: -len(word)]
            forms.add(form)
    if "集团" in legal:  # 广西玉柴机器集团有限公司 -> 玉柴机器集团, 玉柴集团
        for form in list(forms):
            forms.add(form + "集团")
            words = tokenize(form)  # (the brand: the name before its last word, 机器)
            if len(words) > 1 and len(words[-1].text) >= 2 and len(form) - len(words[-1].text) >= 2:
                forms.add(form[: -len(words[-1].text)] + "集团")
    return frozenset(forms)


# words of a firm's business that a full name may hold before its legal form (岚润资源控股有限
# 公司): an article calls the firm without them too
_BUSINESS_WORDS = tuple(rules()["enterprise"]["business_words"])


@functools.lru_cache(maxsize=1 << 12)
def _short_names(name: str) -> frozenset[str]:
    """How an article goes on to call a firm it first named in full: without the legal form,
    a leading place or the last industry word (岳禾智能装备股份有限公司 -> 岳禾智能装备,
    岳禾智能; 湖北三环锻造有限公司 -> 三环锻造). Only forms of four characters or more that
    are no dictionary word and open with a brand are kept.

    >>> sorted(_short_names("岳禾智能装备股份有限公司"))
    ['岳禾智能', '岳禾智能装备']
    """
    return frozenset(f for f in _brand_forms(name) if len(f) >= 4)


@functools.lru_cache(maxsize=1 << 12)
def _brand_forms(name: str) -> frozenset[str]:
    """The forms of `_name_forms` an article may call the firm by: two characters at least, no
    dictionary word, no place, nothing generic, opening with a brand."""
    return frozenset(
        f
        for f in _name_forms(name)
        if len(f) >= 2
        and not freq(f)
        and not _is_region_word(f)
        and _strip_generic(f) == f
        and _opens_with_brand(f)
    )


def _opens_with_brand(text: str) -> bool:
    """Whether `text`, past a leading place, opens with a brand: a word that is no ordinary
    one (岳禾, 三环) or two single characters (鑫燊), not a common word (能源投资)."""
    toks = tokenize(text)
    if toks and _is_region_word(toks[0].text):
        toks = toks[1:]
    if not toks or not _CJK.match(toks[0].text):
        return False
    if len(toks[0].text) > 1:
        return _brand_like(toks[0].text)
    return len(toks) > 1 and len(toks[1].text) == 1 and _CJK.match(toks[1].text) is not None


# characters times names above which `_occurrences` compiles one pattern of the names (the
# tree of their beginnings: about 0.3 ms for ten names, 5 ms for 900) rather than finding each
# name in turn (0.07 ms for ten names in an article, 0.57 s for 900 in a 1 MB part)
_ONE_PASS = 2_000_000


def _occurrences(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where `words` occur in `text`, read left to right, the longest at each place, without
    overlaps (as a regular expression of the words, longest first, would find them).

    >>> _occurrences("合盛硅业与合盛", {"合盛", "合盛硅业"})
    [(0, 4), (5, 7)]
    """
    if words and "" not in words and len(text) * len(words) > _ONE_PASS:
        # a long text with many names (a big file's part): read once, not once for each name
        return [m.span() for m in re.compile(_trie_alt(sorted(words))).finditer(text)]
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    found.sort(key=lambda ab: (ab[0], -ab[1]))
    out: list[tuple[int, int]] = []
    for a, b in found:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


# --- entities -----------------------------------------------------------------------------


def resolve(doc: Document) -> Document:
    """Pipeline step: set `label` and `iri` on every mention and build `doc.entities`.

    A generic mention ("产业链" alone) is kept only where a relation needs it (由市级领导担任
    产业链链长); relations that say the same thing twice in one sentence are kept once.
    """
    doc.merges = []
    ends = [m for r in doc.relations for m in (r.subject, r.object)]
    used = {id(m) for m in ends}
    doc.mentions = [m for m in doc.mentions if m.rule != GENERIC or id(m) in used]
    listed = {id(m) for m in doc.mentions}
    extra = list({id(m): m for m in ends if id(m) not in listed}.values())
    everything: list[Mention] = doc.mentions + extra
    saved, doc.mentions = doc.mentions, everything
    _canonical(doc)
    doc.mentions = saved
    doc.entities = {}
    for m in everything:
        ent = doc.entities.get(m.iri)
        if ent is None:
            ent = doc.entities[m.iri] = Entity(m.iri, m.type, m.label)
        ent.mentions.append(m)
        if normalise_label(m.text) != m.label:
            ent.aliases.add(m.text)
    seen: set[tuple] = set()
    relations = []
    for r in doc.relations:
        key = (r.predicate, r.subject.iri, r.object.iri, r.sentence.start)
        if key not in seen:
            seen.add(key)
            relations.append(r)
    doc.relations = relations
    for metric in doc.metrics:
        if metric.subject is not None and not metric.subject.iri:
            metric.subject.iri = entity_iri(metric.subject.type, metric.subject.label)
    return doc
