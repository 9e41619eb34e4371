"""Running on a Dask distributed cluster: ``--scheduler ADDRESS`` or ``--scheduler local:N``.

The sources are read here, lazily, and sent in partitions of a few documents (a file's bytes
go with it, so workers need not see this machine's disks); only a few partitions per worker
thread are out at a time, so an archive larger than memory streams through.  Each worker
loads the models once (a worker plugin warms them up; the engine's caches keep them) and
sends back the same ``Result`` items as a local run, which are yielded in input order to the
same writers.

The limits hold as on one machine.  Inside a worker a document runs in a helper thread
joined with the time limit: one that runs over it is reported, the rest of its partition is
sent again, and the worker is restarted by its nanny so that the stuck thread goes with it.
A document that kills its worker fails its partition; the partition's documents are then
sent one by one (a lone document whose worker died is sent twice more, since another one
may have killed it), so that only the one that kills is reported and skipped.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from . import work
from .sources import Source, in_hand
from .work import Options, Result

PARTITION = 16  # documents per task: few scheduler round trips, small enough to spread
AHEAD = 3  # partitions per worker thread sent before their results are read
RETRIES = 2  # times a lone document whose worker died is sent again before it is reported
_LOCAL = re.compile(r"local:(\d+)$")


class ClusterError(Exception):
    """A scheduler that cannot be reached or started; the message is one line for the user."""


@dataclass
class Partition:
    """What a worker sends back for a partition: the results of the documents it analysed,
    and, when one ran over the time limit, the documents after it, to be sent again."""

    results: list[Result]
    unfinished: list[tuple[int, Source]] = field(default_factory=list)
    stuck_worker: str | None = None  # the worker left with a stuck thread, to be restarted


Analyse = Callable[[int, Source, Options], Result]


def _within_limit(analyse: Analyse, index: int, src: Source, opts: Options) -> Result | None:
    """The document's result, or None when it ran over the time limit (its thread is left
    behind: the worker is restarted)."""
    if opts.timeout <= 0:
        return analyse(index, src, opts)
    box: list[Result] = []
    thread = threading.Thread(target=lambda: box.append(analyse(index, src, opts)), daemon=True)
    thread.start()
    thread.join(opts.timeout)
    return box[0] if box else None


def process_partition(items: list[tuple[int, Source]], opts: Options, analyse: Analyse = work.process) -> Partition:
    """Analyse a partition in a worker, one document after the other."""
    from distributed import get_worker

    results = []
    for k, (index, src) in enumerate(items):
        result = _within_limit(analyse, index, src, opts)
        if result is None:
            results.append(Result(index, src.label, size=src.size, error=work.timed_out(src, opts)))
            return Partition(results, items[k + 1 :], get_worker().address)
        results.append(result)
    return Partition(results)


def _warm_up_plugin():
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Loads the models when a worker starts, not with its first partition."""

        def setup(self, worker) -> None:
            try:
                work.warm_up()
            except Exception:  # noqa: BLE001 - the documents will report what is wrong
                pass

    return WarmUp()


def connect(address: str):
    """A client of the scheduler at ``address``, or of a new cluster of N local worker
    processes for ``local:N`` (on the loopback interface, no dashboard)."""
    import dask
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    local = _LOCAL.match(address)
    try:
        if local:
            # a worker that dies fails its task at once: the runner isolates the document itself
            # and a worker holds only the task it runs, so that fewer others go down with it
            with dask.config.set({"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}):
                cluster = LocalCluster(n_workers=max(1, int(local.group(1))), threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout="15s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--scheduler {address}: cannot connect ({type(exc).__name__}: {exc})") from None
    client.register_plugin(_warm_up_plugin(), name="quotes-warm-up")
    return client


def _partitions(sources: Iterable[Source], max_bytes: int) -> Iterator[list[tuple[int, Source]]]:
    items: list[tuple[int, Source]] = []
    for index, src in enumerate(sources):
        items.append((index, in_hand(src, max_bytes)))
        if len(items) == PARTITION:
            yield items
            items = []
    if items:
        yield items


def run_cluster(sources: Iterable[Source], opts: Options, address: str, analyse: Analyse = work.process) -> Iterator[Result]:
    """Results of ``sources`` in input order, analysed on the cluster at ``address`` (reached
    now: ``ClusterError`` when it cannot be) by ``analyse`` (a module-level function, which
    the workers import by name)."""
    return _stream(connect(address), sources, opts, analyse)


def _stream(client, sources: Iterable[Source], opts: Options, analyse: Analyse) -> Iterator[Result]:
    try:
        ahead = AHEAD * max(1, sum(client.nthreads().values()))
        pending: deque = deque()

        def send(items: list[tuple[int, Source]], tries: int = 0) -> tuple[list[tuple[int, Source]], object, int]:
            return items, client.submit(process_partition, items, opts, analyse, pure=False), tries

        for items in _partitions(sources, opts.max_bytes):
            pending.append(send(items))
            while len(pending) >= ahead:
                yield from _collect(client, pending, send)
        while pending:
            yield from _collect(client, pending, send)
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(client, pending: deque, send) -> Iterator[Result]:
    """The results of the oldest partition; what it could not finish goes back to the head
    of the queue, so the order holds."""
    from distributed import KilledWorker

    items, future, tries = pending.popleft()
    try:
        part = future.result()
    except KilledWorker:
        if len(items) > 1:  # one of them kills its worker: find which, one document at a time
            pending.extendleft(send([item]) for item in reversed(items))
        elif tries < RETRIES:  # it may have been only queued on a worker that another one killed
            pending.appendleft(send(items, tries + 1))
        else:
            index, src = items[0]
            yield Result(index, src.label, size=src.size, error=work.died(src, "died"))
        return
    except Exception as exc:  # noqa: BLE001 - the partition's documents are reported, the run goes on
        for index, src in items:
            yield Result(index, src.label, size=src.size, error=work.died(src, f"failed ({type(exc).__name__})"))
        return
    yield from part.results
    if part.stuck_worker:
        try:
            client.restart_workers([part.stuck_worker])
        except Exception:  # noqa: BLE001 - a worker without a nanny stays, with its stuck thread
            pass
    if part.unfinished:
        pending.appendleft(send(part.unfinished))
