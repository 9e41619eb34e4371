"""Line breaking for Chinese text in the terminal.

Rich wraps text at spaces, so a Chinese sentence after a Latin word starts on a new line and
leaves the line before it short, and a run of Chinese is cut wherever the width ends, a comma
opening the next line.  ``Wrapped`` breaks lines between any two Chinese characters instead,
keeping Latin words whole, opening marks with what follows them and closing punctuation with
what precedes it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # Han, full-width forms, CJK punctuation
_OPENING = "“‘「『《〈【〔（"
_CLOSING = "”’」』》〉】〕）、，。；：？！…·"
# One unit a line may not be broken inside: blanks; or opening marks, a Chinese character or a
# run of other text (a Latin word with its punctuation), and the closing punctuation after it
# (a separator ` · ` too, so that a line ends on it rather than starts with it).
_UNIT = re.compile(rf"\s+|[{_OPENING}]*(?:[{_WIDE}]|[^\s{_WIDE}{_OPENING}{_CLOSING}]+)[{_CLOSING}]*(?: +·(?= ))?|[{_OPENING}{_CLOSING}]+")


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` (one line, no newline) into lines of at most ``width`` cells."""
    width = max(1, width)
    offsets: list[int] = []
    used = 0  # cells on the current line
    for m in _UNIT.finditer(text):
        unit = m.group()
        cells = cell_len(unit)
        if unit.isspace():
            used += cells  # blanks may run past the end of a line: they are stripped there
            continue
        if used and used + cells > width:
            offsets.append(m.start())
            used = 0
        if cells > width:  # a unit longer than a line is folded
            pieces = chop_cells(unit, width)
            start = m.start()
            for piece in pieces[:-1]:
                start += len(piece)
                offsets.append(start)
            cells = cell_len(pieces[-1])
        used += cells
    return offsets


def wrap(text: Text, width: int) -> Iterator[Text]:
    """The lines of ``text`` (its own newlines kept) at most ``width`` cells wide."""
    for paragraph in text.split("\n"):
        for line in paragraph.divide(break_offsets(paragraph.plain, width)):
            line.rstrip()
            yield line


class Wrapped:
    """A rich renderable: ``text`` wrapped by :func:`wrap` to the width it is drawn at."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        units = [cell_len(m.group()) for m in _UNIT.finditer(plain) if m.group().strip()]
        longest_line = max((cell_len(p) for p in plain.split("\n")), default=0)
        return Measurement(min(max(units, default=1), longest_line or 1), longest_line).clamp(max_width=options.max_width)
