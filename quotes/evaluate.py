"""Scoring predictions against gold annotations (``shared/spec/gold-format.md``).

The figures and their definitions are those of the reference scorer, so that
``quotes eval`` and ``score.py`` print the same numbers for the same input.
"""
from __future__ import annotations

from collections.abc import Callable

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _norm(s: str | None) -> str | None:
    if s is None:
        return None
    return unicodedata.normalize("NFKC", s).strip().strip("《》“”\"'「」 ")


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def align(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (pred, gold) pairs overlapping by half of each span, largest overlap first."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            o = _overlap(p, g)
            if o and o >= 0.5 * (g["end"] - g["start"]) and o >= 0.5 * (p["end"] - p["start"]):
                candidates.append((o, i, j))
    candidates.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def speaker_matches(pred: dict, gold: dict) -> bool:
    g, p = _norm(gold.get("speaker")), _norm(pred.get("speaker"))
    if g is None:
        return p is None
    if p is None:
        return False
    accepted = {g} | {_norm(a) for a in gold.get("speaker_alts", [])}
    return p in accepted or (g in p and len(p) <= len(g) + 2)


# Side names that Chinese news uses for the same party (the reference scorer's aliases).
_SIDE_ALIASES = {"欧盟": "欧方", "歐盟": "歐方", "陆方": "中方", "陸方": "中方", "大陆方面": "中方", "大陸方面": "中方"}


def same_side(a: str | None, b: str | None) -> bool:
    a = unicodedata.normalize("NFKC", a) if a else a
    b = unicodedata.normalize("NFKC", b) if b else b
    return _SIDE_ALIASES.get(a, a) == _SIDE_ALIASES.get(b, b)


def stance_hit(pred: dict, target: dict) -> bool:
    """Is the gold ``target`` given its label by the predicted target closest to it: the same
    name first, then the nearest in length among those that contain it or that it contains?"""
    gt = _norm(target["target"])
    near = [ps for ps in pred.get("stance") or [] if (pt := _norm(ps.get("target") or "")) and (gt in pt or pt in gt)]
    if not near:
        return False
    best = min(near, key=lambda ps: (_norm(ps["target"]) != gt, abs(len(_norm(ps["target"])) - len(gt))))
    return best.get("label") == target["label"]


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def ratio(self, num: str, den: str, default: float | None = None) -> float | None:
        return round(self.counts[num] / self.counts[den], 3) if self.counts[den] else default


def score_document(gold: dict, pred: dict, text: str, t: Tally) -> None:
    c = t.counts
    golds, preds = gold["quotes"], pred.get("quotes", [])
    c["offset_errors"] += sum(1 for q in preds if text[q["start"] : q["end"]] != q["text"])
    pairs = align(preds, golds)
    p2g = dict(pairs)
    g2p = {j: i for i, j in pairs}
    c["gold"] += sum(1 for g in golds if not g.get("optional"))
    for i, p in enumerate(preds):
        j = p2g.get(i)
        if j is None:
            c["fp"] += 1
            if any(_overlap(p, n) >= 0.5 * (n["end"] - n["start"]) for n in gold.get("negatives", [])):
                c["negative_hits"] += 1
            t.errors.append(f"fp: {gold['doc']}: {p['text'][:40]}")
            continue
        g = golds[j]
        if g.get("optional"):
            continue
        c["tp"] += 1
        ok = speaker_matches(p, g)
        c["speaker_ok"] += ok
        if not ok:
            t.errors.append(f"speaker: {gold['doc']}:{g['id']} gold={g.get('speaker')} pred={p.get('speaker')}")
        c["type_ok"] += p.get("type") == g.get("type")
        if g.get("side"):
            c["side_n"] += 1
            c["side_ok"] += same_side(p.get("side"), g["side"])
            if not same_side(p.get("side"), g["side"]):
                t.errors.append(f"side: {gold['doc']}:{g['id']} gold={g['side']} pred={p.get('side')} source={p.get('source')}")
        for st in g.get("stance", []):
            c["stance_n"] += 1
            c["stance_ok"] += stance_hit(p, st)
    c["npred"] += len(preds) - sum(1 for i in p2g if golds[p2g[i]].get("optional"))
    for j, g in enumerate(golds):
        if not g.get("optional") and j not in g2p:
            t.errors.append(f"fn: {gold['doc']}:{g['id']} {text[g['start']:g['end']][:30]}")
    entries = {e["quote"]: e for e in pred.get("comparison", []) if "doc" not in e}
    index = {g["id"]: k for k, g in enumerate(golds)}
    for one in gold.get("one_sided", []):
        c["one_sided_n"] += 1
        i = g2p.get(index[one["quote"]])
        e = entries.get(preds[i]["id"]) if i is not None else None
        c["one_sided_ok"] += bool(e and e.get("status") == "one_sided" and same_side(e.get("side"), one["only_in"]))
    for m in gold.get("matched", []):
        c["matched_n"] += 1
        ia, ib = g2p.get(index[m["a"]]), g2p.get(index[m["b"]])
        if ia is None or ib is None:
            continue
        e = entries.get(preds[ia]["id"])
        c["matched_ok"] += bool(e and e.get("status") == "matched" and (e.get("best_match") or {}).get("quote") == preds[ib]["id"])
    partners: dict[str, set[str]] = {}
    for m in gold.get("matched", []):
        for x, y in ((m["a"], m["b"]), (m["b"], m["a"])):
            if index[y] in g2p:
                partners.setdefault(x, set()).add(preds[g2p[index[y]]]["id"])
    _count_decisions(c, [(golds[j]["id"], entries.get(preds[i]["id"])) for i, j in pairs if golds[j].get("side") and not golds[j].get("optional")],
                     {o["quote"] for o in gold.get("one_sided", [])}, {k: {(None, q) for q in v} for k, v in partners.items()},
                     lambda e: (None, (e.get("best_match") or {}).get("quote")))


def _count_decisions(c: Counter, decided: list[tuple[str, dict | None]], one_sided: set[str],
                     partners: dict[str, set], best: Callable[[dict], tuple]) -> None:
    """Counts for the precision of the comparator's two decisions, beyond the reference scorer:
    of the statements it calls one-sided, how many the gold calls so; of those it calls matched,
    how many have that counterpart in the gold; and the gold-matched statements it calls one-sided."""
    for gid, e in decided:
        if e is None:
            continue
        if e.get("status") == "one_sided":
            c["one_sided_called"] += 1
            c["one_sided_called_ok"] += gid in one_sided
            c["false_one_sided"] += gid in partners
        elif e.get("status") == "matched":
            c["matched_called"] += 1
            c["matched_called_ok"] += best(e) in partners.get(gid, set())
        c["with_counterpart"] += gid in partners


def decision_figures(c: Counter) -> dict[str, float | None]:
    """The comparator's precision figures from ``_count_decisions``' counts."""
    r = lambda a, b: round(c[a] / c[b], 3) if c[b] else None
    return {"matched_precision": r("matched_called_ok", "matched_called"), "one_sided_precision": r("one_sided_called_ok", "one_sided_called"),
            "false_one_sided_rate": r("false_one_sided", "with_counterpart")}


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_dir: str | Path, output: dict[str, Any], texts: dict[str, str] | None = None,
          decisions: bool = False) -> tuple[dict[str, Any], list[str]]:
    """The reference figures for ``output`` (a ``quotes.v1`` payload) against ``gold_dir``.

    ``texts``: document texts by record id, for gold files that name a record of a JSON Lines
    archive (``source_id``) instead of a text file beside them. ``decisions``: add the
    comparator's precision figures (``decision_figures``), which the reference scorer lacks."""
    gold_dir = Path(gold_dir)
    docs = {Path(d["path"]).name: d for d in output.get("documents", [])}
    by_id = {d["id"]: d for d in output.get("documents", []) if d.get("id")}
    texts = texts or {}
    t = Tally()
    ndocs = 0
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("source_id") in texts:
            text, pred = texts[gold["source_id"]], by_id.get(gold["source_id"])
        elif gold.get("source_id"):
            t.counts["missing_docs"] += 1  # its record was not analysed: nothing to score it on
            continue
        else:
            text, pred = (gold_dir / gold["doc"]).read_text(encoding="utf-8"), docs.get(gold["doc"])
        if pred is None:
            t.counts["missing_docs"] += 1
            pred = {"quotes": []}
        ndocs += 1
        score_document(gold, pred, text, t)
    c = t.counts
    qp, qr, qf = _prf(c["tp"], c["npred"], c["gold"])
    _, _, ef = _prf(c["speaker_ok"], c["npred"], c["gold"])
    figures = {
        "documents": ndocs, "gold_quotes": c["gold"], "predicted": c["npred"],
        "quote_p": round(qp, 3), "quote_r": round(qr, 3), "quote_f1": round(qf, 3),
        "speaker_acc": t.ratio("speaker_ok", "tp", 0.0), "e2e_f1": round(ef, 3),
        "type_acc": t.ratio("type_ok", "tp", 0.0), "side_acc": t.ratio("side_ok", "side_n"),
        "one_sided_recall": t.ratio("one_sided_ok", "one_sided_n"),
        "matched_recall": t.ratio("matched_ok", "matched_n"),
        "stance_acc": t.ratio("stance_ok", "stance_n"),
        "negative_hits": c["negative_hits"], "offset_errors": c["offset_errors"], "missing_docs": c["missing_docs"],
    }
    if decisions:
        figures.update(decision_figures(c))
    return figures, t.errors


def archive_sources(gold_dir: str | Path, archives: list[Path]) -> list:
    """The records of ``archives`` that gold files in ``gold_dir`` name, as batch sources."""
    from .batch import Source

    wanted = {json.loads(p.read_text(encoding="utf-8")).get("source_id") for p in Path(gold_dir).glob("*.gold.json")}
    sources = []
    for archive in archives:
        with archive.open("rb") as lines:
            for n, line in enumerate(lines, start=1):
                if line.strip() and json.loads(line).get("id") in wanted:
                    sources.append(Source(f"{archive}:{n}", data=line, record=True, size=len(line)))
    return sources


def gold_texts(gold_dir: str | Path) -> list[Path]:
    """The text files that have a gold annotation in ``gold_dir``."""
    gold_dir = Path(gold_dir)
    out = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append(gold_dir / gold["doc"])
    return out


def score_pairs(gold_dir: str | Path, outputs: dict[tuple[str, str], dict[str, Any]], pairs: list[dict],
                decisions: bool = False) -> dict[str, Any]:
    """Cross-file figures (the reference scorer's ``--pairs`` mode): ``outputs`` maps each
    pair's (a, b) file names to the ``quotes compare`` payload for it; ``decisions`` as in ``score``."""
    gold_dir = Path(gold_dir)
    c: Counter = Counter()
    extra: Counter = Counter()  # the decision counts, apart: the reference figures stay as they are
    for pair in pairs:
        out = outputs.get((pair["a"], pair["b"]))
        if out is None:
            c["missing_pairs"] += 1
            out = {"documents": [], "comparison": []}
        index = {Path(d["path"]).name: i for i, d in enumerate(out.get("documents", []))}
        maps = {}
        for key in ("a", "b"):
            gold = json.loads((gold_dir / (Path(pair[key]).stem + ".gold.json")).read_text(encoding="utf-8"))
            i = index.get(pair[key])
            preds = out["documents"][i]["quotes"] if i is not None else []
            m = {gold["quotes"][j]["id"]: preds[k]["id"] for k, j in align(preds, gold["quotes"])}
            maps[key] = (i, m)
            for g in gold["quotes"]:
                if g["id"] in m and not g.get("optional"):
                    c["side_n"] += 1
                    p = next(q for q in preds if q["id"] == m[g["id"]])
                    c["side_ok"] += same_side(p.get("side"), pair["side_" + key])
        entries = {(e.get("doc"), e.get("quote")): e for e in out.get("comparison", [])}

        def entry(key: str, gid: str):
            i, m = maps[key]
            return (i, m.get(gid)), entries.get((i, m.get(gid)))

        def best(e):
            bm = (e or {}).get("best_match") or {}
            return bm.get("doc"), bm.get("quote")

        for mt in pair.get("matched", []):
            c["matched_n"] += 1
            ra, ea = entry("a", mt["a"])
            rb, eb = entry("b", mt["b"])
            if None in ra or None in rb:
                continue
            ok_a = ea and ea.get("status") == "matched" and best(ea) == rb
            ok_b = eb and eb.get("status") == "matched" and best(eb) == ra
            c["matched_ok"] += bool(ok_a or ok_b)
        for mt in pair.get("matched", []):  # statements with a counterpart, wrongly flagged
            for key in ("a", "b"):
                _, e = entry(key, mt[key])
                c["matched_quotes"] += 1
                c["false_one_sided"] += bool(e and e.get("status") == "one_sided")
        for key in ("a", "b"):
            for gid in pair.get("only_" + key, []):
                c["one_sided_n"] += 1
                _, e = entry(key, gid)
                c["one_sided_ok"] += bool(e and e.get("status") == "one_sided")
        for key, other in (("a", "b"), ("b", "a")):
            partners = {mt[key]: {entry(other, mt[other])[0]} for mt in pair.get("matched", [])}
            decided = [(gid, entry(key, gid)[1]) for gid in maps[key][1]]
            decided = [(gid, e) for gid, e in decided if gid in partners or gid in pair.get("only_" + key, [])]
            _count_decisions(extra, decided, set(pair.get("only_" + key, [])), partners, best)

    def r(a: str, b: str) -> float | None:
        return round(c[a] / c[b], 3) if c[b] else None

    return {"pairs": len(pairs), "missing_pairs": c["missing_pairs"], "side_acc": r("side_ok", "side_n"),
            "matched_recall": r("matched_ok", "matched_n"), "one_sided_recall": r("one_sided_ok", "one_sided_n"),
            "false_one_sided_rate": r("false_one_sided", "matched_quotes"),
            **({k: v for k, v in decision_figures(extra).items() if k.endswith("precision")} if decisions else {})}


def compare_pairs(gold_dir: str | Path, pairs: list[dict]) -> dict[tuple[str, str], dict[str, Any]]:
    """Run the cross-file comparator on every pair as ``quotes compare`` does without
    ``--sides``: each file's side is inferred; a pair whose sides cannot be told is compared
    not at all (its quotes get no side)."""
    from .accounts import pair_accounts
    from .comparing import compare_documents
    from .export import to_json
    from .pipeline import analyze_file

    gold_dir = Path(gold_dir)
    outputs = {}
    for pair in pairs:
        docs = [analyze_file(gold_dir / pair["a"]), analyze_file(gold_dir / pair["b"])]
        accounts = pair_accounts(docs)
        sides = [a.side for a in accounts]
        comparison = compare_documents(docs, sides, [a.reason for a in accounts]) if all(sides) and sides[0] != sides[1] else []
        outputs[(pair["a"], pair["b"])] = to_json(docs, comparison)
    return outputs
