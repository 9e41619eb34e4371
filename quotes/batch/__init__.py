"""Batch runs: many documents in, results out in input order, in constant memory.

The stages of a run, one module each:

- ``sources``: the documents named on the command line (files, folders, JSON Lines
  archives, standard input), enumerated lazily as ``Source`` items;
- ``work``: the analysis of one source into a ``Result`` that carries what the outputs need
  already serialised; a document that cannot be read or analysed, or that runs over the time
  limit, comes back with an ``error`` line and the run goes on;
- ``local``: running in this process or in a pool of worker processes (``--jobs N``);
- ``cluster``: running on a Dask distributed cluster (``--scheduler ADDRESS|local:N``);
- ``outputs``: the files written as results arrive, the tally and the progress bar.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document
from ..reading import MAX_BYTES
from .local import run, run_parallel, run_serial
from .outputs import OutputError, Outputs, Tally, progress_bar, update_progress
from .sources import STDIN, Source, iter_sources, matches, total_size
from .work import DEFAULT_TIMEOUT, Options, Result, process, warm_up

__all__ = ["DEFAULT_TIMEOUT", "MAX_BYTES", "STDIN", "OutputError", "Options", "Outputs", "Result", "Source", "Tally",
           "analyze_documents", "iter_sources", "matches", "process", "progress_bar", "run", "run_documents",
           "run_parallel", "run_serial", "total_size", "update_progress", "warm_up"]


def run_documents(sources: Iterable[Source], opts: Options, jobs: int = 1, scheduler: str | None = None) -> Iterator[Result]:
    """Results of ``sources`` in input order: on a Dask cluster when ``scheduler`` is given,
    else in this process or in ``jobs`` local worker processes."""
    if scheduler:
        from .cluster import run_cluster

        return run_cluster(sources, opts, scheduler)
    return run(sources, opts, jobs)


def analyze_documents(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[str]]:
    """Documents of ``paths`` (in this process) and the error lines of those that failed."""
    docs, errors = [], []
    for result in run_serial(iter_sources(paths, max_bytes=max_bytes), Options(keep_doc=True, timeout=0)):
        if result.error:
            errors.append(result.error)
        else:
            docs.append(result.doc)
    return docs, errors
