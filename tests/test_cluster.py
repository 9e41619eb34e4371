"""Runs on a Dask distributed cluster started by the test itself (``local:N``: worker
processes on the loopback interface only, stopped at the end): the same bytes as one
process, and a document that hangs or kills its worker reported and skipped."""
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")

from quotes.batch import Options, Result, Source  # noqa: E402
from quotes.batch.cluster import run_cluster  # noqa: E402
from quotes.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "news" / "tw-president" / "tw_president_news.jsonl"
runner = CliRunner()


def _analyse(jobs_or_scheduler: list[str], inputs: list[str], out: Path) -> bytes:
    result = runner.invoke(app, ["analyze", *inputs, "--glob", "*.txt", "--jsonl", str(out), "-q", *jobs_or_scheduler])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_cluster_writes_the_bytes_one_process_writes(tmp_path):
    inputs = [str(ROOT / "corpus")]
    if ARCHIVE.exists():  # and a slice of the real archive, when ../shared is there
        part = tmp_path / "slice.jsonl"
        with open(ARCHIVE, encoding="utf-8") as fh:
            part.write_text("".join(line for _, line in zip(range(60), fh)), encoding="utf-8")
        inputs.append(str(part))
    one = _analyse([], inputs, tmp_path / "one.jsonl")
    started = time.monotonic()
    assert _analyse(["--scheduler", "local:2"], inputs, tmp_path / "dask.jsonl") == one
    assert time.monotonic() - started < 120
    assert len(one.splitlines()) > 20


def misbehave(index: int, src: Source, opts: Options) -> Result:  # imported by name in the workers
    if src.label == "stuck":
        time.sleep(60)
    if src.label == "crash":
        os._exit(7)
    return Result(index, src.label, id=src.label)


def test_a_document_that_hangs_or_kills_its_worker_is_skipped():
    labels = [f"d{i}" for i in range(20)]
    labels[3], labels[17] = "stuck", "crash"
    started = time.monotonic()
    results = list(run_cluster([Source(x, data=b"x") for x in labels], Options(timeout=1.0), "local:2", misbehave))
    assert time.monotonic() - started < 90
    assert [r.label for r in results] == labels
    assert "took longer than 1 s" in results[3].error
    assert "died" in results[17].error
    assert all(r.error is None for i, r in enumerate(results) if i not in (3, 17))


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("外交部发言人林晓峰表示，中方已提出严正交涉。\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(p), "--scheduler", "nowhere://x", "--jsonl", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "--scheduler nowhere://x: cannot connect" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["analyze", str(p), "--scheduler", "local:2", "-j", "2"])
    assert result.exit_code == 2 and "choose one" in result.output
