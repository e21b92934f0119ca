"""Tables inside articles -> the facts a sentence would give, with the row as evidence.

Published lists are tables: 链主 enterprises with their chains and towns, projects with their
investment. A table is two or more lines of cells between `|` (Markdown, trafilatura's HTML
tables, Word tables, and tab-separated rows, which `kg.reading.normalize.tab_tables` marks) whose
header row names the columns. `COLUMNS` says what a header names; each row then yields
mentions of its cells, relations between them and metric observations, and the row is its
own `Sentence`, the evidence of every fact it gives.

Two pipeline steps (`kg.run.pipeline.STEPS`): `read_tables` ("tables", before "relate") makes
the rows sentences and their cells mentions; `table_facts` ("table-facts", after "quantities",
whose steps start afresh) adds the rows' relations and metrics.

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> text = "链主企业名单:\\n| 企业名称 | 产业链 | 所在乡镇 |\\n| 云铝海鑫 | 绿色铝 | 昭阳区 |"
>>> doc = extract(read_text(text))
>>> [(r.predicate, r.subject.label, r.object.label) for r in doc.relations]
[('leadsChain', '云铝海鑫', '绿色铝产业链'), ('locatedIn', '云铝海鑫', '昭阳区')]
>>> doc.relations[0].sentence.text
'| 云铝海鑫 | 绿色铝 | 昭阳区 |'
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from kg.extraction.quantities import UNITS
from kg.ontology import suffixes
from kg.reading.document import Document, Mention, Metric, Relation, Sentence
from kg.reading.offsets import numbered_lines
from kg.terms import C, P

__all__ = [
    "COLUMNS",
    "LEADING",
    "Cell",
    "Row",
    "Table",
    "column_role",
    "find_tables",
    "read_tables",
    "table_facts",
]

# What a header cell names, tried in order (a full match of the header without its unit).
# Roles: Enterprise (what a row of firms is about), Developer (the firm that builds a row's
# project), Project, IndustryChain, IndustrialPark, Place (a region, or a park by its suffix),
# Leader (a chain leader: a person or a role), skip (numbering, remarks); any other header is
# a measure when its cells hold numbers with units. Adding a way of heading a column is one line.
COLUMNS: tuple[tuple[str, str], ...] = (
    (r"序号|编号|排名|排序|备注|说明|联系人|联系电话|电话|类别|类型|性质|年份|时间", "skip"),
    (r"(?:链主|龙头|领军|头部|骨干|重点)企业(?:名称|全称)?|链主|龙头", C.Enterprise),
    (r"(?:建设|业主|实施|投资|承建|责任)(?:单位|主体|企业|方)|项目业主|业主", "developer"),
    (r".*项目(?:名称|全称)?|项目", C.Project),
    (r"(?:企业|公司|单位)(?:名称|全称)?|.*(?:企业|公司)(?:名称|全称)", C.Enterprise),
    (r".*产业链(?:名称)?|(?:所属|所在)?链条", C.IndustryChain),
    (r".*园区(?:名称)?|(?:所在|所属|入驻)?(?:开发区|经开区|高新区|产业园)", C.IndustrialPark),
    (
        r"(?:所在|所属)?(?:乡镇|乡镇街道|镇街|街道|县区|区县|县市区|县|市|区|地区|区域|属地|地点)"
        r"|(?:建设|项目|实施|注册)(?:地点|地址|地)|所在地|地址",
        "place",
    ),
    (r".*链长(?:姓名)?", "leader"),
)
ENTITY_ROLES = (C.Enterprise, "developer", C.Project, C.IndustryChain, C.IndustrialPark, "place")

# A table of leading firms: its caption or header says so, and then a firm and a chain in one
# row mean the firm leads the chain (leadsChain), as "以X为龙头" would; otherwise inChain.
LEADING = re.compile(r"链主|龙头|领军|头部企业")

_SEPARATOR_ROW = re.compile(r"[|｜\s:：\-—=+]*-[|｜\s:：\-—=+]*")
_BAR = re.compile(r"[|｜]")
_UNIT_IN_HEADER = re.compile(r"(?P<name>.*?)\s*(?:[(（](?P<a>[^()（）]+)[)）]|/(?P<b>[^/]+))\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})年?")
_ITEM_SEPARATORS = re.compile(r"[、,，;；/]|\s+和\s+")
_EMPTY = {"", "-", "--", "—", "——", "/", "无", "暂无", "待定", "…", "……", "同上"}
_TOTALS = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|共\s*计)")
_NUMBER = re.compile(
    r"^(?P<qual>约|近|超过|超|逾)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)"
    r"(?P<more>以上|左右|多|余)?$"
)
# Words that end a title in a chain leader's cell: 市级领导 is a role, 副市长张三 a person.
_ROLE_WORDS = ("领导", "书记", "市长", "县长", "区长", "州长", "省长", "主任", "局长", "部长")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


@functools.cache
def _units() -> tuple[str, ...]:
    return tuple(UNITS)


@functools.cache
def _park_suffixes() -> tuple[str, ...]:
    return tuple(suffixes(C.IndustrialPark))


@functools.cache
def _columns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), role) for pattern, role in COLUMNS)


@dataclass
class Cell:
    """One cell: its text (trimmed) and where it is in the document's text."""

    start: int
    end: int
    text: str


@dataclass
class Row:
    """One row of a table: the line without its outer spaces, and its cells."""

    start: int
    end: int
    cells: list[Cell]


@dataclass
class Column:
    """What a header cell names: its role, and for a measure its indicator, unit and year."""

    role: str
    indicator: str = ""
    unit: str = ""
    year: int | None = None


@dataclass
class Table:
    """A header row, what each of its columns is, the data rows and what the caption says."""

    header: Row
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    leading: bool = False
    year: int | None = None

    @property
    def all_rows(self) -> list[Row]:
        return [self.header, *self.rows]


def column_role(header: str) -> Column:
    """What a header cell names.

    >>> column_role("企业名称").role, column_role("所在乡镇(街道)").role
    ('Enterprise', 'place')
    >>> column_role("总投资(亿元)")
    Column(role='measure', indicator='总投资', unit='亿元', year=None)
    """
    text = re.sub(r"\s+", "", header)
    unit = ""
    m = _UNIT_IN_HEADER.fullmatch(text)
    if m:
        inner = m.group("a") or m.group("b") or ""
        if inner in _units():
            text, unit = m.group("name"), inner
        elif m.group("a"):
            text = m.group("name")  # 所在乡镇(街道): the parenthesis qualifies the name
    year = None
    y = _YEAR.match(text)
    if y and len(text) > len(y.group()):
        year, text = int(y.group(1)), text[y.end() :]
    for pattern, role in _columns():
        if pattern.fullmatch(text):
            return Column(role)
    return Column("measure", indicator=text, unit=unit, year=year)


def _row(start: int, line: str) -> Row:
    """The cells of a line with `|` between them (outer bars optional)."""
    lead = len(line) - len(line.lstrip())
    core = line.strip()
    a, b = start + lead, start + lead + len(core)
    bounds = [a - 1, *(a + m.start() for m in _BAR.finditer(core)), b]
    cells = []
    for left, right in itertools.pairwise(bounds):
        raw = line[left + 1 - start : right - start]
        inner = raw.strip()
        if not inner and (left == a - 1 or right == b):
            continue  # the empty side of an outer bar
        s = left + 1 + (len(raw) - len(raw.lstrip()))
        cells.append(Cell(s, s + len(inner), inner))
    return Row(a, b, cells)


def _is_row_line(line: str) -> bool:
    return bool(_BAR.search(line)) and bool(line.strip())


def _context(text: str, lines: list[tuple[int, str]], first: int) -> str:
    """The two non-empty lines before line `first`: where a table's caption is."""
    before = [line for _, line in lines[max(0, first - 3) : first] if line.strip()]
    return "\n".join(before[-2:])


def find_tables(text: str) -> list[Table]:
    """The tables in `text`: runs of `|` rows whose header names at least one entity column.

    >>> t = find_tables("| 项目名称 | 总投资(亿元) |\\n|---|---|\\n| 昭通铝合金项目 | 12.5 |")[0]
    >>> [c.role for c in t.columns], [[c.text for c in r.cells] for r in t.rows]
    (['Project', 'measure'], [['昭通铝合金项目', '12.5']])
    """
    if "|" not in text and "｜" not in text:
        return []
    lines = numbered_lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not _is_row_line(lines[i][1]):
            i += 1
            continue
        j = i
        while j < len(lines) and _is_row_line(lines[j][1]):
            j += 1
        rows = [
            _row(start, line)
            for start, line in lines[i:j]
            if not _SEPARATOR_ROW.fullmatch(line.strip())
        ]
        table = _table(rows, _context(text, lines, i))
        if table is not None:
            tables.append(table)
        i = j
    return tables


def _table(rows: list[Row], caption: str) -> Table | None:
    for k, row in enumerate(rows):
        if len(row.cells) < 2:
            continue  # a title row spanning the table
        columns = [column_role(c.text) for c in row.cells]
        if not any(c.role in ENTITY_ROLES for c in columns):
            return None
        width = len(row.cells)
        titles = " ".join(c.text for r in rows[:k] for c in r.cells)
        about = f"{caption}\n{titles}\n{' '.join(c.text for c in row.cells)}"
        years = _YEAR.findall(f"{caption}\n{titles}")
        return Table(
            header=row,
            columns=columns,
            rows=[r for r in rows[k + 1 :] if len(r.cells) == width],
            leading=bool(LEADING.search(about)),
            year=int(years[0]) if years else None,
        )
    return None


# ---------------------------------------------------------------- cells -> mentions


def _items(cell: Cell, *, split: bool) -> list[Cell]:
    """The names in a cell: one, or several separated by 、 , ; / when `split`."""
    if _TOTALS.match(cell.text):
        return []
    pieces = []
    if split:
        pos = 0
        for m in _ITEM_SEPARATORS.finditer(cell.text):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(cell.text)))
    else:
        pieces = [(0, len(cell.text))]
    out = []
    for a, b in pieces:
        piece = cell.text[a:b]
        inner = piece.strip().strip("“”‘’\"'《》「」")
        if inner in _EMPTY or not re.search(r"[\u4e00-\u9fffA-Za-z]", inner):
            continue
        s = cell.start + a + piece.index(inner)
        out.append(Cell(s, s + len(inner), inner))
    return out


def _chain_label(name: str) -> str:
    if name.endswith("链") or name.endswith("链条"):
        return name
    return name + ("链" if name.endswith("产业") else "产业链")


def _leader(item: Cell) -> Mention:
    """A chain leader's cell: a person (张三, 副市长张三) or a role (市级领导)."""
    text = item.text
    for word in sorted(_ROLE_WORDS, key=len, reverse=True):
        at = text.rfind(word)
        if at < 0:
            continue
        rest = text[at + len(word) :].strip()
        if rest and _NAME.fullmatch(rest):
            s = item.start + text.rindex(rest)
            return Mention(C.Person, rest, s, s + len(rest), rule="table")
        if text.endswith(word):
            return Mention(C.ChainLeaderRole, text, item.start, item.end, rule="table")
    return Mention(C.Person, text, item.start, item.end, rule="table")


def _cell_mentions(column: Column, cell: Cell) -> list[Mention]:
    role = column.role
    if role not in ENTITY_ROLES and role != "leader":
        return []
    out = []
    items = _items(cell, split=role not in (C.Project, "leader"))
    if role == "leader":  # 张三、李四 are two leaders; 市委书记、市长张三 is one
        several = _items(cell, split=True)
        if len(several) > 1 and all(
            _NAME.fullmatch(i.text) and not any(w in i.text for w in _ROLE_WORDS) for i in several
        ):
            items = several
    for item in items:
        if role in (C.Enterprise, "developer"):
            out.append(Mention(C.Enterprise, item.text, item.start, item.end, rule="table"))
        elif role == C.Project:
            out.append(Mention(C.Project, item.text, item.start, item.end, rule="table"))
        elif role == C.IndustryChain:
            label = _chain_label(item.text)
            out.append(
                Mention(C.IndustryChain, item.text, item.start, item.end, label=label, rule="table")
            )
        elif role == C.IndustrialPark or (role == "place" and item.text.endswith(_park_suffixes())):
            out.append(Mention(C.IndustrialPark, item.text, item.start, item.end, rule="table"))
        elif role == "place":
            out.append(Mention(C.Region, item.text, item.start, item.end, rule="table"))
        elif role == "leader":
            out.append(_leader(item))
    return out


def _typed(table: Table, row: Row) -> list[tuple[Column, Cell]]:
    return [
        (col, cell)
        for col, cell in zip(table.columns, row.cells, strict=True)
        if col.role != "measure"
    ]


# ---------------------------------------------------------------- step 1: sentences, mentions


def read_tables(doc: Document) -> Document:
    """Pipeline step: every table row becomes one sentence and its cells become mentions.

    Mentions the recognisers found inside a named column's cell, or across cells, give way to
    the cell's own; mentions inside other cells (remarks) stay. A firm named in a table is
    that firm wherever else the article writes its name.
    """
    tables = find_tables(doc.text)
    if not tables:
        return doc
    rows = sorted((r for t in tables for r in t.all_rows), key=lambda r: r.start)
    doc.sentences = _row_sentences(doc, rows)
    typed_cells = [
        (cell.start, cell.end)
        for t in tables
        for r in t.all_rows
        for col, cell in _typed(t, r)
        if col.role != "skip"
    ]
    cells = sorted((c.start, c.end) for r in rows for c in r.cells)
    row_spans = [(r.start, r.end) for r in rows]
    typed = set(typed_cells)
    found = [m for m in doc.mentions if _keeps(m, row_spans, cells, typed)]
    new: list[Mention] = []
    for t in tables:
        for r in t.rows:
            for col, cell in _typed(t, r):
                new.extend(_cell_mentions(col, cell))
    found.extend(new)
    found.extend(_same_article(doc, found, new, row_spans))
    doc.mentions = sorted(found, key=lambda m: (m.start, -m.end))
    return doc


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> tuple[int, int] | None:
    """The span of sorted, disjoint `spans` that holds [a, b), if any."""
    k = bisect.bisect_right(spans, (a, float("inf"))) - 1
    if k >= 0 and spans[k][0] <= a and b <= spans[k][1]:
        return spans[k]
    return None


def _keeps(
    m: Mention,
    rows: list[tuple[int, int]],
    cells: list[tuple[int, int]],
    typed: set[tuple[int, int]],
) -> bool:
    k = bisect.bisect_right(rows, (m.start, float("inf"))) - 1
    in_row = k >= 0 and rows[k][0] <= m.start < rows[k][1]
    if not in_row:
        return True
    cell = _inside(cells, m.start, m.end)
    return cell is not None and cell not in typed


def _row_sentences(doc: Document, rows: list[Row]) -> list[Sentence]:
    """The document's sentences with each row's pieces replaced by the whole row."""
    out: list[Sentence] = []
    k = 0
    for sent in doc.sentences:
        while k < len(rows) and rows[k].end <= sent.start:
            k += 1
        if k < len(rows) and rows[k].start <= sent.start < rows[k].end:
            row = rows[k]
            if out and out[-1].start == row.start:
                continue  # the rest of a row already made one sentence
            out.append(Sentence(row.start, row.end, doc.text[row.start : row.end], sent.paragraph))
        else:
            out.append(sent)
    return out


def _same_article(
    doc: Document, found: list[Mention], new: list[Mention], rows: list[tuple[int, int]]
) -> list[Mention]:
    names = sorted(
        {m.text for m in new if m.type == C.Enterprise and len(m.text) >= 2}, key=len, reverse=True
    )
    if not names:
        return []
    taken = sorted((m.start, m.end) for m in found)
    starts = [a for a, _ in taken]
    longest = max((b - a for a, b in taken), default=0)
    pattern = re.compile("|".join(map(re.escape, names)))
    extra = []
    for m in pattern.finditer(doc.text):
        a, b = m.start(), m.end()
        k = bisect.bisect_right(rows, (a, float("inf"))) - 1
        if k >= 0 and rows[k][0] <= a < rows[k][1]:
            continue  # inside a table: the cells speak for themselves
        lo = bisect.bisect_left(starts, a - longest)
        hi = bisect.bisect_left(starts, b)
        if any(s < b and a < e for s, e in taken[lo:hi]):
            continue
        if doc.sentence_at(a) is not None:
            extra.append(Mention(C.Enterprise, m.group(), a, b, rule="same-article"))
    return extra


# ---------------------------------------------------------------- step 2: relations, metrics


def _row_relations(
    table: Table, mentions: list[tuple[str, Mention]], sentence: Sentence
) -> list[Relation]:
    def of(*roles: str) -> list[Mention]:
        return [m for role, m in mentions if role in roles]

    firms, developers = of(C.Enterprise), of("developer")
    projects, chains, leaders = of(C.Project), of(C.IndustryChain), of("leader")
    places = of("place", C.IndustrialPark)
    parks, regions = of(C.IndustrialPark), [m for m in of("place") if m.type == C.Region]
    out: list[tuple[str, Mention, Mention]] = []
    lead = P.leadsChain if table.leading else P.inChain
    out += [(lead, f, c) for f in firms for c in chains]
    out += [(P.inChain, p, c) for p in projects for c in chains]
    out += [(P.developedBy, p, f) for p in projects for f in developers + firms]
    located = projects or firms + developers
    out += [(P.locatedIn, x, place) for x in located for place in places if place is not x]
    out += [(P.locatedIn, p, r) for p in parks for r in regions]
    out += [(P.chainLeaderOf, h, c) for h in leaders for c in chains]
    return [Relation(pred, s, o, sentence, rule="表格") for pred, s, o in out]


def _row_metrics(
    table: Table, row: Row, primary: Mention | None, sentence: Sentence
) -> list[Metric]:
    out = []
    for col, cell in zip(table.columns, row.cells, strict=True):
        if col.role != "measure" or not col.indicator or _TOTALS.match(cell.text):
            continue
        m = _NUMBER.fullmatch(cell.text.replace(" ", ""))
        if m is None:
            continue
        unit = m.group("unit") or col.unit
        if unit not in _units() or (m.group("unit") and col.unit and m.group("unit") != col.unit):
            continue
        out.append(
            Metric(
                indicator=col.indicator,
                value=float(m.group("num").replace(",", "")),
                unit=unit,
                year=col.year or table.year,
                text=cell.text,
                start=cell.start,
                end=cell.end,
                sentence=sentence,
                subject=primary,
                qualifier=(m.group("qual") or "") + (m.group("more") or ""),
            )
        )
    return out


def table_facts(doc: Document) -> Document:
    """Pipeline step: the relations and metric observations of every table row.

    Runs after "relate" and "quantities" (which start their lists afresh); a metric that
    "quantities" read off a row's text gives way to the row's own reading of its columns.
    """
    tables = find_tables(doc.text)
    if not tables:
        return doc
    sentences = {s.start: s for s in doc.sentences}
    by_span = {(m.start, m.end, m.type): m for m in doc.mentions if m.rule == "table"}
    rows_read: set[int] = set()
    relations: list[Relation] = []
    metrics: list[Metric] = []
    for t in tables:
        for r in t.rows:
            sentence = sentences.get(r.start)
            if sentence is None:
                continue
            rows_read.add(r.start)
            mentions = []
            for col, cell in _typed(t, r):
                for m in _cell_mentions(col, cell):
                    found = by_span.get((m.start, m.end, m.type))
                    if found is not None:
                        mentions.append((col.role, found))
            relations += _row_relations(t, mentions, sentence)
            primary = next(
                (
                    m
                    for want in (C.Project, C.Enterprise, "developer", C.IndustryChain)
                    for role, m in mentions
                    if role == want
                ),
                None,
            )
            metrics += _row_metrics(t, r, primary, sentence)
    seen = {
        (r.predicate, r.subject.start, r.subject.end, r.object.start, r.object.end)
        for r in doc.relations
    }
    for rel in relations:
        key = (rel.predicate, rel.subject.start, rel.subject.end, rel.object.start, rel.object.end)
        if key not in seen:
            seen.add(key)
            doc.relations.append(rel)
    doc.metrics = [m for m in doc.metrics if m.sentence.start not in rows_read] + metrics
    return doc
