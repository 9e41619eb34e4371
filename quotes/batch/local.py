"""Running on this machine: in this process, or in a pool of worker processes.

The pool is pebble's ``ProcessPool``: each document is one task with its own time limit, and
a worker that hangs past it or dies is replaced by the pool.  Inside a worker the analysis
also arms its own alarm (``work.process``), so a slow document usually ends as an error
without costing the worker; the pool's limit, a little later, is for one that ignores it.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, TimeoutError

from pebble import ProcessExpired, ProcessPool

from . import work
from .sources import Source
from .work import Options, Result

WINDOW = 32  # documents per worker that may be between reading and output
GRACE = 5.0  # seconds past the time limit before a worker that ignores its alarm is stopped


def run_serial(sources: Iterable[Source], opts: Options) -> Iterator[Result]:
    """Analyse in this process, one document after the other."""
    for index, src in enumerate(sources):
        yield work.process(index, src, opts)


def _warm_up() -> None:
    try:
        work.warm_up()
    except Exception:  # noqa: BLE001 - the documents will report what is wrong
        pass


def _start_worker(warm: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if warm:
        _warm_up()


def _outcome(index: int, src: Source, task: Future | None, opts: Options) -> Result:
    """The result of one task, or the error line of a source known bad or of a worker that
    hung or died on it."""
    if task is None:
        return Result(index, src.label, size=src.size, error=src.error)
    try:
        return task.result()
    except TimeoutError:
        error = work.timed_out(src, opts)
    except ProcessExpired as exc:
        error = work.died(src, f"died (exit code {exc.exitcode})")
    except Exception as exc:  # noqa: BLE001 - what the task could not even send back
        error = work.died(src, f"failed ({type(exc).__name__})")
    return Result(index, src.label, size=src.size, error=error)


def run_parallel(sources: Iterable[Source], opts: Options, jobs: int, window: int | None = None) -> Iterator[Result]:
    """Analyse in ``jobs`` worker processes; results come back in input order.

    At most ``window`` documents are between reading and output at any time (in the
    workers or waiting for an earlier one to finish), which keeps memory flat however
    long the input is.
    """
    window = window or jobs * WINDOW  # wide enough that one slow document does not idle the others
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        _warm_up()  # once here, and every worker forked from us starts with the models loaded
    context = multiprocessing.get_context("fork" if fork else "spawn")
    limit = opts.timeout + GRACE if opts.timeout > 0 else None
    pool = ProcessPool(max_workers=jobs, initializer=_start_worker, initargs=(not fork,), context=context)
    pending: deque[tuple[int, Source, Future | None]] = deque()
    try:
        for index, src in enumerate(sources):
            # nothing to analyse in a source known bad: no need to bother a worker
            task = None if src.error else pool.schedule(work.process, (index, src, opts), timeout=limit)
            pending.append((index, src, task))
            while len(pending) >= window:
                yield _outcome(*pending.popleft(), opts)
        while pending:
            yield _outcome(*pending.popleft(), opts)
    finally:
        pool.stop()
        pool.join(timeout=5)


def run(sources: Iterable[Source], opts: Options, jobs: int = 1) -> Iterator[Result]:
    """Results of ``sources`` in order, serially or in ``jobs`` worker processes."""
    return run_parallel(sources, opts, jobs) if jobs > 1 else run_serial(sources, opts)
