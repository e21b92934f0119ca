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

from kg.extraction.tables.facts import table_facts
from kg.extraction.tables.mentions import read_tables
from kg.extraction.tables.parse import (
    COLUMNS,
    LEADING,
    Cell,
    Column,
    Row,
    Table,
    column_role,
    find_tables,
)

__all__ = [
    "COLUMNS",
    "LEADING",
    "Cell",
    "Column",
    "Row",
    "Table",
    "column_role",
    "find_tables",
    "read_tables",
    "table_facts",
]
