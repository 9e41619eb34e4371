"""Where results go: the output files written one document at a time as results arrive,
and the running tally and progress bar of a run."""
from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .sources import STDIN
from .work import Result


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


@contextmanager
def _interrupt_held() -> Iterator[None]:
    """Ctrl-C held back while one document goes to every output, so that an interrupted run
    leaves the same documents, complete, in each: the interrupt is noted and raised after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


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

        from ..export import CSV_COLUMNS, SCHEMA

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
        with _interrupt_held():
            self._write_all(result)

    def _write_all(self, result: Result) -> None:
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

    It is refreshed by the caller after each document: no refresh thread of its own.
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