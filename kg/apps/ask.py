"""A question in Chinese or English -> a named query with bound parameters -> answer + evidence.

A question is normalised (NFKC, traditional -> simplified, polite openings dropped), then read
against the phrasings of each kind of question in `KINDS`, in order (the kinds and phrasings are
data: kg/apps/questions.toml, read by `kg.apps.questions`; `kg.apps.answers` words and formats
the answer). A phrasing captures the
name the question is about; `kg.apps.linking` links it to entities of the classes the kind expects
(绿色铝 -> 绿色铝产业链). The first kind whose phrasing fits and whose name links is answered by
running its named query (kg/graph/queries/*.rq) with the linked label bound as a parameter. When the
name links to nothing the answer says so and suggests the closest known names; when no phrasing
fits it lists the kinds of question understood, with an example each. A question no phrasing
fits, or whose name links to nothing, is read by the graph's names written in it and the words
it asks with (`kg.apps.spotting`: 肇庆先后引进了哪些项目? -> the projects in 肇庆市), and the
answer says it was read so; a phrasing's reading that finds nothing gives way only to such a
reading of the same kind.

>>> from kg.apps.linking import Linker, Name
>>> chain = Name("e:1", "IndustryChain", "绿色铝产业链", "绿色铝产业链")
>>> asker = Asker(None, linker=Linker([chain]))
>>> plan = asker.understand("绿色铝的龙头企业有哪些?")
>>> plan.kind.name, plan.query, plan.bindings
('chain-leading-firms', 'leading-enterprises', [{'chain': '绿色铝产业链'}])
"""

from __future__ import annotations

import os
import re
from typing import Any

from kg.apps.answers import (
    EMPTY_QUESTION,
    EVIDENCE,
    Answer,
    format_answer,
    not_understood,
    understood,
    unknown_entity,
)
from kg.apps.linking import Linker
from kg.apps.questions import (
    QUESTION_WORD,
    YEAR,
    Kind,
    Plan,
    clean_name,
    indicator_words,
    industry_name,
    is_generic,
    kind_class,
    kinds,
    kinds_help,
    normalise_question,
)
from kg.apps.spotting import asked_rows, mentioning_plan, relevant_rows, spotted_plans
from kg.graph.query import bind_parameters, named_query, result_columns, run_sparql
from kg.graph.store import open_store
from kg.terms import C

__all__ = [  # noqa: F822 - KINDS is compiled on first use by the module __getattr__
    "Kind",
    "KINDS",
    "Plan",
    "Answer",
    "Asker",
    "ask",
    "format_answer",
    "kinds_help",
    "normalise_question",
    "EMPTY_QUESTION",
]

#: A link this sure (the name, an alias or a short name) is not passed over for a later kind's.
_SURE = 95.0
# the kinds of question "X签约了哪些项目" is read as, and answered by when no firm is found
_SIGNED_WITH, _IN_PLACE = "signed-with", "in-place"
#: At most this many narrower names answer for a name (see `Kind.narrower`).
_MAX_NARROWER = 8
_HOW_MUCH = re.compile(r"(?:是多少|有多少|为多少|多少|达到多少|达多少|是几|有几|几何|多大).*$")
# words after an indicator that ask for its target, not another indicator (营业收入目标)
_AIMED = re.compile(r"(?:预期|计划|发展)?目标值?$")


def __getattr__(name: str) -> Any:
    if name == "KINDS":  # compiled on first use
        return kinds()
    raise AttributeError(name)


class Asker:
    """Answers questions over one store or graph; reads the entity names once, on first use.

    >>> Asker("out/store")  # doctest: +ELLIPSIS
    <kg.apps.ask.Asker object at ...>
    """

    def __init__(self, graph_or_store: Any, *, linker: Linker | None = None) -> None:
        self.source = graph_or_store
        self._linker = linker
        self._graph: Any = None

    @property
    def graph(self) -> Any:
        """The store or graph queried (a store folder is opened read-only on first use)."""
        if self._graph is None:
            source = self.source
            if isinstance(source, (str, os.PathLike)):
                source = open_store(source)
            self._graph = source
        return self._graph

    @property
    def linker(self) -> Linker:
        """The entity linker over the graph's names."""
        if self._linker is None:
            self._linker = Linker.from_graph(self.graph)
        return self._linker

    # ------------------------------------------------------------ understanding

    def _matches(self, text: str) -> list[tuple[Kind, re.Match[str]]]:
        found = []
        for kind in kinds():
            for pattern in kind.patterns:
                m = pattern.fullmatch(text)
                if m is None:
                    continue
                name = m.groupdict().get("x")
                if name is not None and QUESTION_WORD.search(name) and not is_generic(name):
                    continue  # a question word inside the name: this phrasing misread it
                ind = m.groupdict().get("ind")
                if ind is not None and ind.isascii() and clean_name(ind) not in indicator_words():
                    continue  # "what is the X of Y" with an X that is no indicator
                found.append((kind, m))
                break
        return found

    def _metric_parts(self, plan: Plan, m: re.Match[str]) -> tuple[str, str] | None:
        groups = m.groupdict()
        if groups.get("year"):
            plan.year = int(groups["year"])
        if groups.get("ind") is not None:  # an English phrasing
            words = clean_name(groups["ind"])
            plan.indicator = indicator_words().get(words, words)
            return groups["x"], plan.indicator
        text = groups["s"] + (groups.get("tail") or "")  # (X有多少Y: X's Y)
        year = YEAR.search(text)
        if year:
            plan.year = int(year.group(1))
            text = (text[: year.start()] + " " + text[year.end() :]).strip()
        text = _HOW_MUCH.sub("", text).strip(" ,的")
        parts = [p for p in re.split(r"\s+", text) if p]
        text = "".join(parts)
        splits: list[tuple[str, str, float]] = []
        if "的" in text:  # X的Y: X is the name, however little of a name it is (宁德时代的产值)
            at = text.index("的")
            splits.append((text[:at], text[at + 1 :], 0.0))
        for i in range(len(text) - 1, 1, -1):  # longest known name first
            splits.append((text[:i], text[i:], 95.0))
        for name, indicator, least in splits:
            name, indicator = clean_name(name), indicator.strip(" ,的")
            if not name or not indicator:
                continue
            links = self.linker.link(name)
            if links and links[0].score >= least:
                # the question was lower-cased; indicator names write GDP, 5G in capitals
                indicator = re.sub(r"[a-z]+", lambda w: w.group(0).upper(), indicator)
                # "营业收入目标": the figure aimed at is stored as the indicator, marked a target
                indicator = _AIMED.sub("", indicator).strip(" ,的") or indicator
                plan.indicator = indicator_words().get(indicator.lower(), indicator)
                return name, plan.indicator
        return None

    def understand(self, question: str) -> Plan:
        """How `question` is read: its kind, the names linked and the query's bindings."""
        text = normalise_question(question)
        plan = Plan(question=question, normalised=text)
        matches = self._matches(text)
        if not matches:
            plan.status = "not-understood"
            return plan
        failed: Plan | None = None
        unsure: Plan | None = None
        for kind, m in matches:
            attempt = Plan(question=question, normalised=text, kind=kind, query=kind.query)
            if not self._fill(attempt, kind, m):
                failed = failed or attempt
            elif not attempt.links or attempt.links[0].score >= _SURE:
                attempt.fallback = unsure or self._projects_signed(attempt)
                return attempt
            else:
                # a name only part of a name of this kind's class (江城 in a firm's name) may be
                # the whole name of another's (the region 江城): that reading comes first, and
                # this one answers only if that one finds nothing
                unsure = unsure or attempt
        return unsure or failed or plan

    def _in_its_place(self, reading: Plan, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows of a chain's leaders (or a firm's chains) stated in articles that name the
        place the question also names ("岚州工程机械产业链的龙头企业": those of 岚州's
        articles, not of every place with such a chain); all of them when it names none; []
        when none is stated there (the next reading answers, the leaders of the place's
        chains). A place inside a firm's, project's or park's name (郑州 in 郑州某某公司) is not
        one; inside a chain's (岚州工程机械产业链) it is."""
        chains = " ".join(link.label for link in reading.links)
        spots = self.linker.spot(reading.normalised, nested=True)
        named = [(s.start, s.end) for s in spots if s.links[0].type in _NAMED_WITH_PLACE]
        places = [
            s.links[0].label
            for s in spots
            if s.links[0].type in (C.Region, C.IndustrialPark)
            and s.text not in chains
            and not any(
                a <= s.start and s.end <= b and (a, b) != (s.start, s.end) for a, b in named
            )
        ]
        if not places:
            return rows
        articles: set[str] = set()
        for place in places:
            bindings = bind_parameters(_ARTICLES_NAMING, {"place": place})
            _, found = run_sparql(self.graph, named_query(_ARTICLES_NAMING), bindings=bindings)
            articles.update(str(row[0]) for row in found)
        kept = [r for r in rows if r.get("article") in articles]
        if kept:
            reading.note = f"those stated in articles that name {', '.join(places)}"
        return kept

    def _mentioning(self, reading: Plan) -> Answer | None:
        """The statistics the question asks for in the sentences that mention the reading's
        name (`kg.apps.spotting.mentioning_plan`), or None when there are none."""
        plan = mentioning_plan(reading)
        assert plan.query is not None
        answer = Answer(plan, sparql=named_query(plan.query))
        self._run(plan, answer)
        answer.rows = asked_rows(answer.rows, plan)
        if not answer.rows:
            return None
        answer.message = understood(plan, len(answer.rows))
        return answer

    def _projects_signed(self, plan: Plan) -> Plan | None:
        """For "X签约了哪些项目" (the firms X signed with, by its kind): the projects placed in
        X, answered when no firm is found that signed with it; else None."""
        assert plan.kind is not None
        if plan.kind.name != _SIGNED_WITH or "项目" not in plan.normalised:
            return None
        places = [k for k in plan.links if k.type in (C.Region, C.IndustrialPark)]
        kind = next((k for k in kinds() if k.name == _IN_PLACE), None)
        if not places or kind is None or kind.slot is None:
            return None
        bindings = [{kind.slot: k.label, "kind": C.Project} for k in places]
        return Plan(
            question=plan.question,
            normalised=plan.normalised,
            kind=kind,
            query=kind.query,
            name=plan.name,
            links=places,
            bindings=bindings,
        )

    def _fill(self, plan: Plan, kind: Kind, m: re.Match[str]) -> bool:
        # Fill plan's bindings from the match; False when its name links to nothing.
        extra: dict[str, Any] = {}
        groups = m.groupdict()
        if kind.name == "metric":
            parts = self._metric_parts(plan, m)
            if parts is None:
                raw = groups.get("x") or groups.get("s") or ""
                plan.name = clean_name(_HOW_MUCH.sub("", YEAR.sub("", raw)))
                return self._unknown(plan, kind)
            name = parts[0]
            extra["indicator"] = plan.indicator
            if plan.year is not None:
                extra["year"] = plan.year
        else:
            name = groups.get("x")
        if groups.get("t"):  # the class of the things asked for ({TYPE}, {CLASS})
            cls = kind_class(groups["t"])
            if cls:
                extra["kind"] = cls
        if kind.slot is None:
            plan.bindings = [extra]
            return True
        name = clean_name(name or "")
        plan.name = name
        if not name or is_generic(name):
            if kind.optional:
                plan.name = None
                plan.query = kind.query_all or kind.query
                if kind.all_kind:
                    plan.kind = next(k for k in kinds() if k.name == kind.all_kind)
                plan.bindings = [extra]
                return True
            return self._unknown(plan, kind)
        links = self.linker.link(name, types=kind.types or None)
        zh = industry_name(name) if not links and name.isascii() else None
        if zh:  # an industry named in English ("the tea chain"): its chain, by the Chinese name
            name = plan.name = zh  # (and the names that hold it, should it answer nothing)
            links = self.linker.link(name + "产业链", types=kind.types or None)
            links = links or self.linker.link(name, types=kind.types or None)
        if not links:
            links = self._after_place(name, kind)  # 德州市陵城区: 陵城区
        if kind.narrower and (not links or links[0].how == "near spelling"):
            # a name no entity has, or only by a near spelling, that starts or ends the names
            # of narrower ones (海洋工程产业链: 海洋工程装备产业链) is read as those
            narrower = self.linker.narrower(name, types=kind.types or None)[:_MAX_NARROWER]
            if narrower:
                links = narrower
                plan.narrower = [link.label for link in narrower]
        if not links:
            return self._unknown(plan, kind)
        plan.links = links[:5]
        labels = list(dict.fromkeys(k.label for k in plan.links))
        plan.bindings = [{kind.slot: label, **extra} for label in labels]
        return True

    def _after_place(self, name: str, kind: Kind) -> list:
        """The links of what follows a place that opens `name` ("德州市陵城区" -> 陵城区,
        "德州市经济技术开发区" -> the park), when both read as known names; else []."""
        for cut in range(2, len(name) - 1):
            head = self.linker.link(name[:cut], types=[C.Region])
            if not head or head[0].score < 100:
                continue
            tail = self.linker.link(name[cut:], types=kind.types or None)
            if tail and tail[0].score >= 99:
                return tail
        return []

    def _unknown(self, plan: Plan, kind: Kind) -> bool:
        plan.status = "unknown-entity"
        plan.expected = kind.types
        plan.suggestions = self.linker.suggest(plan.name or "", types=kind.types or None)
        return False

    # ------------------------------------------------------------ answering

    def ask(self, question: str) -> Answer:
        """Answer `question`: see the module docstring."""
        plan = self.understand(question)
        answer = Answer(plan)
        if not plan.normalised:
            answer.message = EMPTY_QUESTION
            return answer
        if plan.status == "not-understood":
            answer.message = not_understood(question)
            return self._spotted(plan) or answer
        assert plan.query is not None
        answer.sparql = named_query(plan.query)
        if plan.status == "unknown-entity":
            answer.message = unknown_entity(plan, empty_graph=not len(self.linker))
            return self._spotted(plan, named=True) or answer
        self._answer(plan, answer)
        if answer.rows and plan.kind is not None and plan.kind.name in _IN_ITS_PLACE:
            kept = self._in_its_place(plan, answer.rows)
            if kept:
                answer.rows = kept
                answer.message = understood(plan, len(kept))
            else:  # none stated in the place asked: the leaders of the place's chains, if
                # any are known (the next reading by names), else those of every place
                spotted = self._spotted(plan, named=True)
                if spotted is not None and spotted.rows:
                    return spotted
        if not answer.rows and plan.fallback is not None and plan.fallback.query is not None:
            other = Answer(plan.fallback, sparql=named_query(plan.fallback.query))
            self._answer(plan.fallback, other)
            if other.rows:
                return other
        if not answer.rows and plan.kind is not None:
            # read by a phrasing, answered by nothing: the same kind of question about the
            # names the question holds (a statistic of another name it writes, 德州 in
            # 德州集中签约活动共签约多少个项目), never another kind of question
            spotted = self._spotted(plan, kind=plan.kind.name)
            if spotted is not None and spotted.rows:
                return spotted
        return answer

    def _spotted(
        self, plan: Plan, *, named: bool = False, kind: str | None = None
    ) -> Answer | None:
        """The answer of the first reading by names and cue words (`kg.apps.spotting`) that
        finds something, else of the first such reading; None when none fits. Only readings
        about a name with `named`, only readings of `kind` when given."""
        first: Answer | None = None
        readings = spotted_plans(plan.normalised, self.linker, question=plan.question, named=named)
        for reading in readings:
            if kind is not None and (reading.kind is None or reading.kind.name != kind):
                continue
            assert reading.query is not None
            answer = Answer(reading, sparql=named_query(reading.query))
            self._answer(reading, answer)
            if reading.query == "metrics-mentioning":
                answer.rows = asked_rows(answer.rows, reading)
                answer.message = understood(reading, len(answer.rows))
            elif reading.kind is not None and reading.kind.name == "metric":
                # the statistics of the name the question asks for, and those of the sentences
                # that mention it, whatever subject each was given (a project's sum stated
                # where the county signed it)
                other = self._mentioning(reading)
                if other is not None and not asked_rows(answer.rows, reading):
                    return other
                if other is not None:
                    seen = {_row_key(r) for r in answer.rows}
                    answer.rows = asked_rows(answer.rows, reading) + [
                        r for r in other.rows if _row_key(r) not in seen
                    ]
                else:
                    answer.rows = relevant_rows(answer.rows, reading)
                answer.message = understood(reading, len(answer.rows))
            if answer.rows and reading.kind is not None and reading.kind.name in _IN_ITS_PLACE:
                answer.rows = self._in_its_place(reading, answer.rows)
                answer.message = understood(reading, len(answer.rows))
            if answer.rows:
                return answer
            first = first or answer
        return first

    def _answer(self, plan: Plan, answer: Answer) -> None:
        """Run an understood plan into `answer`, widening its names when they find nothing."""
        self._run(plan, answer)
        if not answer.rows and plan.links and plan.kind is not None and plan.kind.slot:
            # a brand that is also part of other names (合盛: a project's brand; 合盛铝业):
            # the names that hold it answer when the brand alone does not
            tried = {link.label for link in plan.links}
            wider = self.linker.link(plan.name or "", types=plan.kind.types or None, partial=True)
            more = [link for link in wider if link.label not in tried][:5]
            if more:
                plan.links = plan.links + more
                plan.bindings = [
                    {**params, plan.kind.slot: link.label}
                    for link in more
                    for params in plan.bindings[:1]
                ]
                self._run(plan, answer)
        if not answer.rows and plan.links and plan.kind is not None and plan.kind.narrower:
            # a name that answers nothing itself (海洋工程产业链, with no leading firm stated) is
            # answered by its narrower names (海洋工程装备产业链)
            tried = {link.label for link in plan.links}
            narrower = self.linker.narrower(plan.name or "", types=plan.kind.types or None)
            more = [link for link in narrower if link.label not in tried][:_MAX_NARROWER]
            if more:
                assert plan.kind.slot is not None
                plan.links = plan.links + more
                plan.narrower = [link.label for link in more]
                plan.bindings = [
                    {**params, plan.kind.slot: link.label}
                    for link in more
                    for params in plan.bindings[:1]
                ]
                self._run(plan, answer)
        answer.message = understood(plan, len(answer.rows), empty_graph=not len(self.linker))

    def _run(self, plan: Plan, answer: Answer) -> None:
        """Run the plan's query once per binding, adding rows not seen yet to `answer`."""
        seen = {tuple(row.get(c) for c in (*answer.columns, *EVIDENCE)) for row in answer.rows}
        for params in plan.bindings:
            bindings = bind_parameters(plan.query, params)
            variables, rows = run_sparql(self.graph, answer.sparql, bindings=bindings)
            n = result_columns(plan.query, variables)
            columns = [v for v in variables[:n] if v not in EVIDENCE]
            answer.columns = columns
            for row in rows:
                record = dict(zip(variables[:n], row[:n], strict=True))
                key = tuple(record.get(c) for c in (*columns, *EVIDENCE))
                if key not in seen:
                    seen.add(key)
                    answer.rows.append({c: record.get(c) for c in (*columns, *EVIDENCE)})


#: Kinds of question about a chain or a firm whose answer, when the question names a place
#: too, is that place's: the leading firms, the chain leaders, the chains a firm leads.
_IN_ITS_PLACE = frozenset({"chain-leading-firms", "chain-leaders", "firm-chains"})
_ARTICLES_NAMING = "articles_naming"
#: Classes whose names may hold a place that is part of the name, not where it is asked
_NAMED_WITH_PLACE = frozenset({C.Enterprise, C.Project, C.IndustrialPark, C.Policy})


def _row_key(row: dict[str, Any]) -> tuple:
    # a statistic's row, as told apart from another: what it says and where
    return tuple(row.get(c) for c in ("indicator_name", "value", "unit", "year_of", "sentence"))


def ask(graph_or_store: Any, question: str) -> Answer:
    """Answer one question over a store folder, a pyoxigraph Store or an rdflib graph.

    For many questions over one store, make one `Asker` and call its `ask`.
    """
    return Asker(graph_or_store).ask(question)
