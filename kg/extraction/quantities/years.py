"""The year of a figure and whether it is aimed at rather than reached: the years written in a
sentence (not comparison bases), 今年 / 去年 and parts of a year read against the article's
date; targets (力争, 到2025年), forecasts (预计) and plans (计划).

>>> _years("2023年,产值是2021年的1.6倍", lambda: None)
[(0, 2023)]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extraction.quantities.figures import _Q
from kg.reading.document import Document

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_TITLE = re.compile(r"《[^《》]{1,80}》")  # a document's title: its years are its own


def _titled(text: str) -> list[tuple[int, int]]:
    """The spans of titles (《…》) in `text`: years inside them date no figure."""
    return [m.span() for m in _TITLE.finditer(text)] if "《" in text else []


def _outside(spans: list[tuple[int, int]], at: int) -> bool:
    return not any(a <= at < b for a, b in spans)


# (not the 到 of a verb of growth: 由2020年的300亿元增长到2023年的560亿元 is a figure reached)
_TARGET_YEAR_PATTERN = (
    r"(?<!截)(?<![长升高加大增涨])(?:" + "|".join(_Q["target_year"]) + r")(?:20\d{2})年"
)
_TARGET_YEAR = re.compile(_TARGET_YEAR_PATTERN)
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.年])\s*\d{1,2}\s*(?:[-/.月])\s*\d{1,2}")
_BASE_YEAR = re.compile(r"(?:比|较|是|于|同|与|和|相比|对比|为)$")
_THIS_YEAR = re.compile(r"今年|去年|过去一年|上一年")
_YEAR_BEFORE = frozenset({"去年", "过去一年", "上一年"})  # (the year before this one)
_WHOLE_YEAR = re.compile(r"[,，]|全年|年底|年末|度")
_DATED = re.compile(r"\d{1,2}月|上半年|下半年|前三季度|[一二三四]季度")
# A part of the year with no year written is this year's: 1—4月全县新增就业1835人.
_PERIOD = re.compile(r"(?<![年\d])(?:\d{1,2}[-—至~]\d{1,2}月|上半年|前三季度|[一二三]季度)")


def _this_year(doc: Document) -> int | None:
    """The year 今年 means: the article's date near its top, else the latest year it names a
    month or a part of (2024年11月18日, 2024年前三季度), else the latest year it reports
    figures for (a whole year reported means the article is from the year after)."""
    date = _DATE.search(doc.raw, 0, 600)  # (a date line is page chrome: gone from .text)
    if date:
        return int(date.group(1))
    titles = _titled(doc.text)
    years = [m for m in _YEAR.finditer(doc.text) if _outside(titles, m.start())]
    dated = [int(m.group(1)) for m in years if _DATED.match(doc.text, m.end())]
    if dated:
        return max(dated)
    latest, whole = None, True
    for m in years:
        before = doc.text[max(0, m.start() - 4) : m.start()]
        if _TARGET_YEAR.search(before + m.group()) or any(w in before for w in _Q["target"]):
            continue
        if _BASE_YEAR.search(before):
            continue
        year = int(m.group(1))
        # "2022年," or "2022年全年" reports a whole year: the article is from a later one
        is_whole = _WHOLE_YEAR.match(doc.text, m.end()) is not None
        if latest is None or year > latest:
            latest, whole = year, is_whole
        elif year == latest:
            whole = whole and is_whole
    if latest is None:
        return None
    return latest + 1 if whole else latest


def _years(text: str, this_year: Callable[[], int | None]) -> list[tuple[int, int | None]]:
    """(offset, year) of each year a figure may be of, comparison bases (比2021年) left out.
    `this_year()` is the year 今年 means, asked only when a sentence says 今年 or the like."""
    # (each phrase read here has 年, 月 or 季度 in it: most sentences are passed over by a
    # test of those, _PERIOD having no first character for the regex engine to skip to)
    if "年" not in text and "月" not in text and "季度" not in text:
        return []
    out: list[tuple[int, int | None]] = []
    titles = _titled(text)
    for m in _YEAR.finditer(text):
        if not _BASE_YEAR.search(text[max(0, m.start() - 2) : m.start()]) and _outside(
            titles, m.start()
        ):
            before = out[-1][1] if out else None
            out.append((m.start(), int(m.group(1))))
            same_time = _SAME_TIME.match(text, m.end())
            if same_time:  # (2015年同期29户): that figure's year only, then the one before
                out.append((same_time.end(), before))
    relative = []  # (offset, whether the year before this one)
    for m in _THIS_YEAR.finditer(text):
        if not _BASE_YEAR.search(text[max(0, m.start() - 2) : m.start()]):
            relative.append((m.start(), m.group() in _YEAR_BEFORE))
    if "月" in text or "半年" in text or "季度" in text:
        relative += [(m.start(), False) for m in _PERIOD.finditer(text)]
    if relative and (year := this_year()) is not None:
        out += [(at, year - before) for at, before in relative]
        out.sort()
    return out


def _year_before(years: list[tuple[int, int | None]], at: int, default: int | None) -> int | None:
    """The last of `years` written before offset `at` (None: none in force again), else
    `default`."""
    year = default
    for where, y in years:  # (by offset)
        if where >= at:
            break
        year = default if y is None else y
    return year


# the same time of a year before, and its figure: "(2015年同期29户)", "2015年同期9.8亿元"
_SAME_TIME = re.compile(
    r"(?:[^\d,，;；。]{0,2})?同期[^\d,，;；。]{0,4}[\d.]+[^\d\s,，;；。、)）]{0,4}"
)


# --- aims: targets, forecasts and plans -----------------------------------------------------


def _aims(text: str) -> list[tuple[int, str]]:
    """Where a sentence says a figure is aimed at (目标), forecast (预计) or planned (计划):
    (offset, kind) of each trigger outside quotes (“星火计划” names a programme, plans nothing)."""
    if not _AIM.search(text):
        return []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [
        (m.start(), _AIM_KIND[m.lastgroup])
        for m in _AIM.finditer(text)
        if not any(a <= m.start() < b for a, b in quoted)
    ]


def _qualifier(m: re.Match[str], aims: list[tuple[int, str]], bare: bool = False) -> str:
    """Bounds of a figure (近, 超过, 以上 …), then what kind of aim it is, if any, by the
    strongest trigger before it in its sentence (预计 over 目标 over 计划)."""
    qual, more0, more1, more = m.group("qual", "more0", "more1", "more")
    bound = ("" if bare else qual or "") + (more0 or more1 or "") + (more or "")
    if not aims:
        return bound
    kinds = {kind for at, kind in aims if at < m.start()}
    kind = next((k for k in ("预计", "目标", "计划") if k in kinds), "")
    if not kind:
        return bound
    return f"{bound}({kind})" if bound else kind


_QUOTED = re.compile(r"“[^“”]*”")
_AIM_KIND = {"forecast": "预计", "target": "目标", "plan": "计划"}
_AIM = re.compile(
    # (the first character first, as in _VALUE: most characters start no aim)
    "(?=["
    + "".join(sorted({re.escape(w[0]) for k in (*_AIM_KIND, "target_year") for w in _Q[k]}))
    + "])(?:(?P<forecast>"
    + "|".join(_Q["forecast"])
    + ")|(?P<target>"
    + _TARGET_YEAR_PATTERN
    + "|"
    + "|".join(_Q["target"])
    + ")|(?P<plan>"
    + "|".join(_Q["plan"])
    + "))"
)


def _heading_year(text: str) -> int | None:
    """The one year a title or heading names, the year of the figures under it with none of
    their own; none for a target (到2025年) or a document's title (《…2023年…》).

    >>> _heading_year("某县2023年经济运行情况"), _heading_year("到2025年产值翻番")
    (2023, None)
    """
    if "年" not in text:
        return None
    titles = _titled(text)
    years = [m for m in _YEAR.finditer(text) if _outside(titles, m.start())]
    if len(years) != 1 or _TARGET_YEAR.search(text):
        return None
    return int(years[0].group(1))
