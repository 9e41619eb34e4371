"""The terminal report at the terminal's width (issue 14): blocks below the quote table's
width, each quote's text in full lines, and a panel title that keeps its counts whole."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from quotes.model import Document, Quote, Stance
from quotes.pipeline import analyze_file
from quotes.report import document_report
from quotes.report.common import quote_text
from quotes.report.document import panel_title
from quotes.report.layout import StoryQuotes
from quotes.report.tables import TABLE_WIDTH
from quotes.report.wrap import wrap

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BRIEFING = CORPUS / "zh_hans_fm_briefing.txt"


def render(renderable, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


def inside(line: str) -> str:
    """A line of the document's panel without its borders and padding."""
    return line.strip()[1:-1].strip() if line.strip().startswith("│") else line.strip()


@pytest.fixture(scope="module")
def briefing() -> Document:
    return analyze_file(BRIEFING)


def _text_lines(lines: list[str], q: Quote, after: int = 0) -> tuple[int, list[str]]:
    """Where the quote's text starts from ``after`` on, and the lines that spell it (blanks at
    line breaks dropped)."""
    want, got, out = "".join(quote_text(q).split()), "", []
    start = next(i for i, line in enumerate(lines) if i >= after and line.strip() and want.startswith("".join(line.split())))
    for line in lines[start:]:
        got += "".join(line.split())
        out.append(line)
        if got == want:
            return start, out
        assert want.startswith(got), f"{q.id}: {got!r} is not how {want!r} begins"
    raise AssertionError(f"{q.id}: text not found")


def test_at_80_columns_each_quote_is_a_block_whose_text_fills_its_lines(briefing):
    lines = render(document_report(briefing), 80)
    assert all(cell_len(line) <= 80 for line in lines)
    body = [inside(line) for line in lines]
    for q in briefing.quotes:
        header = next(i for i, line in enumerate(body) if line.startswith(f"{q.id} · {q.type} · "))
        start, text = _text_lines(body, q, header + 1)
        # a line of a quote's text shorter than half the terminal would mean a cramped column
        assert all(cell_len(line) >= 40 for line in text[:-1]), (q.id, text)
        if q.stance:
            assert body[start + len(text)].startswith(q.stance[0].target)


def test_at_80_columns_the_title_keeps_its_counts(briefing):
    title = render(document_report(briefing), 80)[0]
    assert f"{len(briefing.quotes)} quotes in 1 story" in title
    assert "zh_hans_fm_briefing.txt" in title


def test_at_160_columns_the_quotes_are_a_table_with_full_text_lines(briefing):
    lines = render(document_report(briefing), 160)
    assert f"{len(briefing.quotes)} quotes in 1 story" in lines[0]
    header = next(line for line in lines if "text · stance" in line)
    column = cell_len(header[: header.index("text · stance")])
    width = 160 - 2 - column  # up to the panel's padding and border
    texts = [_cells_from(line, column).rstrip(" │") for line in lines[lines.index(header) + 2:]]
    for q in briefing.quotes:
        _, text = _text_lines(texts, q)
        assert all(cell_len(t) >= width // 2 for t in text[:-1]), (q.id, text)


def _cells_from(line: str, column: int) -> str:
    """What ``line`` shows from cell ``column`` on."""
    cells = 0
    for i, ch in enumerate(line):
        if cells >= column:
            return line[i:]
        cells += cell_len(ch)
    return ""


def _quote(**fields) -> Quote:
    base = dict(id="q3", story="s1", type="indirect", text="中方对美方的做法坚决反对" * 7, start=0, end=84, cue="说",
                cue_class="neutral", speaker="林晓峰", role="外交部发言人", source="新华社", side="中方",
                stance=[Stance("美国", "oppose", 0.9)])
    return Quote(**{**base, **fields})


def test_a_block_opens_with_one_header_line_then_the_text_then_the_stance():
    lines = [line.rstrip() for line in render(StoryQuotes([_quote()], "s1 · article"), 80)]
    assert lines[:2] == ["s1 · article", ""]
    assert lines[2] == "q3 · indirect · 林晓峰 外交部发言人 · 说 neutral · 新华社 · 中方"
    assert "".join(lines[3:6]) == "中方对美方的做法坚决反对" * 7 and cell_len(lines[3]) == cell_len(lines[4]) == 80
    assert lines[6] == "美国 −"


def test_chinese_after_a_latin_word_goes_on_on_the_same_line():
    # rich's own wrapping breaks only at blanks: the Chinese run would start on a line of its own
    text = "美国总统 Donald Trump 说" + "中方对美方的做法坚决反对，" * 4
    lines = [line.plain for line in wrap(Text(text), 30)]
    assert all(cell_len(line) >= 26 for line in lines[:-1]), lines
    assert "Donald" in lines[0] and all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_the_quote_table_is_used_from_the_width_its_text_column_needs():
    quote = _quote(speaker="一名不愿具名的美国官员", cue="明确表示", cue_class="distancing", source="一名不愿具名的美国官员")
    for width, table in ((TABLE_WIDTH, True), (TABLE_WIDTH - 1, False)):
        lines = render(StoryQuotes([quote], "s1"), width)
        assert any("text · stance" in line for line in lines) is table
    table_lines = render(StoryQuotes([quote], "s1"), TABLE_WIDTH)
    first = next(line for line in table_lines if line.startswith("q3"))
    assert cell_len(first[first.index("中方对"):].rstrip()) >= 32  # 16 characters a line at least


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_long_path_is_shortened_before_the_counts_are_touched(width):
    path = "../shared/data/news/tw-president/tw_president_news.jsonl#tw-president-22988"
    title = panel_title(path, ["traditional", "utf-8"], "12 quotes in 3 stories", width)
    assert cell_len(title) <= width and title.endswith("12 quotes in 3 stories")
    assert title.startswith("…") and "22988" in title
