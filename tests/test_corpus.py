"""The project's own annotated corpus: the engine's figures, and agreement with the reference scorer."""
import json
import subprocess
import sys

import pytest

from conftest import CORPUS
from quotes.evaluate import compare_pairs, gold_texts, score, score_pairs
from quotes.export import to_json, write_json
from quotes.pipeline import analyze_file


@pytest.fixture(scope="module")
def corpus_payload():
    return to_json([analyze_file(p) for p in gold_texts(CORPUS)])


def test_corpus_meets_the_engine_thresholds(corpus_payload):
    figures, _ = score(CORPUS, corpus_payload)
    assert figures["documents"] >= 15 and figures["gold_quotes"] >= 200
    assert figures["quote_f1"] >= 0.90, figures
    assert figures["speaker_acc"] >= 0.93, figures
    assert figures["type_acc"] >= 0.85, figures
    assert figures["negative_hits"] == 0 and figures["offset_errors"] == 0


def test_corpus_sides_and_one_sided_statements(corpus_payload):
    figures, _ = score(CORPUS, corpus_payload)
    assert figures["side_acc"] >= 0.95, figures
    assert figures["one_sided_recall"] >= 0.95, figures
    assert figures["matched_recall"] >= 0.93, figures


def test_quotes_eval_agrees_with_the_reference_scorer(shared, corpus_payload, tmp_path):
    out = tmp_path / "out.json"
    out.write_text(json.dumps(corpus_payload, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(CORPUS), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    ours, _ = score(CORPUS, corpus_payload)
    assert ours == json.loads(proc.stdout)


def test_cross_file_pairs_agree_with_the_reference_scorer(shared, tmp_path):
    pairs_file = CORPUS / "pairs" / "pairs.json"
    pairs = json.loads(pairs_file.read_text(encoding="utf-8"))
    outputs = compare_pairs(CORPUS / "pairs", pairs)
    for (a, b), payload in outputs.items():
        write_json(tmp_path / f"{a.rsplit('.', 1)[0]}__{b.rsplit('.', 1)[0]}.json", payload)
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(CORPUS / "pairs"), str(tmp_path),
                           "--pairs", str(pairs_file), "--json"], capture_output=True, text=True, check=True)
    ours = score_pairs(CORPUS / "pairs", outputs, pairs)
    assert ours == json.loads(proc.stdout)
    assert ours["side_acc"] >= 0.95 and ours["one_sided_recall"] >= 0.9, ours
    assert ours["matched_recall"] >= 0.9 and ours["false_one_sided_rate"] <= 0.05, ours


def test_corpus_stance_toward_annotated_targets(corpus_payload):
    figures, _ = score(CORPUS, corpus_payload)
    assert figures["stance_acc"] >= 0.65, figures  # targets named as the documents write them


def test_the_comparator_s_precision_counts_each_decision_against_the_gold(tmp_path):
    text = "甲说，一。乙说，二。丙说，三。\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    quote = lambda gid, start, side: {"id": gid, "type": "indirect", "start": start, "end": start + 1, "text": text[start],
                                      "speaker": "甲", "side": side}
    gold = {"doc": "d.txt", "quotes": [quote("g1", 3, "中方"), quote("g2", 8, "美方"), quote("g3", 13, "美方")],
            "matched": [{"a": "g1", "b": "g2"}], "one_sided": [{"quote": "g3", "only_in": "美方"}]}
    (tmp_path / "d.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    preds = [{**quote(f"q{k}", s, side), "id": f"q{k}"} for k, (s, side) in enumerate([(3, "中方"), (8, "美方"), (13, "美方")], 1)]
    comparison = [{"quote": "q1", "status": "matched", "best_match": {"quote": "q3"}},   # the wrong counterpart
                  {"quote": "q2", "status": "one_sided"},                                # has one: a false flag
                  {"quote": "q3", "status": "one_sided"}]
    figures, _ = score(tmp_path, {"documents": [{"path": "d.txt", "quotes": preds, "comparison": comparison}]}, decisions=True)
    assert (figures["matched_precision"], figures["one_sided_precision"], figures["false_one_sided_rate"]) == (0.0, 0.5, 0.5)
