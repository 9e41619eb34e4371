"""The batch runner: folders, JSON Lines archives and standard input in; results streamed
out in input order; a failing document reported and skipped; workers that agree with the
single process; time limits; an interrupted run leaving complete lines only."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import batch
from quotes.batch import Options, Outputs, Source, iter_sources, local, run, work
from quotes.cli import app

runner = CliRunner()
A = "（台北1日讯）行政院发言人李明表示，明年将调涨基本工资。\n\n「这是对劳工的承诺。」他说。\n"
B = "外交部发言人林晓峰表示，中方已提出严正交涉。\n"
C = "國防部長邱國正今天表示：「國軍會嚴密監控。」\n"


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text(A, encoding="utf-8")
    (root / "b" / "deep" / "c.txt").write_text(C, encoding="big5")
    (root / "b" / "page.html").write_text(f"<html><body><p>{B}</p><script>x='说：“不”'</script></body></html>", encoding="utf-8")
    (root / "b" / "notes.csv").write_text("not,a,document\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(A, encoding="utf-8")
    return root


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    records = [
        {"id": "r1", "title": "行政院：明年调涨基本工资", "text": A, "date": "2024-01-01", "source": "cna"},
        {"text": B},
        {"id": 3, "title": "", "text": C},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    return path


def test_folder_is_walked_recursively_in_sorted_order(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(folder), "--jsonl", str(out), "-q"])
    assert result.exit_code == 0, result.output
    ids = [Path(d["id"]).relative_to(folder).as_posix() for d in jsonl(out)]
    assert ids == ["a.txt", "b/deep/c.txt", "b/page.html"]  # no .csv, no hidden file
    page = jsonl(out)[2]
    assert [q["speaker"] for q in page["quotes"]] == ["林晓峰"]
    assert any("extracted from the HTML" in n for n in page["notes"])


def test_glob_filters_the_folder(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(folder), "--glob", "*.txt", "--jsonl", str(out), "-q"])
    assert result.exit_code == 0
    assert [Path(d["id"]).name for d in jsonl(out)] == ["a.txt", "c.txt"]
    result = runner.invoke(app, ["analyze", str(folder), "--glob", "b/**/*.txt", "--jsonl", str(out), "-q"])
    assert [Path(d["id"]).name for d in jsonl(out)] == ["c.txt"]


def test_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["analyze", str(tmp_path / "empty"), "-q"])
    assert result.exit_code == 1
    assert "no documents" in result.output


def test_jsonl_archive_keeps_ids_and_reads_title_and_text(archive, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(archive), "--jsonl", str(out), "-q"])
    assert result.exit_code == 0, result.output
    docs = jsonl(out)
    assert [d["id"] for d in docs] == ["r1", f"{archive}:2", "3"]
    assert docs[0]["path"] == f"{archive}#r1"
    assert docs[0]["quotes"][0]["type"] == "headline"  # the title is analysed too
    text = "行政院：明年调涨基本工资\n\n" + A
    for q in docs[0]["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_bad_records_are_reported_and_the_rest_come_out(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok1", "text": "%s"}\n{not json\n{"id": "x"}\n[1, 2]\n{"id": "ok2", "text": "%s"}\n' % (B.strip(), B.strip()),
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(path), "--jsonl", str(out), "-q"])
    assert result.exit_code == 1
    assert [d["id"] for d in jsonl(out)] == ["ok1", "ok2"]
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert "bad.jsonl:2: not a JSON object" in lines[0] and 'bad.jsonl:3: no "text" field' in lines[1]


def test_standard_input_as_one_document(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", "-", "--jsonl", str(out), "-q"], input=B.encode("gb18030"))
    assert result.exit_code == 0, result.output
    (doc,) = jsonl(out)
    assert doc["id"] == "<stdin>" and doc["encoding"] == "gb18030"
    assert doc["quotes"][0]["speaker"] == "林晓峰"


def test_standard_input_as_jsonl_to_standard_output(archive):
    result = runner.invoke(app, ["analyze", "-", "--stdin-jsonl", "--jsonl", "-", "-q"], input=archive.read_bytes())
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["r1", "<stdin>:2", "3"]


def test_a_failing_document_in_the_middle_of_a_batch(tmp_path):
    paths = []
    for i, text in enumerate([A, None, B, "", C]):
        p = tmp_path / f"{i}.txt"
        if text is None:
            p.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))  # a zip archive
        else:
            p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    for jobs in ("1", "2"):
        out, csv_out, json_out = tmp_path / f"o{jobs}.jsonl", tmp_path / f"o{jobs}.csv", tmp_path / f"o{jobs}.json"
        result = runner.invoke(app, ["analyze", *paths, "--jsonl", str(out), "--csv", str(csv_out), "--json", str(json_out), "-j", jobs, "-q"])
        assert result.exit_code == 1
        assert result.output.strip() == f"error: {paths[1]}: binary file (ZIP archive), not text"
        docs = jsonl(out)
        assert [Path(d["id"]).name for d in docs] == ["0.txt", "2.txt", "3.txt", "4.txt"]
        assert docs[2]["quotes"] == [] and docs[2]["notes"] == ["empty document: no text"]
        assert len(json.loads(json_out.read_text(encoding="utf-8"))["documents"]) == 4
        assert len(csv_out.read_text(encoding="utf-8-sig").splitlines()) == 1 + sum(len(d["quotes"]) for d in docs)


def test_workers_write_exactly_what_one_process_writes(folder, archive):
    sources = list(iter_sources([folder, archive]))
    opts = Options(json_line=True, json_block=True, csv=True)
    serial = [(r.id, r.error, r.json_line, r.json_block, r.csv) for r in run(sources, opts, jobs=1)]
    parallel = [(r.id, r.error, r.json_line, r.json_block, r.csv) for r in run(sources, opts, jobs=2)]
    assert parallel == serial and len(serial) == 6


def test_parallel_runner_reads_ahead_only_a_window():
    pulled = []

    def endless():
        for i in range(10_000):
            pulled.append(i)
            yield Source(f"doc{i}", data=B.encode("utf-8"))

    results = batch.run_parallel(endless(), Options(), jobs=2, window=6)
    first = [next(results) for _ in range(3)]
    results.close()
    assert [r.label for r in first] == ["doc0", "doc1", "doc2"]
    assert len(pulled) <= 3 + 6  # what was yielded, plus the window


def test_a_document_over_the_time_limit_is_skipped(tmp_path):
    slow = "他表示，" * 20_000  # thousands of overlapping reports in one sentence: far over 0.5 s
    sources = [Source("fast", data=B.encode()), Source("slow", data=slow.encode()), Source("after", data=B.encode())]
    for jobs in (1, 2):
        results = list(run(sources, Options(timeout=0.5), jobs=jobs))
        assert [r.error is None for r in results] == [True, False, True]
        assert "took longer than 0.5 s" in results[1].error


def _stuck(index, src, opts):  # a worker that ignores its alarm (as if inside C code)
    if src.label == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if src.label == "crash":
        os._exit(7)
    return batch.Result(index, src.label, id=src.label)


def _stuck_batch(items, opts):
    return [_stuck(index, src, opts) for index, src in items]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_stuck_and_dying_workers_are_replaced(monkeypatch):
    monkeypatch.setattr(work, "process_batch", _stuck_batch)  # the batch fails, then each is sent alone
    monkeypatch.setattr(local, "GRACE", 0.2)
    monkeypatch.setattr(work, "warm_up", lambda: None)
    labels = ["a", "stuck", "b", "crash", "c", "d"]
    started = time.monotonic()
    results = list(batch.run_parallel([Source(x) for x in labels], Options(timeout=0.3), jobs=2))
    assert time.monotonic() - started < 10
    assert [r.label for r in results] == labels
    assert "took longer than 0.3 s" in results[1].error
    assert "died (exit code 7)" in results[3].error
    assert all(r.error is None for i, r in enumerate(results) if i not in (1, 3))


def test_outputs_close_the_json_list(tmp_path):
    outputs = Outputs(json_path=str(tmp_path / "o.json")).open()
    outputs.write(batch.Result(0, "x", id="x", json_block='{"id": "x"}'))
    outputs.close()
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8")) == {"schema": "quotes.v1", "documents": [{"id": "x"}]}


def test_html_option_writes_a_report(tmp_path):
    pytest.importorskip("quotes.html_report")
    p = tmp_path / "a.txt"
    p.write_text(A, encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["analyze", str(p), "--html", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "李明" in out.read_text(encoding="utf-8")


def test_interrupted_run_leaves_complete_lines(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": A * 3}, ensure_ascii=False) + "\n" for i in range(3000)), encoding="utf-8")
    out, json_out = tmp_path / "out.jsonl", tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "analyze", str(path), "--jsonl", str(out), "--json", str(json_out), "-j", "2"],
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            # a shell's background job ignores Ctrl-C, and a child inherits that
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "interrupted after" in stderr and "Traceback" not in stderr
    docs = jsonl(out)  # every line parses
    assert 0 < len(docs) < 3000
    assert [d["id"] for d in docs] == [f"d{i}" for i in range(len(docs))]
    assert len(json.loads(json_out.read_text(encoding="utf-8"))["documents"]) == len(docs)


ARMS = "国台办发言人表示，中国坚决反对美国对台军售，美方应立即停止。\n"


def _sources(*texts):
    return [(i, Source(f"d{i}", data=t.encode())) for i, t in enumerate(texts)]


def test_a_batch_gives_each_document_what_it_gets_alone():
    items = _sources(A, B, ARMS, "")
    together = work.process_batch(items, Options(json_line=True))
    alone = [work.process(i, src, Options(json_line=True)) for i, src in items]
    assert [r.json_line for r in together] == [r.json_line for r in alone]
    assert [r.error for r in together] == [r.error for r in alone]
    assert '"stance"' in together[2].json_line and "美" in together[2].json_line


def test_a_document_whose_stance_fails_is_reported_alone(monkeypatch):
    from quotes import stance

    def fails_on_arms(doc):
        if "军售" in doc.text:
            raise ValueError("boom")

    monkeypatch.setattr(stance, "assign_stance", fails_on_arms)
    monkeypatch.setattr(stance, "assign_stances", lambda docs: [fails_on_arms(d) for d in docs])
    results = work.process_batch(_sources(A, ARMS, B), Options(json_line=True))
    assert [r.error is None for r in results] == [True, False, True]
    assert "d1: could not be analysed (ValueError: boom)" == results[1].error
    assert results[0].json_line and results[2].json_line


def test_run_serial_reads_its_sources_a_batch_at_a_time():
    pulled = []

    def sources():
        for i in range(40):
            pulled.append(i)
            yield Source(f"d{i}", data=B.encode())

    results = local.run_serial(sources(), Options())
    first = next(results)
    assert first.label == "d0" and first.error is None
    assert len(pulled) == work.BATCH  # one batch read, not the whole input
    assert [r.label for r in results] == [f"d{i}" for i in range(1, 40)]


class _InterruptingFile:
    """A file whose first write is interrupted by Ctrl-C, as a user's may be at any moment."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text
        if text.strip():
            os.kill(os.getpid(), signal.SIGINT)  # delivered at the next bytecode boundary

    def close(self) -> None:
        pass


def test_ctrl_c_during_one_document_s_writes_leaves_it_in_every_output():
    outputs = Outputs(jsonl="a.jsonl", json_path="a.json")
    outputs.files = {"jsonl": _InterruptingFile(), "json": _InterruptingFile()}
    result = work.Result(index=0, label="d0", json_line='{"id": "d0"}', json_block='{"id": "d0"}')
    with pytest.raises(KeyboardInterrupt):
        outputs.write(result)
    assert '"d0"' in outputs.files["jsonl"].text and '"d0"' in outputs.files["json"].text
