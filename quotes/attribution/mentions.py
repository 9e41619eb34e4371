"""Mentions: what kind of speaker a subject phrase names, split into role and name.

A phrase the grammar found (``中国新任国防部长董军``, ``蔡英文总统``, ``该发言人``, ``路透社``,
``一名参与磋商的外交官``) is typed by the first rule of ``RULES`` that accepts it. A phrase no
rule accepts is not a speaker: a predicate fragment, a time word or a bare noun gives None.
"""
from __future__ import annotations

from functools import cached_property

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicons import BODY_KINDS, HONORIFIC_SUFFIXES, LATIN_GLOSS, NAME_SEPARATORS, Lexicons

_HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_FOREIGN_PART = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}$")
_DESCRIBED_KINDS = (*BODY_KINDS, "公司", "企业")  # a kind of body a descriptor ends with before the name (芯片设计公司|某某)
_DESCRIPTOR = re.compile(r"^[\u4e00-\u9fff]{2,16}$")  # a short description in characters
_LATIN_TAIL = re.compile(r"[A-Za-z][A-Za-z0-9&.'’ -]*$")  # a name in Latin letters closing a phrase
_MODIFIERS = ("新任", "现任", "时任", "前任", "前", "代理", "署理", "候任", "首任")
_LONG_GIVEN_NAMES = ("一郎", "二郎", "三郎", "四郎", "五郎", "次郎", "太郎", "之助", "之介")  # 小泉进次郎: five characters make a name
_LOCATIVES = set("时后下里前内外间")  # 会后, 期间: no name ends so (a name may end in 中 or 上: 王立中, 刘建上)
_ISSUER_COUNTER = re.compile("(?:一|这|那|该)(?:个|份|家|间)")
OFFICES = frozenset({"主席", "部长", "首相", "总统", "总理", "议长", "参议长", "州长", "市长", "大使", "参议员", "众议员", "议员", "主委", "院长"})
_SITE_SUFFIXES = ("官方网站", "官网", "网站", "网页", "官方微信", "官方微博", "微信公众号", "公众号", "官方账号", "的新闻")  # a site, an account, an outlet's news (某台的新闻): the owner speaks
_OFFICE_KEPT = tuple(m for m in _MODIFIERS if m not in ("时任", "前任", "前"))  # 新任, 代理: the office is held
_TITLE_MODIFIERS = (*_MODIFIERS, "原", "副", "资深", "首席", "常务")  # before a title, after a name (莫迪里前代理部长, X原主任, X资深副会长)
_NAME_MARKS = str.maketrans("", "", "“”「」『』\"")
_FUNCTION_CHARS = set("的了是在没不这那个们着过也都就我你您她他咱和与及或等")  # never in a name (but 文在寅)
_NOT_AFTER_ZAI = set("此这那场座会家台港京沪澳内外中上下前后里间时")  # 王在此, 李在场, 习在会: 在 a preposition
_COUNTED = re.compile("(?:[一两二三四五六七八九十几数多]|该|这|那|另一)(?:名|位|个)")  # 一名 两位 该名
_COUNTED_REACH = 6  # characters of a place (秀林乡一名…) that may come before the count
_PHRASE_MAX = 30
# 俄罗斯联邦安全会议|发布的一份|声明, 某研究所|的年度|报告: how a paper is issued, between its issuer and its noun
# what stands between an issuer and its paper, at the end of what is searched: 发布的一份, 进行的一项,
# 的这篇 (美国驻欧空军|在星期三发表的一份|声明)
ISSUED = re.compile("(?:在|于)?(?:随后|当天|稍后)?(?:发布|发表|公布|发出|出具|递交|提交|进行|发)?(?:的)?"
                    "(?:(?:[一这该那](?:份|篇|项))?(?:年度|年终|季度|月度|最新|内部|初步|最终|书面|正式)|[一这该那](?:份|篇|项))$")
_AUTHORED = re.compile("由([^，。；的]{2,20}?)(?:撰写|执笔|起草|发表|发布|提交)的")  # 由某教授撰写的|名为《…》的文章
# a phrase ending in a separated foreign name, perhaps glossed (在职母亲阿什莉·萨尔根尼克（Ashley S.）)
SEPARATED_NAME_END = re.compile(f"[\u4e00-\u9fff]{{1,8}}[{NAME_SEPARATORS}][\u4e00-\u9fff]{{1,8}}(?P<gloss>[（(][^（()）]{{1,40}}[）)])?$")
_GIVEN_NAME_LONG = 6  # a separated name's first part longer than this is no given name
_GIVEN_NAME_MAX = 4  # characters of a transliterated given name before its separator (萨曼莎·)
_LABEL_MAX = 8
_TITLED = ("题为", "名为", "标题为", "题目为")  # 题为《…》的报告: a title that describes the paper
_OFFICIAL = ("官方", "政府", "当局")
_HAVING = frozenset("所没具拥占")  # 所有, 没有, 具有, 拥有, 占有: 有 in a word, not "there are"
_COUNT_BEFORE = re.compile("[一两二三四五六七八九十几数多][组位名个家批群]$")  # 一组|有影响力的…: a count before 有
_EXISTENTIAL_REACH = 8  # characters of place (中国网上) before 有
_NAMED_AS = re.compile("[^“”「」]{0,12}?(?:名为|叫做|名叫|网名|昵称|化名|署名)[“「\"](?P<name>[^“”「」\"]{1,12})[”」\"]的(?P<head>[\u4e00-\u9fff]{1,6})")
_QUANTITY = re.compile("一些|一部分|部分|许多|不少|几个|多个|多名|多位|几名|几位|数名|数位|有的|一批|一群|众多|诸多")
_QUANTITY_BEFORE = re.compile(f"(?:{_QUANTITY.pattern})$")  # 一些|有影响的…: a quantity before 有
_ALLIES = ("盟友", "盟国", "伙伴", "友邦", "支持者")  # what a party names along with itself (及其盟友)
_COORDINATED_MAX = 6  # parties named in one list (美国、日本、韩国和澳大利亚)
_PLACE_ENDINGS = set("国洲省市州县区乡镇岛")
_QUANTIFIERS = set("一二两三四五六七八九十几数多某每各该这那第")  # 一些, 四名, 第八次: no name begins so
_TIME_CLAUSE_ENDS = ("以来", "之际", "期间", "之后", "以后", "之前", "以前")  # a clause of time closes so
_BODY_NAME_MAX = 6
_NOT_NAME_STARTS = frozenset("或和与及对在向把被将一两二三四五六七八九十")  # 团体|对…, 组织|一年前: a clause goes on
_OCCUPATIONS = set("者员人家师长主商生民工官士手户卿")  # how a descriptor of someone ends (业者, 店员)  # a headline label longer than this is a clause


@dataclass
class Mention:
    """A speaker phrase as read from the text (offsets into the normalised copy)."""

    text: str
    start: int
    end: int
    kind: str = "unknown"  # person | organization | media | anonymous | document
    name: str | None = None  # the canonical candidate; None for an anaphor
    role: str | None = None
    anaphor: str | None = None  # the title an anaphor refers back by ('' for a bare pronoun)
    surname: str | None = None  # 杜官, 蔡总统: the antecedent must bear this surname
    strict: bool = False  # a role with no name (州务大臣): the holder, or the role itself
    plural: bool = False  # 他们: refers to a group
    first_person: bool = False  # 我 in a speech's narration: the person the document is about
    cataphoric: bool = False  # a headline's speaker may be named later in its story
    name_spans: tuple[tuple[int, int], ...] = ()  # where the name's characters stand
    role_spans: tuple[tuple[int, int], ...] = ()  # likewise for the role
    document: str | None = None  # 新闻稿 in 俄罗斯外交部新闻稿说: the speaker speaks through a document

    def __post_init__(self) -> None:
        if not self.name_spans and self.name is not None and self.name == self.text:
            self.name_spans = ((self.start, self.end),)


def role_spans(role: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The spans of a role phrase without a modifier that leaves the office held (中国新任国防部长 →
    中国, 国防部长); a former office stays one (美国前总统: no 美国总统)."""
    for mod in _OFFICE_KEPT:
        i = role.find(mod)
        if i >= 0 and len(role) > len(mod) and not role.startswith(mod + "总统") and not role.startswith(mod + "副"):
            spans = ((offset, offset + i), (offset + i + len(mod), offset + len(role)))
            return tuple((x, y) for x, y in spans if y > x)
    return ((offset, offset + len(role)),)


def join_spans(spans: tuple[tuple[int, int], ...], text: str) -> str:
    return "".join(text[x:y] for x, y in spans)


_UNKNOWN = object()
_VERDICTS_MAX = 200_000  # phrases remembered: the memory of a long run stays flat


class MentionTyper:
    """Types the subject phrases of one document."""

    def __init__(self, norm: str, lex: Lexicons, known: Callable[[str], bool]):
        self.norm = norm
        self.lex = lex
        self.known = known  # is this a name the document already introduced?
        self._verdicts = lex.name_verdicts
        if len(self._verdicts) > _VERDICTS_MAX:
            self._verdicts.clear()

    def type(self, a: int, b: int, headline: bool = False, direct: bool = False) -> Mention | None:
        """The mention ``norm[a:b]`` makes, by the first rule that accepts it, or None.

        ``direct``: the phrase opens the cue's own clause, where a short unknown word is a
        name (森田健一表示), not a phrase read further back (……的成果，相信). A headline's label (``民政：…``, ``人妻：…``) is a speaker whatever noun it is, so long as
        it is a short noun phrase."""
        while b > a and self.norm[b - 1] in " ，、：；的":
            b -= 1
        while a < b and self.norm[a] in " ，、：；的":  # (2006年)的一个政府报告: no phrase opens on 的
            a += 1
        glosses = list(LATIN_GLOSS.finditer(self.norm, a, b))
        if glosses:
            return self._around_gloss(a, b, glosses[-1], headline, direct)
        if b <= a:
            return None
        if b - a > _PHRASE_MAX:
            return self._last_apposed(a, b, headline, direct)
        if self.norm[b - 1] in "”」":
            opened = max(self.norm.rfind("“", a, b), self.norm.rfind("「", a, b))
            if opened > a and self.norm.endswith(_SITE_SUFFIXES, a, opened):
                b = opened  # 某县纪委官方微信“某县清风”: the account's name in marks after the site
        for suffix in _SITE_SUFFIXES:
            if self.norm.endswith(suffix, a, b) and b - a > len(suffix) + 1:
                owner = self.type(a, b - len(suffix), headline, direct)  # 生态环境部网站: the ministry speaks
                if owner is not None and owner.kind in ("organization", "media", "party"):
                    return owner
        for suffix in (*HONORIFIC_SUFFIXES, "本人", "等"):
            if self.norm.endswith(suffix, a, b) and b - a > len(suffix) + 1:
                b -= len(suffix)  # 彭光理先生 is 彭光理; 美国和欧盟等, the parties named; 拜登本人, himself
                break
        text = self.norm[a:b]
        if text.endswith(_TIME_CLAUSE_ENDS):
            return None  # 自从某地爆发抗议以来: a time clause, no one who speaks
        if text in self.lex.first_person:
            return Mention(text, a, b, "person", anaphor="", first_person=True)
        if text in self.lex.not_speakers:
            return None
        for rule in RULES:
            m = rule(self, a, b, text, direct)
            if m is not None:
                return self._organisation_head(m)
        m = self._last_apposed(a, b, headline, direct)
        if m is not None:
            return m
        if headline and len(text) <= _LABEL_MAX and self.organisation_like(text) and self.plausible_name(text[:4]):
            return Mention(text, a, b, "unknown", name=text)
        return None

    def _last_apposed(self, a: int, b: int, headline: bool, direct: bool) -> Mention | None:
        """资深记者、政治分析家周全: the last part of an appositive chain, however long the chain."""
        comma = self.norm.rfind("、", a, b)
        if comma > a and b - comma > 3:
            return self.type(comma + 1, b, headline, direct)
        return None

    def _around_gloss(self, a: int, b: int, gloss: re.Match[str], headline: bool, direct: bool) -> Mention | None:
        """A phrase holding a Latin gloss: 帕特·莱德(Pat Ryder)少将 is the name before it with the
        rank after it; 防务优先（Defense Priority）研究员德佩特里斯 is the words after it."""
        tail = self.norm[gloss.end() : b]
        if tail[:1] in "和与及、":
            return _coordinated(self, a, b, self.norm[a:b], direct)  # 萨勒赫(Saleh)和哈尼·艾哈迈德
        if tail and tail not in self.lex.titles and tail not in self.lex.media and not self._opens_predicate(tail):
            m = self.type(gloss.end(), b, headline, direct)  # (but 《某网》（Gloss）报纸: the outlet's kind)
            if m is not None:
                return m
        m = self.type(a, gloss.start(), headline, direct)
        if m is not None and tail in self.lex.titles and m.kind == "person" and m.anaphor is None:
            m.role, m.role_spans = tail if not m.role else m.role + tail, m.role_spans + ((gloss.end(), b),)
        return m

    def _organisation_head(self, m: Mention) -> Mention:
        """由军方控制的地方卫生部 is 地方卫生部: an organisation's relative clause is no part of
        its name."""
        if m.kind != "organization" or "的" not in m.text or m.anaphor is not None:
            return m
        de = m.start + m.text.rfind("的") + 1
        head = self.type(de, m.end)
        return head if head is not None and head.kind in ("organization", "media") and head.name else m

    def _opens_predicate(self, text: str) -> bool:
        """Does ``text`` open with an adverb, a preposition, a time word or a verb (在与…会谈)?"""
        words = self.lex.subject_words
        return any(words.get(text[:n]) in ("adverb", "opener", "time", "predicate") for n in range(min(4, len(text)), 0, -1))

    # -- name tests
    def plausible_name(self, name: str) -> bool:
        """A bare two- to four-character name: not a verb, an adverbial or a function word."""
        if not all(c.isalnum() or c in NAME_SEPARATORS for c in name):
            return False  # 党议员|。: punctuation is no given name
        # 巴都拉, 洪贝里: a transliteration (after its first character, which may be a surname's)
        first = name[0] in self.lex.transliteration or name[0] in self.lex.surnames and name[0] not in _FUNCTION_CHARS
        transliterated = len(name) >= 3 and first and all(c in self.lex.transliteration for c in name[1:])
        if name[-1] in _LOCATIVES and not transliterated:
            return False
        if any(c in _FUNCTION_CHARS for c in name) and not transliterated and not self._korean_given_name(name):
            return False  # but 巴都拉, 卡都里: a transliteration may hold 都 or end in 里
        if name[-1] in "中上" and not (len(name) == 3 and name[0] in self.lex.surnames):
            return False  # 会中, 抗议者中; but 王立中
        words = self.lex.subject_words
        return not any(words.get(name[i : i + n], "nominal") != "nominal" for n in (2, 3) for i in range(len(name) - n + 1))

    def _korean_given_name(self, name: str) -> bool:
        """文在寅, 申在勋: a Korean given name may open on 在 (a surname, 在, and a character that
        makes no place or time of it: not 王在此, 李在场)."""
        return (len(name) == 3 and name[0] in self.lex.surnames and name[1] == "在" and name[2] not in _NOT_AFTER_ZAI
                and name[2] not in _FUNCTION_CHARS)

    def surnamed(self, name: str) -> bool:
        """A Chinese name starts with a surname; a transliterated one is made of
        transliteration characters."""
        return name[:1] in self.lex.surnames or name[:2] in self.lex.surnames or all(c in self.lex.transliteration for c in name)

    def person_name(self, text: str, bare: bool = False) -> bool:
        """A personal name as news writes it: 蔡英文, 布林肯, 罗伯特·萨尔加多, John Smith.

        ``bare``: the phrase stands right before its cue or after a title, where two to four
        characters that are no word of the grammar are a name (森田健一, 小川直树).  What the
        lexicons alone decide is remembered across documents (the same phrases recur); only
        whether the document introduced the name is asked each time."""
        key = (text, bare)
        verdict = self._verdicts.get(key, _UNKNOWN)
        if verdict is _UNKNOWN:
            verdict = self._verdicts[key] = self._name_by_form(text, bare)
        return self.known(text) if verdict is None else verdict

    def _name_by_form(self, text: str, bare: bool) -> bool | None:
        """``person_name`` by the lexicons alone; None when it is a name only if the document
        introduced it."""
        if _LATIN_NAME.match(text):
            return True
        if any(c in text for c in NAME_SEPARATORS):
            if "的" in text:
                return False  # 部长的|马都拉‧森: the name begins after it
            parts = re.split(f"[{NAME_SEPARATORS}]", text)
            # a first part this long is a description running into the given name (自行车爱好者米莉·…)
            # unless it is all transliteration (亚历山德里亚·…)
            long_first = len(parts[0]) > _GIVEN_NAME_LONG and not all(c in self.lex.transliteration for c in parts[0])
            return all(_FOREIGN_PART.match(p) for p in parts) and len(parts) <= 4 and not long_first
        if not _HAN.match(text) or not self.plausible_name(text) or text[0] in _QUANTIFIERS:
            return False
        return True if self._reads_as_name(text, bare) else None

    def _reads_as_name(self, text: str, bare: bool) -> bool:
        """A plausible name that is a name whether or not the document introduced it."""
        if text in self.lex.subject_words or text in self.lex.common_nouns:
            return False  # 回廊, 主席, 制裁: a word, not a name, whatever surname it opens with
        if len(text) <= 3 and self.surnamed(text):
            return True
        skip = 1 if text[0] in self.lex.surnames else 0  # 于正义's 于 is a surname, 以军礼's 以 a preposition
        if bare and (len(text) <= 4 or len(text) == 5 and text.endswith(_LONG_GIVEN_NAMES)) and not self._descriptive(text) and not any(
                self.lex.subject_words.get(c, "nominal") != "nominal" for c in text[skip:]):
            return True  # 森田健一; not 会时说 (a name from no surname holds no adverb or verb)
        known = sum(c in self.lex.transliteration for c in text)
        return 2 <= len(text) <= 8 and known >= len(text) - 1 and known >= 0.6 * len(text)

    def _descriptive(self, text: str) -> bool:
        """Does ``text`` end as a description does (知情人士, 警方, 外交部): a title, an
        unnamed source, an organisation or an outlet?"""
        lex = self.lex
        return (lex.title_suffixes.longest(text) is not None or text.endswith(lex.anonymous)
                or lex.body_suffixes.longest(text) is not None or text.endswith(lex.organizations))

    def may_be_name(self, text: str) -> bool:
        """Not a title, a party or an organisation (美国总统, 东盟秘书长 carry no name)."""
        lex = self.lex
        return (text not in lex.titles and text not in lex.parties and text not in lex.organizations
                and text not in lex.countries and lex.body_suffixes.longest(text) is None
                and not (text.endswith("社") and text[:-1] in lex.media))  # 路透社, whose 路 is a surname

    def honorific_name(self, text: str) -> int:
        """拿督斯里诺丁: the length of a leading honorific before a name, or 0."""
        for prefix in self.lex.honorifics:
            if text.startswith(prefix) and 2 <= len(text) - len(prefix) <= 6 and self.plausible_name(text[len(prefix):]):
                return len(prefix)
        return 0

    def _surname_led(self, text: str) -> bool:
        """A three-character name opening on a surname (方济各, not 方面 or 府发言人)."""
        return len(text) == 3 and text[0] in self.lex.surnames and self.plausible_name(text) and text not in self.lex.subject_words

    def split_title(self, text: str) -> tuple[int, int, int] | None:
        """(title start, name start, name end) of the last title that a personal name follows
        (and perhaps a rank after the name: 次长颜有贤中将)."""
        best, reach = None, -1
        for m in self.lex.title_starts.finditer(text):
            i, title = m.start(), m.group(1)
            rest = text[i + len(title) :]
            if i + len(title) <= reach:
                continue  # 总统 inside 副总统
            word = next((w for n in (4, 3) if (w := text[i : i + n]) in self.lex.subject_words and len(w) > len(title)), None)
            if word is not None and self.lex.subject_words[word] == "nominal":
                continue  # 委员 in 委员会
            reach = max(reach, i + len(title))
            if len(title) < 2 or not rest or (rest[0] in self._body_characters and not self._surname_led(rest)):
                continue  # 总统|室一名官员: the title names a body (总统室, 总统府), no person follows (but 教宗|方济各)
            trailing = self.lex.title_suffixes.longest(rest)  # 次长颜有贤中将: a rank after the name
            if trailing and len(rest) > len(trailing) + 1:
                rest = rest[: -len(trailing)]
            elif trailing:
                continue
            if (self.person_name(rest, bare=True) or self.honorific_name(rest)) and self.may_be_name(rest) and rest not in self.lex.documents:
                best = (i, i + len(title), i + len(title) + len(rest))
        return best

    @cached_property
    def _body_characters(self) -> frozenset[str]:
        """Characters that, after a title, make it a body's name (室 of 总统室, 府 of 总统府)."""
        return frozenset(w for w in self.lex.organizations if len(w) == 1)

    def organisation_like(self, text: str) -> bool:
        return len(text) >= 2 and not any(c in text for c in "了着过吗呢吧") and all(
            "\u4e00" <= c <= "\u9fff" or c.isalnum() or c in "《》·（）()" for c in text)


# ------------------------------------------------------------------ the rules, in order

def _pronoun(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    if text in t.lex.pronouns:
        return Mention(text, a, b, "person", anaphor="", plural=text.endswith("们"))
    return None


def _determined(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """该发言人, 这位官员, 这份声明, 外交部的这名发言人: a determiner refers back."""
    owner = text.rfind("的") + 1  # 外交部的|这名发言人
    for det in t.lex.determiners:
        if text.startswith(det, owner) and len(text) > owner + len(det):
            rest = text[owner + len(det) :]
            if rest in t.lex.documents or rest.endswith(t.lex.documents):
                # 这份声明 refers back; 某组织的这篇文章 names its issuer (``_document``)
                return Mention(text, a, b, "document", document=rest) if owner == 0 else None
            if rest in t.lex.organizations and len(rest) > 1 and t.lex.title_suffixes.longest(rest) is None:
                return Mention(text, a, b, "organization", anaphor=rest)  # 该公司, 该组织: the body named before
            if t.lex.title_suffixes.longest(rest) is None and not rest.removesuffix("们").endswith(t.lex.anonymous):
                continue  # 此次会议: no one a determiner could refer back to; 该组|织: a shorter determiner may (该|组织)
            return Mention(text, a, b, "person", anaphor=rest, plural=det == "这些")
    return None


def _existential(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """有消息人士, 有报道: "there is someone who…", an unnamed source (有 left out of a person,
    kept with a paper: 有报道称 is "reports say")."""
    i = text.find("有")
    if not 0 <= i <= _EXISTENTIAL_REACH or len(text) - i < 3 or text.startswith(("有些", "有的"), i):
        return None  # 有些专家 is a quantity of them, not "there are"
    if text[i - 1 : i] in _HAVING or _COUNT_BEFORE.search(text, 0, i) or _QUANTITY_BEFORE.search(text, 0, i):
        return None  # 所有这些专家, 一组有影响力的专家, 一些有影响的评论人士: all of them, or those having something
    rest = text[i + 1 :]
    if rest in t.lex.data_nouns:
        return None  # 有数据显示: data someone has, not a source that speaks
    if not (rest.endswith(t.lex.documents) or rest.endswith(t.lex.anonymous) or rest.endswith(t.lex.media)):
        return None
    if not rest.endswith(t.lex.anonymous):
        return Mention(text, a, b, "anonymous", name=text)  # 有报道称, 有评论认为: "reports say", not a report
    spans = tuple(x for x in ((a, a + i), (a + i + 1, b)) if x[1] > x[0])
    return Mention(text, a, b, "anonymous", name=text[:i] + rest, name_spans=spans)


def _document(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """公报称, 俄罗斯外交部新闻稿说: a document speaks for its issuer."""
    noun = next((n for n in t.lex.documents if text.endswith(n)), None)
    if noun is None:
        return None
    base = b - len(noun)
    while base > a and t.norm[base - 1] in "的之":
        base -= 1
    authored = _AUTHORED.match(t.norm, a, base)
    if authored is not None:  # 由某教授张明撰写的…文章: its author speaks
        author = t.type(*authored.span(1), direct=direct)
        if author is not None and author.kind in ("person", "organization", "media", "anonymous") and author.anaphor is None:
            author.document = noun
            return author
    issued = ISSUED.search(t.norm, a, base)
    if issued is not None:
        base = issued.start()  # 俄罗斯联邦安全会议|发布的一份|声明
    elif noun in t.lex.data_nouns and base == b - len(noun) and not _official(t, t.norm[a:base]):
        base = a  # 贸易|数据, 最新|民调: a topic or a time, not who issued the data (but 中国官方|数字, 统计局|数据)
    if base == a:
        return Mention(text, a, b, "document", document=noun)
    inner = t.type(a, base, direct=direct)
    if inner is None:  # 去年的一个政府|报告: the issuer after the last 的, without its counter
        owner = t.norm.rfind("的", a, base) + 1 or a
        counted = _ISSUER_COUNTER.match(t.norm, owner, base)
        owner = counted.end() if counted else owner
        if a < owner < base:
            inner = t.type(owner, base, direct=direct)
    if inner is not None and inner.kind != "document":
        inner.document = noun
        return inner
    return Mention(text, a, b, "document", document=noun)


def _official(t: MentionTyper, prefix: str) -> bool:
    """Does ``prefix`` name an authority or a body that issues data (中国官方, 国家统计局)?"""
    suffix = t.lex.organization_suffixes.longest(prefix)
    return prefix.endswith(_OFFICIAL) or suffix is not None and (len(suffix) > 1 or len(prefix) >= 3)  # not 社会|数据


def _book(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """《纽约时报》说: a publication named by its title; but 题为《…》的报告 is a paper the title
    describes, read as a paper (``_document``)."""
    book = re.fullmatch(r"[\u4e00-\u9fff]{0,6}《([^》]{1,20})》[\u4e00-\u9fff]{0,4}", text)
    if book and text.startswith(_TITLED):
        return None
    if book:
        span = (a + book.start(1), a + book.end(1))
        return Mention(text, a, b, "media", name=book.group(1), name_spans=(span,))
    return None


def _named_as(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """名为“前HR本人”的博主, 叫做“花叔”的博主: someone known by the name in marks (a name after
    the description, 简介为“…”的用户董宝珍, is read by the rules after this one)."""
    m = _NAMED_AS.fullmatch(text)
    if m is None:
        return None
    span = (a + m.start("name"), a + m.end("name"))
    return Mention(text, a, b, "person", name=m.group("name"), name_spans=(span,), role=m.group("head"),
                   role_spans=((a + m.start("head"), a + m.end("head")),))


def _party(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """五角大楼, 美国, 塔斯社, 北京, 阿联酋: a party's organ, outlet or the state itself, or any country."""
    if len(text) > 1 and (text in t.lex.parties or text in t.lex.countries) and t.lex.title_suffixes.longest(text) is None:
        return Mention(text, a, b, "media" if text.endswith(t.lex.media) else "organization", name=text)
    if text.endswith("方面") and len(text) > 3 and text[:-2] in t.lex.parties:
        return Mention(text, a, b, "organization", name=text)  # 俄罗斯方面: the side itself, as named
    return None


def _titled_name(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """中国新任国防部长董军: title, then name (李总统登辉: surname, title, given name)."""
    split = t.split_title(text)
    if split is None:
        return None
    title_start, name_start, name_end = split
    name_start += t.honorific_name(text[name_start:name_end])
    for suffix in HONORIFIC_SUFFIXES:  # 李主席登辉先生
        if text.endswith(suffix, name_start, name_end) and name_end - name_start > len(suffix) + 1:
            name_end -= len(suffix)
    name = text[name_start:name_end]
    s = title_start - 1
    if (s >= 0 and len(name) <= 2 and text[s] in t.lex.surnames
            and (s == 0 or t.lex.organization_suffixes.longest(text[:s]) is not None)):  # 王总统明德, 民主党王主席明德
        return Mention(t.norm[a:b], a, b, "person", name=text[s] + name, role=text[:s] + text[title_start:name_start],
                       name_spans=((a + s, a + s + 1), (a + name_start, a + name_end)),
                       role_spans=tuple(sp for sp in ((a, a + s), (a + title_start, a + name_start)) if sp[0] < sp[1]))
    spans = role_spans(text[:name_start], a)
    return Mention(t.norm[a:b], a, b, "person", name=name, role=join_spans(spans, t.norm),
                   name_spans=((a + name_start, a + name_end),), role_spans=spans)


def _name_then_title(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """蔡英文总统, 杨京州长, 伊维斯前总统: a name, then its title."""
    title = t.lex.title_suffixes.longest(text)
    if title is None or len(text) == len(title) or title in t.lex.anonymous:
        return None  # 哈尔科夫官员: a place's officials, not a person named 哈尔科夫
    name = text[: -len(title)]
    while name.endswith(_TITLE_MODIFIERS) and len(name) > 2:  # 莫迪里|前代理|部长
        name = name[: -len(next(m for m in _TITLE_MODIFIERS if name.endswith(m)))]
    office = title.removeprefix("副") in OFFICES  # an office vouches for the name before it (莎菟兰副主席, 佐藤宏和众议员)
    if not (t.person_name(name) or (office and 2 <= len(name) <= 4 and _vouched_name(t, name))) or not t.may_be_name(name):
        return None
    cut = a + len(name)
    return Mention(text, a, b, "person", name=name, role=text[len(name):], name_spans=((a, cut),), role_spans=((cut, b),))


def _vouched_name(t: MentionTyper, name: str) -> bool:
    """A name an office title follows: two to four characters that read as a bare name (a
    four-character one: 佐藤宏和, 田中一郎), not places or counts (世界各国|议员, 美国国会|议员).
    Before an office 和 in a four-character name's given part is a name's character (宪和), not
    a conjunction, so the name is read as if it held another."""
    if len(name) == 4 and any(c in _QUANTIFIERS or c in _PLACE_ENDINGS for c in name):
        return False
    given_he = len(name) == 4 and "和" in name[2:]
    return t.person_name(name.replace("和", "一") if given_he else name, bare=True)


def _surname_title(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """杜官, 王部长, 蔡总统: a named person by surname and title."""
    for size in (2, 1):
        if len(text) > size and text[:size] in t.lex.surnames and text[size:] in t.lex.titles:
            return Mention(text, a, b, "person", anaphor=text[size:], surname=text[:size], role=text[size:])
    return None


VISITORS = "访宾"  # 訪賓表示: the visitors, whom the story named as it received them


def _visitors(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """访宾, 访宾们: the visiting guests, an anaphor of the one the story received."""
    if text.removesuffix("们") == VISITORS:
        return Mention(text, a, b, "person", anaphor=VISITORS, plural=text.endswith("们"))
    return None


def _title(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """总统, 外交部发言人, 卫福部长: a role with no name refers to whoever holds it."""
    if text.endswith("们") and len(text) > 2:
        text, b = text[:-1], b - 1  # 美国官员们
    title = t.lex.title_suffixes.longest(text)
    if title is None or not t.organisation_like(text) and text != title:
        return None
    spans = role_spans(text, a)
    role = join_spans(spans, t.norm)
    return Mention(text, a, b, "person", name=text, role=role, role_spans=spans, anaphor=role, strict=True)


def _known_name(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    if t.person_name(text, bare=direct) and t.may_be_name(text):
        return Mention(text, a, b, "person", name=text)
    if t.honorific_name(text):
        n = t.honorific_name(text)
        return Mention(text, a, b, "person", name=text[n:], name_spans=((a + n, b),))
    return None


def _media(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    if text.endswith(t.lex.media) and t.organisation_like(text):
        return Mention(text, a, b, "media", name=text)
    return None


def _anonymous(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    if text.endswith(t.lex.anonymous) or text.removesuffix("们").endswith(t.lex.anonymous) or "不愿具名" in text or "匿名" in text:
        return Mention(text, a, b, "anonymous", name=text, plural=not _COUNTED.search(text, 0, _COUNTED_REACH))
    if _COUNTED.search(text, 0, _COUNTED_REACH) and "的" in text:
        return Mention(text, a, b, "anonymous", name=text)  # 一位坐在北看台的老球迷: described, not named
    return None


def _coordinated(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """北京和平壤, 中国与朝鲜, 美国、韩国和乌克兰: parties, bodies or people named together speak together."""
    parts = re.split("及其|[和与及、]", text)  # 某国政府及其盟友: its allies, named with it
    if "及其" in text and not text.endswith(_ALLIES):
        return None  # 美国及其盟友发出|的警告: a verb the lexicons do not know runs on
    parts[-1] = parts[-1].removesuffix("等国家").removesuffix("等国")  # 英国、法国和德国等国: the list closes, named whole
    if not 2 <= len(parts) <= _COORDINATED_MAX or not all(2 <= len(p) <= 30 for p in parts):
        return None
    kinds = []
    for k, part in enumerate(parts):
        if k and part.endswith(_ALLIES) and len(part) <= 4:
            continue  # 美国和盟友: the allies a party names along with itself (其盟友, 西方盟友)
        start = a + text.find(part)
        m = t.type(start, start + len(part), direct=direct)
        if m is None or m.anaphor is not None or m.kind in ("document", "anonymous"):
            return None
        kinds.append(m.kind)
    kind = kinds[0] if len(set(kinds)) == 1 else "organization"
    # the names together end where the last one's name does (…和《文汇报》|以全版: an adverbial after it)
    end = text.rfind(m.name) + len(m.name) if m.name and m.name in parts[-1] else len(text)
    end += text.startswith("》", end)
    return Mention(text, a, b, kind, name=text if text[end:] in ("等国", "等国家") else text[:end])


def _quantified(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """一些人, 几个国家, 部分官员, 一群议员: a quantity of people or parties is an unnamed source
    (before the titles: 多名议员 are unnamed members, not one whom the title names)."""
    if _QUANTITY.match(text) and len(text) > 2 and t.organisation_like(text):
        return Mention(text, a, b, "anonymous", name=text, plural=True)
    return None


def _organization(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    plain = text.translate(_NAME_MARKS)  # “格鲁吉亚梦想”党 is named 格鲁吉亚梦想党
    suffix = t.lex.organization_suffixes.longest(plain)
    if suffix is not None and len(plain) > len(suffix) and t.organisation_like(plain):
        return Mention(text, a, b, "organization", name=plain)
    if len(text) >= 2 and text in t.lex.organizations:
        return Mention(text, a, b, "organization", name=text)
    return None


def _described_body(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """人权组织|某某观察, 英国智库|某某研究会: a body's kind after a short descriptor, then its
    name (not a title: 组织|发言人; not a clause: 团体|对…; not members: 某组织|成员国)."""
    for kind in _DESCRIBED_KINDS:
        at = text.find(kind)
        name = text[at + len(kind) :] if at >= 0 else ""
        marked = len(name) > 2 and name[0] in "“「" and name[-1] in "”」"
        name = name[1:-1] if marked else name  # 人权组织|“某某观察”: the name in marks
        if (2 <= at <= _BODY_NAME_MAX and 2 <= len(name) <= _BODY_NAME_MAX and "的" not in text[:at] and "的" not in name
                and name[0] not in _NOT_NAME_STARTS and not name.endswith("国") and t.lex.title_suffixes.longest(name) is None
                and (marked or not name.endswith(t.lex.anonymous)) and t.organisation_like(name) and not t.lex.holds_verb(name)
                and name not in t.lex.common_nouns):  # 中国企业|计划要求…: a verb or a noun, no body's name
            cut = a + at + len(kind)
            return Mention(text, a, b, "organization", name=t.norm[cut + marked : b - marked], role=t.norm[a:cut], role_spans=((a, cut),))
    return None


def _described_latin_name(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """某国科技网站|TechPulse, 市场调研机构|Pointline Research: an outlet's or a body's kind
    (the lexicons' outlet and organisation words), then its name in Latin letters."""
    latin = _LATIN_TAIL.search(text)
    descriptor = text[: latin.start()] if latin else ""
    if not _DESCRIPTOR.match(descriptor) or "的" in descriptor:
        return None
    if descriptor.endswith(t.lex.media):
        kind = "media"
    elif descriptor.endswith(t.lex.organizations) or descriptor.endswith(BODY_KINDS):
        kind = "organization"
    else:
        return None
    cut = a + latin.start()
    return Mention(text, a, b, kind, name=t.norm[cut:b], role=t.norm[a:cut], role_spans=((a, cut),))


def _described_name(t: MentionTyper, a: int, b: int, text: str, direct: bool) -> Mention | None:
    """巴生老街咖啡店业者|陈亚福, 在职母亲|阿什莉·萨尔根尼克: a descriptor, then a name (any
    descriptor before a separated foreign name, which no other word looks like)."""
    separated = SEPARATED_NAME_END.search(text)
    first = max(_given_name_start(t, text, separated), text.rfind("的", 0, separated.end()) + 1) if separated else 0  # 部长的|马都拉‧森
    if separated and first >= 2 and t.person_name(text[first:]):
        cut = a + first
        return Mention(text, a, b, "person", name=text[first:], role=t.norm[a:cut], name_spans=((cut, b),), role_spans=((a, cut),))
    for size in (4, 3, 2):
        if len(text) >= size + 2:
            name, descriptor = text[-size:], text[:-size]
            known = sum(c in t.lex.transliteration for c in name)
            named = (size < 4 and name[0] in t.lex.surnames) or known >= size - 1  # 陈亚福, 科比
            if (named and t.plausible_name(name) and descriptor[-1] in _OCCUPATIONS and "的" not in descriptor
                    and not descriptor[:-1].endswith(BODY_KINDS)  # 人权组织|人…: the 人 opens the body's name
                    and t.organisation_like(descriptor)):
                cut = b - size
                return Mention(text, a, b, "person", name=name, role=t.norm[a:cut], name_spans=((cut, b),), role_spans=((a, cut),))
    return None


def _given_name_start(t: MentionTyper, text: str, separated: re.Match[str]) -> int:
    """Where the given name before a name separator begins: the run of the transliteration
    alphabet right before it (自行车爱好者|萨曼莎·斯坦齐克), at most ``_GIVEN_NAME_MAX`` characters;
    the match's own start where no such run stands there."""
    sep = next(i for i in range(separated.start(), separated.end()) if text[i] in NAME_SEPARATORS)
    start = sep
    while start > separated.start() and sep - start < _GIVEN_NAME_MAX and text[start - 1] in t.lex.transliteration:
        start -= 1
    return start if start < sep else separated.start()


RULES: tuple[Callable[[MentionTyper, int, int, str, bool], Mention | None], ...] = (
    _pronoun, _visitors, _determined, _book, _named_as, _party, _existential, _document, _titled_name, _name_then_title, _surname_title,
    _known_name, _media, _anonymous, _described_latin_name, _described_body, _organization, _quantified, _title, _described_name, _coordinated,
)
