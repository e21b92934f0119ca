"""Predictions vs gold annotations -> precision, recall and F1 for each scored field.

A gold file `NAME.json` annotates the article `NAME.txt`. Seven fields are scored: two of pairs
(`leads_chain`, `chain_leaders`) and five of entities (`enterprises`, `chains`, `parks`,
`projects`, `policies`). Other keys of a gold file are ignored; an `optional` object holds
borderline items that count neither for nor against.

Conventions:

- Matching is lenient on surface form only. Both sides are `normalise`d (NFKC, traditional to
  simplified, no spaces, quotes or 《》); two strings match when equal, or when one contains
  the other and the shorter is at least half as long. An empty string matches nothing.
- A predicted entity is identified by its normalised canonical label and carries the set of its
  surface texts; it matches a gold string when its label or any of its texts does. A predicted
  pair is identified by (subject label, object label) and matches a gold pair when both ends
  match. The gold string `*` matches anything (`chain_leaders` uses it for "any chain").
- Gold strings are counted once per normalised form (pairs: once per normalised pair).
- `n_pred` counts distinct predictions minus those that match no required gold item but do match
  an optional one (kept in `n_optional`); `tp_pred` counts predictions that match at least one
  required item. `tp_gold` / `n_gold` count required gold items matched / all required items.
- precision = tp_pred / n_pred, or 1.0 when n_pred == 0; recall = tp_gold / n_gold, or 1.0 when
  n_gold == 0; F1 is their harmonic mean, 0.0 when both are 0. So an empty field on both sides
  scores 1.0 everywhere, no predictions against some gold scores P 1.0, R 0.0, F1 0.0, and
  predictions against no gold score P 0.0, R 1.0, F1 0.0.
- Corpus scores are micro-averaged: the counts are summed over articles, then P/R/F1 computed.

>>> gold = {"chains": ["绿色铝产业链"], "leads_chain": [["云铝海鑫", "绿色铝产业链"]]}
>>> pred = {"chains": [("绿色铝产业链", {"绿色铝产业链"})]}
>>> scores = score_document(pred, gold)
>>> scores["chains"].f1, scores["leads_chain"].recall
(1.0, 0.0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from os import PathLike
from pathlib import Path, PurePath

from kg.document import Document, Mention
from kg.errors import InputError
from kg.iris import normalise_label

__all__ = [
    "FIELDS",
    "FieldScore",
    "normalise",
    "strings_match",
    "load_gold",
    "gold_for",
    "predictions",
    "score_document",
    "score_corpus",
    "errors",
    "format_scores",
]

# Which predictions feed which gold field: mentions by ontology class, relations by property.
ENTITY_TYPES = {
    "enterprises": "Enterprise",
    "chains": "IndustryChain",
    "parks": "IndustrialPark",
    "projects": "Project",
    "policies": "Policy",
}
PAIR_PREDICATES = {"leads_chain": "leadsChain", "chain_leaders": "chainLeaderOf"}
FIELDS = (*PAIR_PREDICATES, *ENTITY_TYPES)
WILDCARD = "*"

# One end of a prediction: its canonical label and the surface texts it was found under.
End = tuple[str, set[str]]


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # lazy: importing kg must stay cheap

    return opencc.OpenCC("t2s").convert


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The form under which gold and predicted strings are compared.

    NFKC, traditional to simplified Chinese, and no whitespace, quotes or 《》.

    >>> normalise("《鶴慶 “溢鑫”鋁業》")
    '鹤庆溢鑫铝业'
    """
    return "".join(_t2s()(normalise_label(text)).split())


def strings_match(a: str, b: str) -> bool:
    """Whether two surface forms name the same thing, leniently.

    Equal after `normalise`, or one contains the other and is at least half as long.

    >>> strings_match("新材料", "新材料产业链"), strings_match("新", "新材料产业链")
    (True, False)
    """
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short in long and 2 * len(short) >= len(long)


@dataclass(frozen=True)
class FieldScore:
    """Counts for one field; P/R/F1 follow the conventions in the module docstring.

    >>> s = FieldScore(tp_pred=1, n_pred=2, tp_gold=1, n_gold=4) + FieldScore()
    >>> s.precision, s.recall, round(s.f1, 3)
    (0.5, 0.25, 0.333)
    """

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    n_optional: int = 0  # predictions matched only by optional gold, left out of n_pred

    def __add__(self, other: FieldScore) -> FieldScore:
        if not isinstance(other, FieldScore):
            return NotImplemented
        return FieldScore(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def add(self, other: FieldScore) -> FieldScore:
        """The sum of two scores (a new object; scores are immutable)."""
        return self + other

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --- gold ----------------------------------------------------------------------------------


def _check_field(value: object, field: str, where: str) -> list:
    """The entries of one gold field, checked: strings, or [subject, object] pairs of strings."""
    if value is None:
        return []
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


def _clean_gold(data: Mapping, where: str) -> dict:
    """The scored fields of a gold mapping (missing ones empty) and its `optional` part."""
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: a gold file must hold a JSON object")
    optional = data.get("optional") or {}
    if not isinstance(optional, Mapping):
        raise InputError(f"{where}: 'optional' must be an object with the scored fields")
    gold = {field: _check_field(data.get(field), field, where) for field in FIELDS}
    gold["optional"] = {
        field: _check_field(optional.get(field), field, f"{where} (optional)") for field in FIELDS
    }
    return gold


def load_gold(path: str | PathLike) -> dict:
    """Read one gold file: the seven scored fields and `optional`, other keys dropped.

    Entity fields are lists of strings, pair fields lists of (subject, object) tuples, missing
    fields are empty lists. Raises `InputError` when the file is missing or malformed.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"gold file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"gold file {path} cannot be read as UTF-8 JSON: {exc}") from None
    return _clean_gold(data, str(path))


def gold_for(doc_name: str, gold_dir: str | PathLike) -> dict | None:
    """The gold of article `doc_name` (`NAME.txt` or `NAME.md` -> `NAME.json`), None when absent.

    Raises `InputError` when `gold_dir` is not a folder, so a typo is not read as "no gold".
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold folder {gold_dir} does not exist")
    path = gold_dir / PurePath(doc_name).with_suffix(".json").name
    return load_gold(path) if path.is_file() else None


# --- predictions ---------------------------------------------------------------------------


def _end(value: str | tuple[str, Iterable[str]]) -> End:
    if isinstance(value, str):
        return value, {value}
    label, texts = value
    return label, set(texts)  # a copy: merging below must not touch the caller's sets


def _distinct(field: str, items: Iterable) -> list[tuple[End, ...]]:
    """Predictions of one field merged by normalised label(s), each as a tuple of its ends.

    An item is `(label, texts)` or a bare string (entities), or a pair of those (pairs).
    """
    merged: dict[tuple[str, ...], tuple[End, ...]] = {}
    for item in items:
        ends = tuple(map(_end, item)) if field in PAIR_PREDICATES else (_end(item),)
        key = tuple(normalise(label) for label, _ in ends)
        if key in merged:
            for (_, texts), (_, more) in zip(merged[key], ends, strict=True):
                texts |= more
        else:
            merged[key] = ends
    return list(merged.values())


def _mention_end(mention: Mention) -> End:
    return mention.label or mention.text, {mention.text}


def predictions(doc: Document) -> dict[str, list]:
    """The distinct predictions of an extracted document, by scored field.

    Entity fields hold `(label, texts)` items; pair fields hold
    `((subject_label, subject_texts), (object_label, object_texts))` items.
    """
    out: dict[str, list] = {}
    for field, predicate in PAIR_PREDICATES.items():
        pairs = [
            (_mention_end(r.subject), _mention_end(r.object))
            for r in doc.relations
            if r.predicate == predicate
        ]
        out[field] = _distinct(field, pairs)
    for field, type_ in ENTITY_TYPES.items():
        # a generic mention ("产业链" alone) names nothing in particular: never a prediction
        ends = [_mention_end(m) for m in doc.mentions if m.type == type_ and m.rule != "generic"]
        out[field] = [end for (end,) in _distinct(field, ends)]
    return out


# --- scoring -------------------------------------------------------------------------------


def _gold_items(entries: Iterable, field: str) -> list[tuple[str, ...]]:
    """Gold entries of one field as tuples of strings, once per normalised form."""
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for entry in entries:
        parts = tuple(entry) if field in PAIR_PREDICATES else (entry,)
        seen.setdefault(tuple(map(normalise, parts)), parts)
    return list(seen.values())


def _matches(pred: tuple[End, ...], gold: tuple[str, ...]) -> bool:
    return all(
        want == WILDCARD or any(strings_match(have, want) for have in {label, *texts})
        for (label, texts), want in zip(pred, gold, strict=True)
    )


def _judge(pred: Mapping, gold: Mapping):
    """Match field by field: yield the field, each distinct prediction with its verdict ('tp',
    'optional' or 'fp'), and each required gold item with whether a prediction matched it."""
    gold = _clean_gold(gold, "gold")
    for field in FIELDS:
        required = _gold_items(gold[field], field)
        optional = _gold_items(gold["optional"][field], field)
        found = dict.fromkeys(required, False)
        verdicts = []
        for item in _distinct(field, pred.get(field) or ()):
            hits = [g for g in required if _matches(item, g)]
            found.update(dict.fromkeys(hits, True))
            if hits:
                verdicts.append((item, "tp"))
            elif any(_matches(item, g) for g in optional):
                verdicts.append((item, "optional"))
            else:
                verdicts.append((item, "fp"))
        yield field, verdicts, found


def score_document(pred: Mapping, gold: Mapping) -> dict[str, FieldScore]:
    """Score one article: `pred` as from `predictions`, `gold` as from `load_gold` (or a dict
    in the gold file's shape; missing fields count as empty)."""
    scores = {}
    for field, verdicts, found in _judge(pred, gold):
        count = [v for _, v in verdicts].count
        scores[field] = FieldScore(
            tp_pred=count("tp"),
            n_pred=len(verdicts) - count("optional"),
            tp_gold=sum(found.values()),
            n_gold=len(found),
            n_optional=count("optional"),
        )
    return scores


def score_corpus(
    docs: Iterable[Document], gold_dir: str | PathLike
) -> tuple[dict[str, FieldScore], dict[str, dict[str, FieldScore]]]:
    """Score extracted documents against the gold files in `gold_dir`, micro-averaged.

    Returns `(total, per_document)`. `per_document` maps every document name to its scores; a
    document without a gold file maps to an empty dict and adds nothing to `total`, so
    `[name for name, s in per_document.items() if not s]` lists the skipped ones.
    """
    total = {field: FieldScore() for field in FIELDS}
    per_document: dict[str, dict[str, FieldScore]] = {}
    for doc in docs:
        gold = gold_for(doc.name, gold_dir)
        if gold is None:
            per_document[doc.name] = {}
            continue
        scores = score_document(predictions(doc), gold)
        per_document[doc.name] = scores
        total = {field: total[field] + scores[field] for field in FIELDS}
    return total, per_document


def _show(item: tuple) -> str | tuple[str, ...]:
    """A prediction (tuple of ends) or gold item (tuple of strings) as a string or a pair."""
    names = tuple(part if isinstance(part, str) else part[0] for part in item)
    return names[0] if len(names) == 1 else names


def errors(pred: Mapping, gold: Mapping) -> dict[str, dict]:
    """What one article got wrong, by field, for debugging the extractor.

    Each field maps to `false_positives` (predicted labels, or (subject, object) label pairs,
    matching no gold item), `false_negatives` (required gold items no prediction matched) and
    `optional` (predictions matched only by optional gold, so neither right nor wrong).

    >>> pred, gold = {"chains": ["新材料产业链", "产业"]}, {"chains": ["新材料", "电子信息产业链"]}
    >>> errors(pred, gold)["chains"]
    {'false_positives': ['产业'], 'false_negatives': ['电子信息产业链'], 'optional': []}
    """
    return {
        field: {
            "false_positives": [_show(item) for item, v in verdicts if v == "fp"],
            "false_negatives": [_show(g) for g, hit in found.items() if not hit],
            "optional": [_show(item) for item, v in verdicts if v == "optional"],
        }
        for field, verdicts, found in _judge(pred, gold)
    }


def format_scores(total: Mapping[str, FieldScore]) -> str:
    """A table: one header line, one line per scored field, and `overall` micro-averaged over
    all fields (always 9 lines).

    >>> print(format_scores({}).splitlines()[-1])
    overall        1.000  1.000  1.000        0       0        0       0       0
    """
    header = f"{'field':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp_pred':>8} {'n_pred':>7} "
    header += f"{'tp_gold':>8} {'n_gold':>7} {'n_opt':>7}"
    rows = [(field, total.get(field, FieldScore())) for field in FIELDS]
    overall = FieldScore()
    for _, score in rows:
        overall = overall + score
    lines = [header]
    for name, s in [*rows, ("overall", overall)]:
        lines.append(
            f"{name:<13} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.tp_pred:>8} "
            f"{s.n_pred:>7} {s.tp_gold:>8} {s.n_gold:>7} {s.n_optional:>7}"
        )
    return "\n".join(lines)
