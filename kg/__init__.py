"""chainkg: a knowledge graph of industrial chains and the chain-leader system (链长制).

>>> from kg import read_text, extract
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", name="demo.txt"))
>>> [(r.predicate, r.subject.label, r.object.label) for r in doc.relations]
[('leadsChain', '云铝海鑫', '绿色铝产业链')]
"""

from kg.errors import KGError

__all__ = ["KGError", "read_text", "read_path", "extract", "query"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy: importing kg must stay cheap (jieba and rdflib load on first use).
    if name in {"read_text", "read_path"}:
        # start-up: importing kg stays cheap (jieba and rdflib load on first use)
        from kg.reading import reader

        return getattr(reader, name)
    if name == "extract":
        # start-up: importing kg stays cheap (jieba and rdflib load on first use)
        from kg.run.pipeline import extract

        return extract
    if name == "query":
        # start-up: importing kg stays cheap (jieba and rdflib load on first use)
        from kg.graph.query import query

        return query
    raise AttributeError(name)
