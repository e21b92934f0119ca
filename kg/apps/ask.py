"""A question in Chinese or English -> a named query with bound parameters -> answer + evidence.

A question is normalised (NFKC, traditional -> simplified, polite openings dropped), then read
against the phrasings of each kind of question in `KINDS`, in order. A phrasing captures the
name the question is about; `kg.apps.linking` links it to entities of the classes the kind expects
(绿色铝 -> 绿色铝产业链). The first kind whose phrasing fits and whose name links is answered by
running its named query (kg/graph/queries/*.rq) with the linked label bound as a parameter. When the
name links to nothing the answer says so and suggests the closest known names; when no phrasing
fits it lists the kinds of question understood, with an example each. A question is never
answered by a kind whose phrasing it does not fit, nor about an entity of another class.

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
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.apps.linking import Link, Linker, simplified
from kg.graph.query import bind_parameters, named_query, result_columns, run_sparql
from kg.graph.store import open_store
from kg.rows import format_rows
from kg.terms import C

__all__ = [  # noqa: F822 - KINDS is compiled on first use by the module __getattr__
    "Kind",
    "KINDS",
    "Plan",
    "Answer",
    "Asker",
    "ask",
    "normalise_question",
    "EMPTY_QUESTION",
]

EVIDENCE = ("sentence", "article", "file")

# ---------------------------------------------------------------- phrasings, as data

# Pieces the phrasings below are written with. {X} is the name the question is about.
_PIECES = {
    "X": r"(?P<x>.+?)",
    "WHICH": r"(?:哪些|哪几家|哪几个|哪几条|哪家|哪个|哪条|哪一些|什么|啥|哪)",
    "FIRM": r"(?:企业|公司|厂商|单位|厂家|市场主体)",
    "LEAD": r"(?:龙头|链主|领军|头部|牵头|引领|带头|骨干)",
    "ASK": r"(?:分别|都|还|主要)?(?:有哪些|是哪些|有哪几家|是哪几家|是哪家|是哪个|是谁|有谁|"
    r"是什么|有什么|包括哪些|包括什么|包含哪些|有|是|为|包括)?",
    "CHAIN": r"(?:条|个)?(?:产业)?(?:链|链条)",
    "POL": r"(?:政策文件|政策|文件|方案|意见|规划|措施|办法|计划)",
    "STRAT": r"(?:发展战略|战略目标|战略部署|战略|发展思路)",
    "TYPE": r"(?P<t>企业|公司|项目|园区|产业园|工业园|开发区|经开区|高新区)",
    "ISSUE": r"(?:出台|印发|发布|制定|颁布|推出|下发|出)",
    "SIGN": r"(?:签约|签订|签署|签下|签了约|签了)",
    "E_FIRMS": r"(?:firms?|compan(?:y|ies)|enterprises?|businesses|corporations?)",
    "E_CHAIN": r"(?:(?:industrial |industry )?chains?)",
    "E_LEADS": r"(?:lead|leads|leading|head|heads|anchor|anchors|drive|drives|dominate|dominates)",
    "E_LEADING": r"(?:leading|lead|anchor|top|flagship|chain[- ]?master|chain[- ]?owner|链主|龙头)",
    "E_CLEADER": r"(?:chain[- ]?leaders?|链长)",
    "E_POL": r"(?:polic(?:y|ies)|policy documents?|documents?|plans?)",
    "E_STRAT": r"(?:(?:development )?strateg(?:y|ies)|strategic goals?)",
    "E_TYPE": r"(?P<t>firms?|compan(?:y|ies)|enterprises?|businesses|projects?|"
    r"(?:industrial )?parks?|(?:development )?zones?)",
    "E_MANY": r"(?:more than one|several|multiple|two or more|many|over one|at least two|"
    r"different)",
    "THE": r"(?:the )?",
}

# One row per kind of question: what it is, the named query answering it, the parameter the
# linked name fills (and the classes it may be), examples, and its phrasings (full matches of
# the normalised question, lower case). Kinds are tried in this order.
_KIND_TABLE: list[dict[str, Any]] = [
    {
        "name": "multi-chain-firms",
        "query": "multi-chain-enterprises",
        "about": "which firms appear in more than one chain",
        "zh": "哪些企业同时出现在多条产业链中?",
        "en": "Which firms appear in more than one chain?",
        "patterns": [
            r"(?:{WHICH}|有哪些)?{FIRM}(?:同时)?(?:出现在|出现于|属于|参与了?|在|位于|涉及|横跨|跨|"
            r"布局了?|覆盖|分布在|是|为|牵头|引领)(?:了)?(?:多条|多个|两条以上|两条或以上|"
            r"两条及以上|"
            r"不止一条|一条以上|多于一条|两个以上|几条)(?:不同的?)?(?:产业)?(?:链|链条)(?:上|中|"
            r"里)?"
            r"(?:的)?(?:{LEAD}{FIRM}?)?",
            r"(?:跨链|多链|跨产业链|跨多条产业链的?){FIRM}{ASK}",
            r"(?:which|what) {E_FIRMS} (?:appear|are|belong|take part|participate|operate|show up|"
            r"feature|are found|lead|are leading) (?:in |across )?{E_MANY} {E_CHAIN}",
            r"{E_FIRMS} (?:in|across|spanning|leading) {E_MANY} {E_CHAIN}",
        ],
    },
    {
        "name": "lead-pairs",
        "query": "leading-enterprises",
        "about": "which firms lead which chain (every pair)",
        "zh": "哪些企业是哪些产业链的龙头?",
        "en": "Which firms lead which chains?",
        "patterns": [
            r"{WHICH}{FIRM}(?:分别)?(?:是|为|担任|作为)?{WHICH}{CHAIN}的?{LEAD}{FIRM}?",
            r"{WHICH}{FIRM}(?:分别)?(?:牵头|引领|领衔|领军|带领|带动)(?:了)?{WHICH}{CHAIN}",
            r"{WHICH}{FIRM}(?:是|为|属于|作为|担任)(?:了)?(?:产业链的?)?{LEAD}{FIRM}?",
            r"(?:所有|全部|各|列出)?(?:的)?{LEAD}{FIRM}?(?:和|与|及|以及)(?:其|它们的)?(?:所在|"
            r"对应|所属)?"
            r"的?(?:产业)?(?:链|链条)",
            r"(?:所有|全部|列出|列出所有)?(?:的)?{LEAD}企业{ASK}",
            r"(?:which|what) {E_FIRMS} {E_LEADS} (?:which|what) {E_CHAIN}",
            r"who {E_LEADS} (?:which|what|each|every) {E_CHAIN}",
            r"(?:all )?{THE}{E_LEADING} {E_FIRMS}(?: and (?:their|the) {E_CHAIN}| (?:by|per|"
            r"of each|"
            r"of every|for each|for every|of all|in each|in every) {E_CHAIN})?",
            r"(?:all )?{THE}{E_CHAIN} and (?:their|the) {E_LEADING} {E_FIRMS}",
        ],
    },
    {
        "name": "firm-chains",
        "query": "chains-led-by",
        "slot": "enterprise",
        "types": [C.Enterprise],
        "about": "which chains does firm X lead",
        "zh": "云铝海鑫是哪条产业链的龙头企业?",
        "en": "Which chains does 云铝海鑫 lead?",
        "patterns": [
            r"{X}(?:是|为|作为|担任|属于)?{WHICH}{CHAIN}(?:的|上的|中的|里的)?{LEAD}{FIRM}?",
            r"{X}(?:牵头|引领|领衔|领军|领跑|带领|带动|主导)(?:了)?{WHICH}{CHAIN}",
            r"{X}(?:在|是)?{WHICH}{CHAIN}(?:里|中|上)?(?:是|当|担任|作为)?(?:了)?{LEAD}{FIRM}?",
            r"{X}(?:作为|担任)?{LEAD}{FIRM}?的(?:产业)?(?:链|链条){ASK}",
            r"(?:which|what) {E_CHAIN} (?:does|do|did) {THE}{X} (?:lead|head|anchor|drive)",
            r"(?:which|what) {E_CHAIN} (?:is|are) {THE}{X} (?:a |the )?(?:leading (?:firm|company|"
            r"enterprise)|chain[- ]?master|chain[- ]?owner|leader|anchor(?: firm)?) (?:of|in|for)",
            r"(?:which|what) {E_CHAIN} (?:is|are|were) (?:led|headed|anchored|driven) by {THE}{X}",
            r"(?:which|what) {E_CHAIN} (?:has|have) {THE}{X} as (?:a |its |their )?"
            r"(?:leading (?:firm|company|enterprise)|chain[- ]?master|leader)",
            r"what (?:does|do|did) {THE}{X} lead",
            r"{THE}{X} (?:leads|is leading|heads|anchors|drives) (?:which|what) {E_CHAIN}",
            r"{THE}{E_CHAIN} (?:led|headed|anchored) by {THE}{X}",
        ],
    },
    {
        "name": "chain-leading-firms",
        "query": "leading-enterprises",
        "slot": "chain",
        "types": [C.IndustryChain],
        "optional": True,
        "all_kind": "lead-pairs",
        "about": "which firms lead chain X (龙头, 链主, 领军, 牵头)",
        "zh": "绿色铝产业链的龙头企业有哪些?",
        "en": "Which firms lead the 绿色铝 chain?",
        "patterns": [
            r"{X}(?:的|之)?{LEAD}(?:企业|公司|单位)?{ASK}",
            r"{WHICH}{FIRM}(?:是|为|属于|担任|作为)?{X}(?:的)?{LEAD}{FIRM}?",
            r"(?:谁|哪个|哪家|哪位)(?:是|为|担任|作为)?{X}的?{LEAD}{FIRM}?",
            r"(?:{WHICH}{FIRM}|谁|哪家|哪个)(?:在)?(?:牵头|引领|领衔|领军|带领|带动)(?:了|着)?{X}",
            r"{X}(?:由|是由)(?:{WHICH}{FIRM}|谁)(?:牵头|引领|领衔|带动|担任龙头|担任链主)(?:的)?",
            r"{X}(?:以|是以)(?:{WHICH}{FIRM}|谁)为{LEAD}{FIRM}?",
            r"(?:which|what) {E_FIRMS} (?:are |is )?(?:{E_LEADS}|the {E_LEADING} {E_FIRMS} (?:of|"
            r"in|for)|"
            r"(?:a |the )?(?:chain[- ]?masters?|chain[- ]?owners?|leaders?) (?:of|in|"
            r"for)) {THE}{X}",
            r"who (?:{E_LEADS}|is leading|are leading|(?:is|are) the {E_LEADING} {E_FIRMS} (?:of|"
            r"in|for)|"
            r"(?:is|are) the chain[- ]?(?:masters?|owners?) (?:of|in|for)) {THE}{X}",
            r"{THE}{E_LEADING} {E_FIRMS} (?:of|in|for|leading) {THE}{X}",
            r"{THE}{X}(?:'s|s') {E_LEADING} {E_FIRMS}",
            r"who (?:are|is) {THE}{X}(?:'s|s') {E_LEADING} {E_FIRMS}",
        ],
    },
    {
        "name": "chain-leaders",
        "query": "chain-leaders",
        "slot": "chain",
        "types": [C.IndustryChain],
        "optional": True,
        "about": "who is the chain leader (链长) of chain X",
        "zh": "谁担任产业链链长?",
        "en": "Who are the chain leaders?",
        "patterns": [
            r"{X}(?:的)?(?<!副)链长(?:{ASK}|由谁担任|由谁来?当|是哪位领导|是哪位|由哪位领导担任|"
            r"由谁负责)",
            r"(?:谁|哪位|哪位领导|哪个领导|什么人|哪些领导|哪些人)(?:是|担任|任|在当|当|"
            r"来当)(?:了)?{X}的?链长",
            r"{X}(?:由|是由)(?:谁|哪位|哪位领导|什么人|哪个领导|哪些领导)(?:担任|当|任|"
            r"来当)(?:链长)?",
            r"(?:所有|全部|各)?(?:的)?链长{ASK}",
            r"(?:who|what) (?:is|are|serves? as|acts? as) {THE}{E_CLEADER} (?:of|for) {THE}{X}",
            r"who (?:is|are|serves? as|acts? as) {THE}{X}(?:'s|s') {E_CLEADER}",
            r"{THE}{E_CLEADER} (?:of|for) {THE}{X}",
            r"{THE}{X}(?:'s|s') {E_CLEADER}",
            r"who (?:is|are) (?:all )?{THE}{E_CLEADER}",
            r"(?:all )?{THE}{E_CLEADER}",
        ],
    },
    {
        "name": "leader-chains",
        "query": "chains-of-leader",
        "slot": "leader",
        "types": [C.Person, C.ChainLeaderRole],
        "about": "which chains does chain leader X (a person or a post) lead",
        "zh": "市级领导是哪条产业链的链长?",
        "en": "Which chains does 市级领导 lead as chain leader?",
        "patterns": [
            r"{X}(?:是|为|任|担任|当|作为|出任)(?:了)?{WHICH}{CHAIN}的?(?<!副)链长",
            r"{X}(?:是|为|任|担任|当|作为|出任)(?:了)?(?:{WHICH}|几条)(?:条|个)?(?:产业)?"
            r"(?:链|链条)的?(?<!副)链长",
            r"{X}(?:任|担任|当|出任)(?:了)?(?<!副)链长的(?:产业)?(?:链|链条){ASK}",
            r"{X}(?:负责|分管|牵头抓)(?:了)?{WHICH}{CHAIN}",
            r"(?:which|what) {E_CHAIN} (?:is|are|was|were) {THE}{X} (?:the |a )?{E_CLEADER} "
            r"(?:of|for)",
            r"(?:which|what) {E_CHAIN} (?:does|do|did) {THE}{X} (?:lead|head|chair|run) as "
            r"(?:the |a )?{E_CLEADER}",
            r"(?:which|what) {E_CHAIN} (?:has|have|had) {THE}{X} as (?:its |their |the )?"
            r"{E_CLEADER}",
            r"{THE}{E_CHAIN} (?:led|headed|chaired) by (?:the )?{E_CLEADER} {THE}{X}",
        ],
    },
    {
        "name": "cluster-chains",
        "query": "cluster-chains",
        "slot": "cluster",
        "types": [C.IndustryCluster],
        "optional": True,
        "about": "which chains belong to cluster X",
        "zh": "哪些产业链属于哪些产业集群?",
        "en": "Which chains belong to which clusters?",
        "patterns": [
            r"(?=.*集群){X}(?:包括|包含|涵盖|下设|有|拥有|由)(?:了)?(?:{WHICH}|"
            r"几条){CHAIN}(?:组成)?",
            r"{WHICH}{CHAIN}(?:属于|归属于?|隶属于?|在|纳入|是|组成)(?:了)?{X}(?:的)?(?:里|中|内)?",
            r"(?=.*集群){X}(?:的|里的|中的|内的)(?:产业)?(?:链|链条){ASK}",
            r"(?:产业)?(?:链|链条)(?:和|与|及)(?:产业)?集群(?:的对应关系|的关系|的归属)?",
            r"(?:产业)?集群(?:和|与|及)(?:产业)?(?:链|链条)(?:的对应关系|的关系)?",
            r"(?:which|what) {E_CHAIN} (?:belong to|are (?:part )?of|are in|make up|form|"
            r"are grouped in|"
            r"fall under|sit in) {THE}{X}",
            r"(?:which|what) {E_CHAIN} (?:does|do) {THE}{X} (?:include|contain|have|cover|"
            r"comprise)",
            r"{THE}{E_CHAIN} (?:of|in) {THE}(?P<x>.+? cluster)",
            r"{THE}{E_CHAIN} and (?:their )?clusters?",
            r"{THE}clusters? and (?:their )?{E_CHAIN}",
        ],
    },
    {
        "name": "signed-with",
        "query": "signed-with",
        "slot": "party",
        "types": [C.Region, C.Enterprise],
        "optional": True,
        "about": "which firms did X sign with",
        "zh": "昭通市与哪些企业签约?",
        "en": "Which firms did 昭通市 sign with?",
        "patterns": [
            r"{X}(?:与|和|同|跟)(?:{WHICH}|谁)(?:家|个)?{FIRM}?(?:进行了?)?{SIGN}(?:了)?"
            r"(?:协议|合同|合作协议|项目|合作)?",
            r"{X}{SIGN}(?:了)?{WHICH}(?:家|个)?{FIRM}",
            r"{WHICH}(?:家|个)?{FIRM}(?:与|和|同|跟){X}{SIGN}(?:了)?(?:协议|合同|合作协议|项目)?",
            r"{X}的签约(?:企业|对象|伙伴|方|单位){ASK}",
            r"(?:{WHICH}|谁)(?:与|和)(?:谁|{WHICH}{FIRM}){SIGN}(?:了)?",
            r"(?:which|what) {E_FIRMS} (?:did|has|have) {THE}{X} (?:sign|signed) (?:with|"
            r"agreements? with|"
            r"deals? with|contracts? with|a deal with|an agreement with)",
            r"who (?:did|has) {THE}{X} (?:sign|signed) (?:with|agreements? with|deals? with)",
            r"(?:which|what) {E_FIRMS} (?:signed|have signed|has signed) (?:with|agreements? with|"
            r"deals? with|contracts? with) {THE}{X}",
            r"{THE}{X} signed (?:agreements? |deals? |contracts? )?with (?:which|what|"
            r"whom)(?: {E_FIRMS})?",
            r"who signed (?:agreements? |deals? )?with whom",
        ],
    },
    {
        "name": "policies",
        "query": "policies",
        "slot": "issuer",
        "types": [C.Region, C.Enterprise],
        "optional": True,
        "about": "what policies did X issue",
        "zh": "昭通市出台了哪些政策?",
        "en": "What policies did 昭通市 issue?",
        "patterns": [
            r"{X}{ISSUE}(?:了|过)?(?:{WHICH}|哪几项|几项|几个|几份)?(?:项|个|份)?{POL}",
            r"{X}(?:{ISSUE})?的{POL}{ASK}",
            r"{WHICH}(?:项|个|份)?{POL}(?:是)?(?:由)?{X}{ISSUE}(?:的)?",
            r"(?:有|都有|所有|全部|列出)?(?:{WHICH})?(?:项|个|份)?{POL}{ASK}",
            r"(?:which|what) {E_POL} (?:did|has|have|does|do) {THE}{X} (?:issue|issued|publish|"
            r"published|"
            r"adopt|adopted|release|released|put out|introduce|introduced|announce|announced)",
            r"(?:which|what) {E_POL} (?:were|was|are|have been|has been) (?:issued|published|"
            r"released|"
            r"adopted|introduced|announced) by {THE}{X}",
            r"{THE}{E_POL} (?:of|by|from|issued by|published by) {THE}{X}",
            r"{THE}{X}(?:'s|s') {E_POL}",
            r"(?:which|what) {E_POL} (?:are there|exist|are known|are in the graph)",
            r"(?:all )?{THE}{E_POL}",
        ],
    },
    {
        "name": "strategies",
        "query": "strategies-of",
        "query_all": "strategies",
        "slot": "place",
        "optional": True,
        "about": "what strategies does X pursue",
        "zh": "威信县实施了哪些战略?",
        "en": "What strategies does 威信县 pursue?",
        "patterns": [
            r"{X}(?:实施|推进|提出|推行|坚持|采取|落实|紧扣|有|实行|执行|在推进|在实施|奉行|"
            r"围绕)(?:了|着)?"
            r"{WHICH}(?:些|项|个)?{STRAT}",
            r"{X}的{STRAT}{ASK}",
            r"(?:有|都有|所有|全部|列出)?(?:{WHICH})?{STRAT}{ASK}",
            r"(?:which|what) {E_STRAT} (?:does|did|do|has|have|is|are) {THE}{X} (?:pursue|pursuing|"
            r"pursued|follow|following|followed|have|adopt|adopted|implement|implementing|"
            r"implemented|"
            r"promote|promoting|announce|announced|carry out|carrying out|push|pushing)",
            r"{THE}{E_STRAT} (?:of|for|by|pursued by|followed by) {THE}{X}",
            r"{THE}{X}(?:'s|s') {E_STRAT}",
            r"(?:which|what) {E_STRAT} (?:are there|exist|are known|are in the graph)",
            r"(?:all )?{THE}{E_STRAT}",
        ],
    },
    {
        "name": "firm-projects",
        "query": "projects-of-enterprise",
        "slot": "enterprise",
        "types": [C.Enterprise],
        "about": "which projects does firm X have",
        "zh": "云铝海鑫有哪些项目?",
        "en": "Which projects does 云铝海鑫 have?",
        "patterns": [
            r"{X}(?:有|建设|投资|承建|实施|在建|负责|开发|推进|建了|开工|牵头|参与)(?:了|着)?"
            r"(?:{WHICH})(?:个)?(?:重点)?项目",
            r"{X}(?:的|投资的|建设的|承建的|负责的|实施的|开发的|推进的)(?:重点)?项目{ASK}",
            r"{WHICH}(?:个)?(?:重点)?项目(?:是)?(?:由){X}(?:投资|建设|承建|实施|负责|开发)(?:的)?",
            r"(?:which|what) projects (?:does|did|has|have|is) {THE}{X} (?:have|had|build|built|"
            r"building|develop|developed|developing|run|running|invest in|invested in|"
            r"investing in|carry out|carried out|undertake|undertaken|behind|started|launched)",
            r"(?:which|what) projects (?:are|were|have been) (?:developed|built|run|carried out|"
            r"invested in|"
            r"undertaken|backed) by {THE}{X}",
            r"{THE}projects (?:of|by|developed by|built by|run by|invested in by) {THE}{X}",
            r"{THE}{X}(?:'s|s') projects",
        ],
    },
    {
        "name": "in-place",
        "query": "located-in",
        "slot": "place",
        "types": [C.Region, C.IndustrialPark],
        "about": "which enterprises / projects / parks are in park or region X",
        "zh": "昭阳区有哪些项目?",
        "en": "Which projects are located in 昭阳区?",
        "patterns": [
            r"{X}(?:有|里有|内有|中有|里面有|境内有|辖区内有|落户了?|入驻了?|建有|引进了?|聚集了?|"
            r"集聚了?)"
            r"(?:{WHICH})(?:家|个)?(?:重点)?{TYPE}",
            r"{WHICH}(?:家|个)?(?:重点)?{TYPE}(?:位于|落户于?|落地|在|坐落于?|入驻了?|建在|设在)"
            r"{X}(?:里|内|中|境内)?",
            r"{X}(?:的|里的|内的|中的|境内的|辖区内的|有的)(?:重点)?{TYPE}{ASK}",
            r"(?:which|what) {E_TYPE} (?:are|is|were|was) (?:located |based |sited |situated )?"
            r"(?:in|inside|within|at) {THE}{X}",
            r"(?:which|what) {E_TYPE} (?:does|do) {THE}{X} (?:have|host|contain|include|house)",
            r"{THE}{E_TYPE} (?:located |based )?(?:in|inside|within|at) {THE}{X}",
            r"what (?:is|are) (?:located )?in {THE}{X}",
        ],
    },
    {
        "name": "metric",
        "query": "metrics",
        "slot": "subject",
        "about": "what was metric M of X (in year Y)",
        "zh": "2022年昭通市工业总产值是多少?",
        "en": "What was the industrial output of 昭通市 in 2022?",
        "patterns": [
            r"(?P<s>.+?)(?:是多少|有多少|为多少|多少|达到多少|达多少|是几|有几|几何|多大)"
            r"(?:亿元|万元|元|个|家|户|人|吨|万吨|亩|万亩)?",
            r"(?:what|how much|how many)(?: was| is| were| are)? {THE}(?P<ind>.+?) (?:of|for|in|"
            r"at) "
            r"{THE}{X}(?: in (?P<year>(?:19|20)\d\d))?",
            r"(?:what|how much|how many)(?: was| is| were| are)? {THE}{X}(?:'s|s') (?P<ind>.+?)"
            r"(?: in (?P<year>(?:19|20)\d\d))?",
            r"how (?:much|many) (?P<ind>.+?) (?:did|does|do|has|have) {THE}{X} (?:have|report|"
            r"reach|"
            r"record|achieve)(?: in (?P<year>(?:19|20)\d\d))?",
        ],
    },
    {
        "name": "about",
        "query": "about",
        "slot": "entity",
        "about": "what does the graph know about X",
        "zh": "关于云铝海鑫,图谱里有什么信息?",
        "en": "What does the graph know about 云铝海鑫?",
        "patterns": [
            r"(?:关于|有关)?{X}(?:的)?(?:情况|信息|资料|介绍|详情|概况|相关信息|知识|简介|"
            r"全部信息|所有信息)"
            r"(?:{ASK}|如何|怎么样|有哪些)?",
            r"(?:知识)?(?:图谱|图|数据|库)(?:中|里|里面)?(?:关于|有关){X}(?:有|知道|说了|记录了|"
            r"包含)?"
            r"(?:什么|哪些|多少)?(?:信息|内容|资料|事实)?",
            r"(?:关于|有关){X}(?:[,]?(?:知识)?(?:图谱|图|数据|库)(?:中|里|里面)?)?(?:有|知道|说了|"
            r"记录了)?"
            r"(?:什么|哪些)(?:信息|内容|资料|事实)?",
            r"(?:介绍|说说|讲讲|谈谈|描述)(?:一下)?{X}(?:的情况|的信息)?",
            r"{X}是(?:什么|谁|哪家|什么企业|什么公司|什么地方|什么项目|什么产业链|什么机构)",
            r"(?:你|图谱)?(?:知道|了解)(?:关于)?{X}(?:的)?(?:什么|哪些|多少)?(?:信息|情况)?(?:吗)?",
            r"what (?:does|do|can) {THE}(?:knowledge )?(?:graph|data|kg) (?:know|say|have|contain|"
            r"hold|"
            r"tell me|tell us) (?:about|on) {THE}{X}",
            r"what (?:do you|does it|do we|is) know(?:n)? about {THE}{X}",
            r"(?:tell me|tell us|show me|give me|describe|info on|information on|information about|"
            r"details on|details about|everything about|all about|facts about|what about)"
            r"(?: everything| all)?(?: about| on)? {THE}{X}",
            r"(?:who|what) (?:is|are|was) {THE}{X}",
            r"(?:everything |all )?(?:about|on) {THE}{X}",
        ],
    },
]

# Polite openings and endings that carry no meaning for the query.
_OPENINGS = re.compile(
    r"^(?:(?:请问一下|请问|请教一下|请教|请你|请|麻烦你|麻烦|帮我|帮忙|帮我查一下|帮我查查|查一下|"
    r"查查|查询|"
    r"我想知道|我想问一下|我想问|我想了解|想问一下|想问|想了解|想知道|能否告诉我|能告诉我|"
    r"你能告诉我|"
    r"可以告诉我|告诉我|列出|列举|看看|看一下|问一下|问问|"
    r"please|can you tell me|could you tell me|can you|could you|would you|tell me|show me|"
    r"give me|i want to know|i'd like to know|i would like to know|do you know|let me know|"
    r"find|list|show|name)(?:一下)?[,:\s]*)+"
)
_ENDINGS = re.compile(r"(?:[,\s]*(?:呢|吗|啊|呀|吧|哈|嘛|please|thanks|thank you))+$")
_PUNCT = re.compile(r"[\s?!.。!?~～…]+$")
# Words that may make up a name that means "every": 各产业链, each chain, all clusters.
_GENERIC = re.compile(
    r"^(?:各个|各条|各|每条|每个|每一条|所有|全部|这些|它们|相关|有关|哪些|哪条|哪个|什么|的|"
    r"是|为|属于|作为|担任|都|"
    r"产业链|链条|链|产业集群|集群|企业|公司|地方|地区|"
    r"each|every|all|which|what|the|their|its|of|and|industrial|industry|chains?|clusters?|"
    r"firms?|companies|company|enterprises?|\s)*$"
)
# Question words: a captured name holding one means the phrasing was misread.
_QUESTION_WORD = re.compile(r"哪|什么|谁|多少|几个|几家|几条|\b(?:which|what|who|whom|how)\b")
# English class words after a name (the 绿色铝 chain): the kind's classes say as much.
_CLASS_WORDS = re.compile(
    r"\s+(?:(?:industrial |industry )?(?:chain|cluster)|(?:industrial )?park|company|group|"
    r"corporation|corp|co|ltd|city|county|province|district)$"
)
_NAME_EDGES = re.compile(r"^(?:the |在|关于|有关|对于|由)+|(?:的|里|中|内|上)+$")
_TYPE_CLASS = {
    "企业": C.Enterprise,
    "公司": C.Enterprise,
    "项目": C.Project,
    "firm": C.Enterprise,
    "compan": C.Enterprise,
    "enterprise": C.Enterprise,
    "business": C.Enterprise,
    "project": C.Project,
}
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
# English names of common indicators -> the Chinese words indicator names contain.
INDICATOR_WORDS = {
    "gross industrial output": "工业总产值",
    "total industrial output": "工业总产值",
    "industrial output value": "工业总产值",
    "industrial output": "工业总产值",
    "output value": "产值",
    "output": "产值",
    "fixed asset investment": "固定资产投资",
    "fixed-asset investment": "固定资产投资",
    "industrial investment": "工业投资",
    "investment": "投资",
    "revenue": "收入",
    "operating revenue": "营业收入",
    "taxes": "税",
    "tax": "税",
    "gdp share": "GDP比重",
    "gdp": "GDP",
    "enterprises": "企业",
    "firms": "企业",
    "companies": "企业",
    "industrial enterprises": "工业企业",
    "projects": "项目",
    "employment": "就业",
    "jobs": "就业",
    "talents": "人才",
    "area": "面积",
    "sown area": "播种面积",
    "capacity": "产能",
    "production": "产量",
}
_HOW_MUCH = re.compile(r"(?:是多少|有多少|为多少|多少|达到多少|达多少|是几|有几|几何|多大).*$")


@dataclass(frozen=True)
class Kind:
    """A kind of question: its name, the named query that answers it and its phrasings."""

    name: str
    query: str
    about: str
    zh: str
    en: str
    patterns: tuple[re.Pattern[str], ...]
    slot: str | None = None
    types: tuple[str, ...] = ()
    optional: bool = False
    query_all: str | None = None  # the query when an optional name is not given, if another
    all_kind: str | None = None  # the kind the question is when an optional name is not given


@cache
def _kinds() -> tuple[Kind, ...]:
    kinds = []
    for row in _KIND_TABLE:
        patterns = tuple(re.compile(p.format(**_PIECES)) for p in row["patterns"])
        kinds.append(
            Kind(
                name=row["name"],
                query=row["query"],
                about=row["about"],
                zh=row["zh"],
                en=row["en"],
                patterns=patterns,
                slot=row.get("slot"),
                types=tuple(row.get("types", ())),
                optional=row.get("optional", False),
                query_all=row.get("query_all"),
                all_kind=row.get("all_kind"),
            )
        )
    return tuple(kinds)


def __getattr__(name: str) -> Any:
    if name == "KINDS":  # compiled on first use
        return _kinds()
    raise AttributeError(name)


def normalise_question(text: str) -> str:
    """The question as the phrasings read it: NFKC, simplified, lower case, no polite words.

    >>> normalise_question("請問，綠色鋁產業鏈的龍頭企業有哪些？")
    '绿色铝产业链的龙头企业有哪些'
    >>> normalise_question("Please tell me: who leads the 绿色铝 chain?")
    'who leads the 绿色铝 chain'
    """
    text = simplified(unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = text.replace("“", '"').replace("”", '"')
    for _ in range(2):
        text = _PUNCT.sub("", text)
        text = _ENDINGS.sub("", text)
        text = _OPENINGS.sub("", text).strip()
    return text


def _clean_name(text: str) -> str:
    text = _CLASS_WORDS.sub("", text.strip(" ,:;\"'"))
    text = _NAME_EDGES.sub("", text).strip(" ,:;\"'")
    return text


def _generic(text: str) -> bool:
    return bool(_GENERIC.fullmatch(text))


def _kind_class(word: str | None) -> str | None:
    if not word:
        return None
    for key, cls in _TYPE_CLASS.items():
        if word.startswith(key):
            return cls
    if any(w in word for w in ("园", "区", "park", "zone")):
        return C.IndustrialPark
    return None


@dataclass
class Plan:
    """How a question is understood: its kind, named query, linked names and bindings.

    `bindings` holds one set of parameters per linked entity (several when a short name fits
    several entities equally well); `links` says which entities the name was linked to.
    """

    question: str
    normalised: str
    kind: Kind | None = None
    query: str | None = None
    name: str | None = None  # the name as written in the question
    links: list[Link] = field(default_factory=list)
    bindings: list[dict[str, Any]] = field(default_factory=list)
    indicator: str | None = None
    year: int | None = None
    status: str = "understood"  # or "unknown-entity", "not-understood"
    suggestions: list[str] = field(default_factory=list)
    expected: tuple[str, ...] = ()


@dataclass
class Answer:
    """The answer to a question: the plan, the result columns and rows, and a message."""

    plan: Plan
    columns: list[str] = field(default_factory=list)  # the answer columns (no evidence)
    rows: list[dict[str, Any]] = field(default_factory=list)  # answer columns + evidence
    sparql: str = ""
    message: str = ""

    @property
    def status(self) -> str:
        """ "answered", "unknown-entity" or "not-understood"."""
        return "answered" if self.plan.status == "understood" else self.plan.status

    @property
    def ok(self) -> bool:
        """Whether the question was understood and its names linked (rows may be empty)."""
        return self.status == "answered"

    def values(self, column: str | None = None) -> list[Any]:
        """The distinct values of one answer column (default: the first), in order."""
        column = column or (self.columns[0] if self.columns else "")
        return list(dict.fromkeys(row.get(column) for row in self.rows))

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data, for JSON."""
        plan = self.plan
        return {
            "question": plan.question,
            "status": self.status,
            "kind": plan.kind.name if plan.kind else None,
            "query": plan.query,
            "name": plan.name,
            "entities": [
                {"label": k.label, "type": k.type, "iri": k.iri, "score": k.score, "how": k.how}
                for k in plan.links
            ],
            "parameters": [{k: str(v) for k, v in b.items()} for b in plan.bindings],
            "columns": self.columns,
            "rows": self.rows,
            "message": self.message,
            "suggestions": plan.suggestions,
            "sparql": self.sparql,
        }


# The order kinds are listed in when a question is not understood.
_LISTING = (
    "lead-pairs",
    "chain-leading-firms",
    "firm-chains",
    "chain-leaders",
    "leader-chains",
    "cluster-chains",
    "in-place",
    "firm-projects",
    "policies",
    "strategies",
    "metric",
    "signed-with",
    "multi-chain-firms",
    "about",
)


def kinds_help() -> str:
    """The kinds of question understood, one line each with a Chinese and an English example.

    >>> kinds_help().splitlines()[0].split(":")[0]
    '  - which firms lead which chain (every pair)'
    """
    kinds = sorted(_kinds(), key=lambda k: _LISTING.index(k.name))
    return "\n".join(f"  - {k.about}: {k.zh} / {k.en}" for k in kinds)


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
        for kind in _kinds():
            for pattern in kind.patterns:
                m = pattern.fullmatch(text)
                if m is None:
                    continue
                name = m.groupdict().get("x")
                if name is not None and _QUESTION_WORD.search(name) and not _generic(name):
                    continue  # a question word inside the name: this phrasing misread it
                ind = m.groupdict().get("ind")
                if ind is not None and ind.isascii() and _clean_name(ind) not in INDICATOR_WORDS:
                    continue  # "what is the X of Y" with an X that is no indicator
                found.append((kind, m))
                break
        return found

    def _metric_parts(self, plan: Plan, m: re.Match[str]) -> tuple[str, str] | None:
        groups = m.groupdict()
        if groups.get("year"):
            plan.year = int(groups["year"])
        if groups.get("ind") is not None:  # an English phrasing
            words = _clean_name(groups["ind"])
            plan.indicator = INDICATOR_WORDS.get(words, words)
            return groups["x"], plan.indicator
        text = groups["s"]
        year = _YEAR.search(text)
        if year:
            plan.year = int(year.group(1))
            text = (text[: year.start()] + " " + text[year.end() :]).strip()
        text = _HOW_MUCH.sub("", text).strip(" ,的")
        parts = [p for p in re.split(r"\s+", text) if p]
        text = "".join(parts)
        splits: list[tuple[str, str]] = []
        if "的" in text:
            at = text.index("的")
            splits.append((text[:at], text[at + 1 :]))
        for i in range(len(text) - 1, 1, -1):  # longest known name first
            splits.append((text[:i], text[i:]))
        for name, indicator in splits:
            name, indicator = _clean_name(name), indicator.strip(" ,的")
            if not name or not indicator:
                continue
            links = self.linker.link(name)
            if links and links[0].score >= 95:
                # the question was lower-cased; indicator names write GDP, 5G in capitals
                indicator = re.sub(r"[a-z]+", lambda w: w.group(0).upper(), indicator)
                plan.indicator = INDICATOR_WORDS.get(indicator.lower(), indicator)
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
        for kind, m in matches:
            attempt = Plan(question=question, normalised=text, kind=kind, query=kind.query)
            if self._fill(attempt, kind, m):
                return attempt
            if failed is None:
                failed = attempt
        return failed or plan

    def _fill(self, plan: Plan, kind: Kind, m: re.Match[str]) -> bool:
        # Fill plan's bindings from the match; False when its name links to nothing.
        extra: dict[str, Any] = {}
        groups = m.groupdict()
        if kind.name == "metric":
            parts = self._metric_parts(plan, m)
            if parts is None:
                raw = groups.get("x") or groups.get("s") or ""
                plan.name = _clean_name(_HOW_MUCH.sub("", _YEAR.sub("", raw)))
                return self._unknown(plan, kind)
            name = parts[0]
            extra["indicator"] = plan.indicator
            if plan.year is not None:
                extra["year"] = plan.year
        else:
            name = groups.get("x")
        if kind.name == "in-place":
            cls = _kind_class(groups.get("t"))
            if cls:
                extra["kind"] = cls
        if kind.slot is None:
            plan.bindings = [extra]
            return True
        name = _clean_name(name or "")
        plan.name = name
        if not name or _generic(name):
            if kind.optional:
                plan.name = None
                plan.query = kind.query_all or kind.query
                if kind.all_kind:
                    plan.kind = next(k for k in _kinds() if k.name == kind.all_kind)
                plan.bindings = [extra]
                return True
            return self._unknown(plan, kind)
        links = self.linker.link(name, types=kind.types or None)
        if not links:
            return self._unknown(plan, kind)
        plan.links = links[:5]
        labels = list(dict.fromkeys(k.label for k in plan.links))
        plan.bindings = [{kind.slot: label, **extra} for label in labels]
        return True

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
            answer.message = (
                f"I did not understand the question {question.strip()!r}. "
                "I understand these kinds of question:\n" + kinds_help()
            )
            return answer
        assert plan.query is not None
        answer.sparql = named_query(plan.query)
        if plan.status == "unknown-entity":
            what = " or ".join(_CLASS_NAMES.get(t, t) for t in plan.expected) or "entity"
            if not len(self.linker):
                answer.message = f"The graph knows no {what} named {plan.name!r}: {_EMPTY}"
                return answer
            names = ", ".join(plan.suggestions) or "none"
            close = any(set(s) & set(plan.name or "") for s in plan.suggestions)
            answer.message = f"The graph knows no {what} named {plan.name!r}. " + (
                f"Closest known names: {names}."
                if close
                else f"No known name is close; some are: {names}."
            )
            return answer
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
        answer.message = _understood(plan, len(answer.rows))
        if not answer.rows and not len(self.linker):
            answer.message += f" {_EMPTY[0].upper()}{_EMPTY[1:]}"
        return answer

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


_EMPTY = "it holds no entity at all (built from no article?); build it with `kg build PATH`."
EMPTY_QUESTION = (
    "The question is empty; ask one, e.g. 绿色铝产业链的龙头企业有哪些? "
    "or Which firms lead the 绿色铝 chain?"
)

_CLASS_NAMES = {
    C.Enterprise: "enterprise",
    C.IndustryChain: "industrial chain",
    C.IndustryCluster: "industrial cluster",
    C.Region: "region",
    C.IndustrialPark: "industrial park",
    C.Project: "project",
    C.Policy: "policy",
    C.Strategy: "strategy",
    C.Person: "person",
    C.ChainLeaderRole: "chain-leader post",
}


def _understood(plan: Plan, n: int) -> str:
    assert plan.kind is not None
    parts = [f"Understood as: {plan.kind.about} (query {plan.query})"]
    if plan.links:
        linked = ", ".join(f"{k.label} ({k.type}, {k.how})" for k in plan.links)
        parts.append(f"{plan.name!r} -> {linked}")
    if plan.indicator:
        parts.append(f"indicator contains {plan.indicator!r}")
    if plan.year is not None:
        parts.append(f"year {plan.year}")
    text = "; ".join(parts) + "."
    if n == 0:
        text += " The graph holds no answer to this question."
    return text


def ask(graph_or_store: Any, question: str) -> Answer:
    """Answer one question over a store folder, a pyoxigraph Store or an rdflib graph.

    For many questions over one store, make one `Asker` and call its `ask`.
    """
    return Asker(graph_or_store).ask(question)


def format_answer(answer: Answer, *, show_sparql: bool = False) -> str:
    """The answer as text: the reading, a table, and the evidence sentence and article per row."""
    lines = [answer.message]
    if not answer.ok:
        return "\n".join(lines)
    if answer.rows:
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for row in answer.rows:
            groups.setdefault(tuple(row.get(c) for c in answer.columns), []).append(row)
        table = [(i, *key) for i, key in enumerate(groups, 1)]
        lines += ["", format_rows(["#", *answer.columns], table), "", "Evidence"]
        for i, rows in enumerate(groups.values(), 1):
            for row in rows:
                source = row.get("file") or row.get("article") or ""
                lines.append(f"[{i}] {row.get('sentence') or ''} ({source})")
    if show_sparql:
        source = f"SPARQL (kg/graph/queries/{answer.plan.query}.rq)"
        lines += ["", source, answer.sparql.rstrip()]
        for b in answer.plan.bindings:
            if b:
                lines.append("bound: " + ", ".join(f"?{k} = {v!r}" for k, v in b.items()))
    return "\n".join(lines)
