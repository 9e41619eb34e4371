"""Command line: ``quotes analyze``, ``quotes eval``, ``quotes train``.

Exit codes: 0 all went well; 1 some input could not be analysed (each reported on one
line, the rest still come out); 2 bad usage; 3 an output file could not be written.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from .model import Document
from .reading import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Quote attribution and stance analysis for Chinese news.")
train_app = typer.Typer(no_args_is_help=True, help="Train the models the engine uses; they are written to models/.")
app.add_typer(train_app, name="train")

EXIT_INPUT, EXIT_OUTPUT = 1, 3
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")


def expand_inputs(paths: list[Path]) -> Iterator[Path]:
    """Files as given; folders recursively, their text files in sorted order."""
    for p in paths:
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield p


def analyze_paths(paths: list[Path]) -> tuple[list[Document], int]:
    from .pipeline import analyze_file

    docs, failures = [], 0
    for path in expand_inputs(paths):
        try:
            docs.append(analyze_file(path))
        except InputError as exc:
            _fail(str(exc))
            failures += 1
        except Exception as exc:  # one bad document must not stop a batch of thousands
            _fail(f"{path}: could not be analysed ({type(exc).__name__}: {exc})")
            failures += 1
    return docs, failures


def _write(path: Path, writer) -> None:
    try:
        writer(path)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})")
        raise typer.Exit(EXIT_OUTPUT)


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., help="Text files or folders of them."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the quotes.v1 JSON here."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write one row per quote here (UTF-8 with BOM, for Excel)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report."),
) -> None:
    """Find every quote, who said it and through which account."""
    from .export import to_json, write_csv, write_json

    docs, failures = analyze_paths(paths)
    if json_out:
        _write(json_out, lambda p: write_json(p, to_json(docs)))
    if csv_out:
        def write(p: Path) -> None:
            with open(p, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(fh, docs)
        _write(csv_out, write)
    if not quiet and not (json_out or csv_out) or (not quiet and sys.stdout.isatty()):
        from .report import print_documents

        print_documents(docs)
    if failures:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def compare(
    first: Path = typer.Argument(..., help="One side's account."),
    second: Path = typer.Argument(..., help="The other side's account of the same event."),
    sides: Optional[str] = typer.Option(None, help="The two sides, comma-separated (中方,美方); inferred when not given."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the quotes.v1 JSON with the cross-file comparison here."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write one row per quote here (UTF-8 with BOM)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report."),
) -> None:
    """Align two files that tell one event from two sides and flag what only one side says."""
    from .accounts import dominant_side
    from .comparing import compare_documents
    from .export import to_json, write_csv, write_json
    from .report import readout_report

    docs, failures = analyze_paths([first, second])
    if failures or len(docs) != 2:
        raise typer.Exit(EXIT_INPUT)
    names = [s.strip() for s in sides.split(",")] if sides else [dominant_side(d) for d in docs]
    if len(names) != 2 or not all(names) or names[0] == names[1]:
        inferred = ", ".join(str(n) for n in names)
        _fail(f"cannot tell the two sides apart ({inferred}); name them with --sides 中方,美方")
        raise typer.Exit(2)
    comparison = compare_documents(docs, names)
    if json_out:
        _write(json_out, lambda p: write_json(p, to_json(docs, comparison)))
    if csv_out:
        def write(p: Path) -> None:
            with open(p, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(fh, docs, comparison)
        _write(csv_out, write)
    if not quiet:
        quotes = {(i, q.id): q for i, d in enumerate(docs) for q in d.quotes}
        Console().print(readout_report(quotes, comparison, {n: d.text for n, d in zip(names, docs)}))


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="A folder of NAME.txt + NAME.gold.json."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, false alarms and speaker errors."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Cross-file mode: a pairs file (score.py --pairs format) of files in GOLD_DIR."),
) -> None:
    """Score the engine on a gold folder with the reference scorer's figures."""
    from .evaluate import compare_pairs, gold_texts, score, score_pairs
    from .export import to_json

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: not a folder")
        raise typer.Exit(EXIT_INPUT)
    if pairs is not None:
        listed = json.loads(pairs.read_text(encoding="utf-8"))
        figures = score_pairs(gold_dir, compare_pairs(gold_dir, listed), listed)
        print(json.dumps(figures, ensure_ascii=False) if as_json else "\n".join(f"{k:22} {v}" for k, v in figures.items()))
        return
    docs, _ = analyze_paths(gold_texts(gold_dir))
    figures, errors = score(gold_dir, to_json(docs))
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for k, v in figures.items():
            print(f"{k:18} {v}")
    if verbose:
        for line in errors:
            print(line)


@train_app.command("segmenter")
def train_segmenter_cmd(
    iterations: int = typer.Option(20, help="Training passes over the treebank."),
    seed: int = typer.Option(20240601, help="Seed for Python's and numpy's random generators."),
) -> None:
    """Train the pkuseg word segmenter on the UD Chinese GSD treebank (../shared/data)."""
    from . import segment

    scores = segment.train_segmenter(iterations=iterations, seed=seed)
    print(json.dumps(scores, ensure_ascii=False, indent=1))


@train_app.command("stance")
def train_stance_cmd(
    corpus: Path = typer.Option(Path("corpus/stance"), help="Folder of stance .jsonl files."),
    seed: int = typer.Option(13, help="Seed of the train/held-out split."),
) -> None:
    """Train the target-stance classifier on the project's stance corpus; writes models/stance."""
    from .segment import models_dir
    from .stance import train_stance

    card = train_stance(corpus, models_dir() / "stance", seed=seed)
    print(json.dumps(card, ensure_ascii=False, indent=1))


def main() -> None:  # pragma: no cover - console entry point wrapper
    try:
        app()
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
