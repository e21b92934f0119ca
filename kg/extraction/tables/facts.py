"""Table rows -> relations and metric observations: the pipeline steps "table-facts", which
reads them off `doc.tables` into facts of their own, and "merge-tables", which adds those to the
facts of the prose once "relate" and "quantities" have read it."""

from __future__ import annotations

import re

from kg.extraction.tables.mentions import TABLE_RULE, cell_mentions
from kg.extraction.tables.parse import TOTALS, Row, Table, typed_cells, units
from kg.reading.document import Document, Mention, Metric, Relation, Sentence
from kg.terms import C, P

__all__ = ["table_facts", "merge_table_facts"]

_NUMBER = re.compile(
    r"^(?P<qual>约|近|超过|超|逾)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)"
    r"(?P<more>以上|左右|多|余)?$"
)


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
        if col.role != "measure" or not col.indicator or TOTALS.match(cell.text):
            continue
        m = _NUMBER.fullmatch(cell.text.replace(" ", ""))
        if m is None:
            continue
        unit = m.group("unit") or col.unit
        if unit not in units() or (m.group("unit") and col.unit and m.group("unit") != col.unit):
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
    """Pipeline step: the relations and metric observations of every row of `doc.tables` that
    is a sentence, in `doc.table_relations` and `doc.table_metrics` ("merge-tables" adds them
    to the prose's), between the row's mentions the "tables" step made.
    """
    sentences = {s.start: s for s in doc.sentences}
    by_span = {(m.start, m.end, m.type): m for m in doc.mentions if m.rule == TABLE_RULE}
    relations: list[Relation] = []
    metrics: list[Metric] = []
    for t in doc.tables:
        for r in t.rows:
            sentence = sentences.get(r.start)
            if sentence is None:
                continue
            mentions = []
            for col, cell in typed_cells(t, r):
                for m in cell_mentions(col, cell):
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
    doc.table_relations = relations
    doc.table_metrics = metrics
    return doc


def merge_table_facts(doc: Document) -> Document:
    """Pipeline step: the tables' relations after the prose's (those the prose states already
    are not stated twice), their metrics in place of those "quantities" read off a row's text.

    >>> from kg.reading.reader import read_text
    >>> from kg.run.pipeline import extract
    >>> doc = extract(read_text("| 项目名称 | 总投资(亿元) |\\n| 昭通铝合金项目 | 12.5 |"))
    >>> [(m.indicator, m.value, m.subject.text) for m in doc.metrics]
    [('总投资', 12.5, '昭通铝合金项目')]
    """
    if not doc.tables:
        return doc
    rows = {r.start for t in doc.tables for r in t.rows} & {s.start for s in doc.sentences}
    seen = {
        (r.predicate, r.subject.start, r.subject.end, r.object.start, r.object.end)
        for r in doc.relations
    }
    for rel in doc.table_relations:
        key = (rel.predicate, rel.subject.start, rel.subject.end, rel.object.start, rel.object.end)
        if key not in seen:
            seen.add(key)
            doc.relations.append(rel)
    doc.metrics = [m for m in doc.metrics if m.sentence.start not in rows] + doc.table_metrics
    return doc
