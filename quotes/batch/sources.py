"""The documents a run reads: files, folders, JSON Lines archives and standard input,
enumerated lazily as ``Source`` items in input order.

Folders are walked recursively in sorted order, optionally filtered by a glob; an archive
gives one source per line (``text`` and optional ``id``, ``title``, ``date``, ``source``).
"""
from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..reading import MAX_BYTES, InputError, megabytes, read_bytes, read_limited

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


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


def in_hand(src: Source, max_bytes: int) -> Source:
    """The source with its file's bytes read here, for workers that may not see this
    machine's files (a cluster); a file that cannot be read becomes an error source."""
    if src.path is None or src.error:
        return src
    try:
        data = read_bytes(src.path, max_bytes)
    except InputError as exc:
        return Source(src.label, size=src.size, error=str(exc))
    return Source(src.label, data=data, size=len(data))
