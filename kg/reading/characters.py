"""Cleaning steps that rewrite characters one for one (or delete them): Unicode spaces and line
breaks, CJK radicals, pinyin readings, traditional -> simplified, full-width forms.

Each step takes and returns `(text, offsets)` (see `kg.reading.offsets`); `kg.reading.normalize`
runs them with the steps that work on lines.

>>> s = "鶴慶溢鑫鋁業(yè)（云南）"
>>> steps = (unify_unicode, fold_radicals, strip_pinyin, to_simplified, narrow_punctuation)
>>> mapped = (s, list(range(len(s) + 1)))
>>> for step in steps:
...     mapped = step(*mapped)
>>> mapped[0]
'鹤庆溢鑫铝业(云南)'
"""

from __future__ import annotations

import operator
import re
import threading
import unicodedata
from collections.abc import Callable
from itertools import islice

import opencc

from kg.reading.offsets import Mapped, char_map, sub

__all__ = [
    "unify_unicode",
    "fold_radicals",
    "RADICALS",
    "strip_pinyin",
    "simplified",
    "to_simplified",
    "narrow_punctuation",
    "CJK",
]

#: The CJK ideographs (basic, extension A, compatibility), as ranges for a regex class.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = "a-zü" + _TONED


_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060\u00ad\x00-\x08\x0e-\x1f\x7f]|\r(?=\n)")
# the characters _INVISIBLE opens with, as one class: `re` skips to them at once, where it
# tries _INVISIBLE's two branches at every character
_MAYBE_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060\u00ad\x00-\x08\x0e-\x1f\x7f\r]")
_UNIFY = char_map(
    {
        "\r": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u00a0": " ",
        "\u3000": " ",
        "\u202f": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
    }
)


def unify_unicode(text: str, offsets: list[int]) -> Mapped:
    """Drop BOM and zero-width characters; make every line break `\\n` and every space ` `.

    >>> unify_unicode("\\ufeff甲\\u3000乙\\r\\n", [0, 1, 2, 3, 4, 5, 6])
    ('甲 乙\\n', [1, 2, 3, 5, 6])
    """
    if _MAYBE_INVISIBLE.search(text):  # (a class searched fast: most texts have none)
        text, offsets = sub(text, offsets, _INVISIBLE)
    return _UNIFY(text), offsets


# CJK Radicals Supplement (U+2E80-U+2EFF) -> the unified ideograph each stands for, as pairs of
# characters: Unicode's EquivalentUnifiedIdeograph.txt (UCD 15.0, Debian's unicode-data package)
# for this block, checked against that file by tests/test_normalize.py. A PDF's text layer holds
# them where the font draws a radical's glyph for a character (⻰头 for 龙头, 链⻓ for 链长).
_SUPPLEMENT_PAIRS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵"
    "⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎"
    "⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
RADICALS: dict[str, str] = {
    **dict(zip(_SUPPLEMENT_PAIRS[::2], _SUPPLEMENT_PAIRS[1::2], strict=True)),
    # Kangxi Radicals (U+2F00-U+2FD5): NFKC gives each one's ideograph (⾊ -> 色)
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
}
_FOLD_RADICALS = char_map(RADICALS)


def fold_radicals(text: str, offsets: list[int]) -> Mapped:
    """Write CJK radicals as the ideographs they stand for: Kangxi Radicals by NFKC, the CJK
    Radicals Supplement by Unicode's equivalents (NFKC leaves most of that block alone).
    One character for one, so the offset map is unchanged.

    >>> s = "以金川铝材为⻰头,绿⾊铝产业链链⻓⼯作取得新成效。"
    >>> fold_radicals(s, list(range(len(s) + 1)))[0]
    '以金川铝材为龙头,绿色铝产业链链长工作取得新成效。'
    """
    return _FOLD_RADICALS(text), offsets


# A reading such as (yè) or (chuàng ) after a character: 1-7 pinyin letters, one tone-marked.
# (Each pattern opens with the bracket and looks behind it, so that `re` skips ahead to brackets.)
_TONED_READING = rf"[(（](?<=\w[(（]) *(?=[{_PINYIN}]*[{_TONED}])[{_PINYIN}]{{1,7}} *[)）]"
_TONED_GROUP = re.compile(_TONED_READING)
# A reading with no tone mark: a syllable's letters in brackets (after the bracket).
_TONELESS_SYLLABLE = r" *(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?[aeiouüv][a-zü]{0,5} *[)）]"
# Once a document is known to carry readings, toneless ones after CJK characters go too.
_ANY_GROUP = re.compile(_TONED_READING + rf"|[(（](?<=[{CJK}][(（])" + _TONELESS_SYLLABLE)
_MIN_TONED = 3
# Readings with no tone marks at all ("工(gong)業(ye)"), one after another when a reading is
# repeated ("工(gong)(gong)"): taken out only where a text carries many of them.
_TONELESS_GROUP = re.compile(rf"[(（](?<=[{CJK})）][(（])" + _TONELESS_SYLLABLE)
_MIN_TONELESS = 6


def strip_pinyin(text: str, offsets: list[int]) -> Mapped:
    """Remove pinyin readings inserted after characters, e.g. `業(yè)` -> `業`.

    >>> s = "鋁業(yè)有限公司(PCB)"
    >>> strip_pinyin(s, list(range(len(s) + 1)))[0]
    '鋁業有限公司(PCB)'
    >>> s = "工(gong)(gong)業(ye)增加(jia)值達(da)到5.4萬(wan)億元(yuan)"
    >>> strip_pinyin(s, list(range(len(s) + 1)))[0]
    '工業增加值達到5.4萬億元'
    """
    toned = len(_TONED_GROUP.findall(text))
    if not toned:
        found = islice(_TONELESS_GROUP.finditer(text), _MIN_TONELESS)  # (enough: stop there)
        if sum(1 for _ in found) >= _MIN_TONELESS:
            return sub(text, offsets, _TONELESS_GROUP)  # 工(gong)(gong)業(ye)發展報(bao)告
        return text, offsets
    return sub(text, offsets, _ANY_GROUP if toned >= _MIN_TONED else _TONED_GROUP)


_converter = None
_converter_lock = threading.Lock()


def _t2s() -> Callable[[str], str]:
    """The OpenCC traditional-to-simplified converter, built on first use."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = opencc.OpenCC("t2s")
    return _converter.convert


def simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC ``t2s``); ASCII text is returned as it is.

    The one traditional -> simplified conversion of chainkg: names, questions and gold strings
    are compared with it, and `to_simplified` cleans articles with it.

    >>> simplified("鶴慶溢鑫鋁業")
    '鹤庆溢鑫铝业'
    """
    return text if text.isascii() else _t2s()(text)


def _convert_line(convert: Callable[[str], str], line: str) -> str:
    """Convert one line char by char, keeping any char whose conversion is not one char."""
    out = []
    for ch in line:
        new = convert(ch)
        out.append(new if len(new) == 1 else ch)
    return "".join(out)


# a text is in traditional characters when this share of its Chinese characters changes
_TRADITIONAL_SHARE = 0.1
_HAN = re.compile("[\u4e00-\u9fff]")


def _traditional(text: str, new: str) -> bool:
    """Whether `text` is written in traditional characters (`new`: it converted, as long): in a
    simplified text only a few characters that names keep (昇 of 昇金宝) would change.

    >>> new = "在升金宝科技的车间,工人们正在忙碌,订单已经排到了明年。"
    >>> _traditional("鶴慶溢鑫鋁業", "鹤庆溢鑫铝业"), _traditional(new.replace("升", "昇"), new)
    (True, False)
    """
    changed = sum(map(operator.ne, text, new))
    return changed >= _TRADITIONAL_SHARE * len(_HAN.findall(text))


def to_simplified(text: str, offsets: list[int]) -> Mapped:
    """Convert traditional characters to simplified ones, one for one (OpenCC `t2s`).

    >>> s = "鶴慶溢鑫鋁業有限公司"
    >>> to_simplified(s, list(range(len(s) + 1)))[0]
    '鹤庆溢鑫铝业有限公司'
    """
    if text.isascii():
        return text, offsets
    convert = simplified
    new = convert(text)
    if new == text:
        return text, offsets
    if len(new) == len(text) and not _traditional(text, new):
        return text, offsets  # a simplified text: its rare characters (昇, 淼) are names' own
    if len(new) == len(text) and new.count("\n") == text.count("\n"):
        old_lines, new_lines = text.split("\n"), new.split("\n")
        if all(len(a) == len(b) for a, b in zip(old_lines, new_lines, strict=True)):
            return new, offsets
    # Lengths differ somewhere: convert line by line, char by char where a line changes length.
    lines = []
    for line in text.split("\n"):
        conv = convert(line)
        lines.append(conv if len(conv) == len(line) else _convert_line(convert, line))
    return "\n".join(lines), offsets


_NARROW = char_map(
    {
        "，": ",",
        "：": ":",
        "；": ";",
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
        "％": "%",
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},  # ０-９
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    }
)


def narrow_punctuation(text: str, offsets: list[int]) -> Mapped:
    """Make full-width `，：；（）！？％`, digits and latin letters ASCII; keep `。、“”《》`.

    >>> s = "增长１１．４％，达“新高”。"
    >>> narrow_punctuation(s, list(range(len(s) + 1)))[0]
    '增长11．4%,达“新高”。'
    """
    return _NARROW(text), offsets
