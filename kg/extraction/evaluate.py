"""Predictions vs gold annotations -> precision, recall and F1 for each scored field.

A gold file `NAME.json` annotates the article `NAME.txt` (`kg.extraction.gold` reads it): two
fields of pairs (`leads_chain`, `chain_leaders`), five of entities (`enterprises`, `chains`,
`parks`, `projects`, `policies`) and the statistics (`metrics`); an `optional` object holds
borderline items that count neither for nor against. A field the gold file does not have is not
scored for that article (a `[]` field is: it says "none here").

Conventions:

- Matching is lenient on surface form only. Both sides are `normalise`d (NFKC, traditional to
  simplified, no spaces, quotes or 《》); two strings match when equal, or when one contains
  the other and the shorter is at least half as long. An empty string matches nothing.
- A predicted entity is identified by its normalised canonical label and carries the set of its
  surface texts; it matches a gold string when its label or any of its texts does. A predicted
  pair is identified by (subject label, object label) and matches a gold pair when both ends
  match; an end (and a metric's subject) carries every text the article writes its entity in
  (a firm's full name and its short name, resolved to one label). The gold string `*` matches
  anything (`chain_leaders` uses it for "any chain", and a pair `[firm, "*"]` is matched by that
  firm with any object).
- A gold metric is `[subject, indicator, value, unit, year]` or an object with those keys
  (`year` may be absent or null; an object's `alt_subject`, when given, is a second subject
  that also matches; its other keys, such as `text` or `qualifier`, are not scored). A
  predicted metric matches it when the values are equal, the units are equal after
  `normalise_unit`, the subject matches by the surface rule above (gold `*`: any subject, or
  none), one indicator contains the other after `normalise` (no length rule: gold indicators
  are often longer, 工业企业缴税 against a predicted 缴税), and, where the gold year is not
  null, the years are equal. A predicted metric is identified by (subject label, indicator,
  value, unit, year), all normalised.
- Gold items are counted once per normalised form (pairs: once per normalised pair).
- `n_pred` counts distinct predictions minus those that match no required gold item but do match
  an optional one (kept in `n_optional`); `tp_pred` counts predictions that match at least one
  required item. `tp_gold` / `n_gold` count required gold items matched / all required items.
- precision = tp_pred / n_pred, or 1.0 when n_pred == 0; recall = tp_gold / n_gold, or 1.0 when
  n_gold == 0; F1 is their harmonic mean, 0.0 when both are 0. So an empty field on both sides
  scores 1.0 everywhere, no predictions against some gold scores P 1.0, R 0.0, F1 0.0, and
  predictions against no gold score P 0.0, R 1.0, F1 0.0.
- Corpus scores are micro-averaged: the counts are summed over the articles whose gold has the
  field, then P/R/F1 computed; a field no gold file has is absent from the total.

>>> gold = {"chains": ["绿色铝产业链"], "leads_chain": [["云铝海鑫", "绿色铝产业链"]]}
>>> pred = {"chains": [("绿色铝产业链", {"绿色铝产业链"})]}
>>> scores = score_document(pred, gold)
>>> scores["chains"].f1, scores["leads_chain"].recall
(1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from os import PathLike

from kg.extraction.gold import (
    ENTITY_TYPES,
    FIELDS,
    METRICS,
    PAIR_PREDICATES,
    GoldMetric,
    clean_gold,
    gold_for,
)
from kg.iris import normalise_label
from kg.reading.characters import simplified
from kg.reading.document import Document, Mention

__all__ = [
    "FieldScore",
    "normalise",
    "normalise_unit",
    "strings_match",
    "predictions",
    "score_document",
    "score_corpus",
    "errors",
    "format_scores",
]

WILDCARD = "*"

# One end of a prediction: its canonical label and the surface texts it was found under.
End = tuple[str, set[str]]


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The form under which gold and predicted strings are compared.

    NFKC, traditional to simplified Chinese, and no whitespace, quotes or 《》.

    >>> normalise("《鶴慶 “溢鑫”鋁業》")
    '鹤庆溢鑫铝业'
    """
    return "".join(simplified(normalise_label(text)).split())


# Units written differently for the same thing; anything else is compared as written.
_UNIT_SYNONYMS = {"百分比": "%", "百分点": "个百分点", "千米": "公里", "平方千米": "平方公里"}


@lru_cache(maxsize=1024)
def normalise_unit(unit: str) -> str:
    """The form under which gold and predicted units are compared.

    `normalise` (so ％ is %, 億元 is 亿元, 個 is 个), Latin letters in lower case (GW, gw), a
    rate per year written as its quantity (万吨/年 is 万吨: "年产" stays in the indicator), and
    a few synonyms (百分点 is 个百分点, 千米 is 公里). Scales are not converted: 亿元 and 万元
    differ, as the value is compared as stated.

    >>> [normalise_unit(u) for u in ("億元", "％", "万吨/年", "GWh")]
    ['亿元', '%', '万吨', 'gwh']
    """
    unit = normalise(unit).lower().removesuffix("/年")
    return _UNIT_SYNONYMS.get(unit, unit)


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


# --- predictions ---------------------------------------------------------------------------

# A predicted metric: its subject (an End, or None), indicator, value, unit and year.
PredMetric = tuple


def _end(value: str | tuple[str, Iterable[str]]) -> End:
    if isinstance(value, str):
        return value, {value}
    label, texts = value
    return label, set(texts)  # a copy: merging below must not touch the caller's sets


def _metric_key(item: PredMetric) -> tuple:
    subject, indicator, value, unit, year = item
    label = normalise(subject[0]) if subject else ""
    return label, normalise(indicator), float(value), normalise_unit(unit), year


def _distinct(field: str, items: Iterable) -> list[tuple]:
    """Predictions of one field merged by normalised label(s), each as a tuple of its ends.

    An item is `(label, texts)` or a bare string (entities), a pair of those (pairs), or
    `(subject, indicator, value, unit, year)` with a subject as an entity or None (metrics).
    """
    merged: dict[tuple, tuple] = {}
    for item in items:
        if field == METRICS:
            subject, *rest = item
            item = (None if subject is None else _end(subject), *rest)
            key = _metric_key(item)
            if key in merged and item[0] is not None:
                merged[key][0][1].update(item[0][1])
            else:
                merged.setdefault(key, item)
            continue
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
    `((subject_label, subject_texts), (object_label, object_texts))` items; `metrics` holds
    `(subject, indicator, value, unit, year)` items, the subject a `(label, texts)` or None.
    """
    out: dict[str, list] = {}
    # an entity is named by every form the article writes it in (岚柴集团 and 广西岚柴机器集团
    # 有限公司, one firm): a fact about it names it by any of them, as an entity's own
    # prediction does (its texts gathered under its label)
    names: dict[tuple[str, str], set[str]] = {}
    for m in doc.mentions:
        names.setdefault((m.type, m.label or m.text), set()).add(m.text)

    def end(m: Mention) -> End:
        label = m.label or m.text
        return label, {m.text, *names.get((m.type, label), ())}

    for field, predicate in PAIR_PREDICATES.items():
        pairs = [(end(r.subject), end(r.object)) for r in doc.relations if r.predicate == predicate]
        out[field] = _distinct(field, pairs)
    for field, type_ in ENTITY_TYPES.items():
        # a generic mention ("产业链" alone) names nothing in particular: never a prediction
        ends = [_mention_end(m) for m in doc.mentions if m.type == type_ and m.rule != "generic"]
        out[field] = [end for (end,) in _distinct(field, ends)]
    out[METRICS] = _distinct(
        METRICS,
        ((m.subject and end(m.subject), m.indicator, m.value, m.unit, m.year) for m in doc.metrics),
    )
    return out


# --- scoring -------------------------------------------------------------------------------


def _gold_items(entries: Iterable, field: str) -> list[tuple]:
    """Gold entries of one field as tuples, once per normalised form."""
    seen: dict[tuple, tuple] = {}
    for entry in entries:
        if field == METRICS:
            subject, indicator, value, unit, year, alts = entry
            key = (normalise(subject), normalise(indicator), float(value), normalise_unit(unit))
            seen.setdefault((*key, year, tuple(map(normalise, alts))), tuple(entry))
            continue
        parts = tuple(entry) if field in PAIR_PREDICATES else (entry,)
        seen.setdefault(tuple(map(normalise, parts)), parts)
    return list(seen.values())


def _end_matches(end: End | None, want: str) -> bool:
    if want == WILDCARD:
        return True
    if end is None:
        return False
    label, texts = end
    return any(strings_match(have, want) for have in {label, *texts})


def _metric_matches(pred: PredMetric, gold: GoldMetric) -> bool:
    subject, indicator, value, unit, year = pred
    g_subject, g_indicator, g_value, g_unit, g_year, alts = gold
    have, want = normalise(indicator), normalise(g_indicator)
    return (
        float(value) == float(g_value)
        and normalise_unit(unit) == normalise_unit(g_unit)
        and (g_year is None or year == g_year)
        and bool(have and want)
        and (have in want or want in have)
        and any(_end_matches(subject, s) for s in (g_subject, *alts))
    )


def _matches(field: str, pred: tuple, gold: tuple) -> bool:
    if field == METRICS:
        return _metric_matches(pred, gold)
    return all(_end_matches(end, want) for end, want in zip(pred, gold, strict=True))


def _judge(pred: Mapping, gold: Mapping):
    """Match field by field: yield each field the gold has, each distinct prediction with its
    verdict ('tp', 'optional' or 'fp'), and each required gold item with whether a prediction
    matched it."""
    gold = clean_gold(gold, "gold")
    for field in FIELDS:
        if field not in gold:
            continue  # the gold does not annotate this field: nothing to score
        required = _gold_items(gold[field], field)
        optional = _gold_items(gold["optional"][field], field)
        found = dict.fromkeys(required, False)
        verdicts = []
        for item in _distinct(field, pred.get(field) or ()):
            hits = [g for g in required if _matches(field, item, g)]
            found.update(dict.fromkeys(hits, True))
            if hits:
                verdicts.append((item, "tp"))
            elif any(_matches(field, item, g) for g in optional):
                verdicts.append((item, "optional"))
            else:
                verdicts.append((item, "fp"))
        yield field, verdicts, found


def score_document(pred: Mapping, gold: Mapping) -> dict[str, FieldScore]:
    """Score one article: `pred` as from `predictions`, `gold` as from `load_gold` (or a dict
    in the gold file's shape). Only the fields the gold has are scored and returned."""
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

    Returns `(total, per_document)`. `total` has the fields at least one gold file has.
    `per_document` maps every document name to its scores; a document without a gold file
    maps to an empty dict and adds nothing to `total`, so
    `[name for name, s in per_document.items() if not s]` lists the skipped ones.
    """
    total: dict[str, FieldScore] = {}
    per_document: dict[str, dict[str, FieldScore]] = {}
    for doc in docs:
        gold = gold_for(doc.name, gold_dir)
        if gold is None:
            per_document[doc.name] = {}
            continue
        scores = score_document(predictions(doc), gold)
        per_document[doc.name] = scores
        for field, score in scores.items():
            total[field] = total.get(field, FieldScore()) + score
    return {field: total[field] for field in FIELDS if field in total}, per_document


def _show(item: tuple) -> str | tuple:
    """A prediction or gold item as a string (entities) or a tuple of strings and numbers."""
    if len(item) >= 5:  # a metric: subject, indicator, value, unit, year (gold: then alts)
        subject = item[0] if item[0] is None or isinstance(item[0], str) else item[0][0]
        value = item[2]
        value = int(value) if float(value).is_integer() else value
        return (subject, item[1], value, item[3], item[4])
    names = tuple(part if isinstance(part, str) else part[0] for part in item)
    return names[0] if len(names) == 1 else names


def errors(pred: Mapping, gold: Mapping) -> dict[str, dict]:
    """What one article got wrong, by field (those the gold has), for debugging the extractor.

    Each field maps to `false_positives` (predicted labels, (subject, object) label pairs, or
    (subject, indicator, value, unit, year) metrics, matching no gold item), `false_negatives`
    (required gold items no prediction matched) and `optional` (predictions matched only by
    optional gold, so neither right nor wrong).

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
    """A table: one header line, one line per field, and `overall` micro-averaged over the
    scored fields (always 10 lines). A field absent from `total` (no gold has it) reads n/a.

    >>> print(format_scores({"chains": FieldScore(1, 2, 1, 1)}).splitlines()[-1])
    overall        0.500  1.000  0.667        1       2        1       1       0
    """
    header = f"{'field':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp_pred':>8} {'n_pred':>7} "
    header += f"{'tp_gold':>8} {'n_gold':>7} {'n_opt':>7}"
    lines = [header]
    overall = FieldScore()
    for field in FIELDS:
        if field not in total:
            lines.append(f"{field:<13} {'n/a':>6} {'n/a':>6} {'n/a':>6}  (no gold has this field)")
            continue
        overall = overall + total[field]
        lines.append(_score_line(field, total[field]))
    lines.append(_score_line("overall", overall))
    return "\n".join(lines)


def _score_line(name: str, s: FieldScore) -> str:
    return (
        f"{name:<13} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.tp_pred:>8} "
        f"{s.n_pred:>7} {s.tp_gold:>8} {s.n_gold:>7} {s.n_optional:>7}"
    )
