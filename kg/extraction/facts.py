"""What `kg extract` prints of an extracted article: its facts as plain records, as JSON
lines or as a text table.

The renderers take one extracted `Document` and give text, so that worker processes
(`kg.run.parallel.extract_many(..., render=as_jsonl)`) send back a few kilobytes per article.

>>> from kg.run.pipeline import extract
>>> from kg.reading.reader import read_text
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", name="a.txt"))
>>> [(r["kind"], r.get("label") or r.get("predicate")) for r in facts(doc)][:3]
[('entity', '云铝海鑫'), ('entity', '绿色铝产业链'), ('relation', 'leadsChain')]
"""

from __future__ import annotations

import json

from kg.extraction.recognize import GENERIC
from kg.reading.document import Document
from kg.rows import format_rows

__all__ = ["facts", "as_jsonl", "as_table"]


def facts(doc: Document) -> list[dict]:
    """The entities (mentions), relations and metrics of `doc`, one record each."""
    out: list[dict] = []
    for m in doc.mentions:
        if m.rule == GENERIC:
            continue
        raw_start, raw_end = doc.raw_span(m.start, m.end)
        out.append(
            {
                "kind": "entity",
                "doc": doc.name,
                "type": m.type,
                "text": m.text,
                "label": m.label,
                "iri": m.iri,
                "start": m.start,
                "end": m.end,
                "raw_start": raw_start,
                "raw_end": raw_end,
            }
        )
    for r in doc.relations:
        out.append(
            {
                "kind": "relation",
                "doc": doc.name,
                "predicate": r.predicate,
                "subject": r.subject.label,
                "subject_text": r.subject.text,
                "object": r.object.label,
                "object_text": r.object.text,
                "sentence": r.sentence.text,
                "rule": r.rule,
                "how": r.how,
                "confidence": r.confidence,
            }
        )
    for q in doc.metrics:
        out.append(
            {
                "kind": "metric",
                "doc": doc.name,
                "subject": q.subject.label if q.subject else None,
                "indicator": q.indicator,
                "value": q.value,
                "unit": q.unit,
                "year": q.year,
                "qualifier": q.qualifier,
                "text": q.text,
            }
        )
    return out


def as_jsonl(doc: Document) -> str:
    """`facts(doc)` as JSON lines, each ending in a newline ('' when there are none)."""
    return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in facts(doc))


def as_table(doc: Document) -> str:
    """`facts(doc)` as a text table under the line ``# NAME``, ending in a newline."""
    rows = [
        (
            r["kind"],
            r.get("type") or r.get("predicate") or r.get("indicator"),
            r.get("text") or f"{r.get('subject')} -> {r.get('object')}",
        )
        for r in facts(doc)
    ]
    return f"# {doc.name}\n" + format_rows(["kind", "what", "text"], rows, "table") + "\n"
