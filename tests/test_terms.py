"""The ontology is the one source of terms: kg/terms.py is generated from it and up to date, and
no class or property name is typed in kg/ as a string, so a typo cannot silently never match."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg import ontology
from kg.terms import CLASSES, PROPERTIES, C, P

ROOT = Path(__file__).resolve().parents[1]
KG = ROOT / "kg"

#: What a class name (UpperCamel) or a property name (lowerCamel) looks like.
TERM_SHAPE = re.compile(r"^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*|[a-z]+(?:[A-Z][a-z0-9]*)+)$")
#: Expressions that hold a term: m.type == "…", r.predicate in ("…", …), type_ == "…".
TERM_HOLDERS = {"type", "predicate", "type_", "cls", "kind_class", "subject_type", "object_type"}
#: Calls whose first argument is a class or property.
TERM_CALLS = {"Mention", "Relation"}


def test_terms_file_is_up_to_date():
    proc = subprocess.run(
        [sys.executable, "tools/gen_terms.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_terms_are_the_ontologys():
    assert CLASSES == set(ontology.classes())
    assert PROPERTIES == set(ontology.properties())
    for namespace, names in ((C, CLASSES), (P, PROPERTIES)):
        assert {k: v for k, v in vars(namespace).items() if not k.startswith("_")} == {
            name: name for name in names
        }


def test_a_name_the_ontology_lacks_fails_where_it_is_read():
    with pytest.raises(AttributeError, match="Enterprice"):
        _ = C.Enterprice


def _code_strings(path: Path):
    """(node, parent) for each string constant of `path` that is code, not a docstring, an
    f-string part, an annotation or an `__all__` entry."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            skip.update(id(n) for n in ast.walk(node.value))
        annotation = getattr(node, "annotation", None)
        if isinstance(annotation, ast.AST):
            skip.update(id(n) for n in ast.walk(annotation))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node, parents.get(id(node))


def _holds_term(expr: ast.AST) -> bool:
    if isinstance(expr, ast.Attribute):
        return expr.attr in TERM_HOLDERS
    return isinstance(expr, ast.Name) and expr.id in TERM_HOLDERS


MODULES = sorted(p for p in KG.rglob("*.py") if p.name != "terms.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_quoted_term_names(path):
    """A class or property of the ontology is written C.Name / P.name, never quoted."""
    quoted = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r} (write C.{node.value} or P.…)"
        for node, _ in _code_strings(path)
        if TERM_SHAPE.match(node.value) and (node.value in CLASSES or node.value in PROPERTIES)
    ]
    assert not quoted, "\n".join(quoted)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_string_where_a_term_goes(path):
    """Where a term is compared or made (m.type == …, Mention(…), r.predicate in (…)), a quoted
    name is a term typed by hand, and one the ontology lacks would never match."""
    wrong = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        values: list[ast.AST] = []
        if isinstance(node, ast.Compare) and (
            _holds_term(node.left) or any(_holds_term(c) for c in node.comparators)
        ):
            for side in [node.left, *node.comparators]:
                values += side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in TERM_CALLS:
                values.append(node.args[0])
        wrong += [
            f"{path.relative_to(ROOT)}:{v.lineno}: {v.value!r}"
            for v in values
            if isinstance(v, ast.Constant)
            and isinstance(v.value, str)
            and TERM_SHAPE.match(v.value)
        ]
    assert not wrong, "quoted names where a term goes:\n" + "\n".join(wrong)
