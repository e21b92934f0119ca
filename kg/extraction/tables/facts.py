"""Table rows -> relations and metric observations: the "table-facts" pipeline step."""

from __future__ import annotations

import re

from kg.extraction.tables.mentions import cell_mentions
from kg.extraction.tables.parse import TOTALS, Row, Table, find_tables, typed_cells, units
from kg.reading.document import Document, Mention, Metric, Relation, Sentence
from kg.terms import C, P

__all__ = ["table_facts"]

_NUMBER = re.compile(
    r"^(?P<qual>约|近|超过|超|逾)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)"
    r"(?P<more>以上|左右|多|余)?$"
)

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
