"""Layout for the terminal's width: ``StoryQuotes`` shows a story's quotes as a table where
the width leaves its text column room enough, and as blocks below it (a header line, the
quote's text over the full width, its stance line)."""
from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ..model import Quote
from .common import TYPE_STYLES, cue_label, quote_text, source_label, speaker_label, stance_line
from .tables import TABLE_WIDTH, quote_table
from .wrap import Wrapped


def quote_block(q: Quote) -> Group:
    """One quote as a block: ``q3 · indirect · 林晓峰 外交部发言人 · 说 neutral · 新华社 · 中方``,
    then the quote's text over the full width, then its stance line."""
    fields = [Text(q.id, style="dim"), Text(q.type, style=TYPE_STYLES.get(q.type, "")),
              speaker_label(q, " "), cue_label(q, " ")]
    source = source_label(q)
    if source:
        fields.append(Text(source))
    lines = [Wrapped(Text(" · ").join(fields)), Wrapped(Text(quote_text(q)))]
    if q.stance:
        lines.append(Wrapped(Text(stance_line(q), style="dim")))
    return Group(*lines)


class StoryQuotes:
    """A story's quotes: the quote table where the width leaves its text column room enough,
    blocks one under the other below that width."""

    def __init__(self, quotes: list[Quote], title: str) -> None:
        self.quotes, self.title = quotes, title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= TABLE_WIDTH:
            yield quote_table(self.quotes, self.title)
            return
        yield Wrapped(Text(self.title, style="table.title"))
        for q in self.quotes:
            yield Text()
            yield quote_block(q)
        yield Text()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)
