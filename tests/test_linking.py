"""kg.apps.linking: written names (short, partial, traditional, misspelt) -> the entities meant."""

from __future__ import annotations

import pytest

from kg.apps.linking import Linker, Name

_NAMES = [
    Name("e:chain", "IndustryChain", "绿色铝产业链", "绿色铝产业链"),
    Name("e:si", "IndustryChain", "绿色硅全产业链", "绿色硅全产业链"),
    Name("e:firm", "Enterprise", "云铝海鑫", "云铝海鑫"),
    Name("e:hs", "Enterprise", "合盛铝业", "合盛铝业"),
    Name("e:hs", "Enterprise", "合盛铝业", "合盛"),
    Name("e:hsg", "Enterprise", "合盛硅业", "合盛硅业"),
    Name("e:qb1", "Enterprise", "旗滨玻璃", "旗滨玻璃"),
    Name("e:qb2", "Enterprise", "旗滨光伏", "旗滨光伏"),
    Name("e:zt", "Region", "昭通市", "昭通市"),
    Name("e:cn", "IndustryChain", "储能产业链", "储能产业链"),  # invented, as those below
    Name("e:hy", "IndustryChain", "海洋工程装备产业链", "海洋工程装备产业链"),
    Name("e:any", "IndustryChain", "产业链", "产业链"),  # a name that only says what it is
    Name("e:jc", "Region", "江城", "江城"),
    Name("e:jcp", "IndustrialPark", "云南江城经济开发区", "云南江城经济开发区"),
    Name("e:jcp2", "IndustrialPark", "江城市经开区", "江城市经开区"),
    Name(
        "e:cluster", "IndustryCluster", "新能源电池负极材料产业集群", "新能源电池负极材料产业集群"
    ),
]
LINKS = [  # written name, classes allowed, labels expected (best first), how
    # a name in pinyin, as English questions write Chinese places and firms
    ("zhaotong", None, ["昭通市"], "pinyin"),
    ("Yunlv Haixin", None, ["云铝海鑫"], "pinyin"),
    ("yunlu haixin", None, ["云铝海鑫"], "pinyin"),
    ("zhaotongg", None, [], None),
    ("绿色铝产业链", None, ["绿色铝产业链"], "label"),
    ("绿色铝", None, ["绿色铝产业链"], "short name"),
    ("綠色鋁產業鏈", None, ["绿色铝产业链"], "label"),
    ("绿色硅", None, ["绿色硅全产业链"], "short name"),
    ("海鑫", None, ["云铝海鑫"], "part of the name"),
    ("云铝海心", None, ["云铝海鑫"], "near spelling"),
    ("云铝海鑫公司", None, ["云铝海鑫"], "short name"),
    ("昭通市政府", None, ["昭通市"], "name and kind"),
    ("昭通", None, ["昭通市"], "short name"),
    ("合盛", None, ["合盛铝业"], "alias"),
    ("旗滨", None, ["旗滨光伏", "旗滨玻璃"], "part of the name"),
    ("绿色铝", ["Enterprise"], [], None),
    ("新能源产业集群", None, [], None),  # a full name that is not this cluster's
    ("昭通市的龙头企业", None, [], None),
    ("岚川时代", None, [], None),
    ("绿色矽全产业链", None, ["绿色硅全产业链"], "near spelling"),
    ("能源产业链", None, [], None),  # spelt near 储能产业链 only by the shared class ending
    ("铝产业链", None, [], None),  # spelt near 产业链, which names no chain in particular
    # a park without its city's level or its province: both as likely
    ("江城经开区", None, ["江城市经开区", "云南江城经济开发区"], "short name"),
    ("江城经济开发区", None, ["江城市经开区", "云南江城经济开发区"], "short name"),
    ("江城", None, ["江城"], "label"),  # (the place, not its parks)
    ("江城市", None, ["江城"], "short name"),
]


@pytest.mark.parametrize("text, types, labels, how", LINKS)
def test_linking(text, types, labels, how):
    links = Linker(_NAMES).link(text, types=types)
    assert [k.label for k in links] == labels
    if how:
        assert links[0].how == how


NARROWER = [  # written name, labels of the narrower names expected
    ("海洋工程产业链", ["海洋工程装备产业链"]),  # starts it
    ("装备产业链", ["海洋工程装备产业链"]),  # ends it
    ("绿色", ["绿色铝产业链", "绿色硅全产业链"]),
    ("工程产业链", []),  # only inside it
    ("海洋工程装备产业链", []),  # itself
    ("铝", []),  # too short to say
    ("铝产业链", ["绿色铝产业链"]),  # unless a class ending says what it is
]


@pytest.mark.parametrize("text, labels", NARROWER)
def test_narrower(text, labels):
    links = Linker(_NAMES).narrower(text, types=["IndustryChain"])
    assert [k.label for k in links] == labels
    assert all(k.how == "narrower name" for k in links)
