"""Batch runner: many documents in, results out in input order, in constant memory.

Inputs are files, folders (walked recursively in sorted order, optionally filtered by a
glob), JSON Lines archives (one article per line: ``text`` and optional ``id``, ``title``,
``date``, ``source``) and standard input (``-``).  They are enumerated lazily as
``Source`` items, analysed in this process or in ``jobs`` worker processes, and handed
back as ``Result`` items in input order, each carrying what the outputs need already
serialised, so the parent process stays light and memory does not grow with the input.

A document that cannot be read or analysed, or that runs over the time limit, comes back
as a ``Result`` with an ``error`` line; the run goes on.
"""
from __future__ import annotations

import fnmatch
import io
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path, PurePath

from .filters import QuoteFilter
from .model import Document
from .reading import (MAX_BYTES, Decoded, InputError, decode_document, document_date, finish_text, megabytes, read_file,
                      read_limited)
from .summary import DocumentFacts, document_facts

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
DEFAULT_TIMEOUT = 300.0  # seconds per document; a 5 MB article takes well under a minute
_WINDOW = 32  # documents per worker that may be between reading and output
_QUEUED = 2  # documents sent to a worker at a time: the one it works on and the next
_GRACE = 5.0  # seconds past the time limit before a worker that ignores its alarm is killed


class DocumentTimeout(Exception):
    """Raised inside the analysis when a document runs over its time limit."""


# ----------------------------------------------------------------------------- sources

@dataclass(frozen=True)
class Source:
    """One document to analyse: a file to read, or bytes already in hand (a record, stdin)."""

    label: str  # where it comes from, for messages and the document's path: a.txt, news.jsonl:12
    path: str | None = None  # a file the worker reads
    data: bytes | None = None  # the bytes of standard input, or one JSON Lines record
    record: bool = False  # ``data`` is a JSON Lines record
    size: int = 0  # input bytes, for progress
    error: str | None = None  # known bad before analysis (a record over the size limit)


def _walk(folder: Path, pattern: str | None, top: Path | None = None) -> Iterator[Path]:
    """Files under ``folder`` lazily, in the order of their sorted paths (a folder's files and
    subfolders by name, as ``sorted(rglob)`` would give); hidden files and folders are skipped."""
    top = top or folder
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        if entry.is_dir():
            yield from _walk(p, pattern, top)
        elif entry.is_file():
            if pattern is not None:
                if matches(PurePath(os.path.relpath(p, top)).as_posix(), pattern):
                    yield p
            elif entry.name.lower().endswith(TEXT_SUFFIXES + ARCHIVE_SUFFIXES):
                yield p


def matches(relative: str, pattern: str) -> bool:
    """A --glob test: a pattern without '/' is matched against the file name at any depth
    (*.txt), one with '/' against the path under the folder, ``**/`` standing for any
    number of folders, none included (2024/**/*.html)."""
    if "/" not in pattern:
        return fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], pattern)
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative, pattern.replace("**/", ""))


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _records(fh, name: str, max_bytes: int) -> Iterator[Source]:
    """One Source per non-blank line of a JSON Lines stream; a line over the limit is an error."""
    lineno = 0
    limit = max_bytes + 1 if max_bytes > 0 else -1
    while True:
        line = fh.readline(limit)
        if not line:
            return
        lineno += 1
        label = f"{name}:{lineno}"
        if limit > 0 and len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # skip the rest of the line in chunks
                line = fh.readline(1 << 20)
                size += len(line)
            yield Source(label, size=size, error=f"{label}: record over the {megabytes(max_bytes)} limit per document (raise it with --max-size)")
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line.strip():
            yield Source(label, data=line, record=True, size=len(line))


def _archive(path: Path, max_bytes: int) -> Iterator[Source]:
    try:
        fh = open(path, "rb")
    except OSError as err:
        yield Source(str(path), path=str(path), error=f"{path}: cannot read ({err.strerror})")
        return
    with fh:
        yield from _records(fh, str(path), max_bytes)


def _file(path: Path) -> Source:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the worker reports why it cannot be read
    return Source(str(path), path=str(path), size=size)


def iter_sources(paths: Iterable[str | Path], pattern: str | None = None, stdin_format: str = "text",
                 max_bytes: int = MAX_BYTES, stdin=None) -> Iterator[Source]:
    """The documents named by ``paths``, lazily and in order (see the module docstring)."""
    for item in paths:
        if str(item) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            if stdin_format == "jsonl":
                yield from _records(stream, "<stdin>", max_bytes)
            else:
                try:
                    data = read_limited(stream, "<stdin>", max_bytes)
                except InputError as exc:
                    yield Source("<stdin>", error=str(exc))
                else:
                    yield Source("<stdin>", data=data, size=len(data))
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for p in _walk(path, pattern):
                found = True
                yield from (_archive(p, max_bytes) if is_archive(p) else [_file(p)])
            if not found:
                wanted = f"files matching {pattern}" if pattern else "text, HTML or .jsonl files"
                yield Source(str(path), error=f"{path}: no documents found ({wanted})")
        elif is_archive(path) and path.is_file():
            yield from _archive(path, max_bytes)
        else:
            yield _file(path)


def total_size(paths: Iterable[str | Path], pattern: str | None = None) -> int | None:
    """Bytes the run will read (for the progress bar's ETA); None when standard input is one of them."""
    total = 0
    for item in paths:
        if str(item) == STDIN:
            return None
        path = Path(item)
        files = _walk(path, pattern) if path.is_dir() else [path]
        for p in files:
            try:
                total += p.stat().st_size
            except OSError:
                pass
    return total


# ----------------------------------------------------------------------------- analysis of one source

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


def process(index: int, src: Source, opts: Options) -> Result:
    """Read, analyse and serialise one source; every failure becomes ``Result.error``."""
    from .export import document_dict, write_csv
    from .pipeline import analyze

    started = time.perf_counter()
    result = Result(index, src.label, size=src.size)
    try:
        with _TimeLimit(opts.timeout):
            rid, path, decoded = _decoded(src, opts.max_bytes)
            result.id = rid
            doc = analyze(decoded.text, path, decoded.encoding)
            doc.date = decoded.date
            found = len(doc.quotes)
            if opts.quote_filter:
                opts.quote_filter.apply(doc)
            if decoded.replaced:
                share = decoded.replaced / max(1, len(decoded.text))
                doc.notes.append(f"{decoded.replaced} undecodable characters replaced with U+FFFD ({share:.2%} of the text)")
            doc.notes.extend(decoded.notes)
            payload = {"id": rid, **document_dict(doc)}
            if opts.json_line:
                result.json_line = json.dumps(payload, ensure_ascii=False)
            if opts.json_block:
                result.json_block = json.dumps(payload, ensure_ascii=False, indent=1)
            if opts.csv:
                buf = io.StringIO()
                write_csv(buf, [doc], header=False)
                result.csv = buf.getvalue()
    except InputError as exc:
        result.error = _one_line(str(exc), 400)
    except DocumentTimeout:
        result.error = f"{src.label}: analysis took longer than {opts.timeout:g} s, skipped (raise it with --timeout)"
    except RecursionError:
        result.error = f"{src.label}: could not be analysed (too deeply nested)"
    except Exception as exc:  # one bad document must not stop a batch of thousands
        result.error = f"{src.label}: could not be analysed ({type(exc).__name__}: {_one_line(str(exc))})"
    else:
        result.chars = len(doc.text)
        result.quotes = len(doc.quotes)
        result.found = found
        result.speakers = tuple(sorted({q.speaker for q in doc.quotes if q.speaker}))
        if opts.facts:
            result.facts = document_facts(doc)
        if opts.keep_doc:
            result.doc = doc
    result.seconds = time.perf_counter() - started
    return result


_WARM_UP = "（台北1日讯）外交部发言人林晓峰表示，中方已提出严正交涉。\n\n「美方应停止挑衅。」他说。\n"


def warm_up() -> None:
    """Load the lexicons, models and caches the engine uses, once per process."""
    from .pipeline import analyze

    analyze(_WARM_UP)


# ----------------------------------------------------------------------------- running

def run_serial(sources: Iterable[Source], opts: Options) -> Iterator[Result]:
    """Analyse in this process, one document after the other."""
    for index, src in enumerate(sources):
        yield process(index, src, opts)


def _warm_up_quietly() -> None:
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - the documents will report what is wrong
        pass


def _worker(conn: Connection, opts: Options) -> None:
    """A worker process: models loaded once, then one document at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _warm_up_quietly()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(process(*task, opts))


@dataclass
class _Slot:
    """One worker process, the document it is working on and the next one it is sent (so that
    it never waits for the parent between two documents)."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    tasks: deque[tuple[int, Source]] = field(default_factory=deque)
    started: float = 0.0  # when the document at the head of ``tasks`` was begun


@dataclass
class _Pool:
    """Worker processes fed one document at a time, so that a stuck one can be killed and replaced."""

    jobs: int
    opts: Options
    slots: list[_Slot] = field(default_factory=list)

    def __post_init__(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork shares the imported engine with the workers; spawn elsewhere.
        self.ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if self.ctx.get_start_method() == "fork":
            _warm_up_quietly()  # once here, and every worker forked from us starts with the models loaded
        self.slots = [self._start() for _ in range(self.jobs)]

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, self.opts), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def idle(self) -> list[_Slot]:
        """Workers with room for another document, the least loaded first."""
        return sorted((s for s in self.slots if len(s.tasks) < _QUEUED), key=lambda s: len(s.tasks))

    def busy(self) -> list[_Slot]:
        return [s for s in self.slots if s.tasks]

    def submit(self, slot: _Slot, index: int, src: Source) -> None:
        if not slot.tasks:
            slot.started = time.monotonic()
        slot.tasks.append((index, src))
        slot.conn.send((index, src))

    def replace(self, slot: _Slot) -> None:
        """Kill a worker (ours, by its process) and start a fresh one in its place, handing it
        the documents that were queued behind the one that failed."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()
        fresh = self._start()
        self.slots[self.slots.index(slot)] = fresh
        for index, src in list(slot.tasks)[1:]:
            self.submit(fresh, index, src)

    def collect(self, wait_seconds: float) -> list[Result]:
        """Results that came back within ``wait_seconds``, and failures of workers that died or hung."""
        busy = self.busy()
        if not busy:
            return []
        waitables = [s.conn for s in busy] + [s.process.sentinel for s in busy]
        ready = set(wait(waitables, timeout=wait_seconds))
        out = []
        for slot in busy:
            index, src = slot.tasks[0]
            if slot.conn in ready:
                try:
                    out.append(slot.conn.recv())
                    slot.tasks.popleft()
                    slot.started = time.monotonic()
                    continue
                except (EOFError, OSError):
                    pass  # died while answering: reported below
            if slot.conn in ready or slot.process.sentinel in ready:
                slot.process.join(5)
                code = slot.process.exitcode
                out.append(Result(index, src.label, size=src.size, error=f"{src.label}: the worker analysing it died (exit code {code}), skipped"))
                self.replace(slot)
            elif self.opts.timeout > 0 and time.monotonic() - slot.started > self.opts.timeout + _GRACE:
                out.append(Result(index, src.label, size=src.size, error=f"{src.label}: analysis took longer than {self.opts.timeout:g} s, skipped (raise it with --timeout)"))
                self.replace(slot)
        return out

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for slot in self.slots:
            if not slot.tasks:
                slot.process.join(max(0.0, deadline - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(5)
            slot.conn.close()


def run_parallel(sources: Iterable[Source], opts: Options, jobs: int, window: int | None = None) -> Iterator[Result]:
    """Analyse in ``jobs`` worker processes; results come back in input order.

    At most ``window`` documents are between reading and output at any time (in the
    workers or waiting for an earlier one to finish), which keeps memory flat however
    long the input is.
    """
    window = window or jobs * _WINDOW  # wide enough that one slow document does not idle the others
    pool = _Pool(jobs, opts)
    done: dict[int, Result] = {}
    todo = enumerate(sources)
    next_out = next_in = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_in - next_out < window and pool.idle():
                item = next(todo, None)
                if item is None:
                    exhausted = True
                    break
                index, src = item
                next_in = index + 1
                if src.error:  # nothing to analyse: no need to bother a worker
                    done[index] = Result(index, src.label, size=src.size, error=src.error)
                else:
                    pool.submit(pool.idle()[0], index, src)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and not pool.busy() and not done:
                return
            for result in pool.collect(1.0):
                done[result.index] = result
    finally:
        pool.close()


def run(sources: Iterable[Source], opts: Options, jobs: int = 1) -> Iterator[Result]:
    """Results of ``sources`` in order, serially or in ``jobs`` worker processes."""
    return run_parallel(sources, opts, jobs) if jobs > 1 else run_serial(sources, opts)


def analyze_documents(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[str]]:
    """Documents of ``paths`` (in this process) and the error lines of those that failed."""
    docs, errors = [], []
    for result in run_serial(iter_sources(paths, max_bytes=max_bytes), Options(keep_doc=True, timeout=0)):
        if result.error:
            errors.append(result.error)
        else:
            docs.append(result.doc)
    return docs, errors


# ----------------------------------------------------------------------------- streamed outputs

class OutputError(Exception):
    """An output that cannot be opened or written; the message is one line for the user."""


def _name(path: str) -> str:
    return "<stdout>" if path == STDIN else path


def _open_output(path: str, encoding: str):
    if path == STDIN:
        return sys.stdout
    try:
        return open(path, "w", encoding=encoding, newline="")
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror})") from None


class Outputs:
    """The output files, written one document at a time as results arrive.

    Each document is one ``write`` call per file, so an interrupted run leaves complete
    lines (JSON Lines, CSV rows); the ``--json`` list is closed on the way out.
    """

    def __init__(self, jsonl: str | None = None, json_path: str | None = None, csv_path: str | None = None) -> None:
        self.paths = {"jsonl": jsonl, "json": json_path, "csv": csv_path}
        self.files: dict[str, object] = {}
        self.first_json = True

    def options(self) -> dict[str, bool]:
        return {"json_line": bool(self.paths["jsonl"]), "json_block": bool(self.paths["json"]), "csv": bool(self.paths["csv"])}

    def _write(self, kind: str, text: str) -> None:
        try:
            self.files[kind].write(text)
        except OSError as err:
            self._fail(kind, err)

    def _fail(self, kind: str, err: OSError) -> None:
        if self.files.get(kind) is sys.stdout:
            # The reader went away (| head): stop writing there, and keep Python's exit flush quiet.
            self.files.pop(kind)
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
        raise OutputError(f"{_name(self.paths[kind])}: cannot write ({err.strerror or err})") from None

    def open(self) -> "Outputs":
        """Open every output now, so that a path that cannot be written fails before any work."""
        import csv

        from .export import CSV_COLUMNS, SCHEMA

        for kind, path in self.paths.items():
            if path:
                # UTF-8 with BOM for a CSV file, so that Excel opens Chinese text correctly.
                self.files[kind] = _open_output(path, "utf-8-sig" if kind == "csv" else "utf-8")
        if "json" in self.files:
            self._write("json", f'{{"schema": "{SCHEMA}", "documents": [\n')
        if "csv" in self.files:
            buf = io.StringIO()
            csv.writer(buf).writerow(CSV_COLUMNS)
            self._write("csv", buf.getvalue())
        return self

    def write(self, result: Result) -> None:
        if result.error:
            return
        if "jsonl" in self.files:
            self._write("jsonl", result.json_line + "\n")
        if "json" in self.files:
            self._write("json", ("" if self.first_json else ",\n") + result.json_block)
            self.first_json = False
        if "csv" in self.files and result.csv:
            self._write("csv", result.csv)
        if self.files.get("jsonl") is sys.stdout:
            try:
                sys.stdout.flush()  # a consumer downstream sees each document as it is done
            except OSError as err:
                self._fail("jsonl", err)

    def close(self) -> None:
        """Finish the JSON list and close the files (standard output is flushed, not closed)."""
        errors = []
        if "json" in self.files:
            try:
                self._write("json", "\n]}\n")
            except OutputError as exc:
                errors.append(exc)
        for kind, fh in list(self.files.items()):
            try:
                fh.flush() if fh is sys.stdout else fh.close()
            except OSError as err:
                try:
                    self._fail(kind, err)
                except OutputError as exc:
                    errors.append(exc)
        self.files = {}
        if errors:
            raise errors[0]


# ----------------------------------------------------------------------------- progress and summary

@dataclass
class Tally:
    """Running totals of a batch, for the progress bar and the closing summary."""

    documents: int = 0
    errors: int = 0
    quotes: int = 0
    found: int = 0  # quotes before the filter
    chars: int = 0
    size: int = 0
    speakers: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: Result) -> None:
        self.size += result.size
        if result.error:
            self.errors += 1
            return
        self.documents += 1
        self.quotes += result.quotes
        self.found += result.found
        self.chars += result.chars
        self.speakers.update(result.speakers)

    def summary(self) -> str:
        elapsed = max(1e-9, time.perf_counter() - self.started)
        return (f"{self.documents:,} documents, {self.quotes:,} quotes, {len(self.speakers):,} speakers, "
                f"{self.errors:,} errors · {self.chars:,} characters in {elapsed:.1f} s "
                f"({self.documents / elapsed:,.1f} documents/s, {self.chars / elapsed:,.0f} characters/s)")


def progress_bar(console, total: int | None):
    """A rich progress bar over input bytes, with documents/s, characters/s and ETA.

    It is refreshed by the caller after each document (no refresh thread), so that worker
    processes started or replaced during the run are never forked from a threaded parent.
    """
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    rate = "{task.fields[docs]:,} docs · {task.fields[docs_rate]:,.1f} docs/s · {task.fields[chars_rate]:,.0f} chars/s · ETA"
    progress = Progress(
        BarColumn(bar_width=20), TaskProgressColumn(), TextColumn(rate), TimeRemainingColumn(),
        console=console, auto_refresh=False, transient=True,
    )
    task = progress.add_task("analysing", total=total, docs=0, docs_rate=0.0, chars_rate=0.0)
    return progress, task


def update_progress(progress, task, tally: Tally) -> None:
    elapsed = max(1e-9, time.perf_counter() - tally.started)
    progress.update(task, completed=tally.size, docs=tally.documents + tally.errors,
                    docs_rate=(tally.documents + tally.errors) / elapsed, chars_rate=tally.chars / elapsed)
    progress.refresh()
