"""Stable IRIs: the same (class, normalised label) gives the same IRI in every article and run.

>>> entity_iri("Enterprise", "云铝海鑫")
'https://w3id.org/chainkg/id/enterprise/云铝海鑫'
>>> article_iri("000_c9519bf765dc77e1.txt", "ab" * 32)
'https://w3id.org/chainkg/article/000_c9519bf765dc77e1-abababababab'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

__all__ = ["BASE", "ONTOLOGY", "entity_iri", "article_iri", "sentence_iri", "normalise_label"]

BASE = "https://w3id.org/chainkg/"
ONTOLOGY = BASE + "ontology#"

_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』 \u3000")
_UNSAFE = re.compile(r"[^\w\-.~]")


# pure functions of short strings asked about again and again (each mention's label and
# text, in every step that compares names): remembered, the names of the last few articles
# only (kg.extraction.resolve keeps its own cache of the busiest). At 65,536 entries each they
# filled up slowly over 10,000 articles (most names are asked about in one article only), the
# larger part of a build's growth in Python memory.
@functools.lru_cache(maxsize=1 << 12)
def normalise_label(label: str) -> str:
    """The form under which two labels count as the same name: NFKC, no quotes or spaces."""
    return unicodedata.normalize("NFKC", label).translate(_QUOTES)


def _segment(text: str) -> str:
    # Keep CJK and word characters readable in the IRI; percent-encode the rest.
    return _UNSAFE.sub(lambda m: quote(m.group(0), safe=""), text)


@functools.lru_cache(maxsize=1 << 12)
def entity_iri(type_: str, label: str) -> str:
    """IRI of the entity of ontology class `type_` whose canonical label is `label`."""
    return f"{BASE}id/{type_.lower()}/{_segment(normalise_label(label))}"


def article_iri(name: str, sha256: str) -> str:
    """IRI of an article: its file stem plus the first 12 hex digits of its content hash."""
    return f"{BASE}article/{_segment(PurePath(name).stem)}-{sha256[:12]}"


def sentence_iri(article: str, start: int, end: int) -> str:
    """IRI of the sentence at [start, end) of an article's normalised text."""
    return f"{article}/s{start}-{end}"
