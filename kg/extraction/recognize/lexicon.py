"""The recognisers' word lists and patterns, read once from `kg/extraction/rules/lexicon.toml` and
the ontology, and the tests on single words that every recogniser shares (a region word, a
brand)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kg import ontology
from kg.extraction.places import is_place
from kg.extraction.segment import freq, pos, rules
from kg.terms import C

GENERIC = "generic"  # Mention.rule of a generic mention ("产业链" alone): usable, never listed


_PUNCT = re.compile(r"^[\s\W_]+$")


_DATE = re.compile(
    r"^(?:\d+|[0-9一二三四五六七八九十]+)[年月日号]$|^\d{4}$|^[上下]半年$|^年底$|^年初$"
)


_NUM = re.compile(r"^[0-9.%]+$|^[0-9一二三四五六七八九十百千万亿两几]+$")


_CLASSIFIER = set("个条家户项批类座处种名位")


_CJK = re.compile(r"[\u4e00-\u9fff]")


_ORDINAL = re.compile(r"^第[0-9一二三四五六七八九十百]+[个条家户项批名类种]?$")


_COUNT_HEAD = r"(?:等|以及)?(?:[0-9一二三四五六七八九十两]+(?:条|个|大|家|户|项)|一批|一大批)?"


_CHAIN_LIST_TAIL = re.compile(
    # (a count of chains may be followed by what they are: "A、B等3条百亿级营收规模的产业链")
    r"(?:"
    + _COUNT_HEAD
    + r"|(?:等|以及)?[0-9一二三四五六七八九十两]+条[^,。;、等的]{1,10}的"
    # (what the list is mostly of: "以A、B等为主的优势产业链")
    + r"|等为(?:主|代表|重点|核心|主体)的)"
    + r"(?:省级|市级|县级|首批|重点|超?千亿元?级?|超?百亿元?级?|"
    + r"首位|主导|新兴|优势|特色|支柱|战略性|传统|未来|先导|标志性|关键|核心|"
    + r"制造业|工业|服务业|农业|县域|市域|省域|全域|[‘“][^’”]{1,10}[’”])*$"
)


_CLUSTER_LIST_TAIL = re.compile(
    _COUNT_HEAD + r"(?:超?千亿级|超?千亿元级|超?百亿级|超?百亿元级|[‘“][^’”]{1,10}[’”])*$"
)


# the last characters of a list tail that is not empty (等, 以及, 3条, 省级, 重点, 首位, 传统, 千亿,
# “…”, 工业, …的)
_TAIL_ENDS = frozenset("等及条个大家户项级点批导兴势色柱性业的’”位统来亿域")


def _list_tail(tail: re.Pattern, before: str) -> re.Match | None:
    """`tail.search(before)` for the list tails above. A tail that ends in none of their last
    characters is the empty one at the end: found there at once, not tried at every place."""
    if before[-1:] in _TAIL_ENDS or before.endswith("\n"):  # ($ may stand before a \n)
        return tail.search(before)
    return tail.search(before, len(before))


# patterns written where they are used, compiled once (faster than re's own cache)
_rx = functools.lru_cache(maxsize=None)(re.compile)


_OPEN_QUOTES = "“‘\"'「"


_CLOSE_QUOTES = "”’\"'」"


_UNSURE = "project-head?"  # a firm guessed from a project's name: kept only if written again


# a word the dictionary has but barely knows (恒丰: 2) may be a brand; 农资 (21) is a word
RARE = 10


_NOT_FIRM_HEADS = {
    "活动", "会议", "工作", "情况", "问题", "建设", "发展", "项目", "产业", "行业", "机构", "单位",
    "部门", "组织", "政府", "管委会", "委员会", "党委", "党工委", "办公室", "办公厅", "人大",
    "政协", "局", "厅", "委", "大学", "学院", "学校", "医院",
    "商会", "协会", "联合会", "工商联",  # associations of firms, not a firm
    "负责人", "管理者", "专家", "学者",  # people, not a firm (由…园区管理者担任)
    "能力", "水平", "作用", "优势", "效应", "韧性", "能级",  # what a firm has (资源整合能力)
    "协议", "合同", "备忘录", "仪式",  # what is signed (…项目投资合作协议签约仪式)
    "订单", "合同额",  # what a firm wins (1430辆铁路货车订单落地)
    "标段",  # a section of a project put out to tender (二期一标段、二标段等6个项目)
    "理念", "战略", "思想", "精神", "机制", "体系", "模式", "导向",  # ideas (以新发展理念为引领)
}  # fmt: skip


_NOT_FIRM_ENDS = tuple(_NOT_FIRM_HEADS)  # for str.endswith


_WEAK = set("其之此该各本达强建引促聚创争超占同跟让使着过")


def _alt(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _first_chars(words: Iterable[str]) -> str:
    """A character class of the first characters of `words`.

    >>> _first_chars(["市委", "市政府", "领导"])
    '[市领]'
    """
    return "[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"


def _trie_alt(words: Iterable[str]) -> str:
    """`_alt(words)` written as a tree of shared beginnings (产业(?:链|园|集群)…): the same
    matches, the longest word at each place, with fewer alternatives tried at each character.

    >>> _trie_alt(["产业链", "产业园", "产业", "园区"])
    '产业(?:链|园|)|园区'
    """
    tree: dict = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here

    def branches(node: dict) -> list[str]:
        return [re.escape(c) + rest(sub) for c, sub in node.items() if c]

    def rest(node: dict) -> str:
        alts = branches(node)
        if "" in node:  # longer words first, then the word that ends here
            return f"(?:{'|'.join(alts)}|)" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return "|".join(branches(tree))


def _strong(word: str) -> bool:
    """Industry words that, after a brand, almost always name a firm (合盛铝业, 三一重工)."""
    return len(word) >= 2 and word.endswith(_strong_endings())


@functools.cache
def _strong_endings() -> tuple[str, ...]:
    return tuple(rules()["enterprise"]["strong_endings"])


@functools.cache
def _lex() -> dict:
    lex = rules()
    lex = {**lex, "suffixes": {cls: ontology.suffixes(cls) for cls in _SUFFIX_CLASSES}}
    b = lex["boundary"]
    return {
        "suffix_re": {
            cls: re.compile("|".join(sorted(map(re.escape, sfx), key=len, reverse=True)))
            for cls, sfx in lex["suffixes"].items()
        },
        "suffixes": lex["suffixes"],
        **_suffix_any(lex["suffixes"]),
        "suffix_sets": {cls: set(sfx) for cls, sfx in lex["suffixes"].items()},
        "stop_pos": set(b["stop_pos"]),
        "verb_pos": set(b["verb_pos"]),
        # the tags of a word after a firm that acts: a verb, or an adverb opening the predicate
        "acting_pos": frozenset(b["verb_pos"]) | {"vn", "d"},
        # (and the verbs that name an industry's work wherever they stand: 不锈钢冷轧项目)
        "inner_verbs": set(b["inner_verbs"]) | set(rules("industries")["chain"]["process_verbs"]),
        "opening_verbs_set": frozenset(b["opening_verbs"]),
        "quantifiers": frozenset(b["quantifiers"]),
        "inner_words": set(b["inner_words"]),
        "inner_by_class": {k: set(v) for k, v in b["inner_by_class"].items()},
        "stop_words": set(b["stop_words"]),
        "never_in_firm_re": re.compile("(?:" + _alt(b["never_in_firm"]) + ")"),
        "never_in_firm_first": frozenset(w[0] for w in b["never_in_firm"]),
        "generic": sorted(b["generic_modifiers"], key=len, reverse=True),
        "generic_set": set(b["generic_modifiers"]),
        "generic_re": re.compile("(?:" + _alt(b["generic_modifiers"]) + ")"),
        "stop_prefix_chars": {w[0] for w in b["stop_words"] if len(w) >= 2},
        "stop_prefix_re": re.compile(
            "(?:" + _alt([w for w in b["stop_words"] if len(w) >= 2]) + ")"
        ),
        "count_prefix": re.compile(b["count_prefix"]),
        "industry": sorted(lex["enterprise"]["industry_words"], key=len, reverse=True),
        "industry_set": frozenset(lex["enterprise"]["industry_words"]),
        "actor_cues": lex["enterprise"]["actor_cues"],
        "firm_predicates": frozenset(lex["enterprise"]["firm_predicates"]),
        "time_words": frozenset(lex["enterprise"]["time_words"]),
        "region_sfx": sorted(lex["region"]["suffixes"], key=len, reverse=True),
        "not_regions": set(lex["region"]["not_regions"]),
        "after": sorted(lex["person"]["after"], key=len, reverse=True),
        "surnames": set(lex["person"]["surnames"]),
        "compound": set(lex["person"]["compound_surnames"]),
        "role_offices": lex["role"]["offices"],
        # alternations, built once (patterns built from them are cached by `re`)
        "strategy_alt": _alt(lex["strategy"]["heads"]),
        "settle_alt": _alt(lex["enterprise"]["settle_verbs"]),
        "facility_heads": frozenset(lex["enterprise"]["facility_heads"]),
        # what a name ending in a facility head ends in ($ may stand before a line break too)
        "facility_last": frozenset(w[-1] for w in lex["enterprise"]["facility_heads"]) | {"\n"},
        "facility_alt": _alt(lex["enterprise"]["facility_heads"]),
        "macro_regions": frozenset(lex["enterprise"]["macro_regions"]),
        "titles_alt": _trie_alt(lex["person"]["titles"]),
        "role_alt": _alt(lex["role"]["heads"]),
        "list_heads_alt": _alt(lex["enterprise"]["list_heads"]),
        "strong_alt": _alt([w for w in lex["enterprise"]["industry_words"] if _strong(w)]),
        "weak_alt": _trie_alt(w for w in lex["enterprise"]["industry_words"] if not _strong(w)),
        "not_items": tuple(lex["chain"]["not_items"]),
        "all_suffixes": {x for v in lex["suffixes"].values() for x in v if len(x) > 1},
        "firm_suffixes": set(lex["suffixes"][C.Enterprise]),
        "list_heads_set": set(lex["enterprise"]["list_heads"]) | {"链主", "龙头", "链长"},
    }


def _suffix_any(suffixes: dict[str, list[str]]) -> dict:
    """One pattern for the suffixes of every class, and each suffix's class: its matches are
    those of each class's own pattern, when no suffix of one class can overlap one of another
    (their text then never competes). None when two can."""
    cls_of = {x: cls for cls, sfx in suffixes.items() for x in sfx}
    if len(cls_of) < sum(len(sfx) for sfx in suffixes.values()):
        return {"suffix_any": None, "suffix_class": {}}  # a suffix of two classes

    def overlap(x: str, y: str) -> bool:
        k = min(len(x), len(y))  # a proper end of one opening the other, or one inside the other
        return x in y or y in x or any(x.endswith(y[:n]) or y.endswith(x[:n]) for n in range(1, k))

    if any(overlap(x, y) for x in cls_of for y in cls_of if cls_of[x] != cls_of[y]):
        return {"suffix_any": None, "suffix_class": {}}
    return {"suffix_any": re.compile(_trie_alt(cls_of)), "suffix_class": cls_of}


_POLICY = re.compile(r"《([^《》]{2,80})》")


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """Regular expressions built from the lexicon, compiled once."""
    lx = _lex()
    num = "[一二三四五六七八九十两0-9]"
    count = r"(?:[0-9一二三四五六七八九十两]+(?:家|户|个|大))"
    heads = lx["list_heads_alt"]
    return {
        "strategy_quoted": re.compile(r"“[^“”]{1,16}”(?:" + lx["strategy_alt"] + ")"),
        "strategy_num_quoted": re.compile(r"“(" + num + r"(?:大|个)[^“”]{1,6})”"),
        "strategy_num": re.compile(r"(?<![“\w])(" + num + r"大(?:战略|强市|经济|工程|行动))"),
        "titles": re.compile(r"(?:" + lx["titles_alt"] + r")"),
        "policy_kind": re.compile(_alt(rules()["policy"]["kinds"])),
        # a role: office words (市委、市政府主要…) and a head (领导), where a 链长 frame can use it
        "role": re.compile(
            # (the first character looked at first: a pattern that opens with a repeat is tried
            # at every character, and most start no office word and no head)
            "(?="
            + _first_chars([*lx["role_offices"], *rules()["role"]["heads"]])
            + ")"
            + r"((?:(?:"
            + _alt(lx["role_offices"])
            + r")、?)*(?:"
            + lx["role_alt"]
            + r"))(?=(?:同志)?(?:亲自|分别|共同|兼|带头|均|都)?"
            + r"(?:和|、|担任|任|兼任|出任|为|作为|挂帅|链长|总链长|分链长|"
            # (or the next office, written with nothing between: 市委书记市长担任)
            + r"(?:市|县|区|州|省|旗)(?:委书记|长)))"
        ),
        # what a list item says its firm is, before the name (the last such word)
        "described": re.compile(".*(?:" + _alt(rules()["enterprise"]["described_by"]) + ")"),
        "firm_list": re.compile(
            r"(?:等" + count + r"?|" + count + r")[^,。;、等]{0,6}?(?:" + heads + r")"
        ),
        "facility": re.compile("(?:" + lx["facility_alt"] + ")"),
        "facility_tail": re.compile("(?:" + lx["facility_alt"] + ")$"),
        "settles": re.compile(r"([^,。;、]{2,12}?)(?:" + lx["settle_alt"] + r")"),
        "strong": re.compile(lx["strong_alt"]),
        "industry_head": re.compile("(?:" + _alt(lx["industry"]) + ")"),
        "industry_tail": re.compile("(?:" + _alt(lx["industry"]) + ")$"),
        "weak": re.compile("(?:" + lx["weak_alt"] + ")"),
        # what may stand before a brand and a weak industry word: a clause's start, or a word
        # that introduces the one acting or spoken of (在, 据, 走进, 支持…)
        "actor_cue": re.compile(r"(?:[,;:]|" + _alt(lx["actor_cues"]) + r")$"),
    }


_SUFFIX_CLASSES = (C.IndustryChain, C.IndustryCluster, C.IndustrialPark, C.Project, C.Enterprise)


MAX_LEN = {
    C.IndustryChain: 16,
    C.IndustryCluster: 18,
    C.IndustrialPark: 24,
    C.Project: 30,
    C.Enterprise: 26,
}


@functools.lru_cache(maxsize=1 << 16)
def _is_region_word(word: str) -> bool:
    lx = _lex()
    if word in lx["not_regions"] or len(word) < 2:
        return False
    if pos(word) == "ns" or is_place(word):
        return True
    # (by its suffix alone, a name of two characters at least before it: the places with one,
    # 兴县, are in the gazetteer; 岚旗 is a brand)
    return any(word.endswith(s) and len(word) > len(s) + 1 for s in lx["region_sfx"]) and not freq(
        word
    )


# the dictionary's tags of a proper name that is no person's (a brand it knows: 蒙牛, 娃哈哈)
_BRAND_TAGS = frozenset({"nz", "nt"})


@functools.lru_cache(maxsize=1 << 16)
def _brand_like(word: str) -> bool:
    """A run of characters that is not an ordinary word: a likely brand (合盛, 云铝海鑫).

    Single characters are brand material unless they are among the commonest (中, 大, 的).
    """
    if len(word) == 1:
        return freq(word) < 100000
    if pos(word) in {"l", "i", "v", "vn", "a", "ad", "d"}:
        return False  # set phrases and verbs (综合利用) are not brands however rare
    tag = pos(word)
    # (a person's name in the dictionary is a brand's too, unless it is as common as an
    # ordinary word the dictionary mistags: 智慧, 文明; 华为, 美的 are far rarer)
    return freq(word) < 60 or tag in _BRAND_TAGS or tag in {"nr", "nrt"} and freq(word) < 1000


_STOPS_MAX = 100_000


_VERBS: dict[str, bool] = {}


def _is_verb(w: str) -> bool:
    """Whether `w` is a verb of two characters or more, or acts as one when a name would open
    with it (remembered)."""
    if len(_VERBS) >= _STOPS_MAX:
        _VERBS.clear()
    lx = _lex()
    verb = _VERBS[w] = (
        len(w) > 1
        and (pos(w) in lx["verb_pos"] or w in lx["opening_verbs_set"])
        and not is_place(w)  # (遵义, 保定: places the dictionary also knows as verbs)
    )
    return verb
