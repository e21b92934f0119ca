"""Numbers with units in a sentence -> metric observations (indicator, value, unit, year, subject).

"2022年,全市工业总产值实现997.8亿元" gives indicator 工业总产值, value 997.8, unit 亿元,
year 2022, and the article's main region as subject (全市 names no place itself).

>>> from kg.reader import read_text
>>> from kg.pipeline import extract
>>> m = extract(read_text("2022年,昭通市工业总产值实现997.8亿元。")).metrics[0]
>>> (m.indicator, m.value, m.unit, m.year, m.subject.text)
('工业总产值', 997.8, '亿元', 2022, '昭通市')
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter

from kg.document import Document, Mention, Metric
from kg.recognize import GENERIC

__all__ = ["quantities", "UNITS"]

UNITS = [
    "万亿元",
    "亿千瓦时",
    "万千瓦时",
    "千瓦时",
    "亿元",
    "万元",
    "元",
    "万吨",
    "吨",
    "个百分点",
    "%",
    "万户",
    "户",
    "家",
    "个",
    "万人次",
    "万人",
    "人",
    "名",
    "万亩",
    "亩",
    "平方公里",
    "万平方米",
    "平方米",
    "公里",
    "万千瓦",
    "千瓦",
    "GW",
    "MW",
    "台",
    "座",
    "项",
    "条",
    "倍",
    "万株",
    "株",
]
_VALUE = re.compile(
    r"(?P<qual>近|约|超过|超|逾|突破|达到|达)?(?P<num>\d+(?:\.\d+)?)(?P<unit>"
    + "|".join(map(re.escape, UNITS))
    + r")(?P<more>以上|左右|多|余)?"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_VERBS = re.compile(
    r"(?:实现|达到|达|为|超过|突破|完成|增长|增加|下降|提升至|提高到|超|近|约|共计|累计|共|有|"
    r"占|是|至|了|合计|计划|预计|力争|确保)+$"
)
_LEAD = re.compile(
    r"^(?:其中|全市|全县|全省|全区|全州|我市|我县|我省|同比|今年|去年|目前|截至目前|"
    r"(?:19|20)\d{2}年(?:以来|底|末|上半年|下半年|前三季度|\d{1,2}月)?|"
    r"\d{1,2}[-—至]\d{1,2}月|[,、])+"
)
_SUBJECT_TYPES = {"Region", "Enterprise", "IndustrialPark", "Project", "IndustryChain"}


_LEAD_VERBS = re.compile(r"^(?:实现|完成|达到|新增|累计|共有|拥有|全年|预计|力争|确保)+")
_COUNTED_THING = re.compile(r"\d+(?:\.\d+)?(?:个|家|户|项|名|条|座|台)")
_NOT_INDICATOR = re.compile("的|为龙头|为链主")
# "3518户工业企业": the thing counted after a number
_COUNTED_AFTER = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?=完成|实现|达到|已|共|累计|总投资|投资|$|[^\u4e00-\u9fff])"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")


def _indicator(clause: str) -> str:
    # "38个重大产业项目完成投资": what is measured comes after the last counted thing
    clause = _COUNTED_THING.split(clause)[-1]
    text = _LEAD.sub("", clause)
    text = _VERBS.sub("", text)
    text = _LEAD_VERBS.sub("", text)
    text = text.strip(" ,、:“”")
    if len(text) < 2 or text in _FUNCTION or _NOT_INDICATOR.search(text):
        return ""
    return text


_FUNCTION = {"等", "其中", "以上", "共", "约", "近"}
_COUNTS = {"户", "家", "个", "名", "人", "项", "座", "台", "条"}


def quantities(doc: Document) -> Document:
    """Pipeline step: fill `doc.metrics`."""
    doc.metrics = []
    regions = [m for m in doc.mentions if m.type == "Region"]
    main: Mention | None = None
    if regions:
        top, _ = Counter(m.text for m in regions).most_common(1)[0]
        main = next(m for m in regions if m.text == top)
    year_by_para: dict[int, int] = {}
    by_start = sorted(doc.mentions, key=operator.attrgetter("start"))
    starts = [m.start for m in by_start]
    for sent in doc.sentences:
        if not _DIGIT.search(sent.text):
            continue  # no year, no value
        years = [int(y) for y in _YEAR.findall(sent.text)]
        if years:
            year_by_para[sent.paragraph] = years[0]
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        here = [mm for mm in by_start[lo:hi] if mm.type in _SUBJECT_TYPES and mm.rule != GENERIC]
        spans = [(mm.start, mm.end) for mm in by_start[lo:hi]]
        for m in _VALUE.finditer(sent.text):
            a, b = sent.start + m.start("num"), sent.start + m.end()
            if any(s <= a < e for s, e in spans):
                continue  # part of a name: 年产11万吨…项目
            if m.group("unit") in {"个", "家", "条", "名", "台", "座", "项"} and "." in m.group(
                "num"
            ):
                continue
            clause_start = max(sent.text.rfind(c, 0, m.start()) for c in ",;:、") + 1
            clause = sent.text[clause_start : m.start()]
            subject = None
            for mm in here:
                if sent.start + clause_start <= mm.start < a:
                    subject = mm
            for mm in here:
                if subject is None and mm.start < a:
                    subject = mm
            if subject is not None and subject.start >= sent.start + clause_start:
                clause = sent.text[subject.end - sent.start : m.start()]
            indicator = _indicator(clause)
            counted = _COUNTED_AFTER.match(sent.text[m.end() :])
            if not indicator and counted and m.group("unit") in _COUNTS:
                indicator = counted.group() + "数"  # "3518户工业企业" -> 工业企业数
            if not indicator or len(indicator) > 24 or not _HAN.search(indicator):
                continue
            year_m = _YEAR.search(sent.text[: m.start()])
            year = int(year_m.group(1)) if year_m else year_by_para.get(sent.paragraph)
            doc.metrics.append(
                Metric(
                    indicator=indicator,
                    value=float(m.group("num")),
                    unit=m.group("unit"),
                    year=year,
                    text=sent.text[clause_start : m.end()],
                    start=sent.start + clause_start,
                    end=b,
                    sentence=sent,
                    subject=subject or main,
                    qualifier=(m.group("qual") or "") + (m.group("more") or ""),
                )
            )
    return doc
