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
name, a plain string class attribute, so it compares, hashes and prints as that string and
costs no more than a literal in a hot loop; a name the ontology does not define fails where it
is read. `CLASSES` and `PROPERTIES` hold every name; `ClassName` and `PropertyName` type what
holds one.

>>> C.Enterprise == "Enterprise", P.leadsChain, "Region" in CLASSES
(True, 'leadsChain', True)
>>> C.Enterprice
Traceback (most recent call last):
...
AttributeError: type object 'C' has no attribute 'Enterprice'
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["C", "P", "CLASSES", "PROPERTIES", "ClassName", "PropertyName"]
'''


def render() -> str:
    """The text of kg/terms.py for the ontology as it is."""
    out = [HEADER]
    for name, kind, alias, terms in (
        ("C", "class", "ClassName", sorted(ontology.classes())),
        ("P", "property", "PropertyName", sorted(ontology.properties())),
    ):
        plural = "classes" if kind == "class" else "properties"
        # A plain class: a metaclass (to close it or name what it lacks) would make every
        # C.Name a slow attribute lookup in the extractor's loops.
        out.append(f'\n\nclass {name}:\n    """The {plural} of the ontology."""\n\n')
        out.extend(f'    {t}: Final = "{t}"\n' for t in terms)
        members = "".join(f'    "{t}",\n' for t in terms)
        out.append(f"\n\n#: A {kind} of the ontology, by its local name.\n")
        out.append(f"{alias} = Literal[\n{members}]\n")
        out.append(f"#: Every {kind} of the ontology.\n")
        out.append(f"{plural.upper()}: frozenset[str] = frozenset(get_args({alias}))\n")
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
