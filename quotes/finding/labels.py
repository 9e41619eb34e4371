"""Speech that a label introduces rather than a reporting verb.

- headlines: ``农会：我们反对削减补贴``, ``【标签】X：内容`` in a title or a heading;
- interview answers: ``杜奕瑾：……`` paragraphs of a question-and-answer page, and the
  paragraphs that continue an answer, one quote a paragraph;
- transcripts: ``总统致词全文为：`` / ``谈话内容如下：`` followed by the speech itself, one
  paragraph a quote.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from ..lexicons import Lexicons
from ..structure import Line
from .candidates import Candidate

_SCORE = re.compile(r"\d+\s*[:：比]\s*\d+")
_LABEL = re.compile(r"\s*(?P<label>[^\s，。：；、“”「」『』（）()【】]{1,8})：")
_VERB_LABEL_MAX = 24  # a label that ends on its verb may be a longer phrase (北京向…麦卡锡喊话：)
_ANSWER_MIN = 12  # characters of content after a label for a paragraph to be an answer
_DIALOGUE_TURNS = 2  # paragraphs of a transcript opening on one speaker's label that make it a dialogue
# a paragraph that is a date alone (中华民国八十二年六月二十九日, 2023年5月1日)
_DATE_LINE = re.compile(r"\s*(?:中华民国|民国)?[〇○零一二三四五六七八九十百0-9]{1,6}年[〇○零一二三四五六七八九十0-9]{1,3}月[〇○零一二三四五六七八九十0-9]{1,3}日\s*$")
_TRANSCRIPT = re.compile(
    r"(?P<cue>致词|致辞|祝词|讲词|谈话|演说|演讲|贺词|讲话|发言|答词|训词|讲稿|证词|声明|文告)?(?:的)?(?:全文|内容|原文)(?:经整理后(?:的)?(?:重点|要点)?)?(?:为|如下|是)?："
)
_SPEECH_ENDS = "。！？；"
_NOT_IN_LABELS = frozenset("()[]{}<>/\\|@#")
_ADDRESSES = ("各位", "诸位", "亲爱的", "敬爱的", "尊敬的")  # labels that open a salutation, no speaker
_URL_SCHEMES = ("http", "https", "ftp", "www")


def headlines(norm: str, idx: int, line: Line, lex: Lexicons, in_title: Callable[[int], bool]) -> Iterator[Candidate]:
    """``农会：我们反对削减补贴`` and ``【标签】X：内容`` in a title or heading line."""
    for m in re.finditer("：", norm[line.start : line.end]):
        colon = line.start + m.start()
        if in_title(colon):
            continue
        s = colon
        while s > line.start and norm[s - 1] not in " 】]”」』，。！？\t\u3000":
            s -= 1
        speaker = norm[s:colon]
        cue = _closing_cue(speaker, lex)  # 中国评论人反驳：… names its speaker and its verb
        if not (_labels_speech(speaker, lex) or (cue and len(speaker) <= _VERB_LABEL_MAX)):
            continue  # 中甲第28轮：… is a label, 4：2 a score
        e = colon + 1
        while e < line.end and norm[e] not in "【[":
            if norm[e] == " " and "：" in norm[e + 1 : _next_space(norm, e + 1, line.end)]:
                break
            e += 1
        while e > colon + 1 and norm[e - 1] in " \u3000":
            e -= 1
        if e - colon - 1 < 2 or _SCORE.search(norm, colon + 1, e):
            continue  # 羽球：大马男双2:0横扫印尼: a section label over a result, not speech
        if cue:
            verb = colon - len(cue)
            yield Candidate("headline", colon + 1, e, idx, (verb, colon), lex.cues[cue].cue_class, (s, verb), confidence=0.7)
        else:
            yield Candidate("headline", colon + 1, e, idx, None, "unknown", (s, colon), confidence=0.7)


def _closing_cue(label: str, lex: Lexicons) -> str | None:
    """The reporting verb a headline's label ends with, when a speaker of two characters or
    more stands before it."""
    return next((label[-n:] for n in (4, 3, 2, 1) if len(label) - n >= 2 and label[-n:] in lex.cues), None)


def _labels_speech(label: str, lex: Lexicons) -> bool:
    """Can ``label`` name who speaks: short, no digit, no bracket or slash, and not the scheme
    of a web address (https: in a pasted link)?"""
    return (1 <= len(label) <= 10 and label not in lex.not_speakers and not label.endswith(lex.not_speaker_endings)
            and not label.startswith(_ADDRESSES)  # 各位同学：…: whom the speech addresses
            and not any(c.isdigit() or c in _NOT_IN_LABELS for c in label) and not label.lower().endswith(_URL_SCHEMES))


def interview_answers(norm: str, lines: list[Line], lex: Lexicons, has_cue: Callable[[str], bool]) -> list[Candidate]:
    """The answers of a question-and-answer page: a paragraph opening with the interviewee's
    label (``杜奕瑾：……``) and the unlabelled paragraphs that continue it, one quote a
    paragraph, as a transcript is. A page counts as an interview when it has two labelled
    paragraphs or more; the questions' labels (问, 记者, VOA) are no speakers, and a label
    holding a verb (普京在讲话中说：) is a reported quote's cue, not a label."""
    labelled = {}
    for idx, line in enumerate(lines):
        if line.kind != "text":
            continue
        m = _LABEL.match(norm, line.start, line.end)
        if (m and not has_cue(m.group("label")) and line.end - m.end() >= _ANSWER_MIN
                and any(ch in norm[m.end() : line.end] for ch in _SPEECH_ENDS)):
            labelled[idx] = m
    if len(labelled) < 2:
        return []
    found: list[Candidate] = []
    speaker: tuple[int, int] | None = None
    for idx, line in enumerate(lines):
        if idx in labelled:
            m = labelled[idx]
            speaker = m.span("label") if _labels_speech(m.group("label"), lex) else None
            if speaker is not None:
                found.append(Candidate("indirect", m.end(), _content_end(norm, m.end(), line.end), idx, None, "unknown",
                                       speaker, confidence=0.7))
        elif speaker is not None and line.kind == "text" and not _LABEL.match(norm, line.start, line.end):
            found.append(Candidate("indirect", line.start, _content_end(norm, line.start, line.end), idx, None, "unknown",
                                   speaker, confidence=0.6))  # the answer goes on
        elif line.kind in ("title", "heading"):
            speaker = None
    return found


def transcripts(norm: str, lines: list[Line], lex: Lexicons) -> list[Candidate]:
    """``副总统致词全文为：`` closing a paragraph (or opening the speech in it): every
    paragraph of the speech that follows, to the end of its story or the next heading, is an
    indirect quote of whoever the introducing sentence names.  A dialogue's transcript
    (``总统与某某对谈内容为：`` then ``某某：…`` and ``总统：…`` in turn: a label opening two of its
    paragraphs or more) is left to the labels of its speakers (``interview_answers``)."""
    found: list[Candidate] = []
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        # the colon first: the pattern, opening on an optional word, is tried at every character
        has_colon = norm.find("：", line.start, line.end) >= 0
        m = _TRANSCRIPT.search(norm, line.start, line.end) if has_colon and line.kind in ("text", "heading") else None
        if m is None:
            idx += 1
            continue
        cue = m.span("cue") if m.group("cue") else (m.start(), m.end() - 1)
        sentence = max(norm.rfind(ch, line.start, m.start()) for ch in "。！？") + 1
        subject = (max(sentence, line.start), m.start())
        speech = [(line.start, m.end(), idx)] if line.end - m.end() >= 2 else []
        idx += 1
        while idx < len(lines) and lines[idx].story == line.story and lines[idx].kind in ("text", "heading"):
            nxt = lines[idx]
            if _TRANSCRIPT.search(norm, nxt.start, nxt.end):
                break
            if _DATE_LINE.match(norm, nxt.start, nxt.end) and lines[idx - 1].kind == "text":
                break  # …谢谢。|中华民国八十二年六月二十九日: a date after the speech closes it (before one, it heads it)
            if nxt.kind == "text":  # a heading inside a speech is its salutation (各位贵宾，大家好)
                speech.append((nxt.start, nxt.start, idx))
            idx += 1
        labels = Counter(label.group("label") for start, _, _ in speech
                         if (label := _LABEL.match(norm, start)) and _labels_speech(label.group("label"), lex))
        if max(labels.values(), default=0) < _DIALOGUE_TURNS:  # 结合社区发展：…, 导正社会风气：…: the points of one speech
            found += [Candidate("indirect", a, _content_end(norm, a, lines[k].end), k, cue, "neutral", subject, confidence=0.7)
                      for _, a, k in speech]
    return found


def _content_end(norm: str, a: int, b: int) -> int:
    """A paragraph's speech without the final full stop and trailing spaces."""
    while b > a and norm[b - 1] in " \u3000":
        b -= 1
    if b > a and norm[b - 1] in "。！":
        b -= 1
    return b


def _next_space(text: str, a: int, b: int) -> int:
    i = text.find(" ", a, b)
    return b if i < 0 else i
