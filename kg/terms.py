"""The ontology's terms as Python names: its classes `C` and properties `P`.

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


class C:
    """The classes of the ontology."""

    Article: Final = "Article"
    Assertion: Final = "Assertion"
    ChainLeaderRole: Final = "ChainLeaderRole"
    Enterprise: Final = "Enterprise"
    IndustrialPark: Final = "IndustrialPark"
    Industry: Final = "Industry"
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
    "Industry",
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
#: Every class of the ontology.
CLASSES: frozenset[str] = frozenset(get_args(ClassName))


class P:
    """The properties of the ontology."""

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
    leadingEnterpriseIn: Final = "leadingEnterpriseIn"
    leadsChain: Final = "leadsChain"
    leadsCluster: Final = "leadsCluster"
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
    "leadingEnterpriseIn",
    "leadsChain",
    "leadsCluster",
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
#: Every property of the ontology.
PROPERTIES: frozenset[str] = frozenset(get_args(PropertyName))
