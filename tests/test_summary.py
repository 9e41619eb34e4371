"""The archive summary (issue 14): who is quoted across many documents, in the terminal, as
JSON and in the HTML report, built from what flows through the run."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.summary import ArchiveSummary, DocumentFacts, QuoteFacts

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
# 賴清德 three times over two documents and two scripts; 王强 through 新华社; 李明 undated.
RECORDS = [
    {"id": "a", "date": "2023-05-20", "text": "（中央社台北1日電）總統賴清德今天表示，台灣將持續強化國防，守護民主自由。\n\n「我們不會退縮。」賴清德說。\n"},
    {"id": "b", "date": "2024-01-02", "text": "（台北2日讯）总统赖清德表示，台湾将持续推动经济转型。\n\n据新华社报道，外交部长王强批评说，美国对台湾的施压是错误的。\n"},
    {"id": "c", "text": "（台北3日讯）行政院发言人李明表示，明年将调涨基本工资。\n"},
]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def _facts(year, *quotes) -> DocumentFacts:
    return DocumentFacts.of(year, (QuoteFacts(*q) for q in quotes))


def test_the_summary_adds_up_speakers_across_documents_and_scripts():
    summary = ArchiveSummary()
    summary.add(_facts("2023", ("賴清德", "person", "總統", "neutral", None, (("台灣", "support"),)),
                       ("賴清德", "person", "總統", "emphatic", None, (("台灣", "support"), ("中國", "oppose")))))
    summary.add(_facts("2024", ("赖清德", "person", "总统", "neutral", "新华社", (("台湾", "neutral"),)),
                       (None, "unknown", None, "unknown", None, ())))
    summary.add(_facts(None, ("李明", "person", "发言人", "neutral", "新华社", ())))
    out = summary.to_dict()
    assert (out["documents"], out["dated_documents"], out["quotes"], out["unattributed_quotes"]) == (3, 2, 5, 1)
    lai = out["speakers"][0]
    assert (lai["speaker"], lai["quotes"], lai["documents"]) == ("賴清德", 3, 2)  # the form written most often
    assert lai["roles"] == {"總統": 3}
    assert lai["cue_classes"] == {"neutral": 2, "emphatic": 1}
    assert lai["targets"][0] == {"target": "台灣", "support": 2, "oppose": 0, "neutral": 1}
    assert lai["years"] == {"2023": 2, "2024": 1}
    assert out["sources"] == [{"source": "新华社", "quotes": 2, "documents": 2, "speakers": {"賴清德": 1, "李明": 1}}]
    assert out["years"] == [{"year": "2023", "documents": 1, "quotes": 2}, {"year": "2024", "documents": 1, "quotes": 2}]
    assert out["quotes_without_source"] == 3


def test_more_than_one_document_ends_with_the_summary_tables(archive):
    result = runner.invoke(app, ["analyze", str(archive)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Archive summary: 3 documents (2 dated, 2023–2024), 5 quotes" in out
    speakers = out[out.index("Top speakers"):out.index("Top sources")]
    assert re.search(r"賴清德\s+3\s+2\s+總統", speakers)
    assert out.index("賴清德") < out.index("王强") and "赖清德" not in speakers
    assert re.search(r"新华社\s+1\s+1\s+王强", out)
    years = out[out.index("Quotes per speaker per year"):]
    assert re.search(r"2023\s+1\s+2\s+2", years) and re.search(r"2024\s+1\s+2\s+1", years)


def test_one_document_has_a_summary_only_when_asked(archive, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text(RECORDS[0]["text"], encoding="utf-8")
    assert "Archive summary" not in runner.invoke(app, ["analyze", str(one)]).output
    assert "Archive summary: 1 document" in runner.invoke(app, ["analyze", str(one), "--summary"]).output
    assert runner.invoke(app, ["analyze", str(archive), "-q"]).output == ""
    quiet = runner.invoke(app, ["analyze", str(archive), "-q", "--summary"]).output
    assert quiet.lstrip().startswith("Archive summary: 3 documents")


def test_the_summary_json_is_the_same_with_workers_and_follows_the_filter(archive, tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"summary{jobs}.json"
        result = runner.invoke(app, ["analyze", str(archive), "-q", "--jsonl", os.devnull, "--summary-json", str(out), "-j", jobs])
        assert result.exit_code == 0, result.output
        outs.append(json.loads(out.read_text(encoding="utf-8")))
    assert outs[0] == outs[1]
    assert outs[0]["schema"] == "quotes.summary.v1" and outs[0]["filter"] is None
    assert [s["speaker"] for s in outs[0]["speakers"]] == ["賴清德", "李明", "王强"]
    out = tmp_path / "filtered.json"
    runner.invoke(app, ["analyze", str(archive), "-q", "--summary-json", str(out), "--speaker", "王强"])
    filtered = json.loads(out.read_text(encoding="utf-8"))
    assert filtered["filter"] == "--speaker 王强" and [s["speaker"] for s in filtered["speakers"]] == ["王强"]
    assert filtered["quotes"] == 1 and filtered["documents"] == 3


def test_an_unwritable_summary_json_fails_before_any_work(archive, tmp_path):
    result = runner.invoke(app, ["analyze", str(archive), "--summary-json", str(tmp_path / "no" / "s.json")])
    assert result.exit_code == 3 and "cannot write" in result.output and "Archive summary" not in result.output


def test_the_html_report_of_an_archive_has_the_summary_and_its_chart(archive, tmp_path):
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["analyze", str(archive), "--html", str(out), "-q"]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    section = html[html.index('<section class="summary"'):html.index("</section>")]
    assert "Top speakers" in section and "Quotes per speaker per year" in section
    bars = re.findall(r'<g data-year="(\d{4})">(.*?)</g>', section, re.S)
    assert [year for year, _ in bars] == ["2023", "2024"]
    titles = dict(bars)
    assert "<title>2023 · 賴清德: 100% (2 of 2 quotes)</title>" in titles["2023"]
    assert "<title>2024 · 賴清德: 50% (1 of 2 quotes)</title>" in titles["2024"]
    assert "<script src" not in html and "http" not in section
    one = tmp_path / "one.html"
    runner.invoke(app, ["analyze", str(archive), "--html", str(one), "-q", "--speaker", "李明"])
    assert '<section class="summary"' in one.read_text(encoding="utf-8")  # three documents went through


def test_a_piped_report_is_plain_text_and_quiet_is_silent(archive):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env["TERM"] = "xterm-256color"
    piped = subprocess.run([sys.executable, "-m", "quotes", "analyze", str(archive)], capture_output=True, text=True, env=env)
    assert piped.returncode == 0 and "賴清德" in piped.stdout
    assert "\x1b[" not in piped.stdout + piped.stderr
    assert piped.stderr.startswith("3 documents, 5 quotes")  # the closing line goes to stderr
    quiet = subprocess.run([sys.executable, "-m", "quotes", "analyze", str(archive), "-q"], capture_output=True, text=True, env=env)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


@pytest.mark.slow
def test_the_top_speakers_of_the_taiwan_releases_are_people(shared, tmp_path):
    out = tmp_path / "summary.json"
    archive = shared / "data" / "news" / "tw-president" / "tw_president_news.jsonl"
    result = runner.invoke(app, ["analyze", str(archive), "-q", "--summary-json", str(out)])
    assert result.exit_code == 0
    speakers = json.loads(out.read_text(encoding="utf-8"))["speakers"]
    offices = ("總統", "副總統", "行政院長", "黨主席")  # 李登輝 also spoke as 中國國民黨主席
    assert all(s["kind"] == "person" and all(r.endswith(offices) for r in s["roles"]) for s in speakers[:5]), speakers[:5]
    assert not {"致詞", "時", "接著"} & {s["speaker"] for s in speakers[:15]}
