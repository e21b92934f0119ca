"""The pipeline step: each figure of each sentence -> a `Metric` in `doc.metrics`, with its
subject, indicator, year and qualifier.

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> doc = extract(read_text("湄潭县茶园面积达60万亩,同比增长5%。"))
>>> [(m.subject.text, m.indicator, m.value, m.unit) for m in doc.metrics]
[('湄潭县', '茶园面积', 60.0, '万亩'), ('湄潭县', '茶园面积同比增长', 5.0, '%')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable

from kg.extraction.quantities.article import _Article
from kg.extraction.quantities.clauses import (
    _LEVEL_WORDS,
    _Clause,
    _clauses,
    _level_place,
    _opened,
    _opens_unknown,
    _skip_lead,
    _subject_at,
    _Topics,
)
from kg.extraction.quantities.figures import (
    _BARE_YI,
    _COUNTS,
    _MONEY,
    _Q,
    _RANK,
    _RATES,
    _VALUE,
    _capacity,
    _in_quotes,
    _inside,
    _numeral,
)
from kg.extraction.quantities.indicators import (
    _GROWTH,
    _HAN,
    _LIST_MARKS,
    _MEASURES,
    _acceptable,
    _base,
    _cut,
    _indicator,
    _noun_before,
    _token_starts,
    _tokens,
)
from kg.extraction.quantities.years import (
    _YEAR,
    _aims,
    _heading_year,
    _qualifier,
    _this_year,
    _year_before,
    _years,
)
from kg.extraction.segment import pos
from kg.reading.document import Document, Mention, Metric, Sentence
from kg.terms import C

_DIGIT = re.compile(r"\d")
_NAME_TYPES = frozenset({C.Region, C.Enterprise, C.IndustrialPark, C.Project, C.Person})
_ANAPHORIC = tuple(_Q["anaphoric"])
_KIN = tuple(_Q["kin"])
_PROJECT_NAME = re.compile(
    r"(?!的|建设|新建|扩建|实施|用于|打造)[\u4e00-\u9fffA-Za-z]{2,16}?(?:建设)?项目"
)  # (not "投资5亿元建设某项目": what the money builds)


# what opens a paragraph that goes on with what the paragraph before was about
_GOES_ON = "其中"

# what a threshold picks out: "超10亿元的企业", "过亿元的项目"
_OVER = ("超", "超过", "过", "逾")
# (a few words may name the kind: "过500万元的工业技改项目", "超5亿元的制造业企业")
_OF_KIND = re.compile(
    "(?:以上)?的[\u4e00-\u9fff]{0,6}?(?:企业|项目|园区|产业|集群|工厂|公司|产品|工程|单位)"
)


def _threshold(text: str, at: int, offset: int, every: list[Mention]) -> bool:
    """Whether `text[at:]` says what kind of thing a bound before it picks out (超10亿元的企业,
    过500万元的工业技改项目): a threshold, unless the thing is one named (超10亿元的某某项目)."""
    kind = _OF_KIND.match(text, at)
    if kind is None:
        return False
    a, b = offset + at, offset + kind.end()
    return not any(m.start < b and a < m.end for m in every if m.type in _NAME_TYPES)


def quantities(doc: Document) -> Document:
    """Pipeline step: fill `doc.metrics`."""
    doc.metrics = []
    if not _DIGIT.search(doc.text):
        return doc
    art = _Article.of(doc)
    this_year = functools.cache(lambda: _this_year(doc))  # (asked for by few articles)
    para = None
    topics = _Topics(art)
    carried: _Clause | None = None  # the last subject of a sentence ending with a semicolon
    frame: int | None = None  # the year a paragraph opened with (2024年,…), until another
    para_year: int | None = None  # the last year written in this paragraph
    headed = art.headed
    # where a topic can matter: every paragraph of an article with headings, else those
    # with a figure in them
    figures_in = [_DIGIT.search(s.text) is not None for s in doc.sentences]
    figured = {s.paragraph for s, f in zip(doc.sentences, figures_in, strict=True) if f}
    for sent, figures in zip(doc.sentences, figures_in, strict=True):
        if not headed and sent.paragraph not in figured:
            continue
        if art.is_heading(sent):
            topics.reset()
            carried = None
            frame = _heading_year(sent.text)  # "某县2023年经济运行情况": the year of its figures
            continue
        if sent.paragraph != para:
            if not sent.text.startswith(_GOES_ON):  # "其中,…": the paragraph before goes on
                topics.new_paragraph()
            para, carried, para_year = sent.paragraph, None, None
            first = True
        else:
            first = False
        semicolon = sent.text.rstrip().endswith((";", "；"))
        if not (figures or semicolon):  # it may only open a topic: read when needed
            topics.skip(sent)
            carried = None
        else:
            clauses = _clauses(sent)
            for clause in clauses:
                _subject_at(art, clause, sent.paragraph)
        if first and "年" in sent.text:  # 2024年,…: the year a paragraph opens with frames
            lead_years = _YEAR.findall(
                doc.text, sent.start, _skip_lead(sent.text, sent.start, sent.end, sent.start)
            )
            if lead_years:
                frame = int(lead_years[-1])
        if not (figures or semicolon):
            continue
        if figures:
            para_year = _sentence_metrics(
                art,
                sent,
                clauses,
                (lambda c=carried: c.subject) if carried else topics.current,
                carried is not None and carried.unknown,
                (lambda: False) if carried else (lambda: topics.lost),
                para_year or frame,
                this_year,
            )
        topics.read(_opened(clauses), _opens_unknown(clauses))
        last = next((c for c in reversed(clauses) if c.subject is not None or c.unknown), None)
        if semicolon and (last or carried):
            carried = _Clause(
                sent.start,
                sent.start,
                sent.start,
                subject=(last or carried).subject,
                subject_end=sent.start,
                unknown=(last or carried).unknown,
            )
        else:
            carried = None
    return doc


# "产值A,增加值B,同比分别增长r1和r2": each rate after 分别 is the change of one figure before,
# in order
_RESPECTIVELY = re.compile(
    r"(同比|(?:比|较)(?:上年|去年)(?:同期)?)?分别(?:比上年|较上年)?"
    r"(增长|增加|下降|减少|提高|提升|上升|回落)了?(?:为|达|达到)?"
)
_RUN_SEPARATORS = _LIST_MARKS | {",", "，"}
# "GDP和财政收入分别为120亿元和8亿元": each figure after 分别 measures one item named before
_RESPECTIVELY_BE = re.compile(r"分别(?:为|是|达到|达|实现|完成|有)")
_ITEM_MARKS = re.compile("[" + "".join(sorted(_LIST_MARKS)) + "]")
_MEASURE_WORDS = (*_MEASURES, "面积")  # (产量, 规模 are measures already)


def _respective_runs(text: str, figures: list[re.Match]) -> dict[int, tuple[int, int, str, int]]:
    """The figures written after 分别: figure index -> (its place in the run, the run's length,
    the change it names (none after 分别为), where 分别 stands).

    >>> import re
    >>> text = "产值60亿元,增加值16亿元,同比分别增长53.7%和25.1%"
    >>> figs = list(re.finditer(r"(?P<num>[0-9.]+)(?:亿元|%)", text))
    >>> _respective_runs(text, figs)
    {2: (0, 2, '同比增长', 15), 3: (1, 2, '同比增长', 15)}
    """
    runs: dict[int, tuple[int, int, str, int]] = {}
    for r in [*_RESPECTIVELY.finditer(text), *_RESPECTIVELY_BE.finditer(text)]:
        idxs: list[int] = []
        at = r.end()
        for i, f in enumerate(figures):
            if f.start("num") < at:
                continue
            # (the figure's own qualifier, 约 or 近, is no gap; 达到 may be read as part of it)
            gap = text[at : f.start() if f.start() >= at else f.start("num")].strip()
            if idxs and gap in _RUN_SEPARATORS or not idxs and not gap:
                idxs.append(i)
                at = f.end()
            else:
                break
        label = (r.group(1) or "") + r.group(2) if r.re is _RESPECTIVELY else ""
        for k, i in enumerate(idxs):
            runs[i] = (k, len(idxs), label, r.start())
    return runs


def _shared_measure(doc: Document, a: int, b: int, n: int) -> list[str]:
    """The `n` items listed between `a` and `b`, each with the measure the last one carries
    ("高原夏菜、藜麦、药材种植规模": 高原夏菜种植规模, 藜麦种植规模, 药材种植规模); the measure
    opens at the last item's first verb or measure word. Empty when the list is not so."""
    parts = _ITEM_MARKS.split(doc.text[a:b])
    if len(parts) != n or not all(parts):
        return []
    last = b - len(parts[-1])
    words = _tokens(doc, last, b)
    cut = next(
        (
            t.start
            for t in words[1:]
            if t.text.startswith(_MEASURE_WORDS) or pos(t.text) in ("v", "vn")
        ),
        None,
    )
    if cut is None:
        return []
    measure = doc.text[cut:b]
    return [part + measure for part in parts[:-1]] + [parts[-1]]


def _sentence_metrics(
    art: _Article,
    sent: Sentence,
    clauses: list[_Clause],
    topic: Callable[[], Mention | None],
    unknown: bool,
    lost: Callable[[], bool],
    para_year: int | None,
    this_year: Callable[[], int | None],
) -> int | None:
    """Add the metrics of one sentence; return the year in force after it. `topic` gives the
    subject the sentence inherits (asked only when no clause names one), `unknown` whether it
    is unknown (项目 with no project), `lost` whether the topic is (全省 with no province
    named opened the sentence before: the article's place is not the figure's)."""
    doc = art.doc
    text = sent.text
    years = _years(text, this_year)
    figures = list(_VALUE.finditer(text))
    if "第" in text:  # (a rank has it: a quick test, _RANK having no first character to skip to)
        figures = sorted([*figures, *_RANK.finditer(text)], key=lambda m: m.start())
    if not figures:
        return _year_before(years, len(text) + 1, para_year)  # (the year in force at its end)
    aims: list[tuple[int, str]] | None = None  # (read once a figure is kept)
    names = art.between(sent.start, sent.end)
    every = art.all_between(sent.start, sent.end)
    # names end what a figure measures (星河公司、蓝湾公司2家企业), but a place inside a noun
    # phrase does not (年均黄山旅游人次, where the dictionary knows 黄山 as a place)
    cuts = [
        m.end
        for m in names
        if m.type in _NAME_TYPES
        and (m.type != C.Region or doc.text[m.start - 1 : m.start] in _LIST_MARKS)
    ]
    listed = {  # 星河公司、蓝湾公司2家企业: the last of a list of names ends at the number
        m.end for m in every if doc.text[m.start - 1 : m.start] in _LIST_MARKS
    }
    subject: Mention | None = None
    since = -1  # where the subject in force was named
    previous: Metric | None = None
    prev_end = sent.start
    runs = _respective_runs(text, figures) if "分别" in text else {}
    kept: list[Metric] = []  # this sentence's figures, for the rates after 分别
    items: dict[int, list[str]] = {}  # the items named before each 分别为
    ci = cj = 0  # the clause of the figure; the next clause whose subject is not yet in force
    for fi, m in enumerate(figures):
        a, b = sent.start + m.start(), sent.start + m.end()
        while ci + 1 < len(clauses) and clauses[ci].end <= a:
            ci += 1
        clause = clauses[ci]
        prev_end = max(prev_end, clause.start)
        while cj <= ci and clauses[cj].subject_end <= a:
            c = clauses[cj]
            if (c.subject is not None or c.unknown) and since < c.subject_end:
                subject, unknown, since = c.subject, c.unknown, c.subject_end
            cj += 1
        if m.re is _RANK:
            # 居全省第5位: the rank of what was measured before it
            left = _skip_lead(text, max(prev_end, clause.body, clause.subject_end), a, sent.start)
            measured = _noun_before(doc, _cut(left, a, cuts), a)[0]
            measured = measured or (previous and _GROWTH.sub("", previous.indicator)) or ""
            if measured and not _in_quotes(text, m.start()):
                doc.metrics.append(
                    Metric(
                        indicator=f"{measured}{m.group('scope')}位次",
                        value=float(_numeral(m.group("num"))),
                        unit="位",
                        year=_year_before(years, m.start(), para_year),
                        text=doc.text[min(left, a) : b],
                        start=min(left, a),
                        end=b,
                        sentence=sent,
                        subject=None if unknown else subject or topic() or _own(art, a, lost),
                    )
                )
            prev_end = b
            continue
        num_at = sent.start + m.start("num")
        if m.group("qual") and not _starts_word(doc, a):
            a = num_at  # 签约16个: the 约 of 签约 bounds nothing
        unit = m.group("unit")
        if m.group("scale"):
            unit = m.group("scale") + m.group("base")
        value = float(m.group("num").replace(",", ""))
        run = runs.get(fi) if runs else None
        if run is not None and run[2] and unit in _RATES:
            k, n, change, at = run
            before = [x for x in kept if x.end <= sent.start + at and x.unit not in _RATES]
            if len(before) >= n:
                of = before[k - n]  # the k-th of the n figures before 分别
                previous = Metric(
                    indicator=_base(of.indicator) + change,
                    value=value,
                    unit=unit,
                    year=of.year,
                    text=doc.text[a:b],
                    start=a,
                    end=b,
                    sentence=sent,
                    subject=of.subject,
                )
                doc.metrics.append(previous)
                prev_end = b
                continue
        counted = unit in _COUNTS
        skip = (
            _inside(every, num_at)  # part of a name: 年产11万吨…项目
            or unit in _COUNTS
            and num_at in listed
            or _in_quotes(text, m.start())
            or unit in _COUNTS
            and not unit.startswith(("万", "亿"))  # (1.2万台, 164.9亿块: whole things)
            and not value.is_integer()
            or unit not in _COUNTS
            and _PROJECT_NAME.match(text, m.end()) is not None  # 日处理600吨果蔬加工厂项目
            or unit not in _COUNTS
            and m.group("more") in ("以上", "以下")
            and _HAN.match(text, m.end()) is not None  # 3000万元以上项目: a threshold
            or unit not in _COUNTS
            and text[max(0, m.start("num") - 2) : m.start("num")].endswith(_OVER)
            and _threshold(text, m.end(), sent.start, every)  # 产值超10亿元的企业15家
            or unit in _COUNTS
            and any(w in doc.text[clause.start : a] for w in _Q["distributive"])
            or counted
            and doc.text[max(0, a - 2) : a].endswith(_ANAPHORIC)
            or counted
            and _subset(text, m.start("num"), unit)  # 16项指标中13项…: some of those counted
            or unit in ("位", "期", "批次")
            and text[m.start("num") - 1 : m.start("num")] in ("第", "前", "后")  # 前10位: a rank
            or doc.text.startswith(_KIN, clause.body)  # 孙子带领10多位乡亲…: a family's story
        )
        if skip:
            year = _year_before(years, m.start(), para_year)
            capacity = _capacity(names, (num_at, sent.start + m.end()), unit, value)
            if capacity is not None:
                indicator, project = capacity
                doc.metrics.append(
                    Metric(
                        indicator,
                        value,
                        unit,
                        year,
                        project.text,
                        project.start,
                        project.end,
                        sent,
                        subject=project,
                    )
                )
            prev_end = b
            continue
        left = _skip_lead(text, max(prev_end, clause.body, clause.subject_end), a, sent.start)
        span = (clause.start, left, a, b, clause.end)
        indicator = _indicator(doc, span, cuts, previous, unit)
        if run is not None and not run[2]:
            k, n, _, at = run
            if k == 0:
                items[at] = _ITEM_MARKS.split(indicator) if indicator else []
                if len(items[at]) != n:  # A、B、C种植规模分别达x、y、z: the measure is shared
                    items[at] = _shared_measure(doc, left, sent.start + at, n)
            named = items.get(at, [])
            if len(named) == n and all(named):
                indicator = named[k]  # GDP和财政收入分别为A和B: GDP A, 财政收入 B
        prev_end = b
        if not indicator or not _acceptable(indicator, unit):
            continue
        if unit == _BARE_YI and _GROWTH.sub("", indicator).endswith(_MONEY):
            unit = _BARE_YI + "元"  # 生产总值56.7亿: 亿元
        opener = next((c for c in reversed(clauses[: ci + 1]) if c.prefix or c.subject), None)
        prefix = opener.prefix if opener is not None else ""
        year = _year_before(years, m.start(), para_year)
        owning = next((n for n in names if n.end == num_at and n.end not in listed), None)
        if owning is not None and unit in _COUNTS:
            subject, unknown = owning, False  # 某产业园15个重点项目: the park's
        level = _LEVEL_WORDS.get(text[max(0, m.start() - 2) : m.start()])
        if level is not None:  # 示范引领全县32万亩…: the county's, wherever it stands
            subject = _level_place(art, a, level, sent.paragraph) or subject
            unknown = False
        elif a == clause.body and subject is None and unit in _COUNTS:
            subject, unknown = art.own_place(a), False  # 6个省级开发区…: the place's own
        after = _owner_after(names, doc.text, b)
        if after is None and (subject is None or subject.type != C.Enterprise):
            after = _built_after(names, doc.text, b)
        if after is not None:
            subject, unknown, since = after, False, b  # 投资2.6亿元的X项目,二期装机…: X's
        elif prefix and not indicator.startswith(prefix):
            indicator = prefix + indicator  # 园区…实现营业收入518.9亿元: 园区营业收入
        owner = None if unknown else subject or topic() or _own(art, a, lost)
        if aims is None:
            aims = _aims(text)
        start = min(left, a)
        # 30到50家: both ends, the second from its own number on (each its own observation)
        ends = [(m.group("num"), start)]
        if m.group("num2"):
            ends.append((m.group("num2"), sent.start + m.start("num2")))
        for number, at in ends:
            metric = Metric(
                indicator=indicator,
                value=float(number.replace(",", "")),
                unit=unit,
                year=year,
                text=doc.text[at:b],
                start=at,
                end=b,
                sentence=sent,
                subject=owner,
                qualifier=_qualifier(m, aims, a == num_at),
            )
            doc.metrics.append(metric)
            kept.append(metric)
        previous = metric
    return _year_before(years, len(text) + 1, para_year)  # (the year in force at its end)


def _subset(text: str, at: int, unit: str) -> bool:
    """Whether the count at `at` counts some of the things counted just before it, in the
    same unit: "16项主要指标中13项增幅居前三", "8个项目中有6个…" (中 ends what they are among)."""
    if text[at - 1 : at] == "有":
        at -= 1  # 中有6个
    if text[at - 1 : at] != "中" or text[at - 2 : at] == "其中":
        return False  # (其中55个项目已纳统: a figure of its own)
    return re.search(f"[0-9一二三四五六七八九十两]+{re.escape(unit)}", text[: at - 1]) is not None


def _own(art: _Article, at: int, lost: Callable[[], bool]) -> Mention | None:
    """The article's own place, as the subject of a figure that names none (unless the topic
    is lost)."""
    return None if lost() else art.own_place(at)


def _starts_word(doc: Document, at: int) -> bool:
    starts = _token_starts(doc)
    i = bisect.bisect_left(starts, at)
    return i < len(starts) and starts[i] == at


def _built_after(names: Iterable[Mention], text: str, b: int) -> Mention | None:
    """某区引进某集团投资20亿元建设某某产业园: the project or park the sum right before it
    builds (asked when no firm is the clause's subject: a firm's own investment stays its)."""
    built = _BUILDS.match(text, b) if text[b - 1 : b] == "元" else None
    if built is None:
        return None
    return next(
        (m for m in names if m.start == built.end() and m.type in (C.Project, C.IndustrialPark)),
        None,
    )


def _owner_after(names: Iterable[Mention], text: str, b: int) -> Mention | None:
    """投资2.6亿元的X项目: the project or park right after "的" (and a place or the firm
    building it) owns the figure, else the firm there (年产值超10亿元的X公司); a product may
    stand before the 的 (年产1GWh锂离子电芯的X公司)."""
    at = b
    if text[b - 1 : b] == "元":  # 总投资150亿元某某项目: the project named right after the sum
        direct = next((m for m in names if m.start == b and m.type == C.Project), None)
        if direct is not None:
            return direct
    if text[at : at + 1] != "的":
        product = _PRODUCT.match(text, b)
        if product is None:
            return None
        at = product.end() - 1
    at += 1
    firm = None
    for m in names:  # (in order of their starts)
        if m.start == at and m.type in (C.Project, C.IndustrialPark):
            return m
        if m.start == at and m.type in (C.Region, C.Enterprise):
            at = m.end  # 的遵义光伏电站项目, 的某某有限公司年产…项目: a place or a firm first
            firm = firm or (m if m.type == C.Enterprise else None)
    return firm


# what a sum is spent on, right after it: 投资20亿元(用于)建设某某产业园
_BUILDS = re.compile("(?:用于|用来|主要用于)?(?:建设|新建|兴建|投建|打造|建成|实施|启动)")

# what a figure of capacity names before the one that makes it: 1GWh锂离子电芯的
_PRODUCT = re.compile("[\u4e00-\u9fffA-Za-z0-9]{2,10}?的")
