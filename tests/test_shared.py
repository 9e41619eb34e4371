"""End to end on ../shared: the seed page against its gold with the reference scorer,
``quotes eval`` agreeing with it, and the Taiwan releases going through cleanly."""
import json
import subprocess
import sys


from quotes.evaluate import gold_texts, score
from quotes.export import to_json
from quotes.pipeline import analyze, analyze_file

THRESHOLDS = {"quote_f1": 1.0, "speaker_acc": 1.0, "type_acc": 0.85}  # the seed stays whole (the speaker issues)


def reference_figures(shared, gold_dir, tmp_path):
    out = tmp_path / "out.json"
    docs = [analyze_file(p) for p in gold_texts(gold_dir)]
    out.write_text(json.dumps(to_json(docs), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(gold_dir), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(proc.stdout), to_json(docs)


def test_seed_meets_the_engine_thresholds(shared, tmp_path):
    figures, _ = reference_figures(shared, shared / "gold", tmp_path)
    for key, floor in THRESHOLDS.items():
        assert figures[key] >= floor, (key, figures)
    assert figures["negative_hits"] == 0 and figures["offset_errors"] == 0
    assert figures["side_acc"] >= 0.95 and figures["one_sided_recall"] == 1.0


def test_quotes_eval_agrees_with_the_reference_scorer(shared, tmp_path):
    reference, payload = reference_figures(shared, shared / "gold", tmp_path)
    ours, _ = score(shared / "gold", payload)
    assert ours == reference


def test_taiwan_releases_go_through_with_no_error(shared):
    path = shared / "data" / "news" / "tw-president" / "tw_president_news.jsonl"
    articles = quotes = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record["title"] + "\n\n" + record["text"]
            doc = analyze(text, record["id"])
            bad = [q.id for q in doc.quotes if text[q.start : q.end] != q.text]
            assert not bad, (record["id"], bad)
            articles += 1
            quotes += len(doc.quotes)
    assert articles == 2000 and quotes > 10000
