"""kg.extraction.places: administrative names from the national division codes (cpca)."""

import pytest

from kg.extraction.places import is_place, place_names

CASES = [
    ("昭通市", True),
    ("昭通", True),
    ("威信县", True),
    ("鹤庆", True),
    ("宿松县", True),
    ("广西壮族自治区", True),
    ("广西", True),
    # an autonomous county or prefecture by its short form, or with its level word alone
    ("景宁", True),
    ("景宁县", True),
    ("长白县", True),
    ("双江县", True),
    ("恩施州", True),
    # a prefecture's short form is the place even where the dictionary knows it as a word
    ("遵义", True),
    ("大连", True),
    ("保定", True),
    # short forms that are ordinary words are not places
    ("资源", False),
    ("合作", False),
    ("振兴", False),
    ("城区", False),
    ("新建", False),
    # 全州 is the whole prefecture, as 全市 is the whole city; the county has its full name
    ("全州", False),
    ("全州县", True),
]


@pytest.mark.parametrize("word, expected", CASES)
def test_is_place(word, expected):
    assert is_place(word) is expected


def test_short_form_maps_to_full_name():
    assert place_names()["昭通"] == "昭通市"


def test_an_autonomous_county_written_short_is_the_county():
    assert place_names()["景宁县"] == "景宁畲族自治县"
    assert place_names()["长白"] == "长白朝鲜族自治县"
