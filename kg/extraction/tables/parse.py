"""What tables a text holds: rows of cells between `|`, and what each header cell names.

>>> t = find_tables("| 企业名称 | 产业链 |\\n| 云铝海鑫 | 绿色铝 |")[0]
>>> [c.role for c in t.columns], [c.text for c in t.rows[0].cells]
(['Enterprise', 'IndustryChain'], ['云铝海鑫', '绿色铝'])
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from kg.extraction.quantities import UNITS
from kg.reading.offsets import numbered_lines
from kg.terms import C

__all__ = [
    "COLUMNS",
    "ENTITY_ROLES",
    "LEADING",
    "TOTALS",
    "Cell",
    "Column",
    "Row",
    "Table",
    "column_role",
    "find_tables",
    "typed_cells",
    "units",
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
# what the first cell of a row of sums starts with (合计, 小计): no names, no measures of one thing
TOTALS = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|共\s*计)")


@functools.cache
def units() -> tuple[str, ...]:
    """The units a measure may be given in (`kg.extraction.quantities.UNITS`)."""
    return tuple(UNITS)


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
        if inner in units():
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


def typed_cells(table: Table, row: Row) -> list[tuple[Column, Cell]]:
    return [
        (col, cell)
        for col, cell in zip(table.columns, row.cells, strict=True)
        if col.role != "measure"
    ]
