"""kg.reading.characters: radicals folded as Unicode says, traditional -> simplified one for one."""

import unicodedata
from pathlib import Path

import pytest

from kg.reading.characters import RADICALS, fold_radicals, simplified, to_simplified

SIMPLIFIED = [
    ("鶴慶溢鑫鋁業", "鹤庆溢鑫铝业"),
    ("綠色鋁產業鏈", "绿色铝产业链"),
    ("ABC 123", "ABC 123"),
    ("昭通市", "昭通市"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), SIMPLIFIED)
def test_simplified(text, expected):
    assert simplified(text) == expected


@pytest.mark.parametrize(("text", "expected"), SIMPLIFIED)
def test_to_simplified_keeps_the_offset_map(text, expected):
    offsets = list(range(len(text) + 1))
    assert to_simplified(text, offsets) == (expected, offsets)


UCD = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")  # Debian's unicode-data


def _equivalents() -> dict[str, str]:
    found = {}
    for line in UCD.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        points, target = (part.strip() for part in line.split(";"))
        first, _, last = points.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            found[chr(code)] = chr(int(target, 16))
    return found


@pytest.mark.skipif(not UCD.is_file(), reason=f"{UCD} is absent (apt-get install unicode-data)")
def test_radicals_are_unicodes_equivalent_ideographs():
    radicals = {k: v for k, v in _equivalents().items() if 0x2E80 <= ord(k) <= 0x2FDF}
    assert RADICALS == radicals


def test_every_assigned_radical_is_folded():
    for code in [*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FE0)]:
        ch = chr(code)
        name = unicodedata.name(ch, "")
        if not name or ch not in RADICALS:
            continue
        # an ideograph (U+2B739 in Unicode 15's extension C, which Python 3.11 does not know yet)
        assert "RADICAL" in name and 0x3400 <= ord(RADICALS[ch]) <= 0x323AF, name
    assert len([c for c in RADICALS if "\u2f00" <= c]) == 214  # all Kangxi radicals
    assert len(RADICALS) - 214 >= 110  # the Supplement: all with an equivalent ideograph
    s = "".join(RADICALS)
    assert fold_radicals(s, list(range(len(s) + 1))) == (
        "".join(RADICALS.values()),
        list(range(len(s) + 1)),
    )
