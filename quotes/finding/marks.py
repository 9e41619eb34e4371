"""Quotation marks: top-level pairs, nested ones inside them, multi-paragraph quotes joined,
and stray marks that do not swallow the page."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..structure import Line

_SPEECH_END = frozenset("，。！？…")
_DOUBLE_MARKS = re.compile("[“”\n]")
_PARAGRAPH = re.compile("[^\n]+")
# a short speaker and a verb of speech closing the sentence right after a mark (他说。, 该官员表示。)
_ATTRIBUTION_AFTER = re.compile(r"[^“”「」『』，。！？；：\n]{1,16}?(?:说|表示|指出|称|写道|补充道|补充说)[。！]")
PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", "﹁": "﹂", "﹃": "﹄"}
CLOSERS = {v: k for k, v in PAIRS.items()}
# Every quotation mark; a single mark between two Latin letters is an apostrophe (O’Hanlon).
_MARKS = re.compile("[\"“”「」『』﹁﹂﹃﹄]|(?<![A-Za-z])[‘’]|[‘’](?![A-Za-z])")


@dataclass
class Quoted:
    """A top-level pair of quotation marks; ``open``/``close`` are the mark positions."""

    open: int
    close: int
    line: int  # the line of the opening mark

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _scan(text: str, a: int, b: int, stack: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Top-level (open, close) pairs in text[a:b]; ``stack`` carries open marks in and out."""
    spans = []
    for m in _MARKS.finditer(text, a, b):  # only the marks: a walk over every character was a hot spot
        i, ch = m.start(), m.group()
        if ch == '"':
            if stack and stack[-1][0] == '"':
                pos = stack.pop()[1]
                if not stack:
                    spans.append((pos, i))
            else:
                stack.append((ch, i))
        elif ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == CLOSERS[ch]:
                    pos = stack[k][1]
                    del stack[k:]
                    if k == 0:
                        spans.append((pos, i))
                    break
    return spans


def mistyped_closers_repaired(norm: str) -> str:
    """``norm`` with each opening mark typed for a closing one turned round (“我们不会退让，“他说。):
    the same mark is open, the speech before it ends on punctuation, and a short attribution
    closes the sentence after it or the paragraph ends. One character for one: offsets stay."""
    if "“" not in norm:
        return norm
    chars = None
    opened = False  # a “ is open in this paragraph
    for m in _DOUBLE_MARKS.finditer(norm):
        i, ch = m.start(), m.group()
        if ch != "“":
            opened = False  # a paragraph's end, or the quotation closed
        elif opened and norm[i - 1] in _SPEECH_END and (_ATTRIBUTION_AFTER.match(norm, i + 1) or norm[i + 1 : i + 2] in ("\n", "")):
            chars = chars or list(norm)
            chars[i] = "”"
            opened = False
        else:
            opened = True  # (after an open one: a new quotation opens, the one before stays unclosed)
    return "".join(chars) if chars else norm


def mistyped_openers_repaired(norm: str) -> str:
    """``norm`` with a straight mark that opens what a curly mark closes turned curly ("我们…，”他说):
    the paragraph's only straight mark, with a closing ” after it and no “ between. One
    character for one: offsets stay."""
    if '"' not in norm or "”" not in norm:
        return norm
    chars = None
    for m in _PARAGRAPH.finditer(norm):
        a, b = m.span()
        i = norm.find('"', a, b)
        if i < 0 or norm.find('"', i + 1, b) >= 0:
            continue
        close = norm.find("”", i + 1, b)
        if close > i + 1 and norm.find("“", i + 1, close) < 0:
            chars = chars or list(norm)
            chars[i] = "“"
    return "".join(chars) if chars else norm


def quoted_spans(norm: str, lines: list[Line]) -> list[Quoted]:
    """Top-level quotations, nested ones inside them, and multi-paragraph ones joined.

    A mark left open at the end of a paragraph continues only when the next paragraph opens
    with the same mark (the convention for a quote over several paragraphs); otherwise it is
    dropped and the paragraph is scanned again after it, so one stray mark loses nothing.
    """
    found: list[Quoted] = []
    carry: tuple[str, int, int] | None = None  # (mark, open position, line index)
    for idx, line in enumerate(lines):
        a, b = line.start, line.end
        stack: list[tuple[str, int]] = []
        if carry and norm[a:b].lstrip().startswith(carry[0]):
            stack = [(carry[0], carry[1])]
            a = norm.index(carry[0], a) + 1
        elif carry:
            found.extend(Quoted(o, c, carry[2]) for o, c in _rescan(norm, carry[1] + 1, lines[carry[2]].end))
        carry = None
        start_line = idx if not stack else None
        spans = _scan(norm, a, b, stack)
        for o, c in spans:
            found.append(Quoted(o, c, idx if o >= line.start else line_of(lines, o)))
        if stack:
            mark, pos = stack[0]
            nxt = lines[idx + 1] if idx + 1 < len(lines) else None
            if nxt is not None and norm[nxt.start : nxt.end].lstrip().startswith(mark) and pos < b:
                carry = (mark, pos, start_line if start_line is not None and pos >= line.start else line_of(lines, pos))
            elif pos >= line.start:
                found.extend(Quoted(o, c, idx) for o, c in _rescan(norm, pos + 1, b))
    found.sort(key=lambda q: q.open)
    return found


def _rescan(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Quotations in norm[a:b] after a dropped stray mark, ignoring every mark left unclosed.

    One pass with a stack per kind of mark (a closing mark closes its latest opening mark
    and any opened after it), then the pairs not inside another: linear however many stray
    marks the text holds.
    """
    stacks: dict[str, list[int]] = {}
    pairs = []
    for m in _MARKS.finditer(norm, a, b):
        i, ch = m.start(), m.group()
        if ch == '"' and stacks.get('"'):
            pos = stacks['"'].pop()
        elif ch in PAIRS or ch == '"':
            stacks.setdefault(ch, []).append(i)
            continue
        elif ch in CLOSERS and stacks.get(CLOSERS[ch]):
            pos = stacks[CLOSERS[ch]].pop()
        else:
            continue
        for other in stacks.values():  # marks opened inside the pair close with it
            while other and other[-1] > pos:
                other.pop()
        pairs.append((pos, i))
    pairs.sort()
    top, reach = [], -1
    for o, c in pairs:
        if o > reach:
            top.append((o, c))
            reach = c
    return top


def line_of(lines: list[Line], pos: int) -> int:
    for i, line in enumerate(lines):
        if line.start <= pos <= line.end:
            return i
    return 0
