"""The shape of the house (ARCHITECTURE.md): layers as packages, imports only downwards, no
circle, and function-local imports only where they keep start-up cheap, each saying so.

The layers, lowest first; a module imports only from its own layer or those below. `kg` itself
(its lazy `__getattr__` facade) and `kg.__main__` stand above all of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = ROOT / "kg"

#: Layer packages, lowest first; modules directly in kg/ are the base.
LAYERS = ["base", "reading", "extraction", "graph", "apps", "run", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}
TOP = {"kg", "kg.__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else "base"


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def imports(path: Path) -> list[tuple[str, int, bool, ast.stmt]]:
    """(imported kg module, line, at module level, node) for every import of a kg module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "kg":
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                target = full if full in MODULES else node.module
                found.append((target, node.lineno, id(node) in top, node))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "kg":
                    found.append((alias.name, node.lineno, id(node) in top, node))
    return found


GRAPH = {
    m: {t for t, *_ in imports(p) if t in MODULES and t != m}
    for m, p in MODULES.items()
    if m not in TOP
}


def test_layers_are_packages():
    for name in LAYERS[1:]:
        assert (KG / name / "__init__.py").is_file(), f"kg/{name}/ is not a package"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_go_down(module):
    here = layer_of(module)
    up = [
        f"{module} (layer {here}) imports {target} (layer {layer_of(target)}), line {line}"
        for target, line, _, _ in imports(MODULES[module])
        if RANK[layer_of(target)] > RANK[here]
    ]
    assert not up, "\n".join(up)


def test_no_import_circle():
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []
    circles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(GRAPH.get(m, ())):
            if state.get(t) == 1:
                circles.append([*path[path.index(t) :], t])
            elif t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)
    assert not circles, "\n".join(" -> ".join(c) for c in circles)


def _local_imports() -> list[tuple[str, int, str]]:
    """Every function-local import in kg/ (of any module), with the comment it carries."""
    found = []
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        top = {id(n) for n in tree.body}
        guarded = {  # `if TYPE_CHECKING:` blocks at module level count as module level
            id(n) for block in tree.body if isinstance(block, ast.If) for n in ast.walk(block)
        }
        guarded |= {  # try: import x / except ImportError: an optional dependency, not start-up
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.Try)
            and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in block.handlers
            )
            for n in block.body
        }
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top | guarded:
                said = " ".join(lines[max(0, node.lineno - 2) : node.end_lineno])
                found.append((module, node.lineno, said))
    return found


def test_function_local_imports_say_why():
    """A function-local import is allowed only for start-up cost (measured in ARCHITECTURE.md:
    `kg --help` stays fast because the commands load the heavy libraries when they run), and
    says so in a comment on its line or the line before; or for an optional dependency, tried
    with ``except ImportError``."""
    silent = [f"{m}:{line}" for m, line, said in _local_imports() if "start-up" not in said]
    assert not silent, "function-local imports without a start-up comment: " + ", ".join(silent)
