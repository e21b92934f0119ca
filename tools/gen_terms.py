"""Write kg/terms.py: the ontology's classes and properties as Python names.

    .venv/bin/python tools/gen_terms.py          # rewrite kg/terms.py from ontology/chainkg.ttl
    .venv/bin/python tools/gen_terms.py --check  # exit 1 when kg/terms.py is out of date

The ontology is the one source of terms; code names them as `C.Enterprise`, `P.leadsChain`, so
that a typo fails where it is read instead of silently never matching. tests/test_terms.py runs
the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import ontology  # noqa: E402

TARGET = ROOT / "kg" / "terms.py"

HEADER = '''"""The ontology's terms as Python names: its classes `C` and properties `P`.

Generated from ontology/chainkg.ttl by tools/gen_terms.py (do not edit; run it after changing
the ontology; tests/test_terms.py fails while this file is out of date). A term is its local
name, a plain string, so it compares, hashes and prints as that string and costs nothing in a
hot loop; a name the ontology does not define fails where it is read, and the namespaces are
closed (nothing can be added to them). `ClassName` and `PropertyName` type what holds one.

>>> C.Enterprise == "Enterprise", P.leadsChain, "Region" in C
(True, 'leadsChain', True)
>>> C.Enterprice
Traceback (most recent call last):
...
AttributeError: 'Enterprice' is not a class of the ontology (ontology/chainkg.ttl)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, Literal

__all__ = ["C", "P", "ClassName", "PropertyName"]


class _Closed(type):
    """A namespace of terms: iterable, closed, and naming what it lacks."""

    _kind = "term"
    _terms: frozenset[str] = frozenset()

    def __getattr__(cls, name: str) -> str:
        raise AttributeError(
            f"{name!r} is not a {cls._kind} of the ontology (ontology/chainkg.ttl)"
        )

    def __setattr__(cls, name: str, value: object) -> None:
        raise AttributeError(f"{cls.__name__} is closed: its terms come from the ontology")

    def __iter__(cls) -> Iterator[str]:
        return iter(sorted(cls._terms))

    def __contains__(cls, name: object) -> bool:
        return name in cls._terms

    def __len__(cls) -> int:
        return len(cls._terms)
'''


def render() -> str:
    """The text of kg/terms.py for the ontology as it is."""
    out = [HEADER]
    for name, kind, alias, terms in (
        ("C", "class", "ClassName", sorted(ontology.classes())),
        ("P", "property", "PropertyName", sorted(ontology.properties())),
    ):
        plural = "classes" if kind == "class" else "properties"
        out.append(
            f'\n\nclass {name}(metaclass=_Closed):\n    """The {plural} of the ontology."""\n\n'
        )
        out.append(f'    _kind = "{kind}"\n')
        listed = "".join(f'            "{t}",\n' for t in terms)
        out.append(f"    _terms = frozenset(\n        (\n{listed}        )\n    )\n")
        out.extend(f'    {t}: Final = "{t}"\n' for t in terms)
        members = "".join(f'    "{t}",\n' for t in terms)
        out.append(
            f"\n\n#: A {kind} of the ontology, by its local name.\n{alias} = Literal[\n{members}]\n"
        )
    return "".join(out)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print("kg/terms.py is out of date: run tools/gen_terms.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
