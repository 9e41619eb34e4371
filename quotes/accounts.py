"""Accounts and sides: which party's account each quote reaches the reader through.

A quote's account is the source frame in force (据中国国防部消息 → 中方); a relay takes the
side of the party it relays (法广/俄罗斯国防部新闻稿 → 俄方).  A quote with no frame is on
its speaker's side when the speaker is one of the parties (a spokesperson's reaction);
outlets' commentary and unnamed or third-party voices stay without a side.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicons
from .model import Account, Document, Quote
from .reading import to_simplified, to_traditional

# A one-character abbreviation (中, 美, 俄…) names a party only in compounds like these.
_ABBREVIATION_FOLLOWERS = "方国军总外防驻官政媒"
_EVIDENCE = ("speakers", "outlet", "frame")  # how a file tells whose account it is, weakest first
_OFFICERS = ("发言人", "部长", "长官", "大臣", "官员", "大使", "主任", "司长", "局长", "处长", "秘书长")
_AGAIN = ("这", "那", "该", "此", "两位", "两名", "这些", "那些")  # 这位官员, 该人士: one named before
_CIVIL_BODIES = ("协会", "组织", "基金会", "联盟", "中心", "研究所", "智库", "学会", "团体")
_STATE_MEDIA = ("官媒", "官方媒体", "党媒", "国家通讯社", "国营媒体", "国家媒体")
_PRIVATE_MEDIA = ("媒体", "杂志", "报纸", "电视台", "网站", "周刊")
_NEWSPAPERS = ("日报", "时报", "晚报", "早报", "邮报", "卫报", "电讯报", "周报", "新闻", "新闻网")  # 英国电讯报, 产经新闻
_TOPIC_FOLLOWERS = ("问题", "事务", "研究", "观察")
_HAND = re.compile("通(?![报讯过知信话电告道])")  # 中国通, not 北京通报
_SOMEWHERE_IN = ("一家", "一所", "一个", "某")
_VOICE_OF = ("之音", "之声")
_AFFILIATION_WINDOW = 16  # characters before a speaker's name searched for a party
_TELLING = 3  # quotes by which a party tells a story, not only reacts to it
_LEADING = re.compile("(?:[（(][^）)]*[）)])?(?:率领|带领)的(?P<group>[^，。；]{2,16}?)团")  # 由X率领的某国议会代表团
_INDEPENDENT_VOICES = ("学者", "分析师", "分析人士", "研究员", "研究人员", "教授", "专家", "评论员", "观察家", "经济学家")
_DELEGATIONS = ("访团", "访问团", "代表团", "议员团", "考察团")  # a delegation named by its kind alone
_DATELINE_REACH = 24  # characters at the head of a paragraph where an outlet's dateline stands
_LINE = re.compile("[^\n]+")
_OWN_REPORT = "综合"  # (台北综合报导): the paper compiles its own report
# (台北综合报导), (某某社台北19日电), 〔记者某某／台北报导〕
_DATELINE = re.compile("[（(〔【]([^（）()〔〕【】]{1,30}?)(?:电|讯|报导|报道|综合)[^（）()〔〕【】]{0,6}[）)〕】]")
_POSTED = ("驻", "特派")  # a correspondent posted abroad (驻美特派员某某／华盛顿报导): where the reporter is
_AT_THE_EVENT = re.compile("在(?:通话|会谈|会晤|会面|视频通话|电话会谈)中")  # what was said at the meeting the accounts tell
_DATELINE_PARAGRAPHS = 3  # the title and the first paragraphs
_DATELINE_SPAN = 48  # a whole dateline with its reporter and place ((某某社记者某某台北19日电))
_HEADLINE_MAX = 60  # a first line longer than this is the story's first paragraph


@dataclass(frozen=True)
class SideLexicon:
    words: dict[str, str]
    pattern: re.Pattern[str]
    capitals: frozenset[str] = frozenset()
    governing: tuple[str, ...] = ()  # words after a capital that make it the government (外交部, 当局) or a dateline
    ministries: tuple[str, ...] = ()  # organs every government has (外交部, 经济部): whose, the text must say
    home: str | None = None  # the party of the document's dateline (（台北综合报导）: 台方), where a ministry is at home

    def at_home(self, home: str | None) -> SideLexicon:
        """This lexicon for a document whose dateline places it in ``home``'s capital or country:
        a ministry named without its country (外交部发言人) is that government's."""
        return self if home == self.home else replace(self, home=home)

    def ministry(self, text: str) -> bool:
        """Does ``text`` open with a ministry named without its country (外交部发言人, 经济部新闻稿)?"""
        return to_simplified(text).startswith(self.ministries)

    def home_ministry(self, text: str | None) -> str | None:
        """The dateline's party when ``text`` opens with a ministry named without its country
        (（台北综合报导）经济部表示: the ministry at home), or is a bare head of government's
        office (总统林某: the president at home), else None."""
        if not (self.home and text):
            return None
        return self.home if self.ministry(text) or to_simplified(text) in lexicons.HEADS_OF_STATE else None

    def parties(self, text: str | None, places: bool = True) -> list[str]:
        """The parties named in ``text``, in order of appearance; ``places=False``: not by a
        capital, which in a longer phrase is where someone is (伦敦一家机构的分析师)."""
        if not text:
            return []
        found = []
        previous_end, previous = -1, ""
        for m in self.pattern.finditer(to_simplified(text)):
            word = m.group()
            if m.string[m.start() - 1 : m.start()] == "驻":
                continue  # 中国驻欧盟使团: the host, not the party
            if m.string.startswith(_TOPIC_FOLLOWERS, m.end()) or _HAND.match(m.string, m.end()):
                continue  # 日本问题学者, 中国事务专家, 中国通: the subject of study, not the party
            if m.string.startswith(_SOMEWHERE_IN, m.end()):
                continue  # 新加坡一家智库的研究员: where someone works, not whom they speak for
            if m.string.startswith(_VOICE_OF, m.end()):
                continue  # 美国之音, 德国之声: a broadcaster named for its country, the reporter, no party
            if m.start() == previous_end or (m.start() == previous_end + 1 and m.string[previous_end] == "的" and previous in self.capitals):
                previous_end = m.end()  # 梵蒂冈|圣座|国务卿: the whole chain
                continue  # 越南|外交部发言人, 首尔的|外交部发言人: the country named first qualifies the organ
            previous_end, previous = m.end(), word
            after = m.end() + (m.string[m.end() : m.end() + 1] == "的")  # 首尔的外交部发言人
            if not places and word in self.capitals and not m.string.startswith(self.governing, after):
                continue  # 伦敦一家机构的分析师 is where he is; 北京外交部发言人 whom he speaks for
            if len(word) == 1:
                nxt = m.string[m.end() : m.end() + 1]
                if not nxt or nxt not in _ABBREVIATION_FOLLOWERS:
                    continue
            found.append(self.home if self.home and word.startswith(self.ministries) else self.words[word])
        return found

    def side_of(self, text: str | None, places: bool = True) -> str | None:
        """The party named first in ``text``, or None."""
        parties = self.parties(text, places)
        return parties[0] if parties else None


@lru_cache(maxsize=1)
def side_lexicon() -> SideLexicon:
    lex = lexicons.load()
    # a dateline (（台北综合报导）外交部长…) places an unnamed ministry in that capital's government
    governing = (*lex.organs, "政府", "当局", "官方", "方面", "官员", "发言人", "领导人", "军方", "综合", "讯", "电", "报道", "报导")
    ministries = tuple(o for o in lex.organs if o.endswith("部") and lex.parties.get(o) is None)
    return SideLexicon(lex.parties, lexicons.word_pattern(lex.parties), lex.capitals, governing, ministries)


def home_lexicon(doc: Document) -> SideLexicon:
    """The side lexicon at home in the party whose own press ``doc``'s dateline shows, if any."""
    lex = side_lexicon()
    return lex.at_home(dateline_party(doc.norm or doc.text, lex))


def dateline_party(text: str, lex: SideLexicon) -> str | None:
    """The party whose own press a dateline at the head of the first paragraphs shows: one
    party named, by the paper's own report ((台北综合报导)) or by that party's outlet with its
    capital ((某某社记者某某台北19日电), a 台方 outlet). None for a foreign agency's dateline
    ((某国际通讯社华盛顿电): where the reporter is, not whose press it is) or for two parties
    ((首尔、东京3日电))."""
    for head in _paragraph_heads(text, _DATELINE_SPAN):
        m = _DATELINE.match(head)
        if m:
            named = [w.group() for w in lex.pattern.finditer(m.group(1)) if len(w.group()) > 1]
            parties = {lex.words[w] for w in named}
            own = (_OWN_REPORT in m.group() or any(w not in lex.capitals and w not in lexicons.load().countries for w in named)
                   or _own_reporter(m.group(1)))
            return parties.pop() if len(parties) == 1 and own else None
    return None


def _own_reporter(byline: str) -> bool:
    """〔记者某某／台北报导〕: the paper's own reporter at home, not an agency's (no 社) nor a
    correspondent posted abroad."""
    return "记者" in byline and "社" not in byline and not any(w in byline for w in _POSTED)


def _paragraph_heads(text: str, reach: int) -> Iterator[str]:
    """The first ``reach`` characters, simplified, of the title and first paragraphs, where a
    dateline stands."""
    paragraphs = (m.group().strip() for m in _LINE.finditer(text) if m.group().strip())
    return (to_simplified(head[:reach]) for head in islice(paragraphs, _DATELINE_PARAGRAPHS))


def account_side(source: str | None, lex: SideLexicon, text: str = "") -> str | None:
    """The side a source frame speaks for; a relay chain speaks for what it relays, and an
    origin that names no party (布萊德利辦公室) takes the party of the one it is named after."""
    if not source:
        return None
    origin = source.split("/")[-1]
    simplified = to_simplified(origin)
    if simplified not in lex.words and (any(m in simplified for m in _PRIVATE_MEDIA) or simplified.endswith(_NEWSPAPERS)) and "官" not in simplified:
        return None  # 意大利媒体CRUX, 英国电讯报 report; neither is an account of its country's (朝鲜官媒, 人民日报 are)
    if _described_body(origin, lex):
        return None  # 关注中国宗教自由的援助协会: a body its description names a party in, not that party's
    # a ministry named without its country is the one named just before it, not a later 某国外交部
    return (lex.side_of(origin) or lex.home_ministry(origin) or _affiliation_in(text, origin, lex, first=lex.ministry(origin))
            or lex.side_of(source))


def _described_body(origin: str, lex: SideLexicon) -> bool:
    """Is ``origin`` a non-governmental body after a description (关注X问题的某协会), its head
    naming no party and no organ of government?"""
    de = origin.rfind("的")
    head = to_simplified(origin[de + 1 :])
    return de > 0 and lex.side_of(head) is None and head.endswith(_CIVIL_BODIES)


def _affiliation_in(text: str, name: str, lex: SideLexicon, person: bool = False, first: bool = False) -> str | None:
    """The party named just before ``name`` (or its head, 布萊德利 of 布萊德利辦公室) in ``text``:
    in the body first, since a headline packs place and party together (金正日平壤会晤李明).
    ``first``: before its first mention only."""
    body = text.find("\n") + 1
    if body > _HEADLINE_MAX or re.search("[。！？]", text[:body]):
        body = 0  # the first line is a paragraph, not a headline
    return (_affiliation_from(text, name, lex, body, person, first)
            or (_affiliation_from(text[:body], name, lex, 0, person, first) if body else None))


def _affiliation_from(text: str, name: str, lex: SideLexicon, start: int, person: bool = False, first: bool = False) -> str | None:
    for size in range(len(name), len(name) - 1 if first else 1, -1):  # the name, then shorter heads of it (布萊德利 of 布萊德利辦公室)
        head = name[:size]
        at = text.find(head, start)
        while at >= 0:
            if person and at > 0 and text[at - 1] in _party_characters() and _inside_party_word(text, at, len(head), lex):
                at = text.find(head, at + len(head))
                continue  # 罗斯 in 俄罗斯 is no mention of the person 罗斯
            # a headline's parts stand apart (某国议员团访台 某某：…)
            clause_start = max(text.rfind(p, 0, at) for p in "，。,；\n（( \u3000")
            parties = lex.parties(text[max(clause_start + 1, at - _AFFILIATION_WINDOW) : at], places=False)
            if parties:
                return parties[-1]  # the nearest: （布鲁塞尔电）中国国务院副总理邵启衡 is 中方
            led = _delegation_led(text, at + len(head), lex) if person else None
            if led:
                return led
            at = -1 if first else text.find(head, at + len(head))
    return None


def _delegation_led(text: str, end: int, lex: SideLexicon) -> str | None:
    """由某某率领的某国议会代表团: the party of the delegation a person named just before leads."""
    m = _LEADING.match(to_simplified(text[end : end + 2 * _AFFILIATION_WINDOW]))
    parties = lex.parties(m.group("group"), places=False) if m else []
    return parties[0] if parties else None


@lru_cache(maxsize=1)
def _party_characters() -> frozenset[str]:
    """The characters of the party words, in either script: a name right after none of them
    stands inside no party word."""
    words = side_lexicon().words
    return frozenset("".join(words) + to_traditional("".join(words)))


def _inside_party_word(text: str, at: int, size: int, lex: SideLexicon) -> bool:
    """Is text[at:at+size] part of a longer party word (罗斯 in 俄罗斯)?"""
    window = to_simplified(text[max(0, at - 4) : at + size + 4])
    offset = at - max(0, at - 4)
    return any(m.start() <= offset and offset + size <= m.end() and m.end() - m.start() > size
               for m in lex.pattern.finditer(window))


def speaker_affiliation(doc: Document, quote: Quote, lex: SideLexicon, named: dict[tuple, str | None]) -> str | None:
    """The party a speaker belongs to: the one the quote's own mention names (台湾外交部, 中国外交部
    发言人周明; for an unnamed source its head only: 两名美国官员, not 一名研究俄罗斯问题的学者),
    else, for a named person or body, the one before the name's first mention in the document
    (read once per name: ``named``)."""
    if not quote.speaker or quote.speaker_kind not in ("person", "organization", "anonymous"):
        return None
    if quote.speaker_kind == "organization" and to_simplified(quote.role or "").endswith(_CIVIL_BODIES):
        return None  # 人权组织某某观察, 英国智库某某研究所: a body described as civil speaks for no party
    if to_simplified((quote.role if quote.speaker_kind == "person" else quote.speaker) or "").endswith(_INDEPENDENT_VOICES):
        return None  # 某国国防分析人士某某, 一位某国学者: an independent voice, whatever its country
    anonymous = quote.speaker_kind == "anonymous"
    local = _affiliation_at(doc.text, quote, lex, head_only=anonymous)
    if local or anonymous:
        return local
    if quote.speaker_kind == "organization" and lex.home_ministry(quote.speaker):
        return lex.home
    key = (quote.speaker, quote.role)
    if key not in named:
        named[key] = (lex.side_of(quote.speaker) or _affiliation_in(doc.text, quote.speaker, lex, quote.speaker_kind == "person")
                      or lex.side_of(quote.role, places=False) or lex.home_ministry(quote.role)
                      or _organ_before(doc.text, quote.speaker, lex))
    return named[key]


def _organ_before(text: str, name: str, lex: SideLexicon) -> str | None:
    """中国外交部对…进行了反驳。赵立坚说…: a name that opens the sentence after one whose subject is
    a party's organ speaks for that party (the organ's officer, introduced by the organ)."""
    at = text.find(name)
    if at <= 0 or text[at - 1] != "。" or name.startswith(_AGAIN):
        return None
    previous = max(text.rfind(p, 0, at - 1) for p in "。！？\n") + 1
    subject = to_simplified(text[previous : previous + _AFFILIATION_WINDOW])
    m = lex.pattern.match(subject)
    organs = lexicons.load().organs
    if m is None or not (m.group().endswith(organs) or subject.startswith(organs, m.end())):
        return None  # 中国外交部, 越南|国防部
    return lex.words[m.group()]


def _consistent(quotes: list[Quote]) -> None:
    """One speaker, one party: a quote whose mention names none (他说, 迪茨说) takes the party
    the speaker's other quotes name most often."""
    votes: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for q in quotes:
        if q.speaker_side and q.speaker_kind != "anonymous":
            votes[(q.speaker, q.speaker_kind)][q.speaker_side] += 1
    for q in quotes:
        tally = votes.get((q.speaker, q.speaker_kind))
        if q.speaker_side is None and tally and q.type != "headline":
            q.speaker_side = max(tally, key=tally.get)


def _body_members(quotes: list[Quote], lex: SideLexicon) -> None:
    """国防部发言人全夏允, 商务部长罗斯, 商务部一位高级官员: an officer of a body the story has
    quoted with a party (（首尔综合电）国防部表示…, 美国商务部称…) speaks for that party, named
    with or without it; a researcher of an institute does not."""
    bodies: dict[tuple[str, str], str] = {}
    for q in quotes:
        if q.speaker_kind == "organization" and q.speaker_side and q.speaker and len(q.speaker) >= 2:
            bodies[(q.story, q.speaker)] = q.speaker_side
            bare = _without_party(q.speaker, lex)
            if len(bare) >= 2:
                bodies.setdefault((q.story, bare), q.speaker_side)  # 美国商务部 → 商务部
    for q in quotes:
        if q.speaker_side is not None:
            continue
        if q.speaker_kind == "person" and q.role and q.role.endswith(_OFFICERS):
            name = q.role
        elif q.speaker_kind == "anonymous" and q.speaker and q.speaker.endswith(_OFFICERS):
            name = q.speaker
        else:
            continue
        q.speaker_side = next((side for (story, body), side in bodies.items() if story == q.story and name.startswith(body)), None)


def _party_outlet(name: str, lex: SideLexicon) -> bool:
    """Is ``name`` a party's own outlet, bare or introduced (塔斯社, 中国官媒环球时报)?"""
    simplified = to_simplified(name)
    if simplified in lex.words or (any(w in simplified for w in _STATE_MEDIA) and lex.side_of(simplified)):
        return True  # 塔斯社, 中国官媒某某报
    last = next((m for m in lex.pattern.finditer(simplified) if m.end() == len(simplified)), None)
    return last is not None and last.group().endswith(lexicons.load().media)


def _without_party(name: str, lex: SideLexicon) -> str:
    """``name`` without the party word it opens with (美国商务部 → 商务部)."""
    m = lex.pattern.match(to_simplified(name))
    return name[m.end() :] if m else name


def _unnamed_again(quotes: list[Quote]) -> None:
    """这位官员, 两位官员, 该人士: an unnamed source named again by its head takes the party of
    the last one of that head the story introduced (两名美国官员 → 美方)."""
    heads = lexicons.load().anonymous
    last: dict[tuple[str, str], str] = {}
    for q in quotes:
        if q.speaker_kind != "anonymous" or not q.speaker:
            continue
        head = min((h for h in heads if q.speaker.endswith(h)), key=len, default=None)  # the bare head: 官员, 人士
        if head is None:
            continue
        if q.speaker_side:
            last[(q.story, head)] = q.speaker_side
        elif q.speaker.startswith(_AGAIN) and (q.story, head) in last:
            q.speaker_side = last[(q.story, head)]


def _affiliation_at(text: str, quote: Quote, lex: SideLexicon, head_only: bool = False) -> str | None:
    """The party the quote's own speaker mention names (美国国务卿布林肯, 台湾外交部), the nearest
    to the name; words outside the mention are left to the name's first mention (在与美国会谈后，
    辛格表示: 美国 is whom he met), or that owns the mention (台湾的|外交部). ``head_only``: past
    the mention's last 的."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    mention = text[quote.speaker_start : quote.speaker_end]
    parties = lex.parties(mention[mention.rfind("的") + 1 :] if head_only else mention, places=mention in lex.capitals)
    if parties:
        return parties[-1]
    return None if head_only else _owner(text, quote.speaker_start, lex)


def _owner(text: str, start: int, lex: SideLexicon) -> str | None:
    """The party of a possessive right before a mention (台湾的|外交部, 美国的|国务院); a capital
    only before a governing word (首尔的|外交部), else it is where someone is (台北的|某传媒)."""
    if text[start - 1 : start] != "的":
        return None
    before = to_simplified(text[max(0, start - 9) : start - 1])
    owner = next((m for m in lex.pattern.finditer(before) if m.end() == len(before) and len(m.group()) > 1), None)
    if owner is None or (owner.group() in lex.capitals and not text.startswith(lex.governing, start)):
        return None
    return lex.words[owner.group()]


def assign_sides(doc: Document) -> None:
    """Fill ``speaker_side`` on every quote, ``side`` on the quotes of every story told by two
    or more parties, and ``accounts``."""
    lex = home_lexicon(doc)
    by_story: dict[str, list[Quote]] = defaultdict(list)
    for q in doc.quotes:
        by_story[q.story].append(q)
    named: dict[tuple, str | None] = {}
    for q in doc.quotes:
        # a headline's label speaks for a party only when it names one (菲律宾防长：…)
        q.speaker_side = speaker_affiliation(doc, q, lex, named) if q.type != "headline" else _affiliation_at(doc.text, q, lex)
    _consistent(doc.quotes)
    _unnamed_again(doc.quotes)
    _body_members(doc.quotes, lex)
    affiliated = {q.id: q.speaker_side for q in doc.quotes}
    for q in doc.quotes:
        if q.speaker_kind == "media" and q.source is None and q.speaker and _party_outlet(q.speaker, lex):
            q.source = q.speaker  # a party's own outlet (新华社, 中国官媒环球时报) carries that party's account
    frame_sides = {source: account_side(source, lex, doc.text) for source in {q.source for q in doc.quotes}}
    frame_sides.update(_unplaced_readouts(doc.quotes, frame_sides, lex))
    for quotes in by_story.values():
        framed = {q.id: frame_sides[q.source] for q in quotes}
        sides = {s for s in framed.values() if s}
        sides |= {affiliated[q.id] for q in quotes if framed[q.id] is None and affiliated.get(q.id)}
        if len(sides) < 2:
            continue
        for q in quotes:
            side = framed[q.id] or affiliated.get(q.id)
            q.side = side if side in sides else None
            q.side_reason = None if q.side is None else "frame" if framed[q.id] else "speakers"
        _told_in_an_opened_account(doc.text, quotes)
        _bystanders(quotes)
    doc.accounts = build_accounts(doc.quotes)


def _told_in_an_opened_account(text: str, quotes: list[Quote]) -> None:
    """某国部长某某表示… opening a paragraph with no frame opens that party's account; the other
    party's minister quoted after it on what he said at the meeting itself (某某在通话中说，…),
    with no frame of his own party's, is told in that account: his own party's readout, told
    before, was framed."""
    opened: str | None = None
    told: Quote | None = None  # the last quote put in the opened account so
    readouts: set[str] = set()  # the parties whose readouts the story has told, framed
    for q in quotes:
        if q.source is not None or q.side_reason != "speakers":
            if q.source is not None:
                opened = None
            if q.side_reason == "frame":
                readouts.add(q.side)
            continue
        at_event = q.speaker_end is not None and q.speaker_kind == "person" and _AT_THE_EVENT.search(text, q.speaker_end, q.start)
        goes_on = told is not None and told.speaker == q.speaker and "\n" not in text[told.end : q.start]  # 他还表示…
        if opened and q.side != opened and q.side in readouts and (at_event or goes_on):
            q.side, told = opened, q
        elif _opens_paragraph(text, q):
            opened, told = q.side, None


def _opens_paragraph(text: str, q: Quote) -> bool:
    return q.speaker_start is not None and text[q.speaker_start - 1 : q.speaker_start] in ("\n", "")


def _bystanders(quotes: list[Quote]) -> None:
    """A party heard once, by its own voice and through no account, in a story that two other
    parties tell at length (an embassy's reaction, a regional body's appeal) is a bystander, not
    one of the story's sides: its quote takes none."""
    told = Counter(q.side for q in quotes if q.side)
    for q in quotes:
        if q.side and told[q.side] == 1 and q.side_reason == "speakers" \
                and sum(n >= _TELLING for side, n in told.items() if side != q.side) >= 2:
            q.side = q.side_reason = None


def _unplaced_readouts(quotes: list[Quote], frame_sides: dict[str | None, str | None],
                       lex: SideLexicon) -> dict[str, str]:
    """据外交部网站发布的消息，某某表示…, 访团的声明说…: a readout of a ministry the text names without
    its country, and no dateline places, or of a delegation named by its kind alone speaks for the
    party most of the speakers it relays belong to, the first of them on a tie: a readout tells of its
    own people (and of the other party's leader now and then: 声明提到，台湾总统在会面中谈及…)."""
    relayed: dict[str, Counter[str]] = {}
    for q in quotes:
        origin = q.source.split("/")[-1] if q.source else ""
        if origin and frame_sides.get(q.source) is None and q.speaker_side \
                and (lex.ministry(origin) or to_simplified(origin).startswith(_DELEGATIONS)):
            relayed.setdefault(q.source, Counter())[q.speaker_side] += 1
    return {source: sides.most_common(1)[0][0] for source, sides in relayed.items()}


@dataclass(frozen=True)
class AccountSide:
    """Whose account a whole document is, and how that was told."""

    side: str | None
    reason: str | None  # frame | outlet | speakers | mentions | given
    share: float = 1.0  # the share of the document's quotes that tell it so (frame, speakers)


def account_of(doc: Document) -> AccountSide:
    """The party a single-account document speaks for: the account its frames name (据X外交部网站
    消息, X发表的声明), else the outlet of its dateline (新华社北京6月4日电, 韩联社), else the
    party most of its speakers belong to."""
    lex = home_lexicon(doc)
    total = max(1, len(doc.quotes))
    framed = Counter(s for q in doc.quotes if q.source and (s := account_side(q.source, lex, doc.text)))
    if framed:
        side, n = framed.most_common(1)[0]
        return AccountSide(side, "frame", n / total)
    outlet = _dateline_outlet(doc, lex)
    if outlet:
        return AccountSide(outlet, "outlet")
    speakers = Counter(q.speaker_side for q in doc.quotes if q.speaker_side)
    if speakers:
        side, n = speakers.most_common(1)[0]
        return AccountSide(side, "speakers", n / total)
    return AccountSide(None, None)


def pair_accounts(docs: list[Document]) -> list[AccountSide]:
    """Whose account each of two files is: each file's own (``account_of``); a file that names
    none, or that reads as the same party as the other on weaker evidence (speakers before a
    dateline before a frame, then a smaller share of its quotes), is read against the other as
    the other party it names most."""
    accounts = [account_of(d) for d in docs]
    if len(accounts) != 2:
        return accounts
    first, second = accounts
    if first.side is not None and first.side == second.side:
        strength = lambda a: (_EVIDENCE.index(a.reason) if a.reason in _EVIDENCE else -1, a.share)
        weaker = 0 if strength(first) < strength(second) else 1
        accounts[weaker] = AccountSide(None, None)
    for k in (0, 1):
        if accounts[k].side is None and accounts[1 - k].side is not None:
            accounts[k] = other_account(docs[k], accounts[1 - k].side)
    return accounts


def _dateline_outlet(doc: Document, lex: SideLexicon) -> str | None:
    """The party of an outlet named in the document's dateline (the head of its first paragraphs)."""
    media = lexicons.load().media
    for head in _paragraph_heads(doc.norm or doc.text, _DATELINE_REACH):
        for m in lex.pattern.finditer(head):
            if m.group() in media or m.group().endswith("社"):
                return lex.words[m.group()]
    return None


def other_account(doc: Document, known: str) -> AccountSide:
    """The side of a document that names no account of its own, read against the other file's
    side: the party it names most often besides that one (a readout of a call names both)."""
    counts = Counter(p for p in side_lexicon().parties(doc.norm or doc.text) if p != known)
    return AccountSide(counts.most_common(1)[0][0], "mentions") if counts else AccountSide(None, None)


def build_accounts(quotes: list[Quote]) -> list[Account]:
    accounts: dict[str, Account] = {}
    for q in quotes:
        if q.side is None:
            continue
        acc = accounts.setdefault(q.side, Account(side=q.side, sources=[], quotes=[]))
        source = q.source or q.side
        if source not in acc.sources:
            acc.sources.append(source)
        acc.quotes.append(q.id)
    return list(accounts.values())
