"""Page structure: split a saved page into its stories and type each line.

A saved news page holds the article, then page furniture (阅读全文, 热门新闻, section
labels), photo captions and teasers of other stories (headline, dateline, a text cut off
with ``...``).  Lines are typed first, then grouped into stories.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import Lexicons
from .model import Story

_SENTENCE_END = "。！？!?…」”』\"'.;；"
_CLOSERS = "」”』\"'"
_DATELINE = re.compile(r"^\s*[（(【\[][^）)】\]]{1,24}?(?:\d{1,2}日讯|日电|电|讯)[）)】\]]")
# A dateline at the head of a paragraph: （台北1日讯）, 新华社北京6月4日电, 本报讯（记者 邱立）
_LEAD_DATELINE = re.compile(
    r"\s*(?:[（(【\[〔][^）)】\]〕]{1,30}?(?:讯|电|报道|报导)[）)】\]〕]|[^，。：“”「」\n]{0,24}?(?:\d{1,2}日电|\d{1,2}日讯|本报讯|报讯)(?:\s*[（(][^）)]{0,20}[）)])?\s*)"
)
_TRAILING_PAREN = re.compile(r"[（(]([^（()）]{1,30})[）)]\s*$")
_TRUNCATION = re.compile(r"(?:\.{2,}|…+|⋯+)\s*$")
_TRUNCATION_REACH = 40  # characters before a line's end in which a cut-off mark is looked for


@dataclass
class Line:
    start: int
    end: int  # end of the content, without the line break
    kind: str  # text | title | heading | caption | boilerplate
    story: str = ""


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        spans.append((pos, pos + len(content)))
        pos += len(raw)
    return spans


def classify_line(line: str, lex: Lexicons) -> str:
    """The kind of one non-blank line of the normalised text."""
    s = line.strip()
    if s in lex.boilerplate:
        return "boilerplate"
    if s in lex.caption_lines or s.startswith(("图为", "图：", "上图", "下图")):
        return "caption"
    m = _TRAILING_PAREN.search(s)
    if m and any(marker in m.group(1) for marker in lex.caption_markers):
        return "caption"
    if _DATELINE.match(s):
        return "text"
    # a title may end on a closing mark (…部长盼“与邻国重建互信”), a sentence does on its stop
    if len(s) <= 60 and not s.rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END)) and "。" not in s:
        return "title"
    return "text"


def after_dateline(text: str, start: int, end: int) -> int:
    """Where the text of a paragraph begins once a leading dateline is skipped."""
    m = _LEAD_DATELINE.match(text, start, end)
    return m.end() if m and m.end() < end else start


def truncated_at(text: str, end: int) -> int | None:
    """Where a line cut off with ``...``/``…`` really ends, or None when it is not cut off."""
    m = _TRUNCATION.search(text, max(0, end - _TRUNCATION_REACH), end)
    if m and m.end() >= end - 1 and not text[max(0, m.start() - 1)] in "。！？":
        return m.start()
    return None


def split_stories(norm: str, lex: Lexicons) -> tuple[list[Story], list[Line]]:
    """Group the lines of ``norm`` into stories; return the stories and the typed lines."""
    lines = []
    for start, end in _line_spans(norm):
        if norm[start:end].strip():
            lines.append(Line(start, end, classify_line(norm[start:end], lex)))
    stories: list[Story] = []
    article: Story | None = None
    current: Story | None = None
    in_article = True

    def new_story(kind: str, line: Line, title: str | None = None) -> Story:
        story = Story(id=f"s{len(stories) + 1}", kind=kind, start=line.start, end=line.end, title=title)
        stories.append(story)
        return story

    seen_text = False
    for line in lines:
        content = norm[line.start : line.end].strip()
        if line.kind == "boilerplate" and content in lex.section_labels and current is not None and current.kind == "teaser":
            target = new_story("boilerplate", line)  # 国际 between a teaser's headline and its text
        elif line.kind == "boilerplate":
            if seen_text:
                in_article = False
            if current is None or current.kind != "boilerplate":
                current = new_story("boilerplate", line)
            target = current
        elif line.kind == "caption":
            target = new_story("caption", line)
            if in_article and article is not None:
                current = article
        elif in_article:
            if article is None:
                article = new_story("article", line, content if line.kind == "title" else None)
            elif line.kind == "title" and seen_text:
                line.kind = "heading"
            current = target = article
            seen_text = seen_text or line.kind == "text"
        else:
            if line.kind == "title" or current is None or current.kind in ("boilerplate", "caption"):
                current = new_story("teaser", line, content if line.kind == "title" else None)
            target = current
        target.end = max(target.end, line.end)
        line.story = target.id
        if target.kind == "teaser" and truncated_at(norm, line.end) is not None:
            target.truncated = True
    return stories, lines
