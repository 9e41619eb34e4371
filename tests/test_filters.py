"""Filters (issue 14): --speaker, --side, --type, --cue-class and --target choose the same
quotes in the terminal report, JSON, JSON Lines, CSV and HTML, of ``analyze`` and ``compare``."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.filters import QuoteFilter
from quotes.model import Account, Comparison, Document, Match, Quote, Stance

runner = CliRunner()
PAIRS = Path(__file__).resolve().parent.parent / "corpus" / "pairs"
# q1 李明 indirect neutral; q2 李明 direct neutral; q3 王强 indirect critical (美国 −, 台湾 −); q4 王强 direct emphatic (美国 −)
ARTICLE = ("（台北1日讯）行政院发言人李明表示，明年将调涨基本工资。\n\n「这是对劳工的承诺。」他说。\n\n"
           "外交部长王强批评说，美国对台湾的施压是错误的。\n\n王强指出：「美国应停止挑衅。」\n")


def _quote(qid: str, speaker: str, mention: str, **fields) -> Quote:
    return Quote(qid, "s1", fields.pop("type", "indirect"), "……", 0, 2, speaker=speaker, speaker_mention=mention, **fields)


# ----------------------------------------------------------------------------- matching

def test_a_speaker_matches_by_name_or_by_the_words_the_text_names_them_by_in_either_script():
    q = _quote("q1", "赖清德", "總統賴清德")
    assert QuoteFilter.of(speaker=["賴清德"]).matches(q)
    assert QuoteFilter.of(speaker=["总统赖清德"]).matches(q)
    assert not QuoteFilter.of(speaker=["赖"]).matches(q)  # names match whole
    assert not QuoteFilter.of(speaker=["蔡英文"]).matches(q)


def test_values_of_one_option_are_alternatives_and_options_must_all_match():
    q = _quote("q1", "王强", "王强", type="direct", cue_class="emphatic", side="中方",
               stance=[Stance("US", "oppose", 0.9)])
    assert QuoteFilter.of(speaker=["李明", "王强"], type=["direct"]).matches(q)
    assert not QuoteFilter.of(speaker=["王强"], type=["indirect"]).matches(q)
    assert QuoteFilter.of(target=["us"], side=["中方"], cue_class=["emphatic", "critical"]).matches(q)
    assert not QuoteFilter.of(target=["美国"]).matches(q)
    assert not QuoteFilter.of() and QuoteFilter.of(side=["中方"])


def test_a_filtered_document_keeps_the_comparison_and_accounts_of_its_quotes_only():
    doc = Document("a.txt", "……", quotes=[_quote("q1", "王强", "王强"), _quote("q2", "李明", "李明")],
                   accounts=[Account("中方", [], ["q1"]), Account("美方", [], ["q2"])],
                   comparison=[Comparison("q1", "王强", "中方", "matched", [], Match("q2", 0.5)),
                               Comparison("q2", "李明", "美方", "matched", [], Match("q1", 0.5))])
    QuoteFilter.of(speaker=["王强"]).apply(doc)
    assert [q.id for q in doc.quotes] == ["q1"]
    assert [c.quote for c in doc.comparison] == ["q1"]
    assert [(a.side, a.quotes) for a in doc.accounts] == [("中方", ["q1"])]


# ----------------------------------------------------------------------------- every output of analyze

@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def _html_quotes(path: Path) -> list[tuple[str, str]]:
    """(document, quote id) of every quote highlighted in an HTML report."""
    html = path.read_text(encoding="utf-8")
    return sorted(set(re.findall(r'<mark class="q[^"]*"[^>]*?data-doc="(\d+)" data-quote-id="(q\d+)"', html)))


@pytest.mark.parametrize("options, expected", [
    (["--speaker", "王强", "--type", "direct"], ["q4"]),
    (["--cue-class", "critical"], ["q3"]),
    (["--target", "美國"], ["q3", "q4"]),  # the target in the other script
    (["--speaker", "他", "--speaker", "外交部长王强"], ["q2", "q3"]),  # the words the text uses
])
def test_a_filter_chooses_the_same_quotes_in_every_output(article, tmp_path, options, expected):
    out = {kind: tmp_path / f"out.{kind}" for kind in ("json", "jsonl", "csv", "html")}
    result = runner.invoke(app, ["analyze", str(article), *options, "-q",
                                 *(arg for kind, path in out.items() for arg in (f"--{kind}", str(path)))])
    assert result.exit_code == 0, result.output
    assert [q["id"] for q in json.loads(out["json"].read_text(encoding="utf-8"))["documents"][0]["quotes"]] == expected
    assert [q["id"] for q in json.loads(out["jsonl"].read_text(encoding="utf-8"))["quotes"]] == expected
    assert [r["id"] for r in csv.DictReader(out["csv"].read_text(encoding="utf-8-sig").splitlines())] == expected
    assert _html_quotes(out["html"]) == [("0", q) for q in expected]

    terminal = runner.invoke(app, ["analyze", str(article), *options])
    assert terminal.exit_code == 0
    shown = re.findall(r"^│ (q\d+) · ", terminal.output, re.M)
    assert shown == expected and f"· {len(expected)} quote{'s' if len(expected) > 1 else ''} in 1 story" in terminal.output


def test_a_filter_that_matches_nothing_says_so_on_one_line_and_succeeds(article, tmp_path):
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "quotes", "analyze", str(article), "--speaker", "王毅", "--json", str(out), "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stderr.splitlines() == ["warning: no quote matches --speaker 王毅 (of 4 quotes in 1 document)"]
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["quotes"] == []
    terminal = runner.invoke(app, ["analyze", str(article), "--speaker", "王毅"])
    assert terminal.exit_code == 0 and "王强" not in terminal.output  # no panel of a document with nothing to show


def test_an_unknown_type_or_cue_class_is_a_usage_error(article):
    for option in ("--type", "--cue-class"):
        result = runner.invoke(app, ["analyze", str(article), option, "quoted"])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "'quoted' is not one of" in result.output


# ----------------------------------------------------------------------------- compare

def test_compare_filters_its_outputs_and_compares_every_quote(tmp_path):
    files = [str(PAIRS / "call_cn_readout.txt"), str(PAIRS / "call_us_readout.txt")]
    whole, only = tmp_path / "whole.json", tmp_path / "only.json"
    csv_out, html_out = tmp_path / "only.csv", tmp_path / "only.html"
    assert runner.invoke(app, ["compare", *files, "--sides", "中方,美方", "--json", str(whole), "-q"]).exit_code == 0
    result = runner.invoke(app, ["compare", *files, "--sides", "中方,美方", "--speaker", "卡尔森", "-q",
                                 "--json", str(only), "--csv", str(csv_out), "--html", str(html_out)])
    assert result.exit_code == 0, result.output
    everything, kept = (json.loads(p.read_text(encoding="utf-8")) for p in (whole, only))
    by_doc = [[q["id"] for q in d["quotes"]] for d in kept["documents"]]
    assert by_doc == [[q["id"] for q in d["quotes"] if q["speaker"] == "卡尔森"] for d in everything["documents"]]
    assert all(by_doc)
    # the comparison of the quotes kept is the one made on every quote
    assert kept["comparison"] == [c for c in everything["comparison"] if c["quote"] in by_doc[c["doc"]]]
    rows = list(csv.DictReader(csv_out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["speaker"] for r in rows} == {"卡尔森"} and len(rows) == sum(map(len, by_doc))
    assert _html_quotes(html_out) == sorted((str(i), q) for i, ids in enumerate(by_doc) for q in ids)
    terminal = runner.invoke(app, ["compare", *files, "--sides", "中方,美方", "--speaker", "卡尔森"])
    assert terminal.exit_code == 0 and "卡尔森" in terminal.output and "梁振国" not in terminal.output
