"""The figures of a sentence: numbers with a unit (`kg/extraction/rules/quantities.toml`) and
ranks (居全省第5位), and the tests that tell a number in a name from a statistic.

>>> _VALUE.search("工业营业收入完成1200.5亿元").group("num", "unit")
('1200.5', '亿元')
"""

from __future__ import annotations

import re

from kg.extraction.quantities.clauses import _SEPARATORS
from kg.extraction.segment import rules
from kg.reading.document import Mention
from kg.terms import C

_UNITS = rules("quantities")["units"]
UNITS: list[str] = [*_UNITS["amounts"], *_UNITS["counts"]]
_COUNTS = frozenset(_UNITS["counts"])
_BARE_YI = _UNITS["bare_hundred_million"]
_MONEY = tuple(_UNITS["money"])
_RATES = frozenset({"%", "个百分点", "倍"})  # (a rate, a share or a multiple: of something else)
_Q = rules("quantities")["qualifier"]
_VALUE = re.compile(
    # (a look at the first character before all else: the regex engine tries the pattern at
    # every character of a sentence, and most start neither a number nor a bound before one)
    r"(?=[\d" + "".join(sorted({re.escape(w[0]) for w in _Q["before"]})) + "])"
    # (not after a Latin letter, a model number's A320, but after an indicator that is an
    # acronym: 实现GDP312.5亿元)
    r"(?:(?<![\d.A-Za-z])|(?<=(?<![A-Za-z])GDP))(?P<qual>"
    + "|".join(sorted(_Q["before"], key=len, reverse=True))
    + r")?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:(?P<range>[到至~～\-—])(?P<num2>\d+(?:\.\d+)?))?"
    + r"(?P<more0>多|余)?(?P<unit>"
    + "|".join(map(re.escape, sorted(UNITS, key=len, reverse=True)))
    + r"|"
    + _UNITS["bare_ten_thousand"]
    + r"(?=[,，;；。、)）]|$)|"
    + _UNITS["bare_hundred_million"]
    + r"(?=[,，;；。、)）]|$)|(?P<scale>万|亿)(?P<more1>余|多)(?P<base>"
    + "|".join(_UNITS["after_bound"])
    + r"))(?P<more>"
    + "|".join(_Q["after"])
    + r")?"
)


_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_RANK = re.compile(
    r"(?:位居|位列|居|列|排名|排在|排|跃居|提升至|升至|上升至|稳居|保持)?"
    r"(?P<scope>全国|全省|全市|全区|全州|全县)(?:同类城市|同类地区)?"
    r"第(?P<num>\d{1,2}|[一二三四五六七八九十])(?:位|名)?(?=$|[,，;；。、)）])"
)


def _numeral(text: str) -> int:
    return int(text) if text.isdigit() else _NUMERALS[text]


def _in_quotes(text: str, i: int) -> bool:
    """Whether offset `i` of `text` is inside a short “…” (a slogan or name: “4321”产业体系),
    not quoted speech (“今年销售额已达到41亿元,……”)."""
    opening, closing = text.rfind("“", 0, i), text.find("”", i)
    if opening < 0 or closing < 0 or text.rfind("”", 0, i) > opening:
        return False
    quoted = text[opening + 1 : closing]
    return len(quoted) <= 15 and not any(c in _SEPARATORS for c in quoted)


def _inside(names: list[Mention], at: int) -> bool:
    """Whether offset `at` is strictly inside one of `names` (by start), or opens a project's
    name (300MW地面分布式光伏项目: the figure names the project)."""
    for m in names:
        if m.start > at:
            break
        if m.end > at and (m.start < at or m.type == C.Project):
            return True
    return False


_CAPACITY = re.compile(r"(?P<rate>年产|日产|日处理|年处理|年加工|日加工)?(?:能力)?$")
_PRODUCT = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{2,12}?(?=(?:生产线|加工厂|建设|扩建|技改|一期|二期)*项目)"
)


def _capacity(
    names: list[Mention], span: tuple[int, int], unit: str, value: float
) -> tuple[str, Mention] | None:
    """A capacity inside a project's name is the project's: 某地40万吨铝合金扁锭项目 -> the
    project's 铝合金扁锭产能; 日处理600吨果蔬加工厂项目 -> its 日处理能力."""
    num_at, end = span
    if unit in _COUNTS or unit in _RATES or not value:
        return None
    project = next((p for p in names if p.type == C.Project and p.start < num_at < p.end), None)
    if project is None or end > project.end:
        return None
    text = project.text
    rate = _CAPACITY.search(text, 0, num_at - project.start)
    product = _PRODUCT.match(text, end - project.start)
    if rate is None or product is None:
        return None
    if rate.group("rate") and rate.group("rate") != "年产":
        return rate.group("rate") + "能力", project  # 日处理能力
    return product.group() + "产能", project  # (年产 is what 产能 means)
