"""Word segmentation: the project's own pkuseg model, trained on UD Chinese GSD(Simp).

The engine finds speakers and cues on character spans; the segmenter only answers
"is norm[a:b] made of whole words?" (see ``pipeline.word_check``).  So ``Segmenter.cut``
never changes the text: it normalises a copy one character for one character, segments
the copy and maps the token lengths back onto the input.

pkuseg's bundled dictionary (``user_dict="default"``) is never switched on: it costs about
10 points of word F1 on GSD (see models/segmenter/MODEL_CARD.md).
"""
from __future__ import annotations

import os
import random
import re
import sys
import tempfile
import time
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import spacy_pkuseg

if TYPE_CHECKING:
    from spacy.language import Language

_REPO = Path(__file__).resolve().parent.parent
_UD = _REPO.parent / "shared" / "data" / "ud_chinese_gsdsimp"
DEFAULT_TRAIN = _UD / "substitute_train_gsd_v1.4_traditional" / "zh-ud-train.simplified.pkuseg.txt"
DEFAULT_TEST = _UD / "zh_gsdsimp-ud-test.conllu"
DEFAULT_DEV = _UD / "zh_gsdsimp-ud-dev.conllu"
DEFAULT_ITERATIONS = 20
DEFAULT_SEED = 20240601
MODEL_FILES = ("features.msgpack", "weights.npz")  # all pkuseg needs to load a model


def models_dir() -> Path:
    """Where models live: $QUOTES_MODELS, else the repo's ``models/``, else the installed data files."""
    env = os.environ.get("QUOTES_MODELS")
    if env:
        return Path(env)
    repo_models = _REPO / "models"
    if repo_models.is_dir():
        return repo_models
    return Path(sys.prefix) / "share" / "quotes" / "models"


# ------------------------------------------------------------------ normalisation

# The training data writes letters and digits in ASCII and clause punctuation in full
# width (with ASCII "," "." ":" inside numbers: 1,000  3.5  10:30).  Punctuation the model
# saw rarely or never sticks to its neighbours (拜登( , ]说 , 让步!), so the copy that is
# segmented is mapped to the training forms, always one character to one character.
# ！ ？ ： ； are rare in the (Wikipedia) training text and get glued on (让步！ 说：好), so
# they are segmented as 。 or ， which always stand alone (no change in dev F1).
_PUNCT = {
    ",": "，", ";": "，", ":": "，", "；": "，", "：": "，", "!": "。", "?": "。", "！": "。", "？": "。",
    "(": "（", ")": "）",
    "[": "（", "]": "）", "<": "《", ">": "》", "～": "~", "・": "·", "•": "·",
    "｡": "。", "､": "、", "｢": "“", "｣": "”", "「": "“", "」": "”", "『": "“", "』": "”",
    "﹁": "“", "﹂": "”", "﹃": "“", "﹄": "”",
}
# Brackets and quotes the model has no feature for are segmented as ones it knows
# (【环球时报】 would give 报】), by Unicode category: open, close, initial/final quote.
_BY_CATEGORY = {"Ps": "（", "Pe": "）", "Pi": "“", "Pf": "”"}
_NUMERIC_INNER = ",.:"  # kept ASCII between digits, as in the treebank


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def normalise(text: str) -> str:
    """A same-length copy of ``text`` in the character forms the model was trained on."""
    out = []
    n = len(text)
    quote_open = False
    for i, ch in enumerate(text):
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            ch = chr(o - 0xFEE0)  # full-width letters and digits to ASCII
        elif ch in _NUMERIC_INNER and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            pass
        elif ch == '"':
            quote_open = not quote_open  # straight quotes alternate open, close
            ch = "“" if quote_open else "”"
        elif ch == "." and i > 0 and _is_han(text[i - 1]):
            ch = "。"
        else:
            ch = _PUNCT.get(ch, ch)
        out.append(ch)
    return "".join(out)


# ------------------------------------------------------------------ segmentation

_SPACE_OR_NOT = re.compile(r"\s+|\S+")


class Segmenter(spacy_pkuseg.pkuseg):
    """A pkuseg segmenter with no dictionary that keeps the input text exactly.

    It is a ``spacy_pkuseg.pkuseg`` so that spaCy's Chinese tokenizer can use (and
    serialise) it; only ``cut`` is changed.
    """

    def __init__(self, model_dir: str | Path) -> None:
        path = Path(model_dir)
        missing = [f for f in MODEL_FILES if not (path / f).is_file()]
        if missing:
            raise FileNotFoundError(f"{path}: no pkuseg model (missing {', '.join(missing)})")
        # user_dict=None is the only value that leaves both dictionaries off: a file or a
        # word list also switches on pkuseg's default dictionary (its "postprocesser").
        super().__init__(str(path), user_dict=None)
        # An "off" postprocesser has no word sets, which spaCy's tokenizer.to_disk reads.
        self.postprocesser.common_words, self.postprocesser.other_words = set(), set()
        known = self.feature_extractor.feature_to_idx
        self._unseen = {
            o: _BY_CATEGORY[unicodedata.category(chr(o))]
            for o in range(0xA0, 0x10000)
            if unicodedata.category(chr(o)) in _BY_CATEGORY and "c." + chr(o) not in known
        }

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Segmenter":
        return cls(path if path is not None else models_dir() / "segmenter")

    def set_user_dict(self, words: Iterable[str]) -> None:
        """Force these words to be single tokens wherever they occur (greedy longest match)."""
        self.preprocesser = spacy_pkuseg.Preprocesser([w for w in words if w.strip()])

    def cut(self, text: str) -> list[str]:  # type: ignore[override]
        """Tokens of ``text``; their concatenation is ``text``.  Runs of whitespace are tokens."""
        tokens: list[str] = []
        norm = normalise(text).translate(self._unseen)
        for m in _SPACE_OR_NOT.finditer(norm):
            a, b = m.span()
            if norm[a].isspace():
                tokens.append(text[a:b])
                continue
            words = spacy_pkuseg.pkuseg.cut(self, norm[a:b])
            if sum(map(len, words)) != b - a:  # pkuseg lost characters: keep the run whole
                words = [norm[a:b]]
            for w in words:
                tokens.append(text[a : a + len(w)])
                a += len(w)
        return tokens

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans ``(start, end)`` of the tokens of ``text``, contiguous from 0 to len(text)."""
        out = []
        start = 0
        for tok in self.cut(text):
            out.append((start, start + len(tok)))
            start += len(tok)
        return out


def load_nlp(path: str | Path | None = None) -> Language:
    """A blank spaCy Chinese pipeline whose tokenizer is our pkuseg model, no dictionary.

    ``tokenizer.initialize(pkuseg_model=...)`` cannot do this: ``pkuseg_user_dict=None``
    makes spaCy pass the model folder as the dictionary (IsADirectoryError) and "default"
    turns on pkuseg's default dictionary, which ``pkuseg_update_user_dict([], reset=True)``
    does not turn off (it only resets the user words).  So the tokenizer is given a
    ``Segmenter`` directly (no ``initialize``), which also normalises punctuation.  After
    ``nlp.to_disk``/``from_disk`` the dictionary stays off but the tokenizer is a plain
    pkuseg again (no punctuation normalisation).
    """
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.pkuseg_seg = Segmenter.load(path)
    return nlp


# ------------------------------------------------------------------ data and scoring


def read_conllu(path: str | Path, column: int = 1) -> list[list[str]]:
    """One column of each sentence's words (FORM by default; 3 is UPOS), multiword-token ranges
    and empty nodes skipped."""
    sents: list[list[str]] = []
    words: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append(words)
                words = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[column])
    if words:
        sents.append(words)
    return sents


def read_pkuseg(path: str | Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.split() for line in f if line.strip()]


def _normalised_words(words: list[str]) -> list[str]:
    """Normalise a sentence as a whole (context rules see neighbouring words), then split it back."""
    norm = normalise("".join(words))
    out, a = [], 0
    for w in words:
        out.append(norm[a : a + len(w)])
        a += len(w)
    return out


def _write_pkuseg(sents: Iterable[list[str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for words in sents:
            f.write(" ".join(_normalised_words(words)) + "\n")


def _word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    spans, a = set(), 0
    for w in words:
        spans.add((a, a + len(w)))
        a += len(w)
    return spans


def evaluate(seg: Segmenter, sents: list[list[str]]) -> dict[str, float]:
    """Word precision, recall and F1 (in %) of ``seg`` against gold sentences, by character spans."""
    gold_n = pred_n = correct = 0
    for words in sents:
        gold = _word_spans(words)
        pred = _word_spans(t for t in seg.cut("".join(words)) if not t.isspace())
        gold_n += len(gold)
        pred_n += len(pred)
        correct += len(gold & pred)
    p = 100 * correct / pred_n if pred_n else 0.0
    r = 100 * correct / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2)}


def speed(seg: Segmenter, sents: list[list[str]], repeats: int = 3) -> int:
    """Characters segmented per second, sentence by sentence (best of ``repeats`` passes)."""
    texts = ["".join(w) for w in sents]
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            seg.cut(t)
        best = min(best, time.perf_counter() - t0)
    return int(chars / best)


def lexicon_words() -> dict[str, list[str]]:
    """The project's lexicon words by file: first column of lexicons/*.tsv, and titles.txt."""
    lex = Path(__file__).resolve().parent / "lexicons"
    out: dict[str, list[str]] = {}
    for p in sorted(lex.glob("*.tsv")) + [lex / "titles.txt"]:
        if p.is_file():
            lines = p.read_text(encoding="utf-8").splitlines()
            words = [ln.split("\t")[0].strip() for ln in lines if ln.strip() and not ln.startswith("#")]
            out[p.name] = sorted(set(words))
    return out


# ------------------------------------------------------------------ training


def _pkuseg_log(log: Path) -> list[float]:
    """Per-iteration F1 on the monitoring set, from pkuseg's training log."""
    if not log.is_file():
        return []
    return [float(x) for x in re.findall(r"f-score=([\d.]+)%", log.read_text(encoding="utf-8"))]


def compact(src: Path, dst: Path, min_weight: float = 0.05, decimals: int = 3) -> None:
    """Write a smaller copy of a pkuseg model: features whose weights are all below
    ``min_weight`` are dropped (absent features score 0 anyway) and weights are rounded,
    so the compressed file is small.  16.5 MB -> about 3.5 MB for the GSD model, costing
    under 0.1 word F1 (threshold chosen on dev; see the model card).
    """
    import numpy as np
    import srsly

    feats = srsly.read_msgpack(src / "features.msgpack")
    npz = np.load(src / "weights.npz")
    n_tag, n_feat = (int(x) for x in npz["sizes"])
    node = npz["w"][: n_tag * n_feat].reshape(n_feat, n_tag)
    edge = npz["w"][n_tag * n_feat :]  # tag-to-tag transitions, after the node weights
    keep = np.abs(node).max(axis=1) >= min_weight
    keep[0] = True  # the "$$" feature every character has
    new_idx = np.cumsum(keep) - 1
    feats["feature_to_idx"] = {f: int(new_idx[i]) for f, i in feats["feature_to_idx"].items() if keep[i]}
    dst.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(dst / "features.msgpack", feats)
    w = np.concatenate([node[keep].ravel(), edge]).round(decimals)  # pkuseg needs float64
    np.savez_compressed(dst / "weights.npz", sizes=np.array([n_tag, int(keep.sum())]), w=w)


def train_segmenter(
    train_file: str | Path = DEFAULT_TRAIN,
    test_conllu: str | Path = DEFAULT_TEST,
    out_dir: str | Path | None = None,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int = DEFAULT_SEED,
    dev_conllu: str | Path | None = DEFAULT_DEV,
    min_weight: float = 0.05,
) -> dict:
    """Train pkuseg on ``train_file`` (pkuseg format), save it compacted to ``out_dir``, score it.

    pkuseg monitors the dev set each iteration (the test set is only scored at the end);
    the last iteration is kept either way.  Scores are word precision/recall/F1 (%) with no
    dictionary.  Writes ``MODEL_CARD.md`` next to the model and returns the scores.
    """
    import numpy as np

    out = Path(out_dir) if out_dir is not None else _REPO / "models" / "segmenter"
    train_sents = read_pkuseg(train_file)
    test_sents = read_conllu(test_conllu)
    dev_sents = read_conllu(dev_conllu) if dev_conllu else []

    def score(seg: Segmenter) -> dict:
        return {"dev": evaluate(seg, dev_sents) if dev_sents else None, "test": evaluate(seg, test_sents)}

    with tempfile.TemporaryDirectory(prefix="quotes-seg-") as tmp:
        t = Path(tmp)
        _write_pkuseg(train_sents, t / "train.txt")
        _write_pkuseg(dev_sents or test_sents, t / "monitor.txt")
        # pkuseg shuffles with Python's random and may initialise weights with numpy's.
        random.seed(seed)
        np.random.seed(seed)
        t0 = time.perf_counter()
        spacy_pkuseg.train(str(t / "train.txt"), str(t / "monitor.txt"), str(t / "model"), train_iter=iterations)
        seconds = time.perf_counter() - t0
        curve = _pkuseg_log(Path(spacy_pkuseg.config.outDir) / spacy_pkuseg.config.fLog)
        full = {**score(Segmenter(t / "model")),
                "model_bytes": sum((t / "model" / f).stat().st_size for f in MODEL_FILES)}
        compact(t / "model", out, min_weight)

    seg = Segmenter(out)
    scores: dict = {
        **score(seg),
        "training_seconds": round(seconds, 1),
        "chars_per_second": speed(seg, test_sents),
        "model_bytes": sum((out / f).stat().st_size for f in MODEL_FILES),
        "min_weight": min_weight,
        "uncompacted": full,
        "monitor_f1_by_iteration": curve,
    }
    # Does a user dictionary of the project's lexicon words help?  Measured, not assumed.
    user: dict[str, dict] = {}
    lex = lexicon_words()
    for name, words in [*lex.items(), ("all lexicons", sorted({w for ws in lex.values() for w in ws}))]:
        seg.set_user_dict(words)
        user[name] = {"words": len(words), **score(seg)}
    seg.set_user_dict([])
    # pkuseg's bundled dictionary: what user_dict="default" (and spaCy's default) switches on.
    seg.postprocesser = spacy_pkuseg.pkuseg(str(out), user_dict="default").postprocesser
    user["pkuseg default"] = {"words": len(seg.postprocesser.other_words), **score(seg)}
    scores["user_dict"] = user
    scores["data"] = {"train": str(train_file), "train_sentences": len(train_sents),
                      "train_words": sum(map(len, train_sents)),
                      "dev": str(dev_conllu) if dev_conllu else None, "dev_sentences": len(dev_sents),
                      "dev_words": sum(map(len, dev_sents)),
                      "test": str(test_conllu), "test_sentences": len(test_sents),
                      "test_words": sum(map(len, test_sents))}
    scores["iterations"] = iterations
    scores["seed"] = seed
    (out / "MODEL_CARD.md").write_text(_model_card(scores), encoding="utf-8")
    return scores


def _rel(p: str | None) -> str:
    """A path as seen from the repository root (../shared/...)."""
    return os.path.relpath(Path(p).resolve(), _REPO) if p else "-"


def _f1(r: dict | None) -> str:
    return f"{r['f1']:.2f}" if r else "-"


def _model_card(s: dict) -> str:
    d, full = s["data"], s["uncompacted"]

    def row(name: str, r: dict | None) -> str:
        cells = " | ".join(f"{r[k]:.2f}" for k in ("precision", "recall", "f1")) if r else "- | - | -"
        return f"| {name} | {cells} |"

    user = s["user_dict"]
    user_rows = "\n".join(f"| {n} | {u['words']:,} | {_f1(u['dev'])} | {_f1(u['test'])} |" for n, u in user.items())
    best = max(user, key=lambda n: user[n]["test"]["f1"])
    gain = user[best]["test"]["f1"] - s["test"]["f1"]
    if gain > 0.2:
        advice = f"`{best}` gains {gain:.2f} test F1 over no dictionary; consider using it."
    else:
        advice = ("segment with no dictionary: none of these dictionaries helps"
                  f" (best: {best}, {gain:+.2f} test F1).")
    curve = ", ".join(f"{x:.2f}" for x in s["monitor_f1_by_iteration"])
    dev_name = "dev (monitored each iteration)" if d["dev"] else "dev"
    return f"""# Word segmenter (pkuseg CRF) for `quotes`

A [spacy-pkuseg](https://github.com/explosion/spacy-pkuseg) model trained from scratch on the
UD Chinese GSD treebank, simplified script, for `quotes.segment.Segmenter`.  Files:
`features.msgpack` and `weights.npz` ({s['model_bytes'] / 1e6:.1f} MB together), all pkuseg needs
to load it.  Load it with `quotes.segment.Segmenter.load()` (which also normalises
punctuation, see below), or `spacy_pkuseg.pkuseg("models/segmenter", user_dict=None)`:
`user_dict=None` keeps pkuseg's default dictionary off; any other value turns it on.

## Data

| split | file | sentences | words |
|---|---|---|---|
| train | `{_rel(d['train'])}` | {d['train_sentences']:,} | {d['train_words']:,} |
| {dev_name} | `{_rel(d['dev'])}` | {d['dev_sentences']:,} | {d['dev_words']:,} |
| test (scored once, at the end) | `{_rel(d['test'])}` | {d['test_sentences']:,} | {d['test_words']:,} |

The GSDSimp train file could not be fetched, so the train file is the traditional-script
UD_Chinese (GSD) v1.4 train split (commit fee5da70, the same 3,997 sentences) converted to
simplified characters with OpenCC `t2s` and GSDSimp's punctuation patterns (see `PROVENANCE.txt`
next to the data).  Dev and test are UD_Chinese-GSDSimp (commit eb3aed31).  Genre: Wikipedia,
not news.  Dev and test are read from the CoNLL-U FORM column (multiword-token ranges and
empty nodes skipped).  Every sentence goes through `quotes.segment.normalise` before training
and scoring, the mapping `Segmenter.cut` applies to its input: one character for one
character (word boundaries do not change); letters and digits in ASCII and ASCII `,` `.` `:`
kept between digits, as the treebank writes them; other clause punctuation in full width, with
`：` `；` as `，` and `！` `？` as `。` (rare in the Wikipedia text, the model glued them onto words).

## Licence

The model is derived from the UD annotations and is distributed under **CC BY-SA 4.0**.

The v1.4 train files still carry the CC BY-NC-SA 4.0 (NonCommercial) licence text.  The
UD_Chinese-GSDSimp README (changelog, v2.5) records that Google gave permission to drop the
"NC" restriction from the licence; this applies to the UD annotations (not the underlying
text, of which Google claims no ownership or copyright).  GSDSimp itself is CC BY-SA 4.0.

## Reproduce

```
quotes train segmenter --iterations {s['iterations']} --seed {s['seed']}
```

which calls, with the default paths (the train, dev and test files above, resolved from the
repository root, and output `models/segmenter/`):

```
python -c "from quotes.segment import train_segmenter; print(train_segmenter(iterations={s['iterations']}, seed={s['seed']}))"
```

Iterations: {s['iterations']}.  Seed: {s['seed']} (Python's `random`, which pkuseg shuffles with, and
numpy are seeded, so the result is the same run to run).  Training time: {s['training_seconds']:.0f} s
(one process; it varies with machine load).  After training the model is compacted:
features whose weights are all below {s['min_weight']} are dropped and weights rounded to 3
decimals, {full['model_bytes'] / 1e6:.1f} MB -> {s['model_bytes'] / 1e6:.1f} MB.

## Scores

Word-level precision / recall / F1 (%), no dictionary:

| split | P | R | F1 |
|---|---|---|---|
{row('dev', s['dev'])}
{row('test', s['test'])}

Before compaction: dev F1 {_f1(full['dev'])}, test F1 {_f1(full['test'])}.
Dev F1 after each training iteration (pkuseg's own count, before compaction): {curve}.

Speed: {s['chars_per_second']:,} characters/s (`Segmenter.cut`, sentence by sentence over the
test text, one core, best of 3 passes).

## User dictionaries

pkuseg forces user-dictionary words to be tokens wherever they occur (greedy longest match,
before the model runs).  Word F1 with the project's lexicon words as the user dictionary
(first column of `quotes/lexicons/*.tsv`, and `titles.txt`):

| dictionary | words | dev F1 | test F1 |
|---|---|---|---|
| none (used) | 0 | {_f1(s['dev'])} | {_f1(s['test'])} |
{user_rows}

"pkuseg default" is the dictionary bundled with spacy-pkuseg: what `user_dict="default"`
and spaCy's default `pkuseg_user_dict` switch on.

**Recommendation:** {advice}  The engine finds speakers and cues on character spans; the
segmenter only checks that a cue candidate is a whole word.  A dictionary would force the
cue words to be tokens everywhere, cutting longer words that contain them (小说 -> 小 / 说),
which makes that check pass where it should fail: without a dictionary the model keeps
说明, 传说, 演说 whole, so 说 inside them is not taken for a cue.
"""


@lru_cache(maxsize=1)
def default_segmenter() -> "Segmenter | None":
    """The project's trained segmenter, loaded once; None when no model is installed (the
    callers then fall back to characters)."""
    try:
        return Segmenter.load()
    except OSError:
        return None


def is_content_word(token: str) -> bool:
    """A token with a Han character, a letter or a digit (not punctuation or space)."""
    return any("\u4e00" <= c <= "\u9fff" or c.isalnum() for c in token)
