"""Reading a question by the names it holds and the words it asks with, when no phrasing fits.

Users ask in more ways than phrasings can list ("肇庆先后引进了哪些新能源强链补链项目?",
"Which dairy companies are gathered in 吴忠金积工业园区?"). Such a question is read from two
things: the graph's names written in it (`kg.apps.linking.Linker.spot`: labels, aliases and
short names, longest first), and the cue words that say what it asks (项目: projects), tried in
the order of the ``[[cues]]`` of kg/apps/questions.toml. Each cue is a kind of question, the
words that ask it and the classes of name it needs; the plans come best first, and `kg.apps.ask`
answers with the first that finds something. A statistic asked this way is answered with the
subject's statistics whose indicator shares words with the question (`asked_rows`), and those of
the sentences that mention the name, whatever subject each was given (`mentioning_plan`).

>>> from kg.apps.linking import Linker, Name
>>> linker = Linker([Name("e:1", "Region", "岚州市", "岚州市")])
>>> plan = spotted_plans("岚州先后引进了哪些强链补链项目", linker)[0]
>>> plan.kind.name, plan.bindings
('in-place', [{'place': '岚州市', 'kind': 'Project'}])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.apps.answers import class_name
from kg.apps.linking import Linker, Spot
from kg.apps.questions import (
    YEAR,
    Plan,
    asking_words,
    cue_rows,
    cue_words,
    english_industries,
    indicator_words,
    kinds,
)
from kg.extraction.places import place_names
from kg.terms import C

__all__ = ["Cue", "cues", "spotted_plans", "relevant_rows", "asked_rows", "mentioning_plan"]

# a run of a question a place may be written in
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Cue:
    """One reading by cue words: the kind of question, its words and the classes it needs."""

    kind: str
    words: re.Pattern[str]
    classes: tuple[str, ...] = ()
    type: str | None = None
    query: str | None = None  # the named query answering instead of the kind's
    unless: re.Pattern[str] | None = None  # words that ask for something else (who: no chain)


@cache
def cues() -> tuple[Cue, ...]:
    """The cues of kg/apps/questions.toml, in the order they are tried.

    >>> cues()[0].kind
    'leader-chains'
    """
    return tuple(
        Cue(
            kind=row["kind"],
            words=re.compile(cue_words()[row["words"]]),
            classes=tuple(getattr(C, name) for name in row.get("classes", ())),
            type=getattr(C, row["type"]) if row.get("type") else None,
            query=row.get("query"),
            unless=re.compile(cue_words()[row["unless"]]) if row.get("unless") else None,
        )
        for row in cue_rows()
    )


def spotted_plans(
    text: str, linker: Linker, *, question: str | None = None, named: bool = False
) -> list[Plan]:
    """The readings of a normalised question by the names it holds and its cue words, best
    first: one plan per fitting cue and name (see the module docstring); [] when none fits.
    With `named` (the question names something the graph does not know), only readings about
    a name: never every pair or every leader for a question about one unknown name."""
    by_kind = {kind.name: kind for kind in kinds()}
    every = cues()
    # (a name that is only a cue word, 链长, names nothing asked about)
    # (an industry named in English is spotted by its Chinese, written after the question:
    # "Which firms lead the biomedicine industry in 岚山?" names 生物医药)
    english = "".join(f" {zh}" for zh in english_industries(text))
    spots = [
        s
        for s in linker.spot(text + english, nested=True)
        if not any(c.words.fullmatch(s.text) for c in every)
    ]
    asked = text  # the words it asks with: outside the names (工程 in 工程机械产业链 asks nothing)
    for s in spots:
        if not s.nested and s.end <= len(text):
            asked = asked[: s.start] + "※" * (s.end - s.start) + asked[s.end :]
    year = YEAR.search(text)
    plans: list[Plan] = []
    for cue in every:
        kind = by_kind.get(cue.kind)
        if kind is None or not cue.words.search(asked):
            continue
        if cue.unless is not None and cue.unless.search(asked):
            continue  # ("谁是X的链长": a person is asked for, not the chains of X)
        if not cue.classes:
            if named or spots:  # (a question about a name is not about every one)
                continue
            if kind.slot is None or kind.optional:
                query = kind.query_all or kind.query if kind.slot else kind.query
                plans.append(_plan(question or text, text, kind, query, None, [], cue, year))
            continue
        # a whole name before a name inside it, then the first class listed first
        fits = sorted(
            (
                (spot.nested, k, spot.start, spot, links)
                for k, cls in enumerate(cue.classes)
                for spot in spots
                if (links := [x for x in spot.links if x.type == cls])
            ),
            key=lambda f: f[:3],
        )
        for *_, spot, links in fits:
            query = cue.query or kind.query
            plans.append(_plan(question or text, text, kind, query, spot, links, cue, year))
        if kind.name == "metric":
            # a place the graph holds no entity of, but its sentences name (德州 where the
            # figures are the signing's): the statistics of the sentences that mention it
            for place in _places(text, spots):
                plan = _plan(question or text, text, kind, kind.query, None, [], cue, year)
                plan.name = place
                plans.append(mentioning_plan(plan))
    return plans


def _places(text: str, spots: list[Spot]) -> list[str]:
    """Places of the gazetteer written in `text` outside the names spotted, longest first."""
    names = place_names()
    found: list[tuple[int, int]] = []
    for run in _HAN_RUN.finditer(text):
        word = run.group()
        for size in range(min(len(word), 8), 1, -1):
            for i in range(len(word) - size + 1):
                a, b = run.start() + i, run.start() + i + size
                taken = [*found, *((s.start, s.end) for s in spots)]
                if word[i : i + size] in names and not any(x < b and a < y for x, y in taken):
                    found.append((a, b))
    return [text[a:b] for a, b in sorted(found)]


def _plan(question, text, kind, query, spot: Spot | None, links, cue: Cue, year) -> Plan:
    plan = Plan(question=question, normalised=text, kind=kind, query=query, how="spotted")
    extra: dict[str, Any] = {}
    if cue.type:
        extra["kind"] = cue.type
    if kind.name == "metric" and year is not None:
        plan.year = int(year.group(1))
        extra["year"] = plan.year
    if spot is None or kind.slot is None:
        plan.bindings = [extra]
        return plan
    plan.name = spot.text
    if query == "named-with-place":
        what = class_name(cue.type) if cue.type else "thing"
        plan.note = f"each {what} named in a sentence with {plan.name!r} (no fact places it there)"
    plan.links = links[:5]
    labels = list(dict.fromkeys(k.label for k in plan.links))
    plan.bindings = [{kind.slot: label, **extra} for label in labels]
    return plan


def relevant_rows(rows: list[dict[str, Any]], plan: Plan) -> list[dict[str, Any]]:
    """The statistics of a spotted subject that the question asks for (`asked_rows`); all of
    them when none is.

    >>> rows = [{"indicator_name": "总投资"}, {"indicator_name": "就业"}]
    >>> relevant_rows(rows, Plan(question="", normalised="岚州市项目总投资多少", name="岚州"))
    [{'indicator_name': '总投资'}]
    """
    return asked_rows(rows, plan) or rows


def mentioning_plan(plan: Plan) -> Plan:
    """The statistics of the sentences that mention a spotted name, whatever subject each was
    given (the named query metrics-mentioning): for a name that owns none the question asks
    for (德州 in a sentence whose figures the signing's park owns)."""
    extra = {"year": plan.year} if plan.year is not None else {}
    return Plan(
        question=plan.question,
        normalised=plan.normalised,
        kind=plan.kind,
        query="metrics-mentioning",
        name=plan.name,
        links=plan.links,
        bindings=[{"text": plan.name or "", **extra}],
        year=plan.year,
        how="spotted",
        note=f"the statistics of the sentences that mention {plan.name!r}",
    )


@cache
def _asking() -> re.Pattern[str]:
    # what asks, not what is asked about: left out of the words a statistic is matched on
    words = asking_words()
    return re.compile("|".join(words["zh"]) + r"|\b(?:" + "|".join(words["en"]) + r")\b")


def asked_rows(rows: list[dict[str, Any]], plan: Plan) -> list[dict[str, Any]]:
    """The statistics the question asks for: those whose indicator shares two characters in a
    row with the question's words (English words through the indicator table: investment ->
    投资); [] when none does."""
    text = plan.normalised
    for spot_name in filter(None, [plan.name]):
        text = text.replace(spot_name, " ")
    text = YEAR.sub(" ", text)
    words = indicator_words()
    for english in sorted(words, key=len, reverse=True):
        if re.search(rf"\b{re.escape(english)}\b", text):
            text = text.replace(english, " " + words[english] + " ")
    text = _asking().sub(" ", text)
    pairs = {text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]}
    return [r for r in rows if any(p in str(r.get("indicator_name", "")) for p in pairs)]
