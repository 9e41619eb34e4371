"""Subject grammar: where the subject of a reporting cue stands in its sentence.

A Chinese reporting sentence puts its subject first and the adverbials after it:
``蔡英文总统|今（17）日晚间|出席「…」时|表示``, ``总统|以英文|强调``, ``总统|接着|说``. The
subject of a cue is the noun phrase that opens the cue's clause once its openers are skipped
(接着, 此外, 随后, a time word, ``在…时``); a clause that opens with no noun phrase
(``……，并表示``, ``致词时首先指出``) shares the subject of the clause before it, back to the
first clause of the sentence.

A phrase is read word by word with the lexicons: it ends where a time expression, an
adverbial, a predicate verb or a reporting verb begins, unless a title or an organisation
word is at least as long there (``在台协会``, ``会长``, ``以色列``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicons import BODY_KINDS, CAUSATIVE_VERBS, NAME_SEPARATORS, Lexicons
from .mentions import OFFICES

_TIME = re.compile(
    r"(?:[今昨前明本同当上下]|当地时间)?[（(]\s*\d{1,2}\s*[)）]\s*[日号]"  # 今（24）日
    r"|(?:\d{2,4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{2,4}年|\d{1,2}[日号](?![元员])"
)
_ENUMERATION = re.compile(r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、．.）)]\s*|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]\s*")  # 五、 (二)
_BRACKETS = {"（": "）", "(": ")", "「": "」", "『": "』", "“": "”", "《": "》", "【": "】", "〔": "〕"}
_CLAUSE_BREAKS = set("，；：,;")
_COORDINATORS = ("以及",)
_ASPECT = ("了", "过")  # particles that close a verb (会见了|印度总统)
_GLOSS = re.compile(r"[（(](?:[^（()）]*[A-Za-z][^（()）]*|(?:以下)?简称[^（()）]{1,12})[）)]")  # （Glenn Youngkin）, （简称亚投行）
_GLOSS_MAX = 60
_QUOTE_CLOSERS = set("”」』\"")
_NAMING = ("名为", "叫做", "名叫", "网名", "昵称", "化名", "简介为", "自称", "号称", "署名")  # 名为“X”的博主
_BODY_ENDS = set("部局厅署院委府办室省行队社台军")  # the last character of a government body's name (军: 驻欧空军)
_PERSONAL_PRONOUNS = ("他们", "她们", "渠等", "他", "她", "渠")
_VERB_ADVERBS = frozenset("就也还则亦又都均皆却更便仍才已将")  # right before the cue: the verb's, not the name's
_RANKS = ("上将", "少将", "大将")  # 将 closing a general's rank, not the adverb "will" (中将: 美中|将)
_QUOTED_NAME_MAX = 12
PREPOSITION_SURNAMES = frozenset("向对和与同跟把被将在从为于")  # surnames too, but after a title a preposition
_OBJECT_PREPOSITIONS = PREPOSITION_SURNAMES - {"将"}  # 将 is also "will": 王毅|将表示
_PHRASE_MAX = 50
_REGION_MAX = 240  # characters before a cue in which its subject is looked for
_NAME_MAX = 4  # a run this short before a one-character adverb is a name (王毅|将)  # a subject phrase longer than this is a clause, not a noun phrase
# 向殉职飞官家属|表达哀悼, 对受灾民众|致意: someone addressed, then the act (no name)
_ADDRESSED_ACT = re.compile("[向对][^，。；：]{1,20}?(?:表达|表示|致|转达|道歉)")
_NAME_CONJUNCTIONS = frozenset("与和")
_BODY_AFTER_CONJUNCTION = 8  # characters after 与 a body's name or a title may end within
_LOCATIVE_CLOSERS = ("之际", "期间", "方面", "以来", "时", "中", "上", "后", "前", "里", "内", "下")
_TITLE_REACH = 5  # characters a title a verb opens may run to (分析师, 评论员)
_BODY_HEADS = ("公司", "机构", "中心", "集团")  # words that make a body of the verb before them (分析|公司)
_PREPOSITIONAL_OPENERS = ("在", "于", "当", "趁", "截至", "截止", "针对", "对于", "关于", "至于", "除了", "除", "随着", "为了", "谈到", "谈及", "提到", "说到", "基于", "鉴于", "面对", "因应")


@dataclass(frozen=True)
class Phrase:
    """A noun phrase found at the opening of a clause (offsets into the normalised text)."""

    start: int
    end: int


class SubjectGrammar:
    """Finds the subject phrases of reporting cues in one document's normalised text."""

    def __init__(self, norm: str, lex: Lexicons, names: Callable[[int], int] = lambda i: 0):
        self.norm = norm
        self.lex = lex
        self.names = names  # the length of a name the document already introduced, starting at a position

    # -- clauses
    def clauses(self, a: int, b: int) -> list[tuple[int, int]]:
        """The clauses of ``norm[a:b]``, split at clause punctuation outside brackets and quotes;
        only the last ``_REGION_MAX`` characters count (a subject stands near its cue, and a
        sentence of ten thousand clauses must not make every cue read all of them)."""
        a = max(a, b - _REGION_MAX)
        norm, spans, start, closing = self.norm, [], a, []
        for i in range(a, b):
            ch = norm[i]
            if closing and ch == closing[-1]:
                closing.pop()
                if not closing and ch in _QUOTE_CLOSERS and i + 1 < b and norm[i - 1] in "。！？，":
                    spans.append((start, i + 1))  # “A。”布朗则回应说: a new clause after a quoted sentence
                    start = i + 1
            elif ch in _BRACKETS:
                closing.append(_BRACKETS[ch])
            elif ch == '"':
                closing.append('"')
            elif not closing and ch in _CLAUSE_BREAKS:
                spans.append((start, i))
                start = i + 1
        spans.append((start, b))
        return spans

    # -- phrases
    def skip_openers(self, a: int, b: int) -> int:
        """Where a clause's core begins once connectives, time words and a leading
        prepositional phrase (在…时, 于…中) are skipped."""
        norm = self.norm
        while a < b:
            while a < b and norm[a] in " \u3000、":
                a += 1
            m = _TIME.match(norm, a, b) or _ENUMERATION.match(norm, a, b)
            if m:
                a = m.end()
                continue
            word = self._word_at(a, b)
            if word is None:
                return a
            kind, size = word
            if kind in ("nominal", "verbal"):
                return a
            if norm.startswith(_PREPOSITIONAL_OPENERS, a):
                closer = self._locative_end(a, b)
                if closer is not None:
                    a = closer
                    continue
            if kind in ("opener", "time") or (kind == "adverb" and size > 1):
                a += size
                continue
            return a
        return a

    def _locative_end(self, a: int, b: int) -> int | None:
        """The end of a prepositional phrase opening at ``a`` (在会谈中, 于接见…时), when a
        locative closes it before a noun phrase and a verb follow."""
        norm = self.norm
        limit = min(b, a + _PHRASE_MAX)
        best = None
        for closer in _LOCATIVE_CLOSERS:
            i = norm.find(closer, a + 1, limit)
            while i != -1:
                end = i + len(closer)
                if end < b and (best is None or end < best) and not self._opens_longer_word(i, len(closer), b):
                    best = end
                    break
                i = norm.find(closer, i + 1, limit)
        return best

    def _opens_longer_word(self, i: int, size: int, b: int) -> bool:
        """Does a longer word or party name begin at ``i`` (在台湾的|中国国民党: 中 opens 中国)?"""
        word = self._word_at(i, b)
        return size == 1 and (word is not None and word[1] > 1 or self.norm[i : i + 2] in self.lex.parties)

    def phrase(self, a: int, b: int) -> Phrase | None:
        """The noun phrase opening the clause ``norm[a:b]``, or None when it opens with a
        predicate (并表示, 首先感谢…)."""
        norm = self.norm
        start = self.skip_openers(a, b)
        if start >= b:
            return None
        while b - start > 3 and norm[b - 1] in _VERB_ADVERBS and not norm.endswith(_RANKS, start, b):
            # …不愿透露姓名的本地商人|就|告诉: an adverb of the verb, however long the phrase before it (not 米利上|将);
            # one closing a time word goes with it (蔡总统|刚才|提到)
            b -= 2 if self.lex.subject_words.get(norm[b - 2 : b]) == "time" else 1
        i = start
        limit = min(b, start + _PHRASE_MAX)
        name_start = start  # where the words after the last nominal word begin
        while i < limit:
            ch = norm[i]
            if ch in "（(":
                close = _GLOSS.match(norm, i, min(b, limit + _GLOSS_MAX))
                if close is None:
                    break  # 花莲县长徐振邦（左）视察: a parenthesis closes the phrase
                limit = min(b, limit + close.end() - i)  # a gloss does not count toward the length
                i = close.end()  # 防务优先（Defense Priority）研究员…: a gloss in Latin letters goes on
                continue
            if ch in "「『“《\"":
                close = norm.find(_BRACKETS.get(ch, '"'), i + 1, b)
                if close == -1 or (ch != "《" and not norm.endswith(_NAMING, start, i) and not self._quoted_name(i, close, b)):
                    break  # a quotation is content, not part of a speaker's name
                i = close + 1  # 《纽约时报》, 名为“前HR本人”的博主: a name
                continue
            word = self._word_at(i, b)
            if word is None and i == name_start > start and ch in CAUSATIVE_VERBS:
                break  # 总统|请访宾转达…: the title asks someone; no name follows it
            if i > start and _TIME.match(norm, i, b) and (word is None or word[0] != "nominal"):
                break  # but 中国|时评人: a noun that opens like a time word (时) goes on
            if word is None:
                i += 1
                continue
            kind, size = word
            if kind == "predicate" and self._opens_a_noun(i, size, b):
                i += size  # 分析|师, 分析|公司: the verb opens a title or a body's name
                name_start = i
                continue
            if kind == "verbal" and i == start:
                return None  # 代表…欢迎: a verb opening the clause
            if kind == "verbal" and norm[start:i].removeprefix("副") in OFFICES:
                break  # 总统|代表台湾人民致谢: after a bare office the word is the verb (but 领袖代表 is one title)
            if kind in ("nominal", "verbal"):
                i += size
                name_start = i
                continue
            if i == start and not (size == 1 and ch in self.lex.surnames) or i == start and self._preposition_at(i, b):
                return None
            if i > start and kind == "opener" and norm.startswith(_COORDINATORS, i):
                i += size  # 部分欧洲以及中东国家官员: a coordination inside the phrase
                continue
            if i > start and ch in _NAME_CONJUNCTIONS and not self._complete_name(start, i) and self._body_goes_on(i + 1, limit):
                i += 1  # 战略与国际研究中心, 传讯与传媒助理: a body's or a title's own 与 (not 总统与某首相: two people)
                continue
            if i > start and (size > 1 or (kind == "adverb" and i + 1 == b and ch in self.lex.surnames and ch not in PREPOSITION_SURNAMES
                              and i - name_start != 1)
                              or self._single_ends(name_start, i)):
                break  # 人权观察|曾|呼吁: a surname right before the verb starts no name (but 马|可 may end one)
            i += size
        end = i
        while end > start and norm[end - 1] in " ，、：的）)":
            gloss = _last_gloss(norm, start, end) if norm[end - 1] in "）)" else None
            if norm[end - 1] in "）)" and gloss is None:
                break
            end = gloss if gloss is not None else end - 1  # 杨京（Glenn Youngkin）: no part of the name
        pronoun = next((p for p in _PERSONAL_PRONOUNS if norm.startswith(p, start)), None)
        if pronoun and end > start + len(pronoun) and norm[start + len(pronoun)] != "的":
            end = start + len(pronoun)  # 他衷心期盼: a pronoun is the whole subject
        while end > start and norm[end - 1] in " ，、：的":
            end -= 1
        if end <= start or i >= limit and limit < b:
            return None
        return Phrase(start, end)

    def _opens_a_noun(self, i: int, size: int, b: int) -> bool:
        """Does the verb at ``i`` open a title (分析师) or a body's name (分析公司)?"""
        norm, lex = self.norm, self.lex
        return (any(norm[i : i + n] in lex.titles for n in range(size + 1, min(b - i, _TITLE_REACH) + 1))
                or norm.startswith(_BODY_HEADS, i + size))

    def _complete_name(self, a: int, b: int) -> bool:
        """Does ``norm[a:b]`` end as a name of its own: a title, a body, a party or a place?"""
        run = self.norm[a:b]
        lex = self.lex
        return bool(lex.title_suffixes.longest(run) or lex.body_suffixes.longest(run) or lex.place_pattern.search(run))

    def _body_goes_on(self, a: int, b: int) -> bool:
        """Does a body's name or a title end within a few characters of ``a`` (与|国际研究中心,
        与|传媒助理), with no word of the grammar on the way?"""
        for end in range(min(b, a + _BODY_AFTER_CONJUNCTION), a + 1, -1):
            run = self.norm[a:end]
            if self.lex.body_suffixes.longest(run) or self.lex.title_suffixes.longest(run):
                return not any((word := self._word_at(k, end)) is not None and word[0] != "nominal" for k in range(a, end))
        return False

    def _quoted_name(self, opener: int, close: int, b: int) -> bool:
        """执政的“公民梦想”党, 人权组织“海港监察”行政总裁: a short quotation the phrase
        goes on after is a name inside it."""
        body = self.norm[opener + 1 : close]
        if not 0 < len(body) <= _QUOTED_NAME_MAX or any(c in body for c in "，。！？；：、"):
            return False
        if close + 1 == b:  # 人权组织“国际特赦”|表示: the name in marks closes the phrase after a body's kind
            return self.norm.endswith(BODY_KINDS, 0, opener)
        return close + 1 < b and self.norm[close + 1] not in "，。！？；：、"

    def _single_ends(self, name_start: int, i: int) -> bool:
        """Does a one-character adverb or verb at ``i`` end the phrase? After a title, a
        pronoun or a name of two to four characters it does (总统|也, 王毅|将); right after a
        lone surname it is part of the name (马可); inside a longer descriptive run it is part
        of a word (…警区的指挥官)."""
        norm = self.norm
        name_start += next((len(h) for h in self.lex.honorifics if norm.startswith(h, name_start, i)), 0)  # 拿督|阿兹曼
        separator = max(norm.rfind(c, name_start, i) for c in NAME_SEPARATORS)
        if separator != -1:
            name_start = separator + 1  # 艾米丽·沃德|在: the name's last part
        tail = i - name_start
        if norm[i - 1] == "们" and tail:
            return True  # 访宾们|也, 官员们|都: a plural ends the phrase
        if tail == 0:
            # 总教练|曾文彬: a surname after a title starts a name, unless a word follows (总统|曾|表示)
            if norm[i] in PREPOSITION_SURNAMES and not self.names(i):
                return True  # 总统|向|访宾说明: a preposition, unless the document named someone 向…
            return not (norm[i] in self.lex.surnames and self._word_at(i + 1, i + 3) is None and not _TIME.match(norm, i + 1))
        if norm[i - 1] in _BODY_ENDS and tail > 2:
            return True  # 韩国产业通商资源部|在: an organisation's name ends there
        if tail == 1:
            return separator != -1  # 马|可: part of a name; 核|能: part of a word; but 艾米丽·唐|对: a one-character last part
        known = self.names(name_start)
        if known:  # a name the document gave: 林芳正's 正 is no adverb, 蓬佩奥|在 ends it
            return name_start + known <= i
        run = norm[name_start:i]
        if all(c in self.lex.transliteration for c in run):
            return True  # 普京|将, 科瓦尔斯卡|在
        if norm[i] in _OBJECT_PREPOSITIONS and any(norm[i + 1 : i + 1 + n] in self.lex.cues for n in (1, 2, 3)):
            return False  # 王大同|表示: a preposition takes an object, so before a reporting verb it is the name's
        if tail == 2:
            return True  # 王毅|将, 森田|还
        # three or four characters make a name when they open with a surname (林芳正|同日);
        # otherwise they are part of a longer name (香港浸|会大学)
        return tail <= _NAME_MAX and (run[0] in self.lex.surnames or run[:2] in self.lex.surnames)

    def _preposition_at(self, i: int, b: int) -> bool:
        """向|总统, 对|菲方, 向|该部: a surname that is also a preposition, before a title, a
        body, a party or a determiner, opens a prepositional phrase, not a name."""
        if self.norm[i] not in PREPOSITION_SURNAMES:
            return False
        word = self._word_at(i + 1, b)
        return ((word is not None and word[0] == "nominal") or self.norm.startswith((*self.lex.determiners, "各"), i + 1)
                or _ADDRESSED_ACT.match(self.norm, i, b) is not None)

    def in_noun(self, i: int) -> bool:
        """Is the character at ``i`` inside a nominal lexicon word (共和国, 同盟, 联合国)?"""
        words = self.lex.subject_words
        return any(words.get(self.norm[j : j + n]) == "nominal" for n in (2, 3, 4) for j in range(max(0, i - n + 1), i + 1))

    def _word_at(self, i: int, b: int) -> tuple[str, int] | None:
        """(kind, length) of the longest lexicon word at ``i``."""
        norm, words = self.norm, self.lex.subject_words
        limit = min(_LONGEST, b - i)
        for size in self.lex.subject_word_lengths.get(norm[i : i + 1], ()):
            if size <= limit:
                kind = words.get(norm[i : i + size])
                if kind is not None:
                    return kind, size
        return None

    # -- word edges, for names found in the narration
    def ends_phrase(self, i: int, b: int) -> bool:
        """Does a noun phrase end at ``i``: a time expression or a word that is not nominal?"""
        if _TIME.match(self.norm, i, b):
            return True
        word = self._word_at(i, b)
        return word is not None and word[0] not in ("nominal", "verbal")

    def last_boundary(self, a: int, b: int) -> int:
        """Where ``norm[a:b]`` resumes after its last predicate, adverb or opener word
        (接见|美国维吉尼亚州): the start of a role phrase that ends at ``b``."""
        i, resume = a, a
        while i < b:
            word = self._word_at(i, b)
            if word is None:
                i += 1
                continue
            kind, size = word
            if kind not in ("nominal", "verbal"):
                resume = i + size
                if kind == "predicate" and self.norm.startswith(_ASPECT, resume):
                    resume += 1  # 会见了|印度总统
            i += size
        return resume


_LONGEST = 8  # the longest word the grammar looks up


def _last_gloss(norm: str, a: int, b: int) -> int | None:
    """Where a Latin gloss closing ``norm[a:b]`` opens, or None."""
    opened = max(norm.rfind("（", a, b), norm.rfind("(", a, b))
    return opened if opened > a and _GLOSS.fullmatch(norm, opened, b) else None
