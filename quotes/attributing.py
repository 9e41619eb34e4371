"""Attributor: tie each found quote to one canonical speaker and to the account in force.

The speaker phrase is read on character spans of the normalised text (the treebank's
segmentation splits names and titles, so tokens are no help here): the clause before the
cue, cut before the first adverbial (董军|当天与绍伊古视频通话|表示), split into role and name
with the title lexicon, typed by its head, and resolved against the entities of the
document so that every mention of one entity gets the same string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Candidate
from .lexicons import Lexicons
from .model import Frame, Quote
from .structure import Line, after_dateline

_DATE = re.compile(r"\d{1,4}(?:年|月|日|号)")
_NAME_CHARS = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[A-Za-z][A-Za-z .'-]{1,30})$")
_FOREIGN_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_MODIFIERS = ("新任", "现任", "时任", "前任", "前", "代理", "署理", "候任", "首任")
_ROLE_REACH = 10
_REGION_MAX = 160  # characters before a cue searched for its subject
_END = 1 << 62  # "anywhere in the story", for a headline's speaker
_HEAD_MAX = 6  # length of a noun head after 的 that closes a speaker phrase
_COUNTED = re.compile("(?:[一两二三四五六七八九十几数多]|该|这|那|另一)(?:名|位|个)")  # 一名 两位 该名: a counted noun phrase
_COUNTED_REACH = 6  # characters of a place (秀林乡一名…) that may come before the count
_LOCATIVES = set("上中时后下里前内外间")
_FUNCTION_CHARS = set("的了是在有没不这那个们着过也都就我你您她他咱")  # never in a name (总教练只跟我说)
_NAME_SEPARATORS = "·‧•・"
_SEPARATED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}[·‧•・][\u4e00-\u9fff]{1,8}(?:[·‧•・][\u4e00-\u9fff]{1,8})?")
_NAME_FOLLOWERS = set("，。、；：（(「“ 的和与及等今昨日也还则并曾已将在于说称")  # characters of organisation name a role may carry before its title
_HONORIFICS = ("先生", "女士", "小姐", "阁下")
_RELAY = re.compile(r"(?:引述|援引|引用|转引)了?")
_PUNCT_STRIP = " ，、：；（）()《》“”「」\"'"

_FRAME_SOURCE = r"[^，。；：“”「」\n]{2,24}?"
_FRAME_TIME = r"(?:周[一二三四五六日]|星期[一二三四五六日天]|当天|当日|今天|昨天|日前|稍早|早前|\d{1,2}日)?"
_FRAME_PATTERNS = (
    # 根据X发表的新闻稿, with an optional relaying outlet before it: 法广根据俄罗斯国防部发表的新闻稿
    (re.compile(r"(?P<outlet>[^，。；：“”「」\s]{1,12}?)?根据(?P<origin>" + _FRAME_SOURCE + r")(?:发表|发布|公布|发出)的(?P<doc>新闻稿|声明|公报|新闻公报|通报|消息|报告|通稿|文章)"), ("根据",)),
    # 据X消息 / 据X报道 / 另据X介绍 / 据X发布的消息
    (re.compile(r"(?:另)?据(?P<origin>" + _FRAME_SOURCE + r")" + _FRAME_TIME + r"(?:发布|发表|公布)?(?:的)?(?:消息|报道|报导|介绍|透露|称|指出|披露|说|表示|通报|发布|公布|引述|援引)[，：,]"), ("据",)),
    # 越通社的报道对会谈的描述有所不同。: a sentence that opens on an account names it
    (re.compile(r"(?:^|(?<=[。！？]))(?P<origin>[^，。；：“”「」\n]{2,16}?)的(?P<doc>报道|报导|新闻稿|新闻公报|公报|声明|通报)", re.M),
     ("的报道", "的报导", "的新闻稿", "的新闻公报", "的公报", "的声明", "的通报")),
    # X随后发表的声明 / X在官网发布的新闻稿: the account a later 声明说 refers to
    (re.compile(r"(?P<origin>[^据，。；：“”「」\n]{2,24}?)(?:在[^，。；：\n]{0,12}?|随后|当天|同日|稍后|其后)?(?:发表|发布|公布|发出)(?:的)?(?P<doc>新闻稿|新闻公报|公报|联合声明|声明|通报|通稿|文告|公告)"),
     ("发表", "发布", "公布", "发出")),
    # X引述Y / X援引Y的声明
    (re.compile(r"(?P<outlet>[^，。；：“”「」\s]{2,12}?)(?:引述|援引)(?P<origin>[^，。；：“”「」]{2,20}?(?:声明|新闻稿|公报|消息|报道|官员|发言人))"), ("引述", "援引")),
)
_ACCOUNT_DOCUMENTS = ("新闻稿", "新闻公报", "公报", "声明", "联合声明", "通报")
_NOT_FRAME_SOURCES = ("了解", "悉", "称", "报道", "报导", "说", "统计", "估计", "调查", "分析", "介绍", "透露", "此", "初步")


@dataclass
class Mention:
    """A speaker phrase as read from the text."""

    text: str  # surface form (normalised)
    start: int
    end: int
    kind: str = "unknown"
    name: str | None = None  # canonical candidate (normalised); None for anaphora
    role: str | None = None
    anaphor: str | None = None  # the title an anaphor refers back by ('' for a bare pronoun)
    surname: str | None = None  # 杜官: the antecedent must bear this surname
    strict: bool = False  # the anaphor needs an antecedent with this very role (州务大臣), not any person
    cataphoric: bool = False  # a headline's speaker may be named later in its story
    name_spans: tuple[tuple[int, int], ...] = ()  # where the name's characters stand in the text
    role_spans: tuple[tuple[int, int], ...] = ()  # likewise for the role
    document: str | None = None  # 新闻稿 in 俄罗斯外交部新闻稿说: the speaker speaks through a document

    def __post_init__(self) -> None:
        if not self.name_spans and self.name is not None and self.name == self.text:
            self.name_spans = ((self.start, self.end),)


@dataclass
class Entity:
    name: str  # normalised canonical form, for matching
    display: str  # the same in the document's own script
    kind: str
    role: str | None
    role_display: str | None
    start: int
    end: int
    story: str
    last: int = -1  # where the entity was last mentioned


@dataclass
class Registry:
    """The entities of one document, in order of first mention."""

    entities: list[Entity] = field(default_factory=list)

    def find(self, m: Mention) -> Entity | None:
        for e in reversed(self.entities):
            if m.name == e.name:
                return e
        for e in reversed(self.entities):
            if e.kind == m.kind and len(m.name) >= 2 and len(e.name) >= 2 and (m.name.endswith(e.name) or e.name.endswith(m.name)):
                return e
        return None

    def add(self, m: Mention, display: str, role_display: str | None, story: str) -> Entity:
        known = self.find(m)
        if known is not None:
            if m.role and not known.role:
                known.role, known.role_display = m.role, role_display
            if len(m.name) < len(known.name) and known.kind != "person":
                known.name, known.display = m.name, display
            known.last = max(known.last, m.start)
            return known
        e = Entity(m.name, display, m.kind, m.role, role_display, m.start, m.end, story, m.start)
        self.entities.append(e)
        return e

    def antecedent(self, story: str, title: str, before: int, surname: str | None = None, strict: bool = False) -> Entity | None:
        """The entity of the story mentioned last before ``before`` that a pronoun (title '')
        or a titled anaphor (该发言人, 總統, 杜官) refers to."""
        candidates = [e for e in self.entities if e.story == story and e.kind == "person" and 0 <= e.last < before]
        if surname:
            candidates = [e for e in candidates if e.name.startswith(surname)]
        titled = [e for e in candidates if title and e.role and (title in e.role or e.role.endswith(title[-2:]))]
        pool = titled if titled or strict or surname else candidates
        if not pool:
            return None
        if before > max(e.last for e in pool) and strict and before == _END:
            return min(pool, key=lambda e: e.start)  # a headline names whoever the story introduces first
        return max(pool, key=lambda e: e.last)


class Attributor:
    """Parses speaker phrases and resolves them within one document."""

    def __init__(self, original: str, norm: str, lines: list[Line], lex: Lexicons, relays: list[Candidate] = ()):
        self.original = original
        self.norm = norm
        self.lines = lines
        self.lex = lex
        self.registry = Registry()
        self._cue_or_adverbial = lex.cue_or_adverbial
        self._boundary_words = tuple(lex.adverbials) + tuple(lex.cues) + tuple(lex.connectives)
        self._bare_adverbs = frozenset(lex.connectives) | frozenset(a for a in lex.adverbials if len(a) <= 2) | {"只", "仅", "但"}
        self.frames = self._frames(relays)
        self._last_speaker: dict[str, Entity] = {}
        self._seed_entities()

    def _seed_entities(self) -> None:
        """Register titled people named in the narration (副總統陳耀宗今天…), so that later
        bare names, pronouns and titles resolve to them."""
        scanner = self.lex.title_scanner
        marks = scanner.marks(self.norm)
        for line in self.lines:
            if line.kind == "boilerplate":
                continue
            for title_start, title_end, _ in scanner.finditer(self.norm, line.start, line.end, marks):
                name_end = self._name_after(title_end, line.end)
                if name_end is None:
                    continue
                start = self._role_start(title_start, line.start)
                role_spans = _role_spans(self.norm[start:title_end], start)
                m = Mention(self.norm[start:name_end], start, name_end, "person", name=self.norm[title_end:name_end],
                            role=self._join(role_spans, self.norm), name_spans=((title_end, name_end),), role_spans=role_spans)
                if self._may_be_name(m.name):
                    self._register(m, line.story)

    def _name_after(self, a: int, limit: int) -> int | None:
        """The end of a personal name starting at ``a`` when one clearly ends there: a
        transliterated name (罗伯托·萨尔加多), or two or three characters followed by a
        boundary (punctuation, an adverbial, a cue, 的/和/与…)."""
        norm = self.norm
        m = _SEPARATED_NAME.match(norm, a, limit)
        if m:
            end = m.end()
            while end > a and norm[end - 1] not in self.lex.transliteration and norm[end - 1] not in _NAME_SEPARATORS:
                end -= 1
            return end
        for size in (3, 2):
            end = a + size
            name = norm[a:end]
            if end > limit or not _NAME_CHARS.match(name) or not self._plausible_name(name) or not self._surnamed(name):
                continue
            if end == limit or norm[end] in _NAME_FOLLOWERS or norm.startswith(self._boundary_words, end):
                return end
        return None

    def _register(self, m: Mention, story: str) -> Entity:
        if m.kind == "person" and m.name and m.name_spans and any(c in m.name for c in _NAME_SEPARATORS):
            # 伊萬‧索科洛夫 is 索科洛夫 in every later mention: the surname is the canonical form
            cut = max(m.name.rfind(c) for c in _NAME_SEPARATORS) + 1
            last_start = m.name_spans[-1][1] - (len(m.name) - cut)
            m.name, m.name_spans = m.name[cut:], ((last_start, m.name_spans[-1][1]),)
        display = self._join(m.name_spans, self.original) or m.name
        return self.registry.add(m, display, self._join(m.role_spans, self.original) or None, story)

    # ------------------------------------------------------------- speaker phrases
    def mention(self, region: tuple[int, int], headline: bool = False) -> Mention | None:
        """Read the speaker phrase out of the region before a cue (or before a headline colon)."""
        a, b = region
        a = max(a, b - _REGION_MAX)  # only the last clauses can hold the subject
        clauses = [(m.start() + a, m.end() + a) for m in re.finditer(r"[^，；：,”」』\"]+", self.norm[a:b])]
        for ca, cb in reversed(clauses):
            if self.norm[ca:cb].strip() in self._bare_adverbs:
                continue  # ……，并宣称 / ……，只告诉记者: the subject is the earlier clause's
            m = self._clause_subject(ca, cb, headline)
            if m is not None:
                return m
            if self.norm[ca:cb].strip():
                break  # a non-empty clause with no subject: do not reach further back
        return None

    def _clause_subject(self, a: int, b: int, headline: bool) -> Mention | None:
        norm = self.norm
        a = after_dateline(norm, a, b)
        while a < b and norm[a] in _PUNCT_STRIP and norm[a] != "《":
            a += 1
        relay = None
        for relay in _RELAY.finditer(norm, a, b):
            pass
        if relay is not None:
            a = relay.end()
        for c in self.lex.connectives:
            if norm.startswith(c, a) and b - a > len(c):
                a += len(c)
                break
        if norm.startswith(("据", "根据", "另据"), a):
            return None
        paren = re.search("[（(]", norm[a + 1 : b])
        if paren:
            b = a + 1 + paren.start()  # 花蓮縣長徐振邦（左）視察…: a parenthesis closes the phrase
            if b - 1 > a and norm[b - 1] in "今昨前同本":
                b -= 1  # 李國強今（3）日表示: the date, not the name
        end = b if headline else self._subject_end(a, b)
        while end > a and (norm[end - 1] in _PUNCT_STRIP and norm[end - 1] != "》" or norm[end - 1] == "的"):
            end -= 1
        if norm.endswith("的话", a, end) and relay is not None:
            end -= 2  # 声明援引莫兰的话说
        while a < end and norm[a] in " ":
            a += 1
        if end <= a:
            return None
        return self._typed(a, end)

    def _subject_end(self, a: int, b: int) -> int:
        """Where the subject noun phrase ends: before the first adverbial after it."""
        norm = self.norm
        best = b
        d = _DATE.search(norm, a + 1, b)
        if d:
            best = d.start()
        # 一名在地居民: after a numeral and classifier a noun phrase begins, and a word there
        # (在地) opens no adverbial
        counted = _COUNTED.search(norm, a, min(b, a + _COUNTED_REACH))
        for adv in self.lex.adverbials:
            i = norm.find(adv, a + 1, best)
            while i != -1:
                offset = i - a
                if (len(adv) > 1 or offset >= 2 or norm[a] in "他她其") and not (counted and i == counted.end()):
                    best = min(best, i)
                    break
                i = norm.find(adv, i + 1, best)
        de = norm.rfind("的", best, b)
        tail = norm[de + 1 : b]
        people = self.lex.anonymous + tuple(self.lex.titles) + ("者",)
        if de > best and 0 < len(tail) <= _HEAD_MAX and tail.endswith(people) and not any(adv in tail for adv in self.lex.adverbials):
            return b  # 一名正在找屋的受访者: the adverbial sat in a relative clause; the head follows 的
        if counted and not any(p in norm[counted.end() : best] for p in people):
            # 一名参与磋商的欧洲外交官对法新社…: a counted phrase whose head is still to come
            # runs through its relative clause to the noun after 的
            de = norm.find("的", best, b)
            if de != -1:
                end = min((i for i in (norm.find(adv, de + 1, b) for adv in self.lex.adverbials) if i != -1), default=b)
                if 0 < end - de - 1 <= _HEAD_MAX:
                    return end
        return best

    def _typed(self, a: int, b: int) -> Mention | None:
        """Type a subject phrase and split it into role and name."""
        text = self.norm[a:b]
        lex = self.lex
        for noun in lex.documents:
            if text.endswith(noun):
                base = b - len(noun)
                while base > a and self.norm[base - 1] in "的之":
                    base -= 1
                if base == a or self.norm[a:base] in lex.determiners:
                    return Mention(text, a, b, "document")  # 公报称, 这份声明
                inner = self._typed(a, self._subject_end(a, base))
                if inner is not None:
                    inner.document = noun
                return inner
        if text in lex.pronouns:
            return Mention(text, a, b, "person", anaphor="")
        for det in lex.determiners:
            if text.startswith(det) and len(text) > len(det):
                return Mention(text, a, b, "person", anaphor=text[len(det):])
        book = re.search(r"《([^》]{1,20})》", text)
        if book:
            span = (a + book.start(1), a + book.end(1))
            return Mention(text, a, b, "media", name=book.group(1), name_spans=(span,))
        if len(text) > 1 and text in lex.parties and lex.title_suffixes.longest(text) is None:
            # 五角大楼, 美国, 塔斯社: a party's organ, outlet or the state itself, never a person
            return Mention(text, a, b, "media" if text.endswith(lex.media) else "organization", name=text)
        for honorific in _HONORIFICS:
            if text.endswith(honorific) and len(text) > len(honorific) + 1:
                text, b = text[: -len(honorific)], b - len(honorific)
        split = self._split_title(text)
        if split is not None:
            role, name_start = split
            for prefix in self.lex.honorifics:
                if text.startswith(prefix, name_start) and len(text) - name_start - len(prefix) >= 2:
                    name_start += len(prefix)  # 拿督斯里诺丁 is 诺丁
                    break
            name = text[name_start:]
            if role[0] == 1 and len(name) <= 2:  # 李总统登辉: surname, title, given name
                spans = ((a, a + 1), (a + name_start, b))
                return Mention(self.norm[a:b], a, b, "person", name=text[0] + name, role=text[1:name_start],
                               name_spans=spans, role_spans=((a + 1, a + name_start),))
            role_spans = _role_spans(text[:name_start], a)
            return Mention(self.norm[a:b], a, b, "person", name=name, role=self._join(role_spans, self.norm),
                           name_spans=((a + name_start, b),), role_spans=role_spans)
        if text in lex.titles:
            return Mention(text, a, b, "person", anaphor=text)
        surname = self._surname_title(text)
        if surname is not None:  # 杜官, 王部长: a named person by surname and title
            return Mention(text, a, b, "person", anaphor=text[len(surname):], surname=surname)
        if text.endswith("时") and len(text) > 3:
            trimmed = self._before_time_clause(a, b)
            if trimmed is not None:
                return trimmed
        if _NAME_CHARS.match(text):
            role_spans = self._role_of(text)
            if role_spans is not None:
                return Mention(text, a, b, "person", name=text, role=self._join(role_spans, self.norm), role_spans=role_spans)
        if text.endswith(lex.media):
            return Mention(text, a, b, "media", name=text)
        if text.endswith(lex.anonymous) or "不愿具名" in text or "匿名" in text:
            return Mention(text, a, b, "anonymous", name=text)
        if _COUNTED.search(text, 0, _COUNTED_REACH) and "的" in text:
            return Mention(text, a, b, "anonymous", name=text)  # 一位坐在北看台的老球迷: described, not named
        if text.endswith(lex.organizations):
            return Mention(text, a, b, "organization", name=text)
        title = lex.title_suffixes.longest(text)
        before_title = text[: -len(title)] if title else ""
        if title and self._may_be_name(before_title) and (self._foreign_name(before_title) or self._known(before_title)):
            # 布萊德利參議員: name, then title
            cut = b - len(title)
            return Mention(text, a, b, "person", name=self.norm[a:cut], role=title, name_spans=((a, cut),), role_spans=((cut, b),))
        if title:  # 州务大臣, 衛福部長: a role with no name refers to whoever holds it
            role_spans = _role_spans(text, a)
            return Mention(text, a, b, "person", name=text, role=self._join(role_spans, self.norm), role_spans=role_spans,
                           anaphor=self._join(role_spans, self.norm), strict=True)
        if _NAME_CHARS.match(text) or self._foreign_name(text):
            return Mention(text, a, b, "person", name=text)
        tail = self._surname_tail(text)
        if tail is not None:  # 巴生老街咖啡店业者|陈亚福: an unlisted descriptor, then a name
            cut = b - tail
            return Mention(text, a, b, "person", name=self.norm[cut:b], role=self.norm[a:cut], name_spans=((cut, b),), role_spans=((a, cut),))
        if len(text) > 30:
            return None
        return Mention(text, a, b, "unknown", name=text)

    def _honorific_name(self, text: str) -> bool:
        """拿督斯里诺丁, 东姑扎希尔: an honorific, then a name of two to six characters."""
        for prefix in self.lex.honorifics:
            if text.startswith(prefix) and 2 <= len(text) - len(prefix) <= 6 and self._plausible_name(text[len(prefix):]):
                return True
        return False

    def _surname_title(self, text: str) -> str | None:
        """The surname of a 'surname + title' mention (杜官, 王部长, 蔡總統), or None."""
        for size in (2, 1):
            if len(text) > size and text[:size] in self.lex.surnames and text[size:] in self.lex.titles:
                return text[:size]
        return None

    def _surname_tail(self, text: str) -> int | None:
        """Length of a name ending ``text`` after a descriptor: 3 or 2 characters from a surname."""
        for size in (3, 2):
            if len(text) >= size + 2:
                name = text[-size:]
                if name[0] in self.lex.surnames and self._plausible_name(name):
                    return size
        return None

    def _before_time_clause(self, a: int, b: int) -> Mention | None:
        """法官杜柏文判刑時 → 法官杜柏文: drop a trailing '… 时' clause when what precedes names someone."""
        for cut in range(b - 2, max(a + 1, b - 8), -1):
            m = self._typed(a, cut)
            if m is not None and m.kind == "person" and m.anaphor is None and m.name != self.norm[a:cut]:
                return m
        return None

    def _plausible_name(self, name: str) -> bool:
        """A bare two- or three-character name, not a verb, an adverbial or a function word."""
        if name.startswith(self._boundary_words) or name[-1] in _LOCATIVES or any(c in _FUNCTION_CHARS for c in name):
            return False
        if self._cue_or_adverbial.search(name):
            return False  # 会时说, 会当天: a verb or an adverbial, not a name
        return True

    def _surnamed(self, name: str) -> bool:
        """A Chinese name starts with a surname (向事主道歉: 道 is none); a transliterated one
        is made of transliteration characters."""
        return name[:1] in self.lex.surnames or name[:2] in self.lex.surnames or all(c in self.lex.transliteration for c in name)

    def _known(self, name: str) -> bool:
        return any(e.name == name for e in self.registry.entities)

    def _may_be_name(self, text: str) -> bool:
        """Not a title, a party or an organisation (美国总统, 东盟秘书长 carry no name)."""
        lex = self.lex
        return (text not in lex.titles and text not in lex.parties and text not in lex.organizations
                and lex.body_suffixes.longest(text) is None)

    def _foreign_name(self, text: str) -> bool:
        """A transliterated name: 罗伯特·萨尔加多, or five or more transliteration characters."""
        parts = re.split(f"[{_NAME_SEPARATORS}]", text)
        if len(parts) > 1:
            return all(1 <= len(p) <= 8 and _FOREIGN_NAME.match(p) for p in parts)
        known = sum(c in self.lex.transliteration for c in text)
        return 2 <= len(text) <= 8 and known >= len(text) - 1 and known >= 0.8 * len(text)

    def _role_of(self, name: str) -> tuple[tuple[int, int], ...] | None:
        """The role written before ``name`` somewhere in the document (新任财政部长周文 → 财政部长)."""
        pos = self.norm.find(name)
        while pos > 0:
            title = self.lex.title_suffixes.longest(self.norm, pos)
            if title is not None:
                lo = self._role_start(pos - len(title), 0)
                return _role_spans(self.norm[lo:pos], lo)
            pos = self.norm.find(name, pos + 1)
        return None

    def _role_start(self, title_start: int, limit: int) -> int:
        """Where the organisation part of a role begins (卫生部长 ← 部长), reaching back over
        Han characters but not past an adverbial (周三与|俄罗斯国防部长)."""
        lo = title_start
        while lo > limit and title_start - lo < _ROLE_REACH and "\u4e00" <= self.norm[lo - 1] <= "\u9fff" and self.norm[lo - 1] not in "的与和同及":
            lo -= 1
        start = lo
        for adv in self.lex.adverbials + self.lex.connectives:
            i = self.norm.rfind(adv, start, title_start)
            if i >= 0:
                lo = max(lo, i + len(adv))
        return lo

    @staticmethod
    def _join(spans: tuple[tuple[int, int], ...], text: str) -> str:
        return "".join(text[x:y] for x, y in spans)

    def _split_title(self, text: str) -> tuple[tuple[int, int], int] | None:
        """((title start, title end), name start) of the last title followed by a name."""
        best = None
        for m in self.lex.title_starts.finditer(text):
            i, t = m.start(), m.group(1)
            rest = text[i + len(t) :]
            chinese = _NAME_CHARS.match(rest) and self._plausible_name(rest)
            if len(t) > 1 and rest and (chinese or self._foreign_name(rest) or self._honorific_name(rest)) and self._may_be_name(rest) and self.lex.title_suffixes.longest(rest) is None:
                suffix = self.lex.organization_suffixes.longest(rest) or self.lex.media_suffixes.longest(rest) or ""
                if len(suffix) < 2 and (not suffix or len(rest) <= 3):
                    best = ((i, i + len(t)), i + len(t))
        return best

    # ------------------------------------------------------------- frames
    def _frames(self, relays: list[Candidate]) -> list[tuple[int, Frame | None]]:
        """(position, frame) changes in document order; a None frame ends the one in force."""
        changes: list[tuple[int, Frame | None]] = []
        story = None
        for line in self.lines:
            if line.story != story or line.kind == "heading":
                changes.append((line.start, None))
                story = line.story
            text = self.norm[line.start : line.end]
            for pattern, hints in _FRAME_PATTERNS:
                if not any(h in text for h in hints):
                    continue  # a cheap test first: most lines hold no frame
                for m in pattern.finditer(self.norm, line.start, line.end):
                    frame = self._frame(m)
                    if frame is not None:
                        changes.append((m.start(), frame))
        for relay in relays:
            a, b = relay.subject
            if any(a <= at < b and f is not None for at, f in changes):
                continue  # the relay's own words already opened a frame (X发表声明说)
            frame = self._relay_frame(relay)
            if frame is not None:
                changes.append((frame.start, frame))
        changes.sort(key=lambda c: c[0])
        previous = None
        for _, frame in changes:
            if frame is not None and frame.origin is None and previous is not None:
                # 中央社引述这份声明: the relay of the account in force
                frame.origin, frame.origin_span = previous.origin, previous.origin_span
                frame.source = f"{frame.outlet}/{previous.source}"
            previous = frame if frame is not None and frame.origin is not None else previous if frame is not None else None
        return changes

    def _close_for_new_voice(self, frame: Frame, m: Mention, cand: Candidate) -> bool:
        """A frame reaches into later paragraphs for the voices of its account; a speaker first
        named in a later paragraph (a spokesperson's reaction, an analyst) speaks outside it."""
        line = self.lines[cand.line]
        if frame.end > line.start or m.anaphor is not None or m.kind == "document" or not m.name:
            return False
        sentence = self.norm[after_dateline(self.norm, line.start, line.end) : cand.start]
        if sentence.startswith(self.lex.documents) or sentence.startswith(tuple("这份" + d for d in self.lex.documents)):
            return False  # 声明称，X…: still the account speaking
        story_start = next(ln.start for ln in self.lines if ln.story == line.story)
        if m.name in self.norm[story_start : line.start]:
            return False
        self.frames.append((line.start, None))
        self.frames.sort(key=lambda c: c[0])
        return True

    def _frame(self, m: re.Match[str]) -> Frame | None:
        groups = m.groupdict()
        if groups["origin"].strip().startswith(_NOT_FRAME_SOURCES):
            return None
        clause_start = max(self.norm.rfind(p, 0, m.start()) for p in "，。；：\n")
        opens_with_ju = m.group().startswith(("据", "另据"))
        if not opens_with_ju and ("据" in self.norm[clause_start + 1 : m.start() + 1] or "据" in groups["origin"]):
            return None  # the 据 pattern reads this one
        origin = self.mention(m.span("origin"))
        if origin is not None and origin.kind == "document":
            origin_span, origin_text = None, None  # 这份声明: the account already in force
        elif origin is None or origin.kind == "unknown" and "据" not in m.group()[:2]:
            origin_span = m.span("origin")
            origin_text = self.original[origin_span[0] : origin_span[1]].strip()
        else:
            origin_span = (origin.start, origin.end)
            origin_text = self.original[origin_span[0] : origin_span[1]].strip()
        doc = self.original[m.start("doc") : m.end("doc")] if groups.get("doc") in _ACCOUNT_DOCUMENTS else ""
        outlet = None
        if groups.get("outlet"):
            mention = self._typed(*m.span("outlet"))
            if mention is not None and mention.kind in ("media", "organization"):
                outlet = self.original[mention.start : mention.end]
        if origin_text is None and outlet is None:
            return None
        source = f"{outlet}/{origin_text}{doc}" if outlet else f"{origin_text}{doc}"
        return Frame(source=source, start=m.start(), end=m.end(), outlet=outlet, origin=origin_text, origin_span=origin_span)

    def _relay_frame(self, relay: Candidate) -> Frame | None:
        """The account opened by an outer attribution (新华社报道说，X表示…); a bare document
        noun (公报称) refers to the account already in force and opens nothing."""
        m = self.mention(relay.subject)
        if m is None or m.kind in ("document", "unknown") or m.anaphor is not None:
            return None
        origin = self.original[m.start : m.end]
        if m.kind == "person" and m.name_spans:
            origin = self._join(m.name_spans, self.original)
        source = origin + (m.document or "") if m.document in _ACCOUNT_DOCUMENTS else origin
        return Frame(source=source, start=m.start, end=relay.cue[1], origin=origin, origin_span=(m.start, m.end))

    def frame_at(self, pos: int) -> Frame | None:
        current = None
        for at, frame in self.frames:
            if at > pos:
                break
            current = frame
        return current

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
        frame = self.frame_at(cand.cue[0] if cand.cue else cand.start)
        mention = self.mention(cand.subject, headline=cand.type == "headline") if cand.subject else None
        if mention is not None and cand.type == "headline":
            mention.cataphoric = True  # 衛福部長：… names the minister the article names below
        if frame is not None and mention is not None and self._close_for_new_voice(frame, mention, cand):
            frame = None
        if mention is not None and mention.kind == "document":
            self._resolve_document(quote, mention, frame, story)
        elif mention is not None:
            self._resolve(quote, mention, story)
        elif cand.subject is None and cand.type == "direct":
            self._continue_previous(quote, story)
        if frame is not None and quote.speaker_kind != "media":
            quote.source = frame.source
        return quote

    def _speak(self, quote: Quote, entity: Entity, story: str) -> None:
        quote.speaker = entity.display
        quote.speaker_kind = entity.kind
        quote.role = entity.role_display
        self._last_speaker[story] = entity

    def _resolve(self, quote: Quote, m: Mention, story: str) -> None:
        quote.speaker_mention = self.original[m.start : m.end]
        quote.speaker_start, quote.speaker_end = m.start, m.end
        if m.anaphor is not None:
            before = _END if m.cataphoric else m.start
            entity = self.registry.antecedent(story, m.anaphor, before, m.surname, m.strict or m.cataphoric)
            if entity is None and m.strict:
                entity = self._register(m, story)  # 东盟秘书长: the role itself is the speaker
            elif entity is None:
                if m.anaphor:
                    unnamed = m.text.endswith(self.lex.anonymous)  # 专家认为: an unnamed source
                    quote.speaker, quote.speaker_kind = self.original[m.start : m.end], "anonymous" if unnamed else "person"
                    quote.role = None if unnamed else self.original[m.start : m.end]
                return
            entity.last = max(entity.last, m.start)
        else:
            entity = self._register(m, story)
        self._speak(quote, entity, story)

    def _resolve_document(self, quote: Quote, m: Mention, frame: Frame | None, story: str) -> None:
        """新闻稿说，…: the speaker is whoever issued the account in force."""
        quote.speaker_mention = self.original[m.start : m.end]
        quote.speaker_start, quote.speaker_end = m.start, m.end
        if frame is None or frame.origin_span is None:
            return
        issuer = self._typed(*frame.origin_span)
        if issuer is not None and issuer.anaphor is None and issuer.kind != "document":
            self._speak(quote, self._register(issuer, story), story)

    def _continue_previous(self, quote: Quote, story: str) -> None:
        """A quotation standing alone continues the latest speaker of its story."""
        entity = self._last_speaker.get(story)
        if entity is not None:
            self._speak(quote, entity, story)
            quote.confidence = min(quote.confidence, 0.5)


def _role_spans(role: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The spans of a role phrase without its modifier (中国新任国防部长 → 中国, 国防部长)."""
    for mod in _MODIFIERS:
        i = role.find(mod)
        if i >= 0 and len(role) > len(mod):
            spans = ((offset, offset + i), (offset + i + len(mod), offset + len(role)))
            return tuple((x, y) for x, y in spans if y > x)
    return ((offset, offset + len(role)),)

