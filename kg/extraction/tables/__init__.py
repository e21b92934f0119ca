"""Tables inside articles -> the facts a sentence would give, with the row as evidence.

Published lists are tables: 链主 enterprises with their chains and towns, projects with their
investment. A table is two or more lines of cells between `|` (Markdown, trafilatura's HTML
tables, Word tables, and tab-separated rows, which `kg.reading.normalize.tab_tables` marks) whose
header row names the columns. `COLUMNS` says what a header names; each row then yields
mentions of its cells, relations between them and metric observations, and the row is its
own `Sentence`, the evidence of every fact it gives.

Three pipeline steps (`kg.run.pipeline.STEPS`): `read_tables` ("tables", before "relate")
parses the tables once into `doc.tables`, makes the rows sentences and their cells mentions
(`kg.extraction.tables.mentions`); `table_facts` ("table-facts") reads the rows' relations and
metrics into facts of their own, which `merge_table_facts` ("merge-tables", once "relate" and
"quantities" have read the prose) adds to the article's (`kg.extraction.tables.facts`). What a
table is and what its headers name: `kg.extraction.tables.parse`.

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

from kg.extraction.tables.facts import merge_table_facts, table_facts
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
    "merge_table_facts",
    "read_tables",
    "table_facts",
]
