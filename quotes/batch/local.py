"""Running on this machine: in this process, or in a pool of worker processes.

Documents go in batches of ``work.BATCH`` (their stance is computed together).  The pool is
pebble's ``ProcessPool``: each batch is one task with a time limit of its documents' limits
together, and a worker that hangs past it or dies is replaced by the pool; the batch's
documents are then sent again one by one, so that only the one at fault is reported.  Inside
a worker the analysis also arms its own alarm for each document (``work.process_batch``), so
a slow document usually ends as an error without costing the worker; the pool's limit, a
little later, is for one that ignores it.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, TimeoutError
from itertools import islice

from pebble import ProcessExpired, ProcessPool

from . import work
from .sources import Source
from .work import Options, Result

WINDOW = 32  # documents per worker that may be between reading and output
GRACE = 5.0  # seconds past the time limit before a worker that ignores its alarm is stopped


def batches(sources: Iterable[Source], size: int = work.BATCH) -> Iterator[list[tuple[int, Source]]]:
    """(index, source) pairs in lists of ``size``, in input order, read lazily."""
    numbered = enumerate(sources)
    while batch := list(islice(numbered, size)):
        yield batch


def run_serial(sources: Iterable[Source], opts: Options) -> Iterator[Result]:
    """Analyse in this process, a batch of documents after the other."""
    for batch in batches(sources):
        yield from work.process_batch(batch, opts)


def _warm_up() -> None:
    try:
        work.warm_up()
    except Exception:  # noqa: BLE001 - the documents will report what is wrong
        pass


def _start_worker(warm: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if warm:
        _warm_up()


def _error(src: Source, exc: BaseException, opts: Options) -> str:
    """The error line of a source whose worker hung or died on it."""
    if isinstance(exc, TimeoutError):
        return work.timed_out(src, opts)
    if isinstance(exc, ProcessExpired):
        return work.died(src, f"died (exit code {exc.exitcode})")
    return work.died(src, f"failed ({type(exc).__name__})")


def _outcomes(batch: list[tuple[int, Source]], task: Future, opts: Options, pool: ProcessPool,
              limit: float | None) -> list[Result]:
    """The results of one task's batch.  When the task hung or its worker died, a batch of
    several documents is sent again one by one, and only a lone document is reported."""
    try:
        return task.result()
    except Exception as exc:  # noqa: BLE001 - a worker that hung or died, or what it could not send back
        if len(batch) == 1:
            index, src = batch[0]
            return [Result(index, src.label, size=src.size, error=_error(src, exc, opts))]
    return [r for item in batch for r in _outcomes([item], _schedule([item], opts, pool, limit), opts, pool, limit)]


def _schedule(batch: list[tuple[int, Source]], opts: Options, pool: ProcessPool, limit: float | None) -> Future:
    """A task for the batch, with a time limit of its documents' limits together."""
    return pool.schedule(work.process_batch, (batch, opts), timeout=limit and limit * len(batch))


def run_parallel(sources: Iterable[Source], opts: Options, jobs: int, window: int | None = None) -> Iterator[Result]:
    """Analyse in ``jobs`` worker processes; results come back in input order.

    At most ``window`` documents are between reading and output at any time (in the
    workers or waiting for an earlier one to finish), which keeps memory flat however
    long the input is.
    """
    window = window or jobs * WINDOW  # wide enough that one slow batch does not idle the others
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        _warm_up()  # once here, and every worker forked from us starts with the models loaded
    context = multiprocessing.get_context("fork" if fork else "spawn")
    limit = opts.timeout + GRACE if opts.timeout > 0 else None
    pool = ProcessPool(max_workers=jobs, initializer=_start_worker, initargs=(not fork,), context=context)
    pending: deque[tuple[list[tuple[int, Source]], Future]] = deque()
    waiting = 0
    try:
        for batch in batches(sources, max(1, min(work.BATCH, window // (2 * jobs)))):
            pending.append((batch, _schedule(batch, opts, pool, limit)))
            waiting += len(batch)
            while waiting >= window:
                batch, task = pending.popleft()
                waiting -= len(batch)
                yield from _outcomes(batch, task, opts, pool, limit)
        while pending:
            yield from _outcomes(*pending.popleft(), opts, pool, limit)
    finally:
        pool.stop()
        pool.join(timeout=5)


def run(sources: Iterable[Source], opts: Options, jobs: int = 1) -> Iterator[Result]:
    """Results of ``sources`` in order, serially or in ``jobs`` worker processes."""
    return run_parallel(sources, opts, jobs) if jobs > 1 else run_serial(sources, opts)
