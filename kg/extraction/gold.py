"""Gold annotations: the fields an article is scored on, and the gold files that hold them.

A gold file `NAME.json` annotates the article `NAME.txt` (or `NAME.md`). Eight fields are
scored: two of pairs (`leads_chain`, `chain_leaders`: `[subject, object]` lists), five of
entities (`enterprises`, `chains`, `parks`, `projects`, `policies`: strings) and the statistics
(`metrics`: `[subject, indicator, value, unit, year]` lists, or objects with those keys and
perhaps `alt_subject`). An `optional` object holds borderline items in the same fields; other
keys are ignored. `kg.extraction.evaluate` scores predictions against them.

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.json").write_text(json.dumps({"chains": ["绿色铝产业链"]}), encoding="utf-8")
>>> gold = gold_for("a.txt", folder)
>>> gold["chains"], gold["optional"]["chains"]
(['绿色铝产业链'], [])
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from os import PathLike
from pathlib import Path, PurePath

from kg.errors import InputError
from kg.terms import C, P

__all__ = [
    "ENTITY_TYPES",
    "PAIR_PREDICATES",
    "METRICS",
    "FIELDS",
    "METRIC_KEYS",
    "clean_gold",
    "load_gold",
    "gold_for",
]

# Which predictions feed which gold field: mentions by ontology class, relations by property.
ENTITY_TYPES = {
    "enterprises": C.Enterprise,
    "chains": C.IndustryChain,
    "parks": C.IndustrialPark,
    "projects": C.Project,
    "policies": C.Policy,
}
PAIR_PREDICATES = {"leads_chain": P.leadsChain, "chain_leaders": P.chainLeaderOf}
METRICS = "metrics"
FIELDS = (*PAIR_PREDICATES, *ENTITY_TYPES, METRICS)
METRIC_KEYS = ("subject", "indicator", "value", "unit", "year")


# A gold metric as a tuple: subject, indicator, value, unit, year, then its alternative subjects.
GoldMetric = tuple


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_metric(entry: object, where: str) -> GoldMetric:
    """One gold metric, list or object form, as (subject, indicator, value, unit, year, alts)."""
    alts: tuple[str, ...] = ()
    if isinstance(entry, Mapping):
        missing = [k for k in METRIC_KEYS[:4] if k not in entry]
        if missing:
            raise InputError(f"{where}: a metric object needs {', '.join(missing)}: {entry!r}")
        parts = [entry[k] for k in METRIC_KEYS[:4]] + [entry.get("year")]
        alt = entry.get("alt_subject")
        if alt is not None:
            alts = tuple(alt) if isinstance(alt, list) else (alt,)
    elif isinstance(entry, (list, tuple)) and len(entry) == 5:
        parts = list(entry)
    elif isinstance(entry, tuple) and len(entry) == 6 and isinstance(entry[5], tuple):
        *parts, alts = entry  # already checked (as `load_gold` returns it)
    else:
        parts = []
    if not (
        len(parts) == 5
        and isinstance(parts[0], str)
        and isinstance(parts[1], str)
        and _number(parts[2])
        and isinstance(parts[3], str)
        and (parts[4] is None or (isinstance(parts[4], int) and not isinstance(parts[4], bool)))
        and all(isinstance(alt, str) for alt in alts)
    ):
        raise InputError(
            f"{where}: field 'metrics' must be a list of [subject, indicator, value, unit, year] "
            f"(or objects with those keys; value a number, year an integer or null), not {entry!r}"
        )
    return (*parts, alts)


def _check_field(value: object, field: str, where: str) -> list:
    """The entries of one gold field, checked: strings, [subject, object] pairs of strings, or
    metrics."""
    if value is None:
        return []
    if field == METRICS:
        if not isinstance(value, list):
            raise InputError(f"{where}: field 'metrics' must be a list")
        return [_check_metric(entry, where) for entry in value]
    arity = 2 if field in PAIR_PREDICATES else 1
    shape = "[subject, object] pairs" if arity == 2 else "strings"
    if not isinstance(value, list):
        raise InputError(f"{where}: field {field!r} must be a list of {shape}")
    entries = []
    for entry in value:
        parts = (entry,) if arity == 1 else entry
        if not (
            isinstance(parts, (list, tuple))
            and len(parts) == arity
            and all(isinstance(s, str) for s in parts)
        ):
            raise InputError(f"{where}: field {field!r} must be a list of {shape}, not {entry!r}")
        entries.append(parts[0] if arity == 1 else tuple(parts))
    return entries


def clean_gold(data: Mapping, where: str) -> dict:
    """The scored fields a gold mapping has (those it lacks are left out) and its `optional`
    part (every field, missing ones empty); `where` names the mapping in a message.

    >>> clean_gold({"chains": ["绿色铝产业链"], "note": "x"}, "a.json")["chains"]
    ['绿色铝产业链']
    """
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: a gold file must hold a JSON object")
    optional = data.get("optional") or {}
    if not isinstance(optional, Mapping):
        raise InputError(f"{where}: 'optional' must be an object with the scored fields")
    gold = {field: _check_field(data[field], field, where) for field in FIELDS if field in data}
    gold["optional"] = {
        field: _check_field(optional.get(field), field, f"{where} (optional)") for field in FIELDS
    }
    return gold


def load_gold(path: str | PathLike) -> dict:
    """Read one gold file: the scored fields it has, and `optional`; other keys dropped.

    Entity fields are lists of strings, pair fields lists of (subject, object) tuples, metrics
    lists of (subject, indicator, value, unit, year, alternative subjects) tuples. A field the
    file lacks is absent (not scored); `optional` has every field. Raises `InputError` when the
    file is missing or malformed.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"gold file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"gold file {path} cannot be read as UTF-8 JSON: {exc}") from None
    return clean_gold(data, str(path))


def gold_for(doc_name: str, gold_dir: str | PathLike) -> dict | None:
    """The gold of article `doc_name` (`NAME.txt` or `NAME.md` -> `NAME.json`), None when absent.

    Raises `InputError` when `gold_dir` is not a folder, so a typo is not read as "no gold".
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder {gold_dir} does not exist")
    path = gold_dir / PurePath(doc_name).with_suffix(".json").name
    return load_gold(path) if path.is_file() else None
