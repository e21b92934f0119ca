"""Chinese administrative place names, from the national division codes that `cpca` ships.

A written place is either a full name (昭通市, 威信县, 广西壮族自治区) or its short form
without the level word (昭通, 威信, 广西). Short forms that are ordinary words (资源, 合作, 平原)
are left out: a county called 资源县 is found by its full name only.

>>> place_names()["昭通"], place_names()["威信县"], place_names()["遵义"]
('昭通市', '威信县', '遵义市')
>>> place_names()["恩施州"], place_names()["天祝县"]
('恩施土家族苗族自治州', '天祝藏族自治县')
>>> "资源" in place_names()
False
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

from kg.extraction.segment import pos

__all__ = ["place_names", "is_place"]

_LEVELS = [
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "矿区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
]
_ETHNIC_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{1,4}?族)+$")
# Short forms that are everyday words far more often than places (全州: the whole prefecture,
# as 全市 is the whole city; the county is written 全州县).
_COMMON = {
    "全州",
    "新建",
    "平原",
    "古城",
    "新城",
    "江南",
    "南海",
    "太平",
    "河口",
    "中原",
    "长安",
    "城北",
    "城中",
    "江北",
    "西夏",
    "东湖",
    "南湖",
    "甘泉",
    "龙门",
    "商城",
    "清水",
    "延长",
    "安定",
    "前进",
    "友好",
    "富裕",
    "东风",
    "红旗",
    "和平",
    "共和",
    "光泽",
    "会同",
    "万年",
    "大名",
    "中方",
    "南岸",
    "南部",
    "东方",
    "港口",
    "工农",
    "运河",
    "平安",
    "资源",
    "公安",
    "合作",
    "解放",
    "比如",
    "友谊",
    "新兴",
    "城关",
    "城东",
    "城西",
    "城南",
    "开发",
    "高新",
    "经济",
    "新区",
    "郊区",
    "矿区",
    "市中",
    "市南",
    "市北",
    "白云",
    "青山",
    "金山",
    "长寿",
    "永康",
    "吉利",
    "和田",
    "河北",
    "海南",
    "长沙",
    "九江",
    "惠民",
    "兴业",
    "凤凰",
    "麒麟",
    "兴城",
    "新华",
    "长宁",
    "永安",
    "安宁",
    "太湖",
    "东山",
    "西山",
    "南山",
    "北山",
    "青云",
    "朝阳",
    "文明",
    "安居",
    "兴安",
    "长兴",
    "永兴",
    "太和",
    "新市",
    "新乡",
    "城区",
}
# Tags in jieba's dictionary that mark a short form as an ordinary verb or adjective (振兴).
_WORD_TAGS = {"v", "vn", "a", "ad", "an", "d", "i", "l", "m"}  # (m: 三元 is a number word)


def _short(name: str) -> str | None:
    for level in _LEVELS:
        if name.endswith(level) and len(name) > len(level):
            stem = name[: -len(level)]
            if level.startswith("自治") or level.endswith("族自治区"):
                # (the place keeps two characters: 天祝藏族 -> 天祝, not nothing)
                stem = stem[:2] + _ETHNIC_TAIL.sub("", stem[2:])
            return stem if len(stem) >= 2 else None
    return None


@functools.cache
def place_names() -> dict[str, str]:
    """Every written form of a province, prefecture or county -> its full name.

    A short form shared by several places (长沙: 长沙市 and 长沙县) maps to the first seen,
    and only full names are used as labels; the mapping says "this is a place", not which.
    """
    names: dict[str, str] = {}
    with _adcodes().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            full = row["name"].strip()
            if not full or full in _COMMON or full in {"市辖区", "县", "省直辖县级行政区划"}:
                continue
            names.setdefault(full, full)
            short = _short(full)
            # a prefecture's or province's short form is the place even where the dictionary
            # tags it a word (遵义, 大连, 保定, 包头: v, d, v, v); a county's only where it
            # does not
            major = row["adcode"][4:] == "00000000"
            if short and short not in _COMMON and (major or pos(short) not in _WORD_TAGS):
                names.setdefault(short, full)
            if short and full.endswith(("自治县", "自治州", "自治旗")):
                # an autonomous county written with its level alone: 恩施州, 天祝县
                names.setdefault(short + full[-1], full)
    # a county made a city or a district since the table was drawn (京山县 -> 京山市, 长泰县 ->
    # 长泰区): written with its new level, it is the same place, unless that name is another's
    for full in [n for n, f in names.items() if n == f and n.endswith("县") and len(n) >= 3]:
        if "自治" not in full:
            for level in ("市", "区"):
                names.setdefault(full[:-1] + level, full)
    return names


def _adcodes() -> Path:
    """cpca's table of division codes, found without importing cpca (whose import builds an
    address matcher we do not use, a tenth of a second)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("cpca is not installed: pip install cpca")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def is_place(word: str) -> bool:
    """Whether `word` is written as an administrative place (full or short form)."""
    return word in place_names()


def opening_places(text: str) -> Iterator[int]:
    """The lengths of the places `text` opens with (at most eight characters), longest first,
    each leaving two characters at least after it.

    >>> list(opening_places("云南江城经济开发区"))
    [2]
    """
    names = place_names()
    for k in range(min(len(text) - 2, 8), 1, -1):
        if text[:k] in names:
            yield k
