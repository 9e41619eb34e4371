"""The analysis of one source, the same wherever it runs (this process, a local worker, a
cluster worker): read, analyse and serialise it into a ``Result`` that carries what the
outputs need, so that the process collecting results stays light.  Every failure of one
document becomes ``Result.error``; the run goes on."""
from __future__ import annotations

import gc
import io
import json
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..filters import QuoteFilter
from ..model import Document
from ..reading import MAX_BYTES, Decoded, InputError, decode_document, document_date, finish_text, read_file
from ..summary import DocumentFacts, document_facts
from .sources import Source

DEFAULT_TIMEOUT = 300.0  # seconds per document; a 5 MB article takes well under a minute
_BATCH_COLLECTIONS = (50_000, 20, 10)  # the cyclic collector's thresholds while a batch is analysed


class DocumentTimeout(Exception):
    """Raised inside the analysis when a document runs over its time limit."""


@dataclass(frozen=True)
class Options:
    """What each document's result must carry, and the limits of the run."""

    json_line: bool = False  # one compact line (JSON Lines output)
    json_block: bool = False  # an indented object (inside the --json document list)
    csv: bool = False
    keep_doc: bool = False  # the Document itself (terminal report, HTML)
    quote_filter: QuoteFilter | None = None  # the quotes to keep (every output shows only those)
    facts: bool = False  # what the archive summary needs of the document
    max_bytes: int = MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT  # seconds per document; 0 for none


@dataclass
class Result:
    index: int
    label: str
    id: str | None = None
    error: str | None = None
    chars: int = 0
    size: int = 0
    quotes: int = 0  # after the filter
    found: int = 0  # before it
    speakers: tuple[str, ...] = ()
    json_line: str | None = None
    json_block: str | None = None
    csv: str | None = None
    doc: Document | None = None
    facts: DocumentFacts | None = None
    seconds: float = 0.0


def _record_text(data: bytes, label: str) -> tuple[str, Decoded]:
    """(document id, decoded text) of one JSON Lines record: title + blank line + text."""
    try:
        record = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{label}: not a JSON object ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"{label}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f'{label}: no "text" field')
    rid = record.get("id")
    title = record.get("title")
    if isinstance(title, str) and title.strip():
        text = title + "\n\n" + text
    decoded = Decoded(text, "utf-8", date=document_date(record.get("date")))
    return (str(rid) if rid not in (None, "") else label), finish_text(decoded, label)


def _decoded(src: Source, max_bytes: int) -> tuple[str, str, Decoded]:
    """(id, path for the document, decoded text) of a source."""
    if src.error:
        raise InputError(src.error)
    if src.record:
        rid, decoded = _record_text(src.data or b"", src.label)
        archive = src.label.rsplit(":", 1)[0]
        return rid, f"{archive}#{rid}", decoded
    if src.data is not None:
        return src.label, src.label, decode_document(src.data, src.label)
    return src.label, src.label, read_file(src.path or src.label, max_bytes)


def _on_alarm(signum, frame) -> None:
    raise DocumentTimeout()


class _TimeLimit:
    """SIGALRM-based limit on one document; a no-op off the main thread or without SIGALRM."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = (seconds > 0 and hasattr(signal, "setitimer")
                      and threading.current_thread() is threading.main_thread())

    def __enter__(self) -> "_TimeLimit":
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


BATCH = 16  # documents whose stance is computed together (one model call; see ``process_batch``)


def process(index: int, src: Source, opts: Options) -> Result:
    """Read, analyse and serialise one source; every failure becomes ``Result.error``."""
    return process_batch([(index, src)], opts)[0]


@dataclass
class _Analysed:
    """A document analysed but for stance, and what its result needs besides."""

    src: Source
    result: Result
    doc: Document
    decoded: Decoded
    started: float


def process_batch(items: Sequence[tuple[int, Source]], opts: Options) -> list[Result]:
    """Read, analyse and serialise a few sources, their stance computed together: each
    document within its own time limit, then the stance of all of them in one model call
    (about half the cost of one call per document), then each is serialised.  When the joint
    stance fails or runs over the limit, each document's is computed alone, so that only a
    document that fails by itself is reported."""
    from ..stance import assign_stance, assign_stances

    with _rare_collections():
        done = [_analysed(index, src, opts) for index, src in items]
        ready = [a for a in done if isinstance(a, _Analysed)]
        try:
            with _TimeLimit(opts.timeout):
                assign_stances([a.doc for a in ready])
        except Exception:  # noqa: BLE001 - some document's fault: each is tried alone below
            for a in ready:
                try:
                    with _TimeLimit(opts.timeout):
                        assign_stance(a.doc)
                except Exception as exc:  # noqa: BLE001 - that document's error line
                    a.result.error = _error_line(exc, a.src, opts)
        return [a if isinstance(a, Result) else _finished(a, opts) for a in done]


@contextmanager
def _rare_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often: an analysis makes hundreds of thousands of
    short-lived objects, which reference counting frees, and at the default thresholds the
    collector walked the young ones some 800 times over the Taiwan archive, 2–3 % of the run."""
    previous = gc.get_threshold()
    gc.set_threshold(*_BATCH_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _error_line(exc: Exception, src: Source, opts: Options) -> str:
    if isinstance(exc, InputError):
        return _one_line(str(exc), 400)
    if isinstance(exc, DocumentTimeout):
        return timed_out(src, opts)
    if isinstance(exc, RecursionError):
        return f"{src.label}: could not be analysed (too deeply nested)"
    return f"{src.label}: could not be analysed ({type(exc).__name__}: {_one_line(str(exc))})"


def _analysed(index: int, src: Source, opts: Options) -> Result | _Analysed:
    """The document read and analysed but for stance, or its result with the error line."""
    from ..pipeline import analyze

    started = time.perf_counter()
    result = Result(index, src.label, size=src.size)
    try:
        with _TimeLimit(opts.timeout):
            rid, path, decoded = _decoded(src, opts.max_bytes)
            result.id = rid
            return _Analysed(src, result, analyze(decoded.text, path, decoded.encoding, stance=False), decoded, started)
    except Exception as exc:  # one bad document must not stop a batch of thousands
        result.error = _error_line(exc, src, opts)
        result.seconds = time.perf_counter() - started
        return result


def _finished(a: _Analysed, opts: Options) -> Result:
    """Filter, note and serialise an analysed document into its result."""
    from ..export import document_dict, write_csv

    result, doc, decoded = a.result, a.doc, a.decoded
    if result.error is None:
        try:
            doc.date = decoded.date
            found = len(doc.quotes)
            if opts.quote_filter:
                opts.quote_filter.apply(doc)
            if decoded.replaced:
                share = decoded.replaced / max(1, len(decoded.text))
                doc.notes.append(f"{decoded.replaced} undecodable characters replaced with U+FFFD ({share:.2%} of the text)")
            doc.notes.extend(decoded.notes)
            payload = {"id": result.id, **document_dict(doc)}
            if opts.json_line:
                result.json_line = json.dumps(payload, ensure_ascii=False)
            if opts.json_block:
                result.json_block = json.dumps(payload, ensure_ascii=False, indent=1)
            if opts.csv:
                buf = io.StringIO()
                write_csv(buf, [doc], header=False)
                result.csv = buf.getvalue()
        except Exception as exc:  # one bad document must not stop a batch of thousands
            result.error = _error_line(exc, a.src, opts)
        else:
            result.chars = len(doc.text)
            result.quotes = len(doc.quotes)
            result.found = found
            result.speakers = tuple(sorted({q.speaker for q in doc.quotes if q.speaker}))
            if opts.facts:
                result.facts = document_facts(doc)
            if opts.keep_doc:
                result.doc = doc
    result.seconds = time.perf_counter() - a.started
    return result


_WARM_UP = "（台北1日讯）外交部发言人林晓峰表示，中方已提出严正交涉。\n\n「美方应停止挑衅。」他说。\n"


def warm_up() -> None:
    """Load the lexicons, models and caches the engine uses, once per process."""
    from ..pipeline import analyze

    analyze(_WARM_UP)


def timed_out(src: Source, opts: Options) -> str:
    """The error line of a document over the time limit."""
    return f"{src.label}: analysis took longer than {opts.timeout:g} s, skipped (raise it with --timeout)"


def died(src: Source, why: str) -> str:
    """The error line of a document whose worker died or had to be stopped."""
    return f"{src.label}: the worker analysing it {why}, skipped"
