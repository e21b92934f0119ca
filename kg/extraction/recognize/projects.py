"""Projects listed before 等(一批)项目, or after 项目包括, each named by its item."""

from __future__ import annotations

from collections.abc import Iterator

from kg import ontology
from kg.extraction.recognize.boundaries import _Sent, _strip_generic
from kg.extraction.recognize.firms import (
    _PROJECTS_TAIL,
    _brand_prefix,
    _kinds_of_firm,
    _names_something,
)
from kg.extraction.recognize.industries import listed
from kg.extraction.recognize.lexicon import _is_region_word, _rx
from kg.extraction.recognize.lists import _list_items
from kg.reading.document import Mention
from kg.terms import C

# a sum of money and 的 before an item's name: "签约投资30亿元的A、10亿元的B等5个项目"
_SUM_BEFORE = _rx(r"[^,。;、]{0,4}?(?:投资)?[0-9.]+(?:万|亿)?元的")


def _project_list_items(s: _Sent) -> Iterator[Mention]:
    """Items of "A、B、C等(一批)(重点)项目", or of "签约项目包括A、B等": each is a project; a
    brand at its head is a firm."""
    for m in _PROJECTS_TAIL.finditer(s.text):
        if _rx("企业|公司").search(m.group()):
            continue  # "A、B等企业招商引资项目": the items are firms
        if _rx("设施|领域|行业|类").search(m.group()):
            continue  # "道路、供水等配套基础设施和相关产业项目": kinds of work, not projects
        end = s.start + m.start()
        yield from _items(s, _list_items(s, end, s.start, C.Project, limit=40))
    for m in _PROJECTS_HEAD.finditer(s.text):
        # "签约项目包括A、B等": the items after the head, up to 等; two at least
        end = s.start + m.end("list")
        items = _list_items(s, end, s.start + m.start("list"), C.Project, limit=40)
        if len(items) >= 2:
            yield from _items(s, items)


# the head of a list of projects written after it, up to its 等 ("签约项目包括A、B等")
_PROJECTS_HEAD = _rx(
    "(?:签约|开工|竣工|投产|重点|重大|新建|在建|入驻|落地)项目(?:主要)?(?:包括|包含|涵盖|有)[::]?"
    "(?P<list>[^,,。;;::等]{2,80}?)(?=等)"
)


def _a_site(text: str) -> bool:
    """Whether a list's item names a site by a park's kind (岚光大健康产业园, not 产业园 or
    园区 alone): built as a project, it is one, whatever words open it."""
    for suffix in ontology.suffixes(C.IndustrialPark):
        if text.endswith(suffix) and suffix != "园区":
            return len(text) - len(suffix) >= 2
    return False


def _items(s: _Sent, items: list[tuple[int, int]]) -> Iterator[Mention]:
    """The projects of a list's items, and the firms their names open with."""
    if not items or len(items) > 1 and _kinds_of_firm(s, items):
        return  # "正负极材料、电解液、隔膜等…项目": kinds of project, by what they make
    naming = 0  # items that name a project by themselves
    doubtful: list[tuple[int, int, str]] = []  # items that pass but name nothing by themselves
    found: list[Mention] = []
    for a, b in items:
        text = s.sub(a, b)
        sum_ = _SUM_BEFORE.match(text)
        if sum_:  # "10亿元的某某电解液": the sum invested is no part of the name
            a, text = a + sum_.end(), text[sum_.end() :]
        if len(text) < 2 or not _strip_generic(text) or _is_region_word(text):
            continue
        if _rx(r"[^,。;]*(?:项目)").fullmatch(text):
            naming += 1  # (the suffix recogniser has it)
            continue
        brand = _brand_prefix(s, a, b)
        if brand is not None and (
            not _names_something(s, *brand, rare=True) or not _strip_generic(s.sub(*brand))
        ):
            brand = None  # 农资, 中成药: dictionary words, not brands; 专精特新: a kind
        if brand is None and not _names_something(s, a, b, rare=True) and not _a_site(text):
            doubtful.append((a, b, text))  # "农资农具、中药材智慧种植等项目": kinds of project
            continue
        naming += 1
        found.append(Mention(C.Project, text, a, b, rule="list"))
        if brand:
            ba, bb = brand
            found.append(Mention(C.Enterprise, s.sub(ba, bb), ba, bb, rule="project-head"))
    yield from found
    if naming >= 2 and naming > len(doubtful):
        # most items of the list name projects: the others are projects too, written in
        # words the dictionary does not tell from a kind ("A新能源、恒心立业动力电池等项目"),
        # but for those that open with an industry's word (智能音箱, 光伏配套: kinds)
        for a, b, text in doubtful:
            first = s.word_at(a)
            if first is None or not listed(first.text):
                yield Mention(C.Project, text, a, b, rule="list")
