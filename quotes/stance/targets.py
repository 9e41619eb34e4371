"""Targets: what a quote names that its speaker may take a side on."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
import re
from importlib import resources

from ..accounts import side_lexicon
from ..lexicons import HEADS_OF_STATE, HONORIFIC_SUFFIXES, LATIN_GLOSS, NAME_SEPARATORS, WordScanner, load, word_pattern
from .cues import cue_lexicon

_ADDRESSEE = ("你们", "您", "贵国", "你方", "貴國")
_MAX_TARGETS = 20  # a long speech names many things; past this many, parties and people first, then issues
_BEFORE_PERSON = frozenset("与和及对向跟同把被让给")
_NAME_AFTER = re.compile("[\\u4e00-\\u9fff]{2,3}(?=[，。、；：的和与及在对也还将]|$)")
_PRIORITY = {"party": 0, "person": 0, "term": 1, "issue": 2, "group": 2, "topic": 3}
# a sentence's topic: two to five characters opening it, then 是, 的 or an adverb (孝道是…, 网路行销的力量)
_TOPIC = re.compile("(?:^|(?<=[。！？；]))([\u4e00-\u9fff]{2,5}?)(?=是|的|将|已|也|都|能|可|正|仍|更|亦)")
_NOT_TOPIC_STARTS = tuple("我你他她它这那该此本今明昨去各每所其有没很许一大目上下前后第无过接当值亲个")  # pronouns, times, ordinals, openers
_NOT_TOPIC_ENDS = ("有", "所")  # 坦克有|可能, 克国所|有: a verb or a particle ends no noun
_NAMES = ("party", "person")
_VERBAL = frozenset({"predicate", "adverb", "opener", "time"})  # kinds of grammar words that end before a noun phrase
_ABBREVIATIONS = "中美日韩俄台英法德印菲越澳加欧帛吐泰马蒙朝梵以伊宏瓜巴贝"  # one-character names of parties
_MILITARY_WORDS = ("军事", "军售", "军演", "军援", "军备", "军费", "军工", "军火", "军舰", "军机")  # 美军事援助: 美 is the party
# 台日之间, 台美合作; not 中美洲, 台美人, 中英文 or 朝中社 (nor a pair inside a name the document gives)
_PAIR = re.compile(f"[{_ABBREVIATIONS}][{_ABBREVIATIONS}](?![洲人裔籍文社])|两岸|两国")
_NOT_PAIRS = frozenset({"加以", "以加", "以宏"})  # words that only look like two parties (加以, 以加强, 以宏观)
_NAME_OPENERS = frozenset("巴贝")  # abbreviations that more often open a transliterated name (欧|巴马, 参加|贝尼亚)
_RELATION_WORDS = ("关系", "冲突", "战争", "两国", "双方", "之间", "间", "停火", "和谈", "谈判", "边境")
_OBJECT_VERBS = frozenset({"使", "让", "令", "给", "把", "被", "有", "代表", "结合", "凝聚", "形成", "了解", "带领", "领导",
                           "进行", "面临", "实现", "促进", "推动", "推行", "落实", "完成", "加速", "加快", "提升", "改善",
                           "废止", "废除", "享受", "走向", "迈向", "顺利", "努力", "得到", "获得", "集结", "造成", "提高",
                           "配备", "派遣", "派出", "发生", "来到", "前往", "抵达", "到访", "访问", "走访", "造访", "回到",
                           "返回", "进入", "离开", "从事", "参加", "参与", "举办", "举行", "融入", "投身", "陷入", "走上",
                           "停止", "牵动", "干涉", "建立", "拥有", "开始", "推出", "提出", "降低", "减少", "评估", "构成",
                           "寻求", "防范", "避免", "化解"})
# words a one-character head begins (部队, 局势, 人士; not 会议: 国会|议员): no head there
_LONGER_WORDS = frozenset({"部长", "部门", "部队", "部署", "部分", "部次", "局势", "局长", "局面", "局部", "会谈", "会晤", "会见",
                           "会面", "会场", "会期", "人士", "人权", "人员", "人才", "人口", "人物", "人类", "人心", "人力", "人数",
                           "人次", "党员", "党部", "党团", "党派", "党内", "界线", "界限"})
# common nouns a division's character ends: no place's name before it
_NOT_PLACES = frozenset({"城市", "都市", "超市", "股市", "夜市", "门市", "上市", "县市", "城区", "地区", "社区", "园区", "山区",
                         "灾区", "选区", "市区", "街区", "郊区", "辖区", "景区", "军区", "战区", "禁区", "港区", "校区", "厂区",
                         "矿区", "牧区", "疫区", "老区", "新区", "特区", "小区", "专区", "各省", "外省", "反省", "节省", "本省",
                         "神州", "郡县", "各县", "家乡", "故乡", "城乡", "他乡", "异乡", "下乡", "返乡", "老乡", "同乡", "思乡",
                         "城镇", "乡镇", "重镇", "小镇", "古镇", "村镇", "坐镇", "本市", "全市", "全县", "全省", "全区"})
# words a division's character begins (印太|区域, 强化|市场, 该州|州长): no division there
_DIVISION_WORDS = frozenset({"区域", "区块", "区间", "区别", "区分", "区隔", "市场", "市民", "市长", "市值", "市面", "市况", "市占",
                             "市容", "市议", "市集", "县长", "县民", "县议", "省长", "省籍", "省思", "省钱", "省下", "省略", "省议",
                             "州长", "州立", "州议", "乡长", "乡亲", "乡村", "乡下", "乡土", "乡愁", "乡间", "镇长", "镇压", "镇民",
                             "镇定", "镇守"})
_WHOSE_COUNTRY = frozenset("我该贵本两各他其此这那敝")  # 我国, 该国, 贵国: a country named by a pronoun
_AFTER_A_BODY = frozenset("，。、；：！？）」』”的和与及也")  # what follows a body's name that ends in 会
_NOT_GROUPS = frozenset({"机会"})  # nouns a group head ends that name no group
_MODIFIER_MAX = 5  # characters of modifier a headed noun phrase reaches back over
_NOT_MODIFIERS = frozenset("的了在是和与及或对向把被将也都就不没这那些其他我你她它们要会能可应并而且但为于以从")
_QUOTED_TERM = re.compile(r"[「“『《\"]([^「」“”『』《》\"，。！？；：、\s]{2,12})[」”』》\"]")
_CLAUSE_CHARS = frozenset("不没应该却就吗呢吧了我你他她")
_LATIN_LETTER = re.compile("[A-Za-z]")
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z0-9&.\-]{1,20}(?![A-Za-z])")
_HONORIFIC = re.compile("|".join(HONORIFIC_SUFFIXES))
_GLOSSED_NAME_MAX = 8
_AFTER_NAME = frozenset("和与及对向跟同把被说将也都已曾还则就又在")  # characters a bare name stands before (拜登|说)
_NOUN_SUFFIXES = frozenset("性师者")  # after a head they make another noun (建设性, 工程师)
_NOT_FREE_MODIFIERS = frozenset("世各外眼边境国然")  # 世界, 各界, 外界, 眼界, 边界, 境界, 国界, 自然界: no group
_NUMERALS = frozenset("0123456789一二两三四五六七八九十百几")
_COUNTING = _NUMERALS | frozenset("多数每各")
_MEASURES = frozenset("位名")  # 19位|知事, 两名|议员: counted people
_DEMONSTRATIVES = frozenset("这那该此本每各某整")
_DETERMINERS = _NUMERALS | _DEMONSTRATIVES  # not 数: 数位转型
_QUANTIFYING = _DETERMINERS | _COUNTING  # 这|, 两|, 各|: no part of a place's name
_NOT_GIVEN_NAME_STARTS = _DEMONSTRATIVES - {"本"}  # 许|该校, 由|每位; but 廖本烟
_CLASSIFIERS = frozenset("次个种项位名条件场些批份类届")
_MANY = frozenset({"更多", "许多", "很多", "诸多", "众多", "不少"})
_TITLE_REACH = 6  # characters before a name a title ending there may take
_OBJECT_MAX = 6  # characters of a noun phrase an attitude verb takes whole (反对暴政。, 提高防卫支出，)
_NOT_OBJECT_ENDS = frozenset("后上中等前时内外来行说么们者所余下")  # a time, a place, a list or a particle closes no name
# 支持者…, 支持到…, 保护主义…: the verb ends inside a longer word
_NOT_OBJECT_STARTS = ("主义", *"者之地得着过到等性化式型率")
_DI_NOUNS = ("地方", "地区", "地位", "地球", "地域")  # nouns 地 opens after a verb (落实|地方自治), no particle
_VERB_KINDS = frozenset({"attitude", "demand"})  # stance words that are verbs
_DEGREE = re.compile("[很越更最太较]|[好高低多少大小]$")  # 程度很高, 越好: a predicate of degree, no name
_CLAUSE_TAIL = re.compile(f"[\u4e00-\u9fff]{{3,{_OBJECT_MAX + 1}}}(?=[，。、；：！？]|$)")  # a verb's last character and its object


# ----------------------------------------------------------------------------- targets

@lru_cache(maxsize=1)
def _target_words() -> tuple[WordScanner, dict[str, str]]:
    """All target words, with their canonical names."""
    sides = side_lexicon()
    canonical = {}
    for word, side in sides.words.items():
        canonical[word] = word if len(word) > 1 and not word.endswith("方") else _party_name(side)
    for name in ("targets.txt", "domains.txt", "organs.txt", "countries.txt"):
        for word in _lexicon_lines(name):
            canonical.setdefault(word, word)
    return WordScanner(canonical), canonical


def _party_name(side: str) -> str:
    """The full name that stands for a party (中方 → 中国): its first multi-character word."""
    for word, s in side_lexicon().words.items():
        if s == side and len(word) > 1 and not word.endswith("方"):
            return word
    return side


def _lexicon_lines(name: str) -> list[str]:
    text = resources.files("quotes.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _topic_set() -> frozenset[str]:
    return frozenset(_lexicon_lines("targets.txt"))


def topic_terms(text: str) -> list[str]:
    """Issues and blocs named in ``text`` (simplified)."""
    scanner, _ = _target_words()
    topics = _topic_set()
    return [word for _, _, word in scanner.finditer(text) if word in topics]


@dataclass
class TargetMention:
    target: str  # the name as the quote writes it (normalised), which the stance is reported under
    start: int  # offsets into the quote text
    end: int
    kind: str = "party"  # party | issue | group | person | term


def find_targets(text: str, addressee: str | None = None, names: Iterable[str] = (),
                 words: Sequence[tuple[int, int, str]] | None = None,
                 titles: Sequence[tuple[int, int, str]] | None = None, surnames: frozenset[str] = frozenset()) -> list[TargetMention]:
    """Targets named in a quote (normalised text), one mention per target, first first, at
    most ``_MAX_TARGETS``; each named as the quote writes it (美方, not 美国).

    Candidates, every one a whole name (中美洲 is no 中国 and 美国):
    - the lexicons' parties, blocs, issues and organs (``words``: where they stand, when known);
    - ``names``: the people and organisations the document names elsewhere; ``surnames``: the
      two-character surnames of four-character names it gives with a title (森田 of 知事森田健一),
      by which a quote calls them before a title (森田知事);
    - terms in quotation marks (「青年創業方案」), Latin names (Google, NATO);
    - noun phrases headed by an issue or a group word (``target_heads.tsv``: …协议, …关系,
      …人民, 香港人); a person named with a title (赖院长, 蔡前总统).
    A mention inside a longer one is kept only when it is a party or a person inside an issue
    or a group (台帛友谊 and 台湾 both)."""
    scanner, _ = _target_words()
    party_words = side_lexicon().words
    mentions = []
    for a, b, word in scanner.finditer(text) if words is None else words:
        if len(word) > 1:
            mentions.append(TargetMention(text[a:b], a, b, "party"))
        elif text.startswith("军", b) and not text.startswith(_MILITARY_WORDS, b):  # 俄军, 美军: the army, as written
            mentions.append(TargetMention(text[a : b + 1], a, b + 1, "party"))
        elif _abbreviation_used(text, a, b, party_words):  # 中俄's 中 is reported as 中国, the name it stands for
            mentions.append(TargetMention(_party_name(party_words[word]), a, b, "party"))
    for name in names:
        i = text.find(name)
        if i >= 0 and len(name) > 1:
            mentions.append(TargetMention(name, i, i + len(name), "person"))
    mentions += _surnamed_people(text, surnames, titles)
    latin = _LATIN_LETTER.search(text) is not None  # most quotes hold no Latin letter: no name in them to look for
    mentions += (_quoted_terms(text) + (_latin_names(text) + _glossed_names(text) if latin else []) + _headed_phrases(text)
                 + _titled_people(text, titles) + _honoured_people(text) + _pairs(text) + _attitude_objects(text))
    taken: list[TargetMention] = []
    covered, named = bytearray(len(text) + 1), bytearray(len(text) + 1)  # characters of kept mentions; of kept names
    for t in sorted(mentions, key=lambda t: (t.start - t.end, t.start)):
        # kept when it overlaps no kept mention, or is a name overlapping only issues and groups
        if 1 not in covered[t.start : t.end] or (t.kind in _NAMES and 1 not in named[t.start : t.end]):
            taken.append(t)
            covered[t.start : t.end] = b"\x01" * (t.end - t.start)
            if t.kind in _NAMES:
                named[t.start : t.end] = b"\x01" * (t.end - t.start)
    taken += [t for t in _topics(text) if 1 not in covered[t.start : t.end]]  # a topic only where nothing else is named
    found: dict[str, TargetMention] = {}
    nested: set[int] | None = None  # the kept mentions inside longer ones, found when a target recurs
    for t in sorted(taken, key=lambda t: t.start):
        first = found.setdefault(t.target, t)
        if first is not t:
            nested = _nested(taken) if nested is None else nested
            if id(first) in nested and id(t) not in nested:
                found[t.target] = t  # 國會台灣連線…對臺灣的支持: the target where it stands on its own, as written there
    if addressee:
        for word in _ADDRESSEE:
            i = text.find(word)
            if i >= 0:
                found.setdefault(addressee, TargetMention(addressee, i, i + len(word), "party"))
                break
    kept = sorted(found.values(), key=lambda t: (_PRIORITY[t.kind], t.start))[:_MAX_TARGETS]
    return sorted(kept, key=lambda t: t.start)


def _word_starts(text: str, a: int) -> bool:
    """Does a word begin at ``a``: after a break, a preposition or conjunction, or a verb (确保|普京,
    感谢|林志明董事长)?"""
    return a == 0 or not _modifier_char(text[a - 1]) or text[a - 1] in _BEFORE_PERSON or _ends_word(text, a) or _attitude_ends_at(text, a)


def _word_ends(text: str, b: int) -> bool:
    """Does a word end at ``b``: before a break, a particle, or a word of the grammar (普京|无法, 拜登|在)?"""
    if b >= len(text) or not _modifier_char(text[b]) or text[b] in _AFTER_NAME:
        return True
    words = load().subject_words
    return any(words.get(text[b : b + n]) for n in (2, 3))  # not one character: 格瑞|那达, 海基|会


def _nested(taken: list[TargetMention]) -> set[int]:
    """The ids of the mentions that stand inside a longer one kept with them: in order of start
    (the longer first), a mention ending no later than the furthest end reached before it."""
    nested, reach, reached_by = set(), -1, None
    for t in sorted(taken, key=lambda t: (t.start, -t.end)):
        if reach >= t.end and (reached_by.start, reached_by.end) != (t.start, t.end):
            nested.add(id(t))
        if t.end > reach:
            reach, reached_by = t.end, t
    return nested


def _quoted_terms(text: str) -> list[TargetMention]:
    """「青年创业方案」, “九二共识”: a short term in marks names something; a clause in
    marks (“视频助理裁判应该介入却没有介入”) is speech, not a name."""
    return [TargetMention(m.group(1), m.start(1), m.end(1), "term") for m in _QUOTED_TERM.finditer(text)
            if not any(c in _CLAUSE_CHARS for c in m.group(1))]


def _topics(text: str) -> list[TargetMention]:
    """孝道是…, 网路行销的力量…: the noun a sentence of the quote opens on, what it is about."""
    lex = load()
    words = lex.subject_words
    return [TargetMention(m.group(1), m.start(1), m.end(1), "topic") for m in _TOPIC.finditer(text)
            if not m.group(1).startswith(_NOT_TOPIC_STARTS) and not m.group(1).endswith(_NOT_TOPIC_ENDS)
            and all(_modifier_char(c) for c in m.group(1))
            and lex.title_suffixes.longest(m.group(1)) is None  # 总统也…: the speaker or a person, named otherwise
            and not any(words.get(m.group(1)[i : i + n]) in _VERBAL for n in (1, 2) for i in range(len(m.group(1)) - n + 1))]


def _latin_names(text: str) -> list[TargetMention]:
    """Google, NATO: a name in Latin letters, unless it glosses the name before it (马拉西斯（Paolo
    Marassi）: the person is the one ``_glossed_names`` finds, not each word of the gloss)."""
    glosses = [m.span() for m in LATIN_GLOSS.finditer(text) if _glossed_name_before(text, m.start()) is not None]
    return [TargetMention(m.group(), m.start(), m.end(), "party") for m in _LATIN_NAME.finditer(text)
            if not any(a < m.start() < b for a, b in glosses)]


def _glossed_names(text: str) -> list[TargetMention]:
    """马拉西斯（Paolo Marassi）, 丹尼尔‧贝洛（Daniel Bello）: a transliterated name the
    quote glosses in Latin letters."""
    return _people_before(LATIN_GLOSS, text, _glossed_name_before)


def _people_before(marker: re.Pattern[str], text: str, name_before: Callable[[str, int], int | None]) -> list[TargetMention]:
    """The people ``name_before`` finds right before each match of ``marker`` (a gloss, an honorific)."""
    found = []
    for m in marker.finditer(text):
        start = name_before(text, m.start())
        if start is not None:
            found.append(TargetMention(text[start : m.start()], start, m.start(), "person"))
    return found


def _glossed_name_before(text: str, end: int) -> int | None:
    """Where the transliterated name ending at ``end`` begins (two to eight characters of the
    transliteration alphabet and name separators, after a break or a word of the grammar), or None."""
    lex = load()
    start = end
    while start > 0 and end - start < _GLOSSED_NAME_MAX and (text[start - 1] in lex.transliteration or text[start - 1] in NAME_SEPARATORS):
        start -= 1
    while start < end and text[start] in NAME_SEPARATORS:
        start += 1
    while end - start >= 2:  # 感谢|莫里森（Scott Morrison）: the name may begin after a verb the alphabet ends (谢)
        if _word_starts(text, start) or lex.title_suffixes.longest(text[max(0, start - _TITLE_REACH) : start]) is not None:  # 主席|史腾（Sarah Stern）
            return start
        start += 1
    return None


def _honoured_people(text: str) -> list[TargetMention]:
    """吳修齊先生, 孔憲蘭女士: a full name before an honorific."""
    return _people_before(_HONORIFIC, text, _name_before)


def _headed_phrases(text: str) -> list[TargetMention]:
    """Noun phrases closed by an issue or group head: 台帛友谊, 中国企业, 维吾尔人, 核协议."""
    heads = _heads()
    found = []
    for m in _head_matches(text, heads):
        a, b = m.span()
        if b - a == 1 and text[a : b + 1] in _LONGER_WORDS:
            continue  # 乌克兰部|队, 国际局|势, 民主人|士: the head opens a longer word
        if m.group() == "会" and _modal_after_party(text, a, b):
            continue  # 政府|会|持续…, 台湾|会|…: the modal verb "will", no body
        if text[max(0, a - 1) : b] in _NOT_GROUPS:
            continue  # 机会: a chance, no body
        place = m.group() in heads.place
        if place and (text[max(0, a - 1) : b] in _NOT_PLACES or text[a : b + 1] in _DIVISION_WORDS):
            continue  # 城市, 地区, 家乡: a common noun, no place's name; 区域, 市场, 州长: a longer word
        if b - a == 1 and not (m.group() in heads.free or place) and not (_named_place_before(text, a) or _known_noun_ending(text, a, b)):
            continue  # 他人, 做法损人, 有人: a one-character head needs a people's or a place's name (香港人), or a known noun (大法官)
        if (m.group() in heads.free or place) and (a < 2 or text[a - 1] in _NOT_FREE_MODIFIERS or not (_modifier_char(text[a - 1]) and _modifier_char(text[a - 2]))):
            continue  # 工程界, 宗教界: any two characters of modifier, but not 世界, 各界, 外界
        lo = a
        while (lo > 0 and a - lo < _MODIFIER_MAX and _modifier_char(text[lo - 1]) and not _ends_word(text, lo)
               and not _counted_before(text, lo) and not (place and text[lo - 1] in heads.place)):  # 广东省|深圳市
            lo -= 1
        if lo > 0 and a - lo >= _MODIFIER_MAX and _modifier_char(text[lo - 1]):
            # the run did not stop at a word's edge: keep only what begins with a known word
            # (推动至今服务人 → nothing)
            lo = next((i for i in range(lo, a) if _known_word_at(text, i)), a)
        elif lo < a and not _known_word_at(text, lo):
            # a modifier opening on no known word may hold the tail of a verb (把握两国关系,
            # 让两国人民): from its first known word on, when it has one
            lo = next((i for i in range(lo, a) if _known_word_at(text, i)), lo)
        lo = _past_verbs(text, lo, a)
        if a - lo == 1 and text[lo] == "国" and text[lo - 1 : lo] in _WHOSE_COUNTRY:
            lo = a  # 我国|政府, 该国|政府, 两国|政府: the country is named by a pronoun, the head speaks for it
        head_kind = heads.kinds[m.group()]
        if b - a == 1 and lo == a or place and (a - lo < 2 or any(c in _QUANTIFYING for c in text[lo:a])):
            continue  # and at least one character of it; a place two of its name, no count (各县|市, 云南两|省, 该教|区)
        if m.group() in heads.bound and (a - lo < 2 or text[b : b + 1] in _NOUN_SUFFIXES):
            continue  # 建设, 转型 are verbs too: a programme only with its modifier (公共建设), and not 建设性, 工程师
        found.append(TargetMention(text[lo:b], lo, b, head_kind))
    return found


def _head_matches(text: str, heads: _Heads) -> Iterator[re.Match[str]]:
    """The heads in ``text``, left to right; a closed head that modifies the noun after it (政治|稳定)
    is passed over, and a head inside it may still match (新政|府: 政府)."""
    pos = 0
    while (m := heads.pattern.search(text, pos)) is not None:
        if m.group() in heads.closed and not _word_ends(text, m.end()):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _attitude_objects(text: str) -> list[TargetMention]:
    """反对暴政。, 重视公共交通，, 反暴恐、反干涉: the short noun phrase an attitude verb of the
    stance lexicon takes as the whole rest of its clause is what the speaker is for or against."""
    attitude, last_chars = _attitude_verbs(), _attitude_verb_ends()
    found = []
    if _attitude_verb_pattern().search(text) is None:
        return found  # most quotes hold no such verb: one scan in C instead of a loop over clauses
    for m in _CLAUSE_TAIL.finditer(text):
        run, b = m.span()
        # the nearest verb before the clause's end (坚决反对|强权政治, not 坚决|反对强权政治)
        a = next((i for i in range(b - 2, run, -1) if text[i - 1] in last_chars
                  and (text[i - 2 : i] in attitude or text[i - 1] in attitude)), None)
        if a is None:
            continue
        phrase = text[a:b]
        if phrase.startswith(_NOT_TOPIC_STARTS) or any(c in _NOT_MODIFIERS for c in phrase) or _governs_at(text, b):
            continue  # 支持这项计划, 反对他们的做法: a pronoun, a determiner or a clause, not a name
        if phrase[-1] in _NOT_OBJECT_ENDS or phrase.startswith(_NOT_OBJECT_STARTS) or _DEGREE.search(phrase) or _holds_verb(text[a - 1 : b]):
            continue  # 提出指控后, 犯罪等, 程度很高; 达成两党协议: a time, a list, a degree, a verb phrase
        found.append(TargetMention(phrase, a, b, "issue"))
    return found


@lru_cache(maxsize=1)
def _attitude_verb_ends() -> frozenset[str]:
    return frozenset(w[-1] for w in _attitude_verbs())


@lru_cache(maxsize=1)
def _attitude_verb_pattern() -> re.Pattern[str]:
    return word_pattern(_attitude_verbs())


def _holds_verb(phrase: str) -> bool:
    """Does ``phrase`` hold a verb, an adverb or a time word the grammar reads, or a stance verb
    of attitude or demand (扩大|制裁范围, 多年|来, 推动|…; not the quality noun 暴政)?"""
    stance = cue_lexicon().words
    return load().holds_verb(phrase) or any(stance.get(phrase[i : i + n], ("", ""))[1] in _VERB_KINDS
                                            for n in (2, 3) for i in range(len(phrase) - n + 1))


def _modal_after_party(text: str, a: int, b: int) -> bool:
    """Is the 会 at ``text[a:b]`` the modal after a party, a government or a place named bare
    (政府会持续, 台湾会坚持), rather than the end of a body's name (欧洲议会)?"""
    return _named_place_before(text, a) and b < len(text) and text[b] not in _AFTER_A_BODY


def _counted_before(text: str, i: int) -> bool:
    """Does a count end at ``i`` (第一个|言论自由日, 更多|国际组织, 这项|协议)? A noun phrase begins after it."""
    two = text[max(0, i - 2) : i]
    return two in _MANY or (len(two) == 2 and two[0] in _DETERMINERS and two[1] in _CLASSIFIERS)


def _past_verbs(text: str, lo: int, a: int) -> int:
    """Where a modifier begins once the verbs that open it are left out (配合|政府, 使|人民,
    尊重|人民, 有|人): a stance verb of the polarity lexicon, a causative or a verb that takes
    such a noun as its object is no part of the noun phrase."""
    attitude = _attitude_verbs()
    if 0 < lo < a and (text[lo - 1 : lo + 1] in attitude or text[lo - 1 : lo + 1] in _OBJECT_VERBS):
        lo += 1  # 从|事: the verb began on a character no modifier takes
    while lo < a:
        verb = next((w for w in (text[lo : lo + n] for n in (2, 1)) if w in attitude or w in _OBJECT_VERBS), None)
        if verb is None or text.startswith(_NOT_OBJECT_STARTS, lo + len(verb)) and not text.startswith(_DI_NOUNS, lo + len(verb)):
            return lo  # (保护主义政策: the verb opens a longer word, kept; but 落实|地方自治)
        lo += len(verb)
    return lo


def _governs_at(text: str, i: int) -> bool:
    """Does a verb of the stance lexicon or one that governs a noun phrase end at ``i`` (感谢|总统)?"""
    attitude = _attitude_verbs()
    return any((w := text[i - n : i]) in attitude or w in _OBJECT_VERBS for n in (2, 1) if i >= n)


def _attitude_ends_at(text: str, i: int) -> bool:
    """Does a two-character attitude verb end at ``i`` (支持|蔡总统, 欢迎|林志明董事长)?"""
    return text[max(0, i - 2) : i] in _attitude_verbs()


@lru_cache(maxsize=1)
def _attitude_verbs() -> frozenset[str]:
    return frozenset(w for w, (_, kind) in cue_lexicon().words.items() if kind == "attitude" and len(w) <= 2)


def _known_word_at(text: str, i: int) -> bool:
    """Does a party, a target word or a noun the grammar knows begin at ``i`` (两国, 双边, 香港)?"""
    words, (_, canonical) = load().subject_words, _target_words()
    for n in (4, 3, 2):  # a loop, not any(): this runs for most characters of every quote
        word = text[i : i + n]
        if word in canonical or words.get(word) == "nominal":
            return True
    return _PAIR.match(text, i) is not None


def _titled_people(text: str, titles: Sequence[tuple[int, int, str]] | None = None) -> list[TargetMention]:
    """赖院长, 蔡前总统, 教宗方济各: a person a quote names by surname or name and title
    (``titles``: where the title lexicon's words stand, when known)."""
    lex = load()
    found = []
    for a, b, title in lex.title_scanner.finditer(text) if titles is None else titles:
        if len(title) < 2 or title in lex.anonymous:
            continue
        lo = a - (text[a - 1 : a] == "前")
        named = _name_before(text, lo)
        if named is not None:  # 0: the name opens the quote
            found.append(TargetMention(text[named:lo], named, lo, "person"))  # 林志明董事长, 阿马多兹总统
        elif text[lo - 1 : lo] in _MEASURES and text[lo - 2 : lo - 1] in _COUNTING:
            found.append(TargetMention(title, a, b, "group"))  # 15位|大法官: the office's holders, counted (位 is no surname here)
        elif lo > 0 and text[lo - 1] in lex.surnames and text[lo - 1] not in _BEFORE_PERSON and (
                lo == 1 or not _modifier_char(text[lo - 2]) or text[lo - 2] in _BEFORE_PERSON
                                                          or _ends_word(text, lo - 1) or _attitude_ends_at(text, lo - 1)):
            found.append(TargetMention(text[lo - 1 : b], lo - 1, b, "person"))  # 赖院长, 蔡前总统
        name = _NAME_AFTER.match(text, b)
        # 副部长宋立川, 教宗方济各: the name after the title (not 委员会邀请, 部长去年, 知事特别, 总统来访)
        if name and not _in_longer_word(text, a, b) and not lex.subject_words.get(name.group()[:2]) and (
                text[b] in lex.surnames or all(c in lex.transliteration for c in name.group())):
            found.append(TargetMention(text[b : name.end()], b, name.end(), "person"))
        elif title in HEADS_OF_STATE and lo == a and a > 0 and (text[a - 1] in _BEFORE_PERSON or _governs_at(text, a)) and not (
                _heads().pattern.match(text, b) or _heads().pattern.match(text, b + 1)):  # not 举行|总统大选: the office names the vote
            found.append(TargetMention(title, a, b, "person"))  # 感谢|总统, 与|副总统: the head of state a quote names bare (not its subject)
    return found


def _surnamed_people(text: str, surnames: frozenset[str], titles: Sequence[tuple[int, int, str]] | None) -> list[TargetMention]:
    """森田知事: a person called by a two-character surname (one of ``surnames``) before a title."""
    if not surnames:
        return []
    spans = load().title_scanner.finditer(text) if titles is None else titles
    return [TargetMention(text[a - 2 : a], a - 2, a, "person") for a, _, _ in spans if a >= 2 and text[a - 2 : a] in surnames
            and (a == 2 or not _modifier_char(text[a - 3]) or text[a - 3] in _BEFORE_PERSON or _ends_word(text, a - 2))]


def _name_before(text: str, end: int) -> int | None:
    """Where a full name standing right before a title begins (林志明|董事长, 阿马多兹|总统):
    a surname and two given characters, or a surname and a three-character transliteration,
    with a word's edge before it (a break, a conjunction or preposition, or a verb of the
    grammar: 感谢|林志明董事长, 支持|蔡总统) and no word of the grammar or attitude verb inside it (not 将继续|总统, 支持魏|总统).  None
    when no such name stands there; a surname and one character is ``_titled_people``'s 赖|院长."""
    lex = load()
    for n in (4, 3):
        start = end - n
        name = text[max(0, start) : end]
        if start < 0 or not all(_modifier_char(c) for c in name) or name[0] not in lex.surnames:
            continue
        if name[1] in _NOT_GIVEN_NAME_STARTS:
            continue  # 许|该校学生, 由|每位: a determiner opens a noun phrase, not a given name
        if n == 4 and not all(c in lex.transliteration for c in name[1:]):
            continue
        if _word_starts(text, start) and not any(lex.subject_words.get(name[i : i + k]) or name[i : i + k] in _attitude_verbs()
                            for k in (2, 3) for i in range(n - k + 1)):
            return start
    return None


def _named_place_before(text: str, a: int) -> bool:
    """Does a party, place or people's name end at ``a`` (香港|人, 维吾尔|人)?"""
    _, canonical = _target_words()
    return any(text[a - n : a] in canonical for n in (4, 3, 2) if a - n >= 0)


def _known_noun_ending(text: str, a: int, b: int) -> bool:
    """Is ``text[a-n:b]`` a noun the grammar knows (大法|官, 得奖|人)?"""
    words = load().subject_words
    return any(words.get(text[a - n : b]) == "nominal" for n in (1, 2, 3) if a - n >= 0)


def _in_longer_word(text: str, a: int, b: int) -> bool:
    """Is the word at ``text[a:b]`` the start of a longer noun the grammar knows (委员|会)?"""
    words = load().subject_words
    return any(words.get(text[a : b + n]) == "nominal" for n in (1, 2))


def _pairs(text: str) -> list[TargetMention]:
    """台日, 中美, 台帛: two parties named together as a relation; not where the second one
    opens a longer name (以|台湾, 在台|美国商会) or the first one closes a time or a name (明日|中国, 中东|以色列)."""
    _, canonical = _target_words()
    words = load().subject_words
    found = []
    for m in _PAIR.finditer(text):
        a, b = m.span()
        if m.group() in _NOT_PAIRS:
            continue
        if m.group()[-1] in _NAME_OPENERS and text[b : b + 1] in load().transliteration or text[a - 1 : a].isdigit():
            continue  # 欧巴马, 参加贝尼亚; 4月21日|巴国: a name, or a date before the party
        if m.group().startswith("以") and not text.startswith(_RELATION_WORDS, b):
            continue  # 以|台湾为念, 以法治国: 以 is the preposition unless a relation follows (以巴冲突)
        if b - a == 2 and m.group() not in ("两岸", "两国") and (
                any(text[a + 1 : a + 1 + n] in canonical for n in (2, 3)) or a > 0 and (words.get(text[a - 1 : a + 1]) == "time" or text[a - 1 : a + 1] in canonical)):
            continue
        found.append(TargetMention(m.group(), a, b, "issue"))
    return found


def _ends_word(text: str, i: int) -> bool:
    """Does a verb or an adverb of the subject grammar end at ``i`` (签署|友好协定, 盼|台美关系)?"""
    words = load().subject_words
    for n in range(1, min(3, i) + 1):  # a loop, not any(): this runs for most characters of every quote
        if words.get(text[i - n : i]) in _VERBAL:
            return True
    return False


def _modifier_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _NOT_MODIFIERS


@dataclass(frozen=True)
class _Heads:
    pattern: re.Pattern[str]
    kinds: dict[str, str]
    bound: frozenset[str]  # heads that are verbs too, a target only with a modifier (公共建设, not 建设)
    free: frozenset[str]  # one-character heads any two characters of modifier make a group (工程界)
    place: frozenset[str]  # one-character divisions of a country (千叶县, 美浓区)
    closed: frozenset[str]  # heads that modify a noun after them as often (民主政治, not 政治|稳定)


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    rows = [line.split("\t") for line in _lexicon_lines("target_heads.tsv")]
    kinds = {row[0]: row[1] for row in rows}
    flagged = lambda flag: frozenset(row[0] for row in rows if flag in row[2:])
    return _Heads(word_pattern(kinds), kinds, flagged("bound"), flagged("free"), flagged("place"), flagged("closed"))


def _abbreviation_used(text: str, a: int, b: int, words: dict[str, str]) -> bool:
    """A one-character party name counts in 中方/美军/中俄 compounds, not in 美元 or 日前."""
    nxt, prev = text[b : b + 1], text[a - 1 : a]
    if prev.isdigit():
        return False  # 1月2日|中国: a date's day, no Japan
    return bool(nxt and nxt in "方国军总外防驻官政媒") or (nxt in words and len(nxt) == 1) or (prev in words and len(prev) == 1)

