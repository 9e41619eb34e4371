"""The command line: outputs, several files, and bad input reported on one line."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
ARTICLE = "（台北1日讯）行政院发言人李明表示，明年将调涨基本工资。\n\n「这是对劳工的承诺。」他说。\n"


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_output_follows_the_contract(article, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["analyze", str(article), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["schema"] == "quotes.v1"
    doc = payload["documents"][0]
    assert {"path", "encoding", "script", "stories", "quotes", "accounts", "comparison"} <= set(doc)
    texts = [q["text"] for q in doc["quotes"]]
    assert texts == ["明年将调涨基本工资", "这是对劳工的承诺。"]
    q = doc["quotes"][0]
    for key in ("id", "story", "type", "start", "end", "cue", "cue_class", "speaker", "speaker_kind",
                "role", "source", "side", "truncated", "stance", "confidence"):
        assert key in q
    assert [q["speaker"] for q in doc["quotes"]] == ["李明", "李明"]


def test_csv_output_opens_in_excel(article, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["analyze", str(article), "--csv", str(out), "-q"])
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["speaker"] == "李明" and rows[0]["cue_class"] == "neutral"


def test_csv_cells_cannot_run_as_formulas(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("分析师王强说：“=HYPERLINK(\"http://x\")是一个公式。”\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    runner.invoke(app, ["analyze", str(p), "--csv", str(out), "-q"])
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["text"].startswith("'=")


def test_terminal_report_lists_quotes_and_speakers(article):
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0
    assert "李明" in result.output and "Speakers" in result.output


def test_bad_file_in_a_batch_is_reported_and_the_rest_come_out(article, tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "quotes", "analyze", str(binary), str(article), str(tmp_path / "missing.txt"), "--json", str(out), "-q"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and "binary" in lines[0] and "no such file" in lines[1]
    assert "Traceback" not in proc.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 1


def test_folder_input(article, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["analyze", str(tmp_path), "--json", str(out), "-q"])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 1


def test_unwritable_output_is_a_clear_error(article, tmp_path):
    result = runner.invoke(app, ["analyze", str(article), "--json", str(tmp_path / "no" / "such" / "dir.json"), "-q"])
    assert result.exit_code == 3


def test_documents_carry_the_date_their_record_gives(tmp_path):
    archive = tmp_path / "a.jsonl"
    records = [{"id": "a", "date": "2024-05-01", "text": ARTICLE}, {"id": "b", "text": ARTICLE}]
    archive.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(archive), "--jsonl", str(out), "-q"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["date"] for d in docs] == ["2024-05-01", None]


def _compare(tmp_path: Path, a: str, b: str, *extra: str):
    paths = []
    for name, text in (("a.txt", a), ("b.txt", b)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["compare", *paths, "--json", str(out), "-q", *extra])
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"] if result.exit_code == 0 else []
    return result, [(d["quotes"][0]["side"], d["quotes"][0]["side_reason"]) for d in docs]


FRAMED_READOUT = "据中国外交部网站消息，外交部长王林与韩国外长朴明通电话。王林表示，中方愿同韩方加强合作。\n"


@pytest.mark.parametrize("other, expected", [
    ("（韩联社首尔6月4日电）外长朴明表示，希望扩大两国高层交流。\n", ("韩方", "outlet")),
    ("外长会谈后，一位分析人士说，会谈气氛良好，韩国希望加强合作。\n", ("韩方", "mentions")),
])
def test_compare_tells_each_file_s_account_without_sides(tmp_path, other, expected):
    result, sides = _compare(tmp_path, FRAMED_READOUT, other)
    assert result.exit_code == 0, result.output
    assert sides == [("中方", "frame"), expected]
    result, sides = _compare(tmp_path, FRAMED_READOUT, other, "--sides", "中方,韩方")
    assert sides == [("中方", "given"), ("韩方", "given")]


def test_compare_says_which_file_it_cannot_read(tmp_path):
    bare = "有分析说，会谈气氛良好。\n"
    result, _ = _compare(tmp_path, bare, bare)
    assert result.exit_code == 2
    assert "cannot tell whose account" in result.output and "a.txt" in result.output and "--sides" in result.output
    assert "Traceback" not in result.output
