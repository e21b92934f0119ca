"""Table cells -> mentions, table rows -> sentences: the "tables" pipeline step."""

from __future__ import annotations

import bisect
import functools
import re

from kg.extraction.tables.parse import (
    ENTITY_ROLES,
    TOTALS,
    Cell,
    Column,
    Row,
    find_tables,
    typed_cells,
)
from kg.ontology import suffixes
from kg.reading.document import Document, Mention, Sentence
from kg.terms import C

# the rule of every mention read from a table's cell (kg.extraction.relate asks for it)
TABLE_RULE = "table"

__all__ = ["read_tables", "cell_mentions", "TABLE_RULE"]

_ITEM_SEPARATORS = re.compile(r"[、,，;；/]|\s+和\s+")
_EMPTY = {"", "-", "--", "—", "——", "/", "无", "暂无", "待定", "…", "……", "同上"}
# Words that end a title in a chain leader's cell: 市级领导 is a role, 副市长张三 a person.
_ROLE_WORDS = ("领导", "书记", "市长", "县长", "区长", "州长", "省长", "主任", "局长", "部长")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


@functools.cache
def _park_suffixes() -> tuple[str, ...]:
    return tuple(suffixes(C.IndustrialPark))


def _items(cell: Cell, *, split: bool) -> list[Cell]:
    """The names in a cell: one, or several separated by 、 , ; / when `split`."""
    if TOTALS.match(cell.text):
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
            return Mention(C.Person, rest, s, s + len(rest), rule=TABLE_RULE)
        if text.endswith(word):
            return Mention(C.ChainLeaderRole, text, item.start, item.end, rule=TABLE_RULE)
    return Mention(C.Person, text, item.start, item.end, rule=TABLE_RULE)


def cell_mentions(column: Column, cell: Cell) -> list[Mention]:
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
            out.append(Mention(C.Enterprise, item.text, item.start, item.end, rule=TABLE_RULE))
        elif role == C.Project:
            out.append(Mention(C.Project, item.text, item.start, item.end, rule=TABLE_RULE))
        elif role == C.IndustryChain:
            label = _chain_label(item.text)
            out.append(
                Mention(
                    C.IndustryChain, item.text, item.start, item.end, label=label, rule=TABLE_RULE
                )
            )
        elif role == C.IndustrialPark or (role == "place" and item.text.endswith(_park_suffixes())):
            out.append(Mention(C.IndustrialPark, item.text, item.start, item.end, rule=TABLE_RULE))
        elif role == "place":
            out.append(Mention(C.Region, item.text, item.start, item.end, rule=TABLE_RULE))
        elif role == "leader":
            out.append(_leader(item))
    return out


def read_tables(doc: Document) -> Document:
    """Pipeline step: the tables of the text, parsed once into `doc.tables`; every table row
    becomes one sentence and its cells become mentions.

    Mentions the recognisers found inside a named column's cell, or across cells, give way to
    the cell's own; mentions inside other cells (remarks) stay. A firm named in a table is
    that firm wherever else the article writes its name.
    """
    doc.tables = tables = find_tables(doc.text)
    if not tables:
        return doc
    rows = sorted((r for t in tables for r in t.all_rows), key=lambda r: r.start)
    doc.sentences = _row_sentences(doc, rows)
    named_spans = [
        (cell.start, cell.end)
        for t in tables
        for r in t.all_rows
        for col, cell in typed_cells(t, r)
        if col.role != "skip"
    ]
    cells = sorted((c.start, c.end) for r in rows for c in r.cells)
    row_spans = [(r.start, r.end) for r in rows]
    typed = set(named_spans)
    found = [m for m in doc.mentions if _keeps(m, row_spans, cells, typed)]
    new: list[Mention] = []
    for t in tables:
        for r in t.rows:
            for col, cell in typed_cells(t, r):
                new.extend(cell_mentions(col, cell))
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
