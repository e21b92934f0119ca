"""The ontology's terms as Python names: its classes `C` and properties `P`.

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


class C(metaclass=_Closed):
    """The classes of the ontology."""

    _kind = "class"
    _terms = frozenset(
        (
            "Article",
            "Assertion",
            "ChainLeaderRole",
            "Enterprise",
            "IndustrialPark",
            "IndustryChain",
            "IndustryCluster",
            "Mention",
            "MetricObservation",
            "Person",
            "Policy",
            "Project",
            "Region",
            "Sentence",
            "Strategy",
        )
    )
    Article: Final = "Article"
    Assertion: Final = "Assertion"
    ChainLeaderRole: Final = "ChainLeaderRole"
    Enterprise: Final = "Enterprise"
    IndustrialPark: Final = "IndustrialPark"
    IndustryChain: Final = "IndustryChain"
    IndustryCluster: Final = "IndustryCluster"
    Mention: Final = "Mention"
    MetricObservation: Final = "MetricObservation"
    Person: Final = "Person"
    Policy: Final = "Policy"
    Project: Final = "Project"
    Region: Final = "Region"
    Sentence: Final = "Sentence"
    Strategy: Final = "Strategy"


#: A class of the ontology, by its local name.
ClassName = Literal[
    "Article",
    "Assertion",
    "ChainLeaderRole",
    "Enterprise",
    "IndustrialPark",
    "IndustryChain",
    "IndustryCluster",
    "Mention",
    "MetricObservation",
    "Person",
    "Policy",
    "Project",
    "Region",
    "Sentence",
    "Strategy",
]


class P(metaclass=_Closed):
    """The properties of the ontology."""

    _kind = "property"
    _terms = frozenset(
        (
            "alias",
            "chainLeaderOf",
            "confidence",
            "developedBy",
            "endOffset",
            "evidence",
            "fileName",
            "hasLeadingEnterprise",
            "how",
            "inArticle",
            "inChain",
            "indicator",
            "issuedBy",
            "leadsChain",
            "locatedIn",
            "mentionOf",
            "observedSubject",
            "partOfCluster",
            "qualifier",
            "rawEndOffset",
            "rawStartOffset",
            "rule",
            "sha256",
            "signedWith",
            "startOffset",
            "text",
            "unit",
            "value",
            "year",
        )
    )
    alias: Final = "alias"
    chainLeaderOf: Final = "chainLeaderOf"
    confidence: Final = "confidence"
    developedBy: Final = "developedBy"
    endOffset: Final = "endOffset"
    evidence: Final = "evidence"
    fileName: Final = "fileName"
    hasLeadingEnterprise: Final = "hasLeadingEnterprise"
    how: Final = "how"
    inArticle: Final = "inArticle"
    inChain: Final = "inChain"
    indicator: Final = "indicator"
    issuedBy: Final = "issuedBy"
    leadsChain: Final = "leadsChain"
    locatedIn: Final = "locatedIn"
    mentionOf: Final = "mentionOf"
    observedSubject: Final = "observedSubject"
    partOfCluster: Final = "partOfCluster"
    qualifier: Final = "qualifier"
    rawEndOffset: Final = "rawEndOffset"
    rawStartOffset: Final = "rawStartOffset"
    rule: Final = "rule"
    sha256: Final = "sha256"
    signedWith: Final = "signedWith"
    startOffset: Final = "startOffset"
    text: Final = "text"
    unit: Final = "unit"
    value: Final = "value"
    year: Final = "year"


#: A property of the ontology, by its local name.
PropertyName = Literal[
    "alias",
    "chainLeaderOf",
    "confidence",
    "developedBy",
    "endOffset",
    "evidence",
    "fileName",
    "hasLeadingEnterprise",
    "how",
    "inArticle",
    "inChain",
    "indicator",
    "issuedBy",
    "leadsChain",
    "locatedIn",
    "mentionOf",
    "observedSubject",
    "partOfCluster",
    "qualifier",
    "rawEndOffset",
    "rawStartOffset",
    "rule",
    "sha256",
    "signedWith",
    "startOffset",
    "text",
    "unit",
    "value",
    "year",
]
