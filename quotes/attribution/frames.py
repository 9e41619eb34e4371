"""Frames and sources: the account a quote reaches the reader through.

``据X消息``, ``根据X发表的新闻稿``, ``X报道说，Y表示``, ``X发表的声明``: each opens an account
(a ``Frame``) that governs the quotes after it until the story ends, a heading intervenes,
another frame opens, or a voice the account never named speaks in a later paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..finding import Candidate
from ..lexicons import Lexicons, occurrences
from ..reading import normalise as normalise_text
from ..model import Frame
from ..structure import Line, after_dateline
from .mentions import Mention, MentionTyper, join_spans

try:
    from re import _parser as _sre_parser  # the pattern parser of Python ≥ 3.11
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parser
_UNBOUNDED = _sre_parser.MAXREPEAT


@dataclass(frozen=True)
class _FramePattern:
    """A frame's pattern and the words a line must hold for it to be tried there (a cheap test
    first).  When every match holds one of those words (``anchored``), the pattern is tried
    only at the few positions close enough before one, not at every character of the line:
    patterns that open on a lazy run of any characters cost a search at each."""

    regex: re.Pattern[str]
    hints: tuple[str, ...]
    anchored: bool = False
    reach: int = field(init=False)  # the longest match: how far before a hint one may begin
    hinted: re.Pattern[str] = field(init=False)  # any of the hints: one pass over a document, not one per hint

    def __post_init__(self) -> None:
        object.__setattr__(self, "reach", _sre_parser.parse(self.regex.pattern, self.regex.flags).getwidth()[1])
        object.__setattr__(self, "hinted", re.compile("|".join(map(re.escape, self.hints))))

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """``regex.finditer(text, start, end)``."""
        if not self.anchored or self.reach >= _UNBOUNDED:
            yield from self.regex.finditer(text, start, end)
            return
        spots = sorted({i for hint in self.hints for i in occurrences(text, hint, start, end)})
        pos = tried = start  # where the next match may begin; the first position not yet tried
        for spot in spots:
            if spot < pos:
                continue  # inside the last match
            for at in range(max(pos, tried, spot - self.reach), spot + 1):
                m = self.regex.match(text, at, end)
                if m is not None:
                    yield m
                    pos = tried = m.end()
                    break
            else:
                tried = spot + 1


_REPLIES = ("回应", "回击", "反驳", "驳斥", "反击", "回覆", "回复", "否认", "否定")  # another party's answer to an account
_SENTENCE_STARTS = ("。", "！", "？", "\n")
_FRAME_SOURCE = r"[^，。；：“”「」\n]{2,24}?"
_FRAME_TIME = r"(?:周[一二三四五六日]|星期[一二三四五六日天]|当天|当日|今天|昨天|日前|稍早|早前|\d{1,2}日)?"
_FRAME_PATTERNS = (
    # 根据X发表的新闻稿, with an optional relaying outlet before it: 法广根据俄罗斯国防部发表的新闻稿
    _FramePattern(re.compile(r"(?P<outlet>[^，。；：“”「」\s]{1,12}?)?根据(?P<origin>" + _FRAME_SOURCE + r")(?:发表|发布|公布|发出)的(?P<doc>新闻稿|声明|公报|新闻公报|通报|消息|报告|通稿|文章)"), ("根据",), anchored=True),
    # 据X消息 / 据X报道 / 另据X介绍 / 据X发布的消息
    _FramePattern(re.compile(r"(?<!根)(?:另)?据(?P<origin>" + _FRAME_SOURCE + r")" + _FRAME_TIME + r"(?:发布|发表|公布)?(?:的)?(?:消息|报道|报导|介绍|透露|称|指出|披露|说|表示|通报|发布|公布|引述|援引|声明|新闻稿|新闻公报|公报|(?:通话)?摘要|(?:会谈)?概要|纪要)[，：,]"), ("据",), anchored=True),
    # 越通社的报道对会谈的描述有所不同。/ 对此，东京方面的版本是，…: a sentence (or a turn) that opens on an account names it
    _FramePattern(re.compile(r"(?:^|(?<=[。！？])|(?<=对此，)|(?<=不过，)|(?<=但是，)|(?<=然而，))(?!按照|依照|根据|在)(?P<origin>[^，。；：“”「」\n]{2,16}?)的(?:书面|正式|官方)?(?P<doc>报道|报导|新闻稿|新闻公报|公报|声明|通报|文告|版本|概要|说法)", re.M),
     ("报道", "报导", "新闻稿", "公报", "声明", "通报", "文告", "的版本", "概要", "的说法")),
    # 中国生态环境部的消息则侧重…, 外交部新闻稿指出，…: an organ's or an outlet's news or paper opening a
    # sentence (not 某人来访的消息一发布)
    _FramePattern(re.compile(r"(?:^|(?<=[。！？])|(?<=对此，)|(?<=不过，)|(?<=但是，)|(?<=然而，))(?!据|按照|依照|根据|在)"
                             r"(?P<origin>[^，。；：“”「」\n的]{1,12}?(?:部|院|署|局|委员会|厅|办公室|社|台|报|方|政府|当局))"
                             r"(?:的(?P<news>消息)|(?P<doc>新闻稿|新闻公报|公报|声明|通报|文告)(?=指出|说|称|表示|提到|写道|还|也|则))", re.M),
     ("的消息", "新闻稿", "公报", "声明", "通报", "文告")),
    # 按照中方的说法，… / 在印尼发布的版本中，… / 他在X网站发布的声明中说: the account named in an
    # adverbial, which reaches later paragraphs only for the voices it has already named
    _FramePattern(re.compile(r"(?P<scope>按照|依照|根据|在)(?P<origin>[^，。；：“”「」\n]{2,20}?)(?:官方)?(?:网站|官网|网页|社交媒体|社交平台)?上?"
                r"(?:发表|发布|公布|发出)?的(?P<doc>说法|版本|描述|新闻稿|新闻公报|公报|声明|通报|文告|通话摘要|摘要|会谈概要|概要|纪要)(?:中|里)?(?=[，,说称表指])"),
     ("的说法", "的版本", "的描述", "新闻稿中", "公报中", "声明中", "通报中", "文告中", "摘要中", "纪要中", "概要")),
    # 根据X新闻稿，…: the same account with no 的 between its issuer and the paper
    _FramePattern(re.compile(r"(?P<scope>按照|依照|根据)(?P<origin>[^，。；：“”「」\n的]{2,20}?)(?P<doc>新闻稿|新闻公报|公报|声明|通报|文告|通话摘要|会谈概要|纪要)(?:中|里)?(?=[，,说称表指])"),
     ("新闻稿", "公报", "声明", "通报", "文告", "摘要", "概要", "纪要")),
    # X随后发表的声明 / X在官网发布的新闻稿: the account a later 声明说 refers to
    _FramePattern(re.compile(r"(?P<origin>[^据，。；：“”「」\n]{2,24}?)(?:在[^，。；：\n]{0,12}?|随后|当天|同日|稍后|其后)?(?:发表|发布|公布|发出)(?:的|了)?(?P<doc>新闻稿|新闻公报|公报|联合声明|声明|通报|通稿|文告|公告|通话摘要|摘要|会谈概要|概要|纪要)"),
     ("发表", "发布", "公布", "发出"), anchored=True),
    # 路透社援引阿基诺的话说: an outlet citing a person carries that paragraph
    _FramePattern(re.compile(r"(?P<origin>[^，。；：“”「」\s]{2,16}?)(?:则|也|还|又)?(?:引述|援引|引用)(?P<cited>[^，。；：“”「」]{2,20}?)的话"), ("的话",), anchored=True),
    # X引述Y / X援引Y的声明
    _FramePattern(re.compile(r"(?P<outlet>[^，。；：“”「」\s]{2,12}?)(?:则|也|还|又)?(?:引述|援引)(?P<origin>[^，。；：“”「」]{2,20}?(?:声明|新闻稿|公报|消息|报道|官员|发言人))"), ("引述", "援引"), anchored=True),
)
_TURNS = ("对此，", "不过，", "但是，", "然而，")
# 在台北举行的记者会上, 接受某报专访时
_OWN_OCCASION = re.compile("在[^，。；：]{0,15}?(?:记者会|记者招待会|受访|采访|专访)|接受[^，。；：]{0,15}?(?:专访|采访|访问)")
_SITE_SUFFIX = re.compile("(?:官方网站|官网|网站|网页)$")  # 商务部网站: the organ's own site
_NAMED_BEFORE = 16  # characters before a name where its party is named
_GOES_ON = frozenset("还也又亦再")  # X还说: the same voice going on
ACCOUNT_DOCUMENTS = ("新闻稿", "新闻公报", "公报", "声明", "联合声明", "通报", "通话摘要", "摘要", "会谈概要", "概要", "纪要")
_NOT_FRAME_SOURCES = ("了解", "悉", "称", "报道", "报导", "说", "统计", "估计", "调查", "分析", "介绍", "透露", "此", "初步")

ReadMention = Callable[[tuple[int, int]], "Mention | None"]


class Frames:
    """The frames of one document, in order, and the one in force at a position."""

    def __init__(self, original: str, norm: str, lines: list[Line], lex: Lexicons, typer: MentionTyper,
                 read_mention: ReadMention, relays: list[Candidate], candidates: Sequence[Candidate] = ()):
        self.original = original
        self.norm = norm
        self.lines = lines
        self.lex = lex
        self.typer = typer
        self.read_mention = read_mention
        self._speech = [(c.start, c.end) for c in candidates]
        self._subjects = [c.subject for c in candidates if c.subject]
        self.changes = self._changes(relays)

    def at(self, pos: int) -> Frame | None:
        current = None
        for at, frame in self.changes:
            if at > pos:
                break
            current = frame
        return current

    def _changes(self, relays: list[Candidate]) -> list[tuple[int, Frame | None]]:
        """(position, frame) changes in document order; a None frame ends the one in force."""
        changes: list[tuple[int, Frame | None]] = []
        story = None
        # a cheap test first, on the whole document and then on each line: most hold no frame
        patterns = [p for p in _FRAME_PATTERNS if p.hinted.search(self.norm)]
        for line in self.lines:
            if line.story != story or line.kind == "heading":
                changes.append((line.start, None))
                story = line.story
            for pattern in patterns:
                if not pattern.hinted.search(self.norm, line.start, line.end):
                    continue
                for m in pattern.finditer(self.norm, line.start, line.end):
                    if self._reported(m.start(), m.end()):
                        continue
                    frame = self._frame(m, line)
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
        changes = self._end_voices(changes)
        previous = None
        for _, frame in changes:
            if frame is not None and frame.origin is None and previous is not None:
                # 中央社引述这份声明: the relay of the account in force
                frame.origin, frame.origin_span = previous.origin, previous.origin_span
                frame.source = f"{frame.outlet}/{previous.source}"
            previous = frame if frame is not None and frame.origin is not None else previous if frame is not None else None
        return changes

    @staticmethod
    def _end_voices(changes: list[tuple[int, Frame | None]]) -> list[tuple[int, Frame | None]]:
        """A person's relay governs the rest of its paragraph; after it, the account in force
        before it (据新华社报道 …) resumes, unless another frame has opened meanwhile."""
        resumed = []
        for k, (at, frame) in enumerate(changes):
            if frame is None or frame.paragraph_end is None:
                continue
            later = next((a for a, _ in changes[k + 1 :]), None)
            if later is None or later > frame.paragraph_end:
                resumed.append((frame.paragraph_end, changes[k - 1][1] if k else None))
        return sorted(changes + resumed, key=lambda c: c[0])

    def _in_speech(self, a: int) -> bool:
        return any(s <= a < e for s, e in self._speech)

    def _reported(self, a: int, b: int) -> bool:
        """Does ``a..b`` lie in someone's speech without being a speaker phrase there? (总统指出，
        欧洲议会多次发表声明…: the statement is what the president tells of, no account the
        document's later quotes reach the reader through.)"""
        return self._in_speech(a) and not any(sa < b and a < sb for sa, sb in self._subjects)

    def reopened(self, paper: str | None, cand: Candidate) -> Frame | None:
        """概要还说，…: a paragraph opening on the paper of an account named in an adverbial
        (按照防卫省的概要，…) and closed since (a voice of its own spoke in between) reopens it."""
        if not paper:
            return None
        line = self.lines[cand.line]
        for at, frame in reversed(self.changes):
            if at <= line.start and frame is not None and frame.adverbial and frame.source.endswith(paper):
                self._change(line.start, frame)
                return frame
        return None

    def _change(self, at: int, frame: Frame | None) -> None:
        """From ``at`` on, ``frame`` is the account in force (None: no account)."""
        self.changes.append((at, frame))
        self.changes.sort(key=lambda c: c[0])

    def close_for_new_voice(self, frame: Frame, m: Mention, cand: Candidate) -> bool:
        """A frame reaches into later paragraphs for the voices of its account; a speaker first
        named in a later paragraph (a spokesperson's reaction, an analyst) speaks outside it."""
        line = self.lines[cand.line]
        if frame.end <= line.start and self._own_occasion_opens(frame, line, cand.start):
            self._change(line.start, None)
            return True
        if self._other_party_replies(frame, m, cand):
            return True
        if m.anaphor is not None or m.kind == "document" or m.document or not m.name or frame.end > line.start:
            return False  # 中方消息还说: a party's own paper is its account speaking
        head = after_dateline(self.norm, line.start, line.end)
        sentence = self.norm[max(head, *(self.norm.rfind(p, head, cand.start) + 1 for p in "。！？")) : cand.start].lstrip("”」』\"")
        if sentence.startswith(self.lex.documents) or sentence.startswith(tuple("这份" + d for d in self.lex.documents)):
            return False  # 声明称，X…: still the account speaking
        if frame.adverbial:
            opened = max(ln.start for ln in self.lines if ln.start <= frame.start)
            if self.norm.find(m.name, opened, line.start) >= 0:
                return False  # a voice named since the paragraph that opened this account goes on in it
        elif not self._other_party_opens(frame, m, line):
            story_start = next(ln.start for ln in self.lines if ln.story == line.story)
            opened = max(ln.start for ln in self.lines if ln.start <= frame.start)
            named = [at.start() for at in re.compile(re.escape(m.name)).finditer(self.norm, story_start, line.start)
                     if not self._in_speech(at.start())]
            spoke_before = any(b <= frame.start and m.name in self.norm[a:b] and self.at(a) is None for a, b in self._subjects)
            if any(at >= opened for at in named) or (named and not spoke_before):
                return False  # named in the account's narration, or before it (not only in someone's words) and
                # not yet heard outside any account: one of the account's people
        self._change(line.start, None)
        return True

    def _own_occasion_opens(self, frame: Frame, line: Line, before: int) -> bool:
        """Does the paragraph open on someone speaking at an occasion of their own (不过，某某昨天在
        记者会上谈到…时，…) while a paper's account is in force (新闻稿指出…)? A release tells
        what was said at its meeting, not at a later press conference: the paper is left."""
        if not normalise_text(frame.source).endswith(self.lex.documents):
            return False
        head = after_dateline(self.norm, line.start, line.end)
        end = min((i for i in (self.norm.find(p, head, before) for p in "。！？") if i >= 0), default=before)
        return _OWN_OCCASION.search(self.norm, head, end) is not None

    def _other_party_replies(self, frame: Frame, m: Mention, cand: Candidate) -> bool:
        """X发表声明称…。Y国外交部回应称，…: a sentence where another party replies is no part of
        the account in force, in its paragraph or a later one (Y国政府发言人昨晚回应指，…: the reply
        word anywhere in the predicate)."""
        if cand.cue is None or not any(w in self.norm[m.end : cand.cue[1]] for w in _REPLIES) or self.norm[m.start - 1 : m.start] not in _SENTENCE_STARTS:
            return False
        if not self._parties_differ(frame, m):
            return False
        self._change(m.start, None)
        return True

    def _parties_differ(self, frame: Frame, m: Mention) -> bool:
        """Does the speaker's mention name another party than the account (中国外长 in 印方的声明)?"""
        if not frame.origin:
            return False
        speaker, account = self._party_in(self.norm[m.start : m.end]), self._party_in(normalise_text(frame.origin))
        return speaker is not None and account is not None and speaker != account

    def _other_party_opens(self, frame: Frame, m: Mention, line: Line) -> bool:
        """Does the paragraph open on a speaker introduced with another party than the account's
        (印度外交部的声明说… then 中国外长王毅对苏杰生说…)? Agency copy turns to that party's account so.
        A speaker named bare (麦克莱恩说，…) turns it only after a paragraph that opened on the
        account's paper (消息说，…) and quoted someone else: copy that cites its source paragraph
        by paragraph has left it when it stops; a readout's own paragraphs (蒙泰罗表示，…) name no
        paper."""
        if after_dateline(self.norm, line.start, line.end) != m.start:
            return False
        if self._parties_differ(frame, m):
            return True
        previous = self._previous_paragraph(line)
        if not (m.name and frame.origin and previous is not None and self.norm.startswith(self.lex.documents, previous)):
            return False
        if self.norm[m.end : m.end + 1] in _GOES_ON or m.name in self.norm[previous : line.start]:
            return False  # 维拉查雅还说，…: the voice the account just quoted goes on in it
        origin = normalise_text(frame.origin)
        account = self._party_in(origin) or self._party_named_before(_SITE_SUFFIX.sub("", origin))
        speaker = self._party_named_before(m.name)
        return bool(speaker and account and speaker != account)

    def _previous_paragraph(self, line: Line) -> int | None:
        """Where the text of the paragraph before ``line`` begins, past any dateline."""
        before = [ln for ln in self.lines if ln.end <= line.start and ln.kind == "text"]
        return after_dateline(self.norm, before[-1].start, before[-1].end) if before else None

    def _party_named_before(self, name: str) -> str | None:
        """The party named nearest before the first mention of ``name`` in its clause (澳大利亚贸易部长
        莎拉·麦克莱恩; 中国商务部 for a later bare 商务部)."""
        at = self.norm.find(name)
        if at <= 0:
            return None
        clause = self.norm[max(at - _NAMED_BEFORE, *(self.norm.rfind(p, 0, at) + 1 for p in "，。；：！？\n（()）")) : at]
        return next(reversed(self._parties_in(clause)), None)

    def _party_in(self, text: str) -> str | None:
        """The side of the first party word in ``text`` (中国外长 → 中方)."""
        return next(iter(self._parties_in(text)), None)

    def _parties_in(self, text: str) -> list[str]:
        """The sides of the party words in ``text``, in order, the longest word at each place."""
        return [self.lex.parties[m.group()] for m in self.lex.party_pattern.finditer(text)]

    def _frame(self, m: re.Match[str], line: Line) -> Frame | None:
        groups = m.groupdict()
        if groups["origin"].strip().startswith(_NOT_FRAME_SOURCES):
            return None
        clause_start = max(self.norm.rfind(p, 0, m.start()) for p in "，。；：\n")
        opens_with_ju = m.group().startswith(("据", "另据"))
        if not opens_with_ju and ("据" in self.norm[clause_start + 1 : m.start() + 1] or "据" in groups["origin"]):
            return None  # the 据 pattern reads this one
        a, b = m.span("origin")
        a = after_dateline(self.norm, a, b)  # （马尼拉综合报导）菲律宾国防部…: the dateline is no part of it
        origin = self.read_mention((a, b))
        if origin is not None and origin.kind == "document" and origin.name is None:
            origin_span, origin_text = None, None  # 这份声明: the account already in force
        elif groups.get("cited"):
            if origin is None or origin.kind != "media":
                return None  # 公报引述X的话说: the account in force citing its people
            origin_span = (origin.start, origin.end)
            origin_text = self.original[origin.start : origin.end].strip()
        elif (origin is None or origin.kind == "unknown") and not opens_with_ju:
            origin_span, origin_text = None, None  # 感谢美方不仅…发表声明: no issuer the grammar can name
        elif origin is None or origin.kind == "unknown":
            origin_span = (a, b)  # 据X消息 names its source whatever X is
            origin_text = self.original[a:b].strip()
        else:
            origin_span = (origin.start, origin.end)
            origin_text = self.original[origin_span[0] : origin_span[1]].strip()
        doc = self.original[m.start("doc") : m.end("doc")] if groups.get("doc") in ACCOUNT_DOCUMENTS else ""
        outlet = None
        if groups.get("outlet"):
            mention = self.typer.type(*m.span("outlet"))
            if mention is not None and mention.kind in ("media", "organization"):
                outlet = self.original[mention.start : mention.end]
        if origin_text is None and outlet is None:
            return None
        source = f"{outlet}/{origin_text}{doc}" if outlet and origin_text else outlet or f"{origin_text}{doc}"
        if groups.get("cited"):  # 美联社/马科斯: the outlet carries the person's words, not its country's account
            source = f"{origin_text}/{self.original[m.start('cited') : m.end('cited')].strip()}"
        turn = self.norm.endswith(_TURNS, line.start, m.start())  # 对此，东京方面的版本是，…: mid-paragraph, for its paragraph
        return Frame(source=source, start=m.start(), end=m.end(), outlet=outlet, origin=origin_text, origin_span=origin_span,
                     adverbial=bool(groups.get("scope")), paragraph_end=line.end if groups.get("cited") or turn else None)

    def _relay_frame(self, relay: Candidate) -> Frame | None:
        """The account opened by an outer attribution (新华社报道说，X表示…); a bare document
        noun (公报称) refers to the account already in force and opens nothing."""
        m = self.read_mention(relay.subject)
        if m is None or m.kind in ("document", "unknown") or m.anaphor is not None:
            return None
        origin = self.original[m.start : m.end]
        if m.kind == "person" and m.name_spans:
            origin = join_spans(m.name_spans, self.original)
        source = origin + (m.document or "") if m.document in ACCOUNT_DOCUMENTS else origin
        voice = m.kind in ("person", "anonymous")
        return Frame(source=source, start=m.start, end=relay.cue[1], origin=origin, origin_span=(m.start, m.end),
                     paragraph_end=self.lines[relay.line].end if voice else None)
