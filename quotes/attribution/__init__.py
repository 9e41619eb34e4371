"""Attributor: tie each found quote to one canonical speaker and to the account in force.

Three concerns, one module each:

- ``grammar``: where the subject of a cue stands (the noun phrase opening its clause, or
  the clause before it when the cue's clause has none);
- ``mentions``: what that phrase names (person, title, organisation, outlet, unnamed source,
  document, pronoun), split into role and name;
- ``entities``: the document's entities, so that a title or a pronoun resolves to the person
  named earlier, and every mention of one entity gives the same speaker string;
- ``frames``: the ``据X消息`` / ``X报道说`` account a quote reaches the reader through.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..finding import Candidate
from ..lexicons import CAUSATIVE_VERBS, HONORIFIC_SUFFIXES, NAME_SEPARATORS, TOPIC_PREPOSITIONS, Lexicons
from ..model import Frame, Quote
from ..structure import Line
from .entities import END, ONE_PERSON, Entity, Registry
from .frames import ACCOUNT_DOCUMENTS, Frames
from .grammar import PREPOSITION_SURNAMES, Phrase, SubjectGrammar
from .mentions import ISSUED, SEPARATED_NAME_END, VISITORS, Mention, MentionTyper, join_spans, role_spans

__all__ = ["Attributor"]

_SEPARATED_NAME = re.compile(f"[\u4e00-\u9fff]{{1,8}}[{NAME_SEPARATORS}][\u4e00-\u9fff]{{1,8}}(?:[{NAME_SEPARATORS}][\u4e00-\u9fff]{{1,8}})?")
_BEFORE_NAME = set("，。、；：「」“”『』（）()与和及由向对请邀暨偕同跟 \u3000\n")  # what may stand before a name and its title
_HIMSELF = "本人"  # after a name (总理韦德本人也表示): himself, no part of the name
_DELEGATION_WORDS = ("访团", "访问团", "代表团", "一行", "乙行")  # 知事某某某某|访团: the delegation he leads
_TITLE_MAX = 6  # characters of the longest title looked for after a name
_RANKS = ("上将", "中将", "少将", "准将", "大将", "上校", "中校", "少校")
_NAME_FOLLOWERS = set("，。、；：（(「“ 的和与及等今昨也还则并曾已将在于说称")
_NOUN_CONTINUATIONS = frozenset("团会队部局院处组党界方群社室站厅所署级层府身馆")  # 代表团, 委员会, 各级, 候选人身分, 大使馆
_ROLE_REACH = 10  # characters of organisation name a role may carry before its title
_SENTENCES_BACK = 2  # sentences looked back for the subject of a sentence that names none
_PREPOSITIONS = frozenset("在于对向就从据")
_FOR_WHOM = ("来说", "而言")  # 对于…来说: a topic naming whom it concerns
_RECEPTION_VERBS = ("接见", "会见", "接待", "欢迎", "会晤", "晋见")  # 总统接见…某某: the one received
_AUDIENCE_VERBS = ("晋见", "拜会", "拜见", "谒见")  # a visitor's call on a host: a name and title may follow
_RECEPTION_REACH = 30  # characters before a name its reception verb may stand
_ISSUER_REACH = 2000  # characters looked back for whoever issued a document that speaks
_DEICTIC = ("这", "那")
_SINGLE_PERSON_DETERMINERS = ("这位", "那位", "这名", "该名")  # 这位前总统: one person the story has just told of
_ANONYMITY = ("匿名", "不具名", "不愿具名", "不愿透露姓名")
_INDEFINITES = (*ONE_PERSON, "一些", "多名", "多位")  # how a story introduces someone new
_INTRODUCTION_REACH = 12
_PUBLISHING = {"文章": ("发文", "撰文", "刊文")}  # verbs that publish the paper a bare noun refers to
_ISSUED_AT = frozenset("在于")  # a preposition of time or place between an issuer and its paper
_ISSUING = ("公布", "发布", "发表", "公布了", "发布了", "发表了")  # 统计局公布|数据: data set apart from its issuer
_SENTENCE_END = "。！？"
# an account's own papers, and the news of an account in force (据X消息/报道 … 报道说)
_ACCOUNT_PAPERS = frozenset({*ACCOUNT_DOCUMENTS, "消息", "报道", "报导"})
_RELAY = re.compile("(?:引述|援引|引用|转引|转述|宣读)了?")
_RELAYED_WORDS = re.compile("的(?:话|分析|说法|看法|表态|讲话|发言|评论|观点|报道内容|报导内容|报道|报导|内容|文章)")
# 援引…中心的数据表示: whoever cites figures speaks for themself
_AGREEMENT = re.compile("的(?:共识|协议|决定|成果)$")
_CITED_FIGURES = re.compile("的(?:数字|数据|统计|估计|研究|调查)(?:结果)?$")
_INTERVIEW_LABELS = ("独家专访", "专访", "访谈")  # a headline's label for an interview, before the one interviewed


class Attributor:
    """Reads speaker phrases and resolves them within one document."""

    def __init__(self, original: str, norm: str, lines: list[Line], lex: Lexicons, relays: list[Candidate] = (),
                 quoted: Sequence[tuple[int, int]] = (), candidates: Sequence[Candidate] = ()):
        """``quoted``: the (opening, closing) mark positions of the quotations, sorted;
        ``candidates``: the speech spans found, whose words open no account of the document."""
        self.original = original
        self._quoted = list(quoted)
        self._quoted_opens = [a for a, _ in self._quoted]
        self.norm = norm
        self.lines = lines
        self._line_starts = [ln.start for ln in lines]
        self.lex = lex
        self.registry = Registry(parties=lex.parties_longest_first, sides=lex.parties, title_forms=lex.title_forms)
        self._titled_honorifics = tuple(h for h in lex.honorifics if len(h) > 1)  # not 本 of 本雅明·…, nor 敦
        self.grammar = SubjectGrammar(norm, lex, self._known_name_at)
        self.typer = MentionTyper(norm, lex, self.registry.known)
        # a clause with no subject of its own (针对…有关…承认…的看法) is no one's speech to hold an account
        speech = [c for c in candidates if c.subject is None or c.subject[0] == c.subject[1] or self._has_subject(c.subject)]
        self.frames = Frames(original, norm, lines, lex, self.typer, self.mention, list(relays), speech)
        self._last_speaker: dict[str, Entity] = {}
        self._seed_entities()

    def entity_names(self) -> list[str]:
        """The people and bodies the document names (normalised), for the later stages."""
        return [e.name for e in self.registry.entities if e.kind in ("person", "organization", "media") and len(e.name) > 1]

    def _known_name_at(self, i: int) -> int:
        """The length of a person's name the document introduced that starts at ``i``, or 0."""
        return next((n for n in (4, 3, 2) if self.registry.known(self.norm[i : i + n])), 0)

    # ------------------------------------------------------------- entities in the narration
    def _seed_entities(self) -> None:
        """Register people named with a title in the narration (副总统陈耀宗今天…, 蔡英文总统
        出席…), so that later bare names, pronouns and titles resolve to them."""
        scanner = self.lex.title_scanner
        marks = scanner.marks(self.norm)
        for line in self.lines:
            if line.kind in ("boilerplate", "caption"):
                continue  # a photo caption is a story of its own: its people would be no one's antecedent in the article
            for title_start, title_end in self._joined(scanner.finditer(self.norm, line.start, line.end, marks)):
                if self._in_quotation(title_start):
                    continue  # 他同学者、商界领袖见面…: the speech's own words name no one for the narration
                m = (self._surname_title_given_at(title_start, title_end, line) or self._titled_name_at(title_start, title_end, line)
                     or self._name_titled_at(title_start, title_end, line))
                if m is not None and self.typer.may_be_name(m.name):
                    self._register(m, line.story)

    def _joined(self, titles: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
        """Title spans, two adjacent ones joined where together they end in a title's other form
        (国防部长|官: 部长官, the 长官 Korea's ministers hold)."""
        spans: list[tuple[int, int]] = []
        for a, b, _ in titles:
            if spans and spans[-1][1] == a and any(self.norm.endswith(f, spans[-1][0], b) and len(f) > b - a for f in self.lex.title_forms):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        return spans

    def _surname_title_given_at(self, title_start: int, title_end: int, line: Line) -> Mention | None:
        """吕副总统秀莲, 李总统登辉: a surname, the title, then the given name."""
        norm = self.norm
        a = title_start - 1
        if a < line.start or norm[a] not in self.lex.surnames:
            return None
        # after punctuation or the body whose office it is (中国国民党|李主席登辉); after a verb
        # only with an honorific closing the name (接受|王总统立德伉俪的邀请, not 感谢|王总统拨冗)
        edge = a == line.start or norm[a - 1] in _BEFORE_NAME or self.lex.body_suffixes.longest(norm[max(line.start, a - 8) : a])
        if not edge and self.grammar.last_boundary(max(line.start, a - 4), a) != a:
            return None
        for size in (2, 1):
            end = title_end + size
            given = norm[title_end:end]
            if (self.lex.subject_words.get(given[:1], "nominal") != "nominal" or self.lex.subject_words.get(given, "nominal") != "nominal"
                    or self.grammar.ends_phrase(title_end, line.end)):  # (陈总统|全程参加: an adverb)
                continue  # 李主席|并|指出, 李总统|认为: an adverb or a verb, not a given name
            honorific = norm.startswith(HONORIFIC_SUFFIXES, end)
            if end <= line.end and self.typer.plausible_name(norm[a] + given) and (
                    honorific or edge and (end == line.end or self.grammar.ends_phrase(end, line.end))):
                return Mention(norm[a:end], a, end, "person", name=norm[a] + given, role=norm[title_start:title_end],
                               name_spans=((a, a + 1), (title_end, end)), role_spans=((title_start, title_end),))
        return None

    def _titled_name_at(self, title_start: int, title_end: int, line: Line) -> Mention | None:
        name_end = self._name_after(title_end, line.end)
        if name_end is None:
            return None
        start = self._role_start(title_start, line.start)
        spans = role_spans(self.norm[start:title_end], start)
        return Mention(self.norm[start:name_end], start, name_end, "person", name=self.norm[title_end:name_end],
                       role=join_spans(spans, self.norm), name_spans=((title_end, name_end),), role_spans=spans)

    def _name_titled_at(self, title_start: int, title_end: int, line: Line) -> Mention | None:
        """蔡英文总统, 杨京州长, 阿瓦雷斯副总统: a name of two or three characters (a longer one
        in transliteration) right before the title, itself after punctuation, a conjunction or
        the paragraph's start."""
        norm = self.norm
        for size in (6, 5, 4, 3, 2):  # a transliterated name may be longer (阿瓦雷斯副总统)
            a = title_start - size
            if a < line.start:
                continue
            name = norm[a:title_start]
            if not (a == line.start or norm[a - 1] in _BEFORE_NAME or norm.endswith(_AUDIENCE_VERBS, line.start, a)):
                continue  # after punctuation, a conjunction or a call on someone (晋见|某某总统)
            if size > 3 and not all(c in self.lex.transliteration for c in name):
                continue
            if self.grammar.skip_openers(a, title_start) != a:
                continue  # 但|中国时评人: a connective or a time word opens no name
            if self.lex.place_pattern.search(name):
                continue  # 韩印尼|防长: the countries whose office it is, not a name
            if a > line.start and self.grammar.in_noun(a):
                continue  # 某岛共和|国莫塔|总统: the name begins after the word its first character ends
            if self.typer.person_name(name) and self.typer.may_be_name(name):
                return Mention(norm[a:title_end], a, title_end, "person", name=name, role=norm[title_start:title_end],
                               name_spans=((a, title_start),), role_spans=((title_start, title_end),))
        return None

    def _name_after(self, a: int, limit: int) -> int | None:
        """The end of a personal name starting at ``a`` when one clearly ends there: a
        transliterated name (罗伯托·萨尔加多), or two or three characters followed by a
        boundary (punctuation, an adverbial, a cue, 的/和/与…)."""
        norm = self.norm
        if norm[a : a + 1] == "的" or norm.startswith(HONORIFIC_SUFFIXES, a):
            return None  # 部长的马都拉‧森: a relative clause; 陈副总统伉俪今日: the couple, named before the title
        m = _SEPARATED_NAME.match(norm, a, limit)
        if m:
            last = max(norm.rfind(c, a, m.end()) for c in NAME_SEPARATORS) + 1
            end = last
            while end < m.end() and (norm[end] in self.lex.transliteration or end - last < 2) and not (
                    end > last and self.grammar.ends_phrase(end, limit)):
                end += 1  # 拉杰纳特·辛格|周四在新德里: the last part ends where a word begins (its first two characters are the name's, whatever they are)
            return end if end > last else None
        if norm[a : a + 1] in _NOUN_CONTINUATIONS:
            return None  # 代表|团, 委员|会: the title goes on as a longer noun
        if self.lex.place_pattern.match(norm, a, limit) or norm.startswith(_DELEGATION_WORDS, a):
            return None  # 防长|雅加达会谈, 夫人|访团一行: a place or the party after the title, no name
        if norm[a : a + 1] in PREPOSITION_SURNAMES or norm[a : a + 1] in CAUSATIVE_VERBS:
            return None  # 总统|向访宾说明, 总统|请访宾转达: after a title these open a verb phrase, not a name
        for size in (3, 2, 4):  # a title vouches for the name after it (外相岩屋毅|在)
            end = a + size
            name = norm[a:end]
            ranked = norm.startswith(_RANKS, end)  # 主席米利|上将: a two-character name before a military rank
            if end > limit or not self.typer.person_name(name, bare=size > 2 or ranked):
                continue  # two characters must look like a name by themselves (总统|回廊 does not)
            if size == 3 and (name[2] in self.lex.cues or self._title_at(end - 1, limit)
                              or any(norm[end - 1 : end - 1 + n] in self.lex.cues for n in (2, 3))):
                continue  # 议员李华|说，, 法官李义|回应表示: a verb of speech after a two-character name; 主席米利|上将: a rank
            if self.lex.body_suffixes.longest(name) is not None:
                continue  # 某区|长|丰派出所: a body's name after what only looks like a title
            if (end == limit or norm[end] in _NAME_FOLLOWERS or norm.startswith(_HIMSELF, end) or norm.startswith(_DELEGATION_WORDS, end)
                    or norm.startswith(HONORIFIC_SUFFIXES, end)  # 议长莫塔|伉俪一行
                    or self.grammar.ends_phrase(end, limit) or size == 3 and name[0] in self.lex.surnames and self._title_at(end, limit) or size == 2 and ranked):
                return end
        return None

    def _title_at(self, a: int, limit: int) -> bool:
        """Does a title or a rank begin at ``a`` (副部长黎光勇|上将, 外长王林|大使)? It ends a surname and two
        characters before it (a shorter or longer run before a title is as often a verb or a place: 总统|关怀|…,
        午宴日本|…, 副会长|恭贺蔡|总统)."""
        return any(self.norm[a : a + n] in self.lex.titles for n in range(min(_TITLE_MAX, limit - a), 1, -1))

    def _role_start(self, title_start: int, limit: int) -> int:
        """Where the organisation part of a role begins (卫生部长 ← 部长), reaching back over
        Han characters but not past a predicate or an adverbial (接见|美国维吉尼亚州州长)."""
        lo = title_start
        while lo > limit and title_start - lo < _ROLE_REACH and "\u4e00" <= self.norm[lo - 1] <= "\u9fff" and (
                self.norm[lo - 1] not in "的与和同及获" or self.grammar.in_noun(lo - 1)):
            lo -= 1  # 诺鲁共和国总统: a conjunction inside a noun (共和国, 同盟) joins nothing; 获|总统某某接见: received by
        return self.grammar.last_boundary(lo, title_start)

    def _register(self, m: Mention, story: str) -> Entity:
        if m.kind == "person" and m.name and m.name_spans and any(c in m.name for c in NAME_SEPARATORS):
            # 伊萬‧索科洛夫 is 索科洛夫 in every later mention: the surname is the canonical form
            # (布莱恩·胡 stays whole: one character names nobody)
            cut = max(m.name.rfind(c) for c in NAME_SEPARATORS) + 1
            start, end = m.name_spans[0][0], m.name_spans[-1][1]
            honorific = next((h for h in self._titled_honorifics if self.norm.startswith(h, start)), "")
            honoured = bool(honorific) or self.norm.endswith(self._titled_honorifics, 0, start)
            given = m.name[: min(i for i in (m.name.find(c) for c in NAME_SEPARATORS) if i >= 0)].removeprefix(honorific)
            given_start = self.norm.find(given, start, end)
            if honoured and len(given) > 1 and given_start >= 0:
                # 拿督斯里某某·某某: a Malay name goes by its first part, the given name (the second is the father's)
                m.name, m.name_spans = given, ((given_start, given_start + len(given)),)
            elif len(m.name) - cut > 1:
                last_start = m.name_spans[-1][1] - (len(m.name) - cut)
                m.name, m.name_spans = m.name[cut:], ((last_start, m.name_spans[-1][1]),)
        display = join_spans(m.name_spans, self.original) or m.name
        return self.registry.add(m, display, join_spans(m.role_spans, self.original) or None, story)

    # ------------------------------------------------------------- speaker phrases
    def mention(self, region: tuple[int, int], headline: bool = False) -> Mention | None:
        """The speaker phrase of the region before a cue (or before a headline colon)."""
        a, b = region
        if headline:
            a += next((len(w) for w in _INTERVIEW_LABELS if self.norm.startswith(w, a, b)), 0)  # 专访|某国外长：…
            return self.typer.type(a, b, headline=True)
        nearest = True  # the nearest clause with words: 发表讲话，|敦促 leaves an empty one after it
        for n, (ca, cb) in enumerate(reversed(self.grammar.clauses(a, b))):
            relay = self._relayed(ca, cb)
            if relay is not None:
                return relay
            phrase = self.grammar.phrase(ca, cb)
            if phrase is None and n == 0:
                phrase = self._separated_name(ca, cb)  # 自行车爱好者米莉·菲利普斯: 自 is no preposition there
            m = self.typer.type(phrase.start, phrase.end, direct=n == 0) if phrase is not None else None
            if m is not None and m.anaphor == VISITORS and n > 0 and not self._opens_sentence(ca):
                m = None  # ……，访宾今年在臺灣度過…，也祝福…，希望: a clause inside another's sentence
            if m is not None and m.kind == "document" and self.norm.startswith("的", phrase.end):
                m = self._paper_s_person(phrase.end, cb) or m  # 该报告的联合作者Z: the paper's author speaks
            if n == 0 and m is not None and m.kind != "person" and self.norm.find("的", phrase.end, cb) != -1:
                m = self._named_relative_head(ca, cb) or m  # 曾在前政府|担任国家安全顾问的王立德: a relative clause ran on
            relative = nearest and m is not None and m.anaphor and "的" in m.text
            # 包括两位某某在内的这组经济学家: the group the inclusion describes, not its members
            inclusive = "在内的" in self.norm[ca:cb] and self.norm[ca:cb].lstrip().startswith("包括")
            nearest = nearest and ca == cb
            if relative or inclusive or n == 0 and (m is None or self._bare(m)):
                # 研究…的政治学教授安娜·卡林: a titled head after 的 outranks a bare word;
                # 剑桥大学的莫里森教授: a named head outranks the whole phrase read as a title
                head = self._relative_head(ca, cb)
                if inclusive and head is not None:
                    m = head
                elif m is not None and m.anaphor:
                    m = head if head is not None and head.kind == "person" and head.anaphor is None else m
                else:
                    # a bare word with a 的 after it lies in the modifier (在请愿书上签名的…Smith,
                    # 如今生活在佛州的她): the head speaks
                    inside = m is not None and self.norm.find("的", m.end, cb) != -1 and head is not None and self._named(head)
                    m = head if head is not None and (m is None or head.role or inside) else m
                m = m or (self._named_prefix(phrase) if phrase is not None else None)
            elif m is None and phrase is not None:
                m = self._described_person(ca, cb)  # 四十岁的陈小姐在接受采访时，|也说: before the cue's own clause
            if m is not None or (n == 0 and phrase is not None):
                return m  # the cue's own subject, a speaker or not
            if phrase is None:
                continue  # ……，并表示: the clause shares the subject of the one before
            # an earlier clause opening with an unknown verb (除预祝…): look further back
        return None

    def _separated_name(self, a: int, b: int) -> Phrase | None:
        """The whole clause as the phrase when it ends in a foreign name written with a
        separator (在职母亲阿什莉·萨尔根尼克, 自行车爱好者米莉·菲利普斯), which the grammar reads as
        opening on a preposition or an adverb; None otherwise."""
        while a < b and self.norm[a] in " \u3000":
            a += 1
        found = SEPARATED_NAME_END.search(self.norm, a, b)
        if found is None:
            return None
        end = found.start("gloss") if found.group("gloss") else b
        m = self.typer.type(a, end, direct=True)
        return Phrase(a, end) if m is not None and m.kind == "person" and m.anaphor is None else None

    def _bare(self, m: Mention) -> bool:
        """A person known by nothing but two or three characters: no title, not named before."""
        return m.kind == "person" and m.anaphor is None and not m.role and not self.registry.known(m.name or "")

    def _named(self, m: Mention) -> bool:
        """Is ``m`` someone a reader can tell is a speaker: a pronoun, a titled or known
        person, an unnamed source, or a name in Latin letters or in transliteration (Grace,
        帕根), not two or three characters that merely look like a name?"""
        if m.kind == "anonymous" or (m.kind == "person" and m.anaphor is not None):
            return True
        name = m.name or ""
        return m.kind == "person" and bool(name) and (not self._bare(m) or name.isascii()
                                                      or all(c in self.lex.transliteration for c in name))

    def _described_person(self, a: int, b: int) -> Mention | None:
        """The person after a 的 of a clause that opens on a description (身为工作组主席的|艾德里安
        在发布会上对…的威胁发出警告), the last such, when the name is plainly one; None otherwise."""
        de = self.norm.rfind("的", a, b)
        while de != -1:
            head = self.grammar.phrase(de + 1, b)
            if head is not None:
                end = head.end - (self.norm[head.end - 1] in _PREPOSITIONS)  # 陈小姐|在
                m = self.typer.type(de + 1, end, direct=True) if end > de + 1 else None
                if m is not None and self._plainly_named(m):
                    return m
            de = self.norm.rfind("的", a, de)
        return None

    def _plainly_named(self, m: Mention) -> bool:
        """Is ``m`` a person by the form of the name alone: with an honorific (陈小姐), or in Latin
        letters or in transliteration (巴希尔), rather than any two or three characters (抗议做)?"""
        name = m.name or ""
        return m.kind == "person" and m.anaphor is None and len(name) > 1 and (
            name.endswith(HONORIFIC_SUFFIXES) or name.isascii() or len(name) > 2 and all(c in self.lex.transliteration for c in name))

    def _named_relative_head(self, a: int, b: int) -> Mention | None:
        """The head after a relative clause (…担任国家安全顾问的|王立德) when it is a personal name: of
        three characters or more, or one the story named (not 修例), and no adverbial's place (在题为…的|文章中)."""
        head = self._relative_head(a, b)
        if (head is not None and head.kind == "person" and head.name and self.typer.person_name(head.name)
                and (len(head.name) > 2 or self.registry.known(head.name)) and head.name[-1] not in "中上"):
            return head
        return None

    def _named_prefix(self, phrase) -> Mention | None:
        """法官杜柏文判刑时, 律师陈咏诗求情时: a phrase that runs on through a verb the lexicons
        do not know is cut after the longest part that names a titled person or an outlet."""
        for cut in range(phrase.end - 1, phrase.start + 1, -1):
            m = self.typer.type(phrase.start, cut, direct=True)
            if m is None or m.anaphor is not None:
                continue
            if m.kind == "person" and (m.role or self.typer.surnamed(m.name or "")):
                return m
            if m.kind == "media" and self.norm[cut] in _PREPOSITIONS:
                return m  # 路透社|在报道中指出: an outlet before the phrase that places it
        return None

    def _paper_s_person(self, de: int, b: int) -> Mention | None:
        """The one a paper's 的 at ``de`` introduces (该报告的联合作者、某所所长Z), if a speaker."""
        phrase = self.grammar.phrase(de + 1, b)
        if phrase is None:
            return None
        head = self.typer.type(de + 1, phrase.end, direct=True)
        return head if head is not None and head.kind in ("person", "anonymous", "organization") else None

    def _relative_head(self, a: int, b: int) -> Mention | None:
        """A subject modified by a relative clause (曾参与抗议的某某认为, 两名不在场的官员告诉): a
        name after the last 的 is the speaker; an unnamed head keeps its whole description."""
        found = None  # (的, phrase, head): the last 的's; or an earlier one's head that names someone (…的某总统通过视频的方式…)
        de, last = self.norm.rfind("的", a, b), True
        while de != -1:
            phrase = self.grammar.phrase(de + 1, b)
            head = self.typer.type(phrase.start, phrase.end, direct=True) if phrase is not None and phrase.start == de + 1 else None
            named = head is not None and head.kind != "document" and self._named(head)
            if named or (last and head is not None and head.kind != "document"):
                found = de, phrase, head
                if named:
                    break
            de, last = self.norm.rfind("的", a, de), False
        if found is None:
            return None
        de, phrase, head = found
        if self.norm.startswith(self.lex.determiners, phrase.start):
            return head  # …在内的这组经济学家: the group named before, found by its description
        if head.kind == "anonymous" or (head.kind == "person" and head.anaphor):
            # 两名不在场的官员 keep their description; 包括某某在内的分析师 are the analysts
            start = de + 1 if self.norm.endswith("在内", a, de) else self.grammar.skip_openers(a, de)
            text = self.norm[start : phrase.end]
            again = self.norm.startswith(self.lex.determiners, start)  # 这位坚持匿名的发言人: one named before
            return Mention(text, start, phrase.end, "anonymous", name=text, anaphor=head.text if again else None)
        return head

    def _relayed(self, a: int, b: int) -> Mention | None:
        """公报引述科瓦尔斯卡的话说 / 报道援引分析师Z的分析说: the one whose words are relayed."""
        relay = None
        for relay in _RELAY.finditer(self.norm, a, b):
            pass
        if relay is None:
            return None
        if relay.group().startswith("宣读"):  # 发言人许晓岚…宣读商务部声明说: the one reading it out speaks
            occasion = self.norm.rfind("在", a, relay.start())  # …何文静|在记者会上|宣读…
            reader = self.grammar.phrase(a, occasion if occasion > a else relay.start())
            return self.typer.type(reader.start, reader.end, direct=True) if reader is not None else None
        phrase = self.grammar.phrase(relay.end(), b)
        if phrase is None or (_CITED_FIGURES.search(self.norm, phrase.start, b) and not self._report_cites(a, relay.start())):
            return None
        if _AGREEMENT.search(self.norm, phrase.start, b):
            return None  # 引用两位外长达成的共识说: an agreement speaks through the one citing it
        end = phrase.end
        words = _RELAYED_WORDS.search(self.norm, phrase.start, end) or _CITED_FIGURES.search(self.norm, phrase.start, end)
        if words is not None and words.end() == end:
            end = words.start()
        return self.typer.type(phrase.start, end, direct=True) or self._relative_head(relay.end(), end)

    def _report_cites(self, a: int, b: int) -> bool:
        """Is the one citing a report or an outlet (报道还援引…), which lets what it cites speak?"""
        citer = self.norm[a:b].rstrip("还也则又亦更")
        return citer.endswith(self.lex.documents) or citer.endswith(self.lex.media)

    def _clause_subject_before(self, pos: int, story: str) -> Entity | None:
        """毛宁在记者会上…，但是她强调: a person opening an earlier clause of the pronoun's own
        sentence."""
        k = self._line_at(pos)
        if k is None:
            return None
        line = self.lines[k]
        start = max(max(self.norm.rfind(ch, line.start, pos) for ch in _SENTENCE_END) + 1, line.start)
        for ca, cb in self.grammar.clauses(start, pos)[:-1]:
            opening = self.grammar.skip_openers(ca, cb)  # (尤其是|对于…)
            if self.norm.startswith(TOPIC_PREPOSITIONS, opening):
                people = self._topic_people(opening, cb)
                if people is not None:
                    return self._register(people, story)
                continue  # 关于…的问题，他说: a topic, whose 关于 is no person
            phrase = self.grammar.phrase(ca, cb)
            if phrase is None:
                # 曾任…部长的安德烈‧索科夫，…，他并指出: a person after a relative clause
                m = self._relative_head(ca, cb)
                if m is not None and m.kind == "person" and m.anaphor is None and m.name:
                    return self._register(m, story)
                continue
            m = self.typer.type(phrase.start, phrase.end)
            if m is not None and m.kind == "person" and m.anaphor is None and m.name:
                return self._register(m, story)
            return None
        return None

    def _topic_people(self, a: int, b: int) -> Mention | None:
        """对于…的企业主来说，他们…: the people a topic names are whom the pronoun after it means."""
        if not self.norm.endswith(_FOR_WHOM, a, b):
            return None
        inner = a + next(len(p) for p in TOPIC_PREPOSITIONS if self.norm.startswith(p, a))
        end = b - next(len(w) for w in _FOR_WHOM if self.norm.endswith(w, a, b))
        m = self._relative_head(inner, end) if "的" in self.norm[inner:end] else self.typer.type(inner, end)
        return m if m is not None and m.kind in ("person", "anonymous") and m.anaphor is None else None

    def _subject_before(self, pos: int, story: str, plural: bool = False) -> Entity | None:
        """The person an earlier sentence of the story opens with, for a pronoun at ``pos``
        (its own sentence excluded); None when the nearest subject is no person. A plural
        pronoun (他们) takes a group instead: unnamed sources, an organisation, officials."""
        k = self._line_at(pos)
        if k is None:
            return None
        end = max(self.norm.rfind(ch, self.lines[k].start, pos) for ch in _SENTENCE_END) + 1
        looked = 0
        while k >= 0 and self.lines[k].story == story and looked < _SENTENCES_BACK + 1:
            line = self.lines[k]
            while end > line.start and looked < _SENTENCES_BACK + 1:
                start = max(max(self.norm.rfind(ch, line.start, end - 1) for ch in _SENTENCE_END) + 1, line.start)
                latin = self._in_latin(start, end)  # a quotation's original in English: passed over, uncounted
                looked += not latin
                if not self._in_quotation(start) and not latin:  # a quotation's sentences are no narration
                    phrase = self._opening_phrase(start, end)
                    m = self.typer.type(phrase.start, phrase.end) if phrase is not None else None
                    if m is None and phrase is not None:
                        m = self._described_person(phrase.start, self.grammar.clauses(start, end)[0][1])
                    if plural and m is not None and m.anaphor is None and (m.kind in ("anonymous", "organization", "media") or m.plural):
                        # 某社指出，…经济学家一直预测…。他们表示: people named later in the sentence, not the outlet
                        people = self._group_within(start, end) if m.kind in ("organization", "media") else None
                        return self._register(people or m, story)
                    if phrase is not None:
                        if m is None or m.kind != "person" or m.anaphor == "" or plural:
                            return None  # the nearest subject is no person: leave it to the registry
                        if m.anaphor is None:
                            return self._register(m, story)
                        return self.registry.antecedent(m, story, m.start, None)
                end = start
            k -= 1
            end = self.lines[k].end + 1 if k >= 0 else 0
        return None

    def _group_within(self, start: int, end: int) -> Mention | None:
        """The last unnamed group (经济学家, 分析人士) opening a later clause of the sentence."""
        for ca, cb in reversed(self.grammar.clauses(start, end)[1:]):
            phrase = self.grammar.phrase(ca, cb)
            m = self.typer.type(phrase.start, phrase.end) if phrase is not None else None
            if m is not None and m.kind == "anonymous" and m.anaphor is None:
                return m
        return None

    def _in_quotation(self, pos: int) -> bool:
        """Does ``pos`` lie inside a quotation (its opening mark included)?"""
        k = bisect_right(self._quoted_opens, pos) - 1
        return k >= 0 and pos <= self._quoted[k][1]

    def _opening_phrase(self, start: int, end: int):
        """The phrase a sentence opens with, past clauses that hold only a time or an opener
        (本月早些时候，大学副教授X博士，读了…)."""
        clauses = self.grammar.clauses(start, end)
        for ca, cb in clauses[:-1]:
            if self.grammar.skip_openers(ca, cb) < cb:
                return self.grammar.phrase(ca, cb)
        return self.grammar.phrase(*clauses[-1]) if clauses else None

    def _sentence_subject(self, line: Line, a: int) -> Mention | None:
        """A sentence that names no subject continues the one before it (蔡英文总统出席…。
        致词时表示，…): the subject opening an earlier sentence of the paragraph."""
        end = a
        for _ in range(_SENTENCES_BACK):
            if end <= line.start:
                return None
            start = max(self.norm.rfind(ch, line.start, end - 1) for ch in _SENTENCE_END) + 1
            start = max(start, line.start)
            # the first clause that is more than an opener (此外，|小仓局长…)
            first = next((c for c in self.grammar.clauses(start, end - 1) if self.grammar.skip_openers(*c) < c[1]), None)
            phrase = self.grammar.phrase(*first) if first is not None else None
            if phrase is not None:
                m = self.typer.type(phrase.start, phrase.end)
                if m is not None and m.kind != "document":
                    return m
            end = start
        return None

    # ------------------------------------------------------------- quotes
    def attribute(self, cand: Candidate, story: str, qid: str) -> Quote:
        original = self.original
        quote = Quote(
            id=qid, story=story, type=cand.type, text=original[cand.start : cand.end], start=cand.start,
            end=cand.end, cue_class=cand.cue_class, truncated=cand.truncated, confidence=cand.confidence,
        )
        if cand.cue is not None:
            quote.cue_start, quote.cue_end = cand.cue
            quote.cue = original[cand.cue[0] : cand.cue[1]]
        frame = self.frames.at(cand.cue[0] if cand.cue else cand.start)
        mention = None
        if cand.subject and cand.subject[0] == cand.subject[1]:
            self._continue_paragraph(quote, cand, story)  # 期盼未来…: the paragraph's speaker goes on
        elif cand.subject:
            # a headline label ending on its verb (北京向…喊话：) is read as a clause, its subject first
            labelled = cand.type == "headline"
            mention = self.mention(cand.subject, headline=labelled and cand.cue is None)
            if mention is None and labelled and cand.cue is not None:
                mention = self.mention(cand.subject, headline=True)  # 中国评论人反驳：, read as a label
            if mention is None and cand.type != "headline" and not self._has_subject(cand.subject):
                mention = self._sentence_subject(self.lines[cand.line], cand.subject[0])
        if mention is not None and (cand.type == "headline" or self.lines[cand.line].kind == "title"):
            mention.cataphoric = True  # 卫福部长：…, 总统盼…: a title names whom the article names below
        if frame is not None and mention is not None and self.frames.close_for_new_voice(frame, mention, cand):
            frame = None
        if mention is not None and mention.kind == "document" and mention.name is None:
            frame = frame or self.frames.reopened(mention.document, cand)
            self._resolve_document(quote, mention, frame, story)
        elif mention is not None:
            self._resolve(quote, mention, story)
        elif cand.subject is None and cand.type == "direct":
            self._continue_previous(quote, story)
        elif cand.subject is not None and cand.subject[0] < cand.subject[1] and cand.type != "headline" and not self._has_subject(cand.subject):
            self._continue_paragraph(quote, cand, story)
        if frame is not None and quote.speaker_kind != "media":
            quote.source = frame.source
        return quote

    def _has_subject(self, region: tuple[int, int]) -> bool:
        """Does any clause of the region open with a noun phrase?"""
        return any(self.grammar.phrase(ca, cb) is not None for ca, cb in self.grammar.clauses(*region))

    def _speak(self, quote: Quote, entity: Entity, story: str) -> None:
        quote.speaker = entity.display
        quote.speaker_kind = entity.kind
        quote.role = entity.role_display
        self._last_speaker[story] = entity

    def _resolve(self, quote: Quote, m: Mention, story: str) -> None:
        quote.speaker_mention = self.original[m.start : m.end]
        quote.speaker_start, quote.speaker_end = m.start, m.end
        if m.anaphor is None:
            self._speak(quote, self._register(m, story), story)
            return
        before = END if m.cataphoric else m.start
        entity = None
        if m.anaphor == "" and not m.first_person:
            entity = self._clause_subject_before(m.start, story) or self._subject_before(m.start, story, m.plural)
        entity = entity or self.registry.antecedent(m, story, before, self._last_speaker.get(story))
        if entity is None and m.anaphor == VISITORS:
            entity = self._received(story, before)
        if entity is None and m.plural and m.anaphor == "":
            entity = self._group_voice(m.start, story)
        if entity is None and m.anaphor and m.text.startswith(self.lex.determiners):
            head = m.text[m.text.rfind("的") + 1 :].removeprefix(m.text[:2])
            entity = self.registry.described(head, story, before)
            if entity is not None and self._introduced_since(head[-2:], entity.last_before(before), m.start):
                entity = None  # 一名欧洲外交官也有相同看法。这位外交官说: another one, named only in narration
        if entity is None and m.text.startswith(_SINGLE_PERSON_DETERMINERS) and not m.plural and not self._unnamed_description(m.text):
            # 这位前总统, 这位英国领导人: the one just quoted or told of, in another office
            last = self._last_speaker.get(story)
            entity = last if last is not None and last.kind == "person" else self.registry.last_person(story, before)
        if entity is not None:
            entity.mentioned(m.start)
            self._speak(quote, entity, story)
        elif m.strict:
            self._speak(quote, self._register(m, story), story)  # 东盟秘书长: the role itself is the speaker
        elif m.anaphor and m.surname:
            quote.speaker, quote.speaker_kind, quote.role = self.original[m.start : m.end], "person", m.role
        elif m.anaphor:
            unnamed = m.text.endswith(self.lex.anonymous)  # 这位官员: an unnamed source
            quote.speaker, quote.speaker_kind = self.original[m.start : m.end], "anonymous" if unnamed else "person"
            quote.role = None if unnamed else self.original[m.start : m.end]

    def _in_latin(self, start: int, end: int) -> bool:
        """Is norm[start:end] written mostly in Latin letters (a quotation's English original)?"""
        letters = [c for c in self.norm[start:end] if c.isalpha()]
        return sum(c.isascii() for c in letters) * 2 > len(letters)

    def _unnamed_description(self, text: str) -> bool:
        """Does a description stand for someone the story leaves unnamed (这位官员, 这位匿名医生)?"""
        return text.endswith(self.lex.anonymous) or any(w in text for w in _ANONYMITY)

    def _received(self, story: str, before: int) -> Entity | None:
        """The person the story names as received (接见/会见/欢迎…某某), first: whom 访宾 means;
        one introduced with a title, in the story's text (a title line's names are no antecedent)."""
        received = []
        for e in self.registry.entities:
            if e.story != story or e.kind != "person" or not e.role:
                continue
            for at in e.positions:  # in order
                if at >= before:
                    break
                lead = self.norm[max(0, at - _RECEPTION_REACH) : at]
                lead = lead[max(lead.rfind(ch) for ch in (*_SENTENCE_END, "\n")) + 1 :]
                if at >= 0 and self._in_text(at) and any(verb in lead for verb in _RECEPTION_VERBS):
                    received.append((at, e))
                    break
        return min(received, key=lambda r: r[0])[1] if received else None

    def _opens_sentence(self, a: int) -> bool:
        """Does the clause at ``a`` open its sentence (訪賓們除感謝…，並表示)?"""
        k = self._line_at(a)
        line_start = self.lines[k].start if k is not None else 0
        start = max(max(self.norm.rfind(ch, line_start, a) for ch in _SENTENCE_END) + 1, line_start)
        return self.grammar.skip_openers(start, a) >= a

    def _in_text(self, pos: int) -> bool:
        k = self._line_at(pos)
        return k is not None and self.lines[k].kind == "text"

    def _introduced_since(self, head: str, since: int, end: int) -> bool:
        """Is someone new of this ``head`` introduced (一名亚洲外交官) between ``since`` and ``end``?"""
        at = self.norm.find(head, since + len(head), end)
        while at != -1:
            if any(w in self.norm[max(since, at - _INTRODUCTION_REACH) : at] for w in _INDEFINITES):
                return True
            at = self.norm.find(head, at + 1, end)
        return False

    def _resolve_document(self, quote: Quote, m: Mention, frame: Frame | None, story: str) -> None:
        """新闻稿说，… / 报告称，…: the speaker is whoever issued the document: the account in
        force, else whoever the story said published it."""
        quote.speaker_mention = self.original[m.start : m.end]
        quote.speaker_start, quote.speaker_end = m.start, m.end
        # an account's own paper (声明, 新闻稿) is the account in force; a report or an article
        # an account tells of (路透社报道…该报告说) is whoever the story says wrote it
        issuer = None if m.document in _ACCOUNT_PAPERS else self._issuer(m)
        if issuer is None and frame is not None and frame.origin_span is not None:
            issuer = self.typer.type(*frame.origin_span)
        if issuer is None or issuer.anaphor is not None or issuer.kind == "document":
            issuer = self._issuer(m)
        if issuer is not None:
            self._speak(quote, self._register(issuer, story), story)

    def _issuer(self, m: Mention) -> Mention | None:
        """Who published the document a bare ``报告``/``声明`` refers to: the subject of the
        latest clause before it that names such a document (自由之家发表…报告。报告称…)."""
        noun = m.document or ""
        data = noun in self.lex.data_nouns
        lo = max(0, m.start - _ISSUER_REACH)
        forms = (noun, *_PUBLISHING.get(noun, ()))  # 新华社发文称…。文章写道: the article it published
        latest = lambda end: max(self.norm.rfind(f, lo, end) for f in forms)  # noqa: E731 - the last telling before end
        at = latest(m.start) if noun else -1
        while at != -1:
            if data and not (self.norm[at - 1 : at] == "的" or self.norm.endswith(_ISSUING, lo, at)):
                at = latest(at)
                continue  # 航运|数据, 最新|民调: a topic or a time glued to data names no one who issued it
            clause_start = max(self.norm.rfind(ch, lo, at) for ch in "，。；：\n") + 1
            phrase = self.grammar.phrase(clause_start, at)
            if phrase is not None and not self.norm.startswith(self.lex.determiners, phrase.start):  # not 这个|报告及其建议
                end = phrase.end
                while end - phrase.start > 2 and self.norm[end - 1] in _ISSUED_AT:
                    end -= 1  # 美国驻欧空军|在星期三发表的一份声明: when or where it was issued
                issued = ISSUED.search(self.norm, phrase.start, end)
                end = issued.start() if issued is not None and issued.start() - phrase.start >= 2 else end  # 某组织|的这篇
                phrase = Phrase(phrase.start, end)
                issuer = self.typer.type(phrase.start, phrase.end)
                if issuer is None or issuer.anaphor is not None:
                    issuer = self._relative_head(phrase.start, phrase.end)  # 包括…在内的这组经济学家
                if issuer is not None and issuer.kind in ("organization", "media", "person", "anonymous") and issuer.anaphor is None:
                    return issuer
                text = self.norm[phrase.start : phrase.end]
                if (issuer is None and not data and 2 <= len(text) <= 12 and not text.startswith(_DEICTIC)
                        and self.typer.organisation_like(text)):  # (这是…发布的报告: no one named)
                    return Mention(text, phrase.start, phrase.end, "organization", name=text)
            at = latest(at)
        return None

    def _group_voice(self, pos: int, story: str) -> Entity | None:
        """他们坚信，… with no group named before it: the person who has the floor in the paragraph
        speaks for the delegation or the body he leads."""
        entity = self._last_speaker.get(story)
        k = self._line_at(pos)
        if entity is not None and entity.kind == "person" and k is not None and entity.last_before(pos) >= self.lines[k].start:
            return entity
        return None

    def _line_at(self, pos: int) -> int | None:
        """The index of the line that holds ``pos`` (its end included), or None."""
        k = bisect_right(self._line_starts, pos) - 1
        while k > 0 and self.lines[k - 1].end >= pos:
            k -= 1  # the first line that holds it, where one ends where the next begins
        return k if k >= 0 and pos <= self.lines[k].end else None

    def _continue_previous(self, quote: Quote, story: str) -> None:
        """A quotation standing alone continues the latest speaker of its story."""
        entity = self._last_speaker.get(story)
        if entity is not None:
            self._speak(quote, entity, story)
            quote.confidence = min(quote.confidence, 0.5)

    def _continue_paragraph(self, quote: Quote, cand: Candidate, story: str) -> None:
        """A cue whose sentence names no subject at all (…。并强调，…) continues the latest
        speaker of its paragraph."""
        entity = self._last_speaker.get(story)
        if entity is not None and entity.last_before(cand.start) >= self.lines[cand.line].start:
            self._speak(quote, entity, story)
            quote.confidence = min(quote.confidence, 0.6)
