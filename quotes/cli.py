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


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="A folder of NAME.txt + NAME.gold.json."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, false alarms and speaker errors."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Score the engine on a gold folder with the reference scorer's figures."""
    from .evaluate import gold_texts, score
    from .export import to_json

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: not a folder")
        raise typer.Exit(EXIT_INPUT)
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


def main() -> None:  # pragma: no cover - console entry point wrapper
    try:
        app()
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
