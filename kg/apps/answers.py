"""Answers to questions: what an answer holds, the messages it says, and how it reads as text.

>>> from kg.apps.questions import Plan
>>> plan = Plan("谁?", "谁", status="not-understood")
>>> answer = Answer(plan, message="I did not understand the question.")
>>> answer.status, answer.ok, format_answer(answer)
('not-understood', False, 'I did not understand the question.')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg import ontology
from kg.apps.linking import core_name, normalise_name
from kg.apps.questions import Plan, kinds_help
from kg.rows import format_rows

__all__ = [
    "Answer",
    "EVIDENCE",
    "EMPTY_QUESTION",
    "class_name",
    "not_understood",
    "unknown_entity",
    "understood",
    "format_answer",
]

#: The columns every answer row carries besides the answer's own: where it was read.
EVIDENCE = ("sentence", "article", "file")

_EMPTY = "it holds no entity at all (built from no article?); build it with `kg build PATH`."
EMPTY_QUESTION = (
    "The question is empty; ask one, e.g. 绿色铝产业链的龙头企业有哪些? "
    "or Which firms lead the 绿色铝 chain?"
)


@dataclass
class Answer:
    """The answer to a question: the plan, the result columns and rows, and a message."""

    plan: Plan
    columns: list[str] = field(default_factory=list)  # the answer columns (no evidence)
    rows: list[dict[str, Any]] = field(default_factory=list)  # answer columns + evidence
    sparql: str = ""
    message: str = ""

    @property
    def status(self) -> str:
        """ "answered", "unknown-entity" or "not-understood"."""
        return "answered" if self.plan.status == "understood" else self.plan.status

    @property
    def ok(self) -> bool:
        """Whether the question was understood and its names linked (rows may be empty)."""
        return self.status == "answered"

    def values(self, column: str | None = None) -> list[Any]:
        """The distinct values of one answer column (default: the first), in order."""
        column = column or (self.columns[0] if self.columns else "")
        return list(dict.fromkeys(row.get(column) for row in self.rows))

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data, for JSON."""
        plan = self.plan
        return {
            "question": plan.question,
            "status": self.status,
            "kind": plan.kind.name if plan.kind else None,
            "query": plan.query,
            "name": plan.name,
            "entities": [
                {"label": k.label, "type": k.type, "iri": k.iri, "score": k.score, "how": k.how}
                for k in plan.links
            ],
            "parameters": [{k: str(v) for k, v in b.items()} for b in plan.bindings],
            "columns": self.columns,
            "rows": self.rows,
            "message": self.message,
            "suggestions": plan.suggestions,
            "sparql": self.sparql,
        }


def class_name(cls: str) -> str:
    """How a message names a class: its English label from the ontology, in lower case.

    >>> class_name("IndustryChain")
    'industrial chain'
    """
    text = ontology.label(cls, lang="en")
    return text[:1].lower() + text[1:]


def not_understood(question: str) -> str:
    """The message for a question no phrasing fits: the kinds understood, an example each."""
    return (
        f"I did not understand the question {question.strip()!r}. "
        "I understand these kinds of question:\n" + kinds_help()
    )


def unknown_entity(plan: Plan, *, empty_graph: bool) -> str:
    """The message for a name that links to nothing, with the closest known names."""
    what = " or ".join(class_name(t) for t in plan.expected) or "entity"
    if empty_graph:
        return f"The graph knows no {what} named {plan.name!r}: {_EMPTY}"
    names = ", ".join(plan.suggestions) or "none"
    close = any(set(s) & set(plan.name or "") for s in plan.suggestions)
    return f"The graph knows no {what} named {plan.name!r}. " + (
        f"Closest known names: {names}." if close else f"No known name is close; some are: {names}."
    )


def understood(plan: Plan, n: int, *, empty_graph: bool = False) -> str:
    """The message for an answered question: how it was read, and if nothing was found."""
    assert plan.kind is not None
    parts = [f"Understood as: {plan.kind.about} (query {plan.query})"]
    if plan.how == "spotted":  # no phrasing fitted: read by its names and words
        parts[0] += ", read by the names and words it holds"
    if plan.links:
        linked = ", ".join(f"{k.label} ({k.type}, {k.how})" for k in plan.links)
        parts.append(f"{plan.name!r} -> {linked}")
    asked = [b["kind"] for b in plan.bindings if b.get("kind")]
    if plan.kind.slot is None and asked:  # a listing of one class: which one
        parts.append(f"every {class_name(asked[0])} the articles mention")
    if plan.narrower:
        what = " or ".join(class_name(t) for t in plan.kind.types) or "entity"
        core = core_name(normalise_name(plan.name or ""))
        parts.append(
            f"answered from the narrower {what} names that start or end with {core!r}: "
            + ", ".join(plan.narrower)
        )
    if plan.note:
        parts.append(plan.note)
    if plan.indicator:
        parts.append(f"indicator contains {plan.indicator!r}")
    if plan.year is not None:
        parts.append(f"year {plan.year}")
    text = "; ".join(parts) + "."
    if n == 0:
        text += " The graph holds no answer to this question."
        if empty_graph:
            text += f" {_EMPTY[0].upper()}{_EMPTY[1:]}"
    return text


def format_answer(answer: Answer, *, show_sparql: bool = False) -> str:
    """The answer as text: the reading, a table, and the evidence sentence and article per row."""
    lines = [answer.message]
    if not answer.ok:
        return "\n".join(lines)
    if answer.rows:
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for row in answer.rows:
            groups.setdefault(tuple(row.get(c) for c in answer.columns), []).append(row)
        table = [(i, *key) for i, key in enumerate(groups, 1)]
        lines += ["", format_rows(["#", *answer.columns], table), "", "Evidence"]
        for i, rows in enumerate(groups.values(), 1):
            for row in rows:
                source = row.get("file") or row.get("article") or ""
                lines.append(f"[{i}] {row.get('sentence') or ''} ({source})")
    if show_sparql:
        source = f"SPARQL (kg/graph/queries/{answer.plan.query}.rq)"
        lines += ["", source, answer.sparql.rstrip()]
        for b in answer.plan.bindings:
            if b:
                lines.append("bound: " + ", ".join(f"?{k} = {v!r}" for k, v in b.items()))
    return "\n".join(lines)
