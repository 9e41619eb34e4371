"""Command line: ``quotes analyze``, ``quotes eval``, ``quotes train``.

Exit codes: 0 all went well; 1 some input could not be analysed (each reported on one
line, the rest still come out); 2 bad usage; 3 an output file could not be written;
130 interrupted (Ctrl-C; the outputs hold complete records only).
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .filters import QuoteFilter
from .model import CUE_CLASSES, QUOTE_TYPES, Document
from .summary import TOP

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Quote attribution and stance analysis for Chinese news.")
train_app = typer.Typer(no_args_is_help=True, help="Train the models the engine uses; they are written to models/.")
app.add_typer(train_app, name="train")

EXIT_INPUT, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 1, 2, 3, 130

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, console: Console | None = None) -> None:
    (console or err).print(f"[red]error:[/red] {escape(message)}")


def _warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {escape(message)}")


# ----------------------------------------------------------------------------- filters, shared by analyze and compare

QuoteType = Enum("QuoteType", {t: t for t in QUOTE_TYPES}, type=str)
CueClass = Enum("CueClass", {c: c for c in CUE_CLASSES}, type=str)
_FILTERS = "Filters (repeat an option for any of several values)"
SpeakerFilter = Annotated[Optional[List[str]], typer.Option(
    "--speaker", rich_help_panel=_FILTERS, help="Only quotes by this speaker: the canonical name or the words the text names them by.")]
SideFilter = Annotated[Optional[List[str]], typer.Option(
    "--side", rich_help_panel=_FILTERS, help="Only quotes of this side's account (中方, 美方…).")]
TypeFilter = Annotated[Optional[List[QuoteType]], typer.Option(
    "--type", rich_help_panel=_FILTERS, case_sensitive=False, help="Only quotes of this type.")]
CueClassFilter = Annotated[Optional[List[CueClass]], typer.Option(
    "--cue-class", rich_help_panel=_FILTERS, case_sensitive=False, help="Only quotes whose reporting verb is of this class.")]
TargetFilter = Annotated[Optional[List[str]], typer.Option(
    "--target", rich_help_panel=_FILTERS, help="Only quotes that take a stance on this target (美国, 台湾问题…).")]


def _quote_filter(speaker, side, type_, cue_class, target) -> QuoteFilter:
    return QuoteFilter.of(speaker=speaker, side=side, type=[t.value for t in type_ or []],
                          cue_class=[c.value for c in cue_class or []], target=target)


def _no_match(quote_filter: QuoteFilter, found: int, documents: int) -> None:
    """Say on stderr that a filter kept nothing (the run still succeeds: an empty answer is one)."""
    from .report.common import plural

    _warn(f"no quote matches {quote_filter.describe()} (of {plural(found, 'quote', 'quotes')} in {plural(documents, 'document', 'documents')})")


def analyze_paths(paths: list[Path]) -> tuple[list[Document], int]:
    """Documents of files and folders, analysed in this process; failures reported on stderr."""
    from .batch import analyze_documents

    docs, errors = analyze_documents(paths)
    for line in errors:
        _fail(line)
    return docs, len(errors)


def _files(paths: list[Path]) -> tuple[list[Document], int]:
    """Exactly these files, one document each (a folder is an error here, not expanded)."""
    from .batch import Options, Source, run_serial

    docs, failures = [], 0
    for result in run_serial([Source(str(p), path=str(p)) for p in paths], Options(keep_doc=True, timeout=0)):
        if result.error:
            _fail(result.error)
            failures += 1
        else:
            docs.append(result.doc)
    return docs, failures


def _write(path: Path, writer) -> None:
    try:
        writer(path)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})")
        raise typer.Exit(EXIT_OUTPUT)


def _check_writable(path: Path) -> None:
    """Fail before any work when an output that is written at the end cannot be."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        reason = "Is a directory"
    elif not parent.is_dir():
        reason = "No such file or directory"
    elif not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        reason = "Permission denied"
    else:
        return
    _fail(f"{path}: cannot write ({reason})")
    raise typer.Exit(EXIT_OUTPUT)


def _html_writer(name: str):
    """``quotes.html_report``'s writer, imported only when --html is asked for."""
    try:
        from . import html_report
    except ImportError as exc:
        _fail(f"HTML reports are not available ({exc})")
        raise typer.Exit(EXIT_OUTPUT)
    return getattr(html_report, name)


def _interactive() -> bool:
    return err.is_terminal and sys.stdout.isatty()


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., help="Text or HTML files, folders of them, JSON Lines archives (.jsonl), or - for standard input."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the quotes.v1 JSON here (- for standard output)."),
    jsonl_out: Optional[Path] = typer.Option(None, "--jsonl", help="Write one quotes.v1 document object per line here, as each is done (- for standard output)."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write one row per quote here (UTF-8 with BOM, for Excel)."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write a self-contained HTML report here (keeps every document in memory)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (each loads the models once)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS|local:N",
                                            help="Run on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for N worker processes here."),
    glob: Optional[str] = typer.Option(None, "--glob", help="In folders, only files matching this pattern (*.txt, 2024/**/*.html); default: text, HTML and .jsonl files."),
    stdin_jsonl: bool = typer.Option(False, "--stdin-jsonl", help="Standard input is a JSON Lines archive, not one document."),
    max_size: float = typer.Option(50.0, "--max-size", min=0, help="Refuse documents larger than this many MB (0: no limit)."),
    timeout: float = typer.Option(300.0, "--timeout", min=0, help="Skip a document whose analysis takes longer than this many seconds (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report, progress bar or closing lines (errors and warnings still)."),
    summary: bool = typer.Option(False, "--summary", help="End with the archive summary even for one document or with -q (it is shown for more than one document otherwise)."),
    summary_json: Optional[Path] = typer.Option(None, "--summary-json", help="Write the archive summary as JSON here (quotes.summary.v1)."),
    top: int = typer.Option(TOP, "--top", min=1, help="Speakers and sources the archive summary shows (its JSON holds them all)."),
    speaker: SpeakerFilter = None,
    side: SideFilter = None,
    type_: TypeFilter = None,
    cue_class: CueClassFilter = None,
    target: TargetFilter = None,
) -> None:
    """Find every quote, who said it and through which account."""
    from .batch import Options, OutputError, Outputs, Tally, iter_sources, progress_bar, run_documents, total_size, update_progress
    from .batch.cluster import ClusterError
    from .export import write_json
    from .summary import ArchiveSummary

    named = {"--json": json_out, "--jsonl": jsonl_out, "--csv": csv_out}
    if scheduler and jobs > 1:
        _fail("--jobs and --scheduler: choose one (a cluster's workers are set where it is started, or by local:N)")
        raise typer.Exit(EXIT_USAGE)
    if sum(str(p) == "-" for p in named.values() if p) > 1:
        _fail("only one output can go to standard output (-)")
        raise typer.Exit(EXIT_USAGE)
    for late in (html_out, summary_json):  # written at the end
        if late:
            _check_writable(late)
    outputs = Outputs(*(str(p) if p else None for p in (jsonl_out, json_out, csv_out)))
    report = not quiet and not any(named.values()) and not html_out
    quote_filter = _quote_filter(speaker, side, type_, cue_class, target)
    # The summary is added up as results arrive whenever it may be shown or written.
    archive = ArchiveSummary() if summary or summary_json or html_out or not quiet else None
    opts = Options(**outputs.options(), keep_doc=report or bool(html_out), quote_filter=quote_filter or None,
                   facts=archive is not None, max_bytes=int(max_size * 1024 * 1024), timeout=timeout)
    try:
        outputs.open()
    except OutputError as exc:
        _fail(str(exc))
        raise typer.Exit(EXIT_OUTPUT)

    show_bar = not quiet and not report and _interactive() and "-" not in map(str, filter(None, named.values()))
    progress = task = None
    if show_bar:
        progress, task = progress_bar(err, total_size(paths, glob))
        progress.start()
    console = progress.console if progress else err
    out_console = Console() if report else None
    tally, docs = Tally(), []
    sources = iter_sources(paths, glob, "jsonl" if stdin_jsonl else "text", opts.max_bytes)
    try:
        results = run_documents(sources, opts, jobs, scheduler)
    except (ClusterError, ImportError) as exc:
        if progress:
            progress.stop()
        outputs.close()
        _fail(str(exc) if isinstance(exc, ClusterError) else "--scheduler needs Dask: pip install 'quotes[cluster]'")
        raise typer.Exit(EXIT_USAGE)
    code = 0
    try:
        for result in results:
            tally.add(result)
            if result.facts is not None:
                archive.add(result.facts)
            if result.error:
                _fail(result.error, console)
            else:
                outputs.write(result)
                shown = result.doc is not None and (result.doc.quotes or not quote_filter)
                if report and shown:
                    from .report import print_documents

                    print_documents([result.doc], out_console)
                if html_out and shown:
                    docs.append(result.doc)
            if progress:
                update_progress(progress, task, tally)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except OutputError as exc:
        _fail(str(exc), console)
        code = EXIT_OUTPUT
    finally:
        results.close()  # stops the worker processes
        if progress:
            progress.stop()
        try:
            outputs.close()
        except OutputError as exc:
            _fail(str(exc))
            code = code or EXIT_OUTPUT
    # the archive view: asked for, or more than one document
    archive_view = archive is not None and (summary or tally.documents > 1)
    if code == EXIT_INTERRUPTED:
        _fail(f"interrupted after {tally.documents + tally.errors:,} documents; the outputs hold complete records only")
    elif code == 0:
        if html_out:
            _write(html_out, lambda p: _html_writer("write_document_html")(p, docs, archive if archive_view else None, top))
        if summary_json:
            _write(summary_json, lambda p: write_json(p, archive.to_dict(quote_filter.describe() or None)))
        if archive_view and (summary or not quiet):
            from .report import summary_report

            # standard output, unless an output is written there
            Console(stderr="-" in map(str, named.values())).print(summary_report(archive, top))
    if not quiet and (not report or tally.documents + tally.errors > 1):
        err.print(tally.summary(), highlight=False)
    if quote_filter and tally.documents and not tally.quotes and code != EXIT_INTERRUPTED:
        _no_match(quote_filter, tally.found, tally.documents)
    if code:
        raise typer.Exit(code)
    if tally.errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def compare(
    first: Path = typer.Argument(..., help="One side's account."),
    second: Path = typer.Argument(..., help="The other side's account of the same event."),
    sides: Optional[str] = typer.Option(None, help="The two sides, comma-separated (中方,美方); inferred when not given."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the quotes.v1 JSON with the cross-file comparison here."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write one row per quote here (UTF-8 with BOM)."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write a self-contained HTML report of the comparison here."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report."),
    speaker: SpeakerFilter = None,
    side: SideFilter = None,
    type_: TypeFilter = None,
    cue_class: CueClassFilter = None,
    target: TargetFilter = None,
) -> None:
    """Align two files that tell one event from two sides and flag what only one side says.

    Filters choose the quotes shown and written; the comparison itself is made on every quote."""
    from .accounts import AccountSide, pair_accounts
    from .comparing import compare_documents
    from .export import to_json, write_csv, write_json
    from .report import readout_report

    for out in (json_out, csv_out, html_out):
        if out:
            _check_writable(out)
    docs, failures = _files([first, second])
    if failures or len(docs) != 2:
        raise typer.Exit(EXIT_INPUT)
    if sides:
        accounts = [AccountSide(s.strip(), "given") for s in sides.split(",")]
    else:
        accounts = pair_accounts(docs)
    names = [a.side for a in accounts]
    if len(names) != 2 or not all(names) or names[0] == names[1]:
        _fail(_sides_failure([first, second], accounts, bool(sides)))
        raise typer.Exit(EXIT_USAGE)
    comparison = compare_documents(docs, names, [a.reason for a in accounts])
    quote_filter = _quote_filter(speaker, side, type_, cue_class, target)
    if quote_filter:
        found = sum(len(d.quotes) for d in docs)
        comparison = quote_filter.apply_all(docs, comparison)
        if not any(d.quotes for d in docs):
            _no_match(quote_filter, found, len(docs))
    if json_out:
        _write(json_out, lambda p: write_json(p, to_json(docs, comparison)))
    if csv_out:
        def write(p: Path) -> None:
            with open(p, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(fh, docs, comparison)
        _write(csv_out, write)
    if html_out:
        _write(html_out, lambda p: _html_writer("write_comparison_html")(p, docs, comparison, names))
    if not quiet:
        quotes = {(i, q.id): q for i, d in enumerate(docs) for q in d.quotes}
        Console().print(readout_report(quotes, comparison, {n: d.text for n, d in zip(names, docs)}))


def _sides_failure(paths: list[Path], accounts, given: bool) -> str:
    """What ``compare`` could not tell about the two accounts, in one line."""
    if given:
        return f"--sides needs two different sides, comma-separated (中方,美方), got {','.join(str(a.side) for a in accounts)}"
    if accounts[0].side and accounts[0].side == accounts[1].side:
        return (f"both files read as {accounts[0].side}'s account ({accounts[0].reason}, {accounts[1].reason}); "
                "name the sides with --sides 中方,美方")
    unknown = [str(p) for p, a in zip(paths, accounts) if not a.side]
    return (f"cannot tell whose account {' and '.join(unknown)} is (no frame, dateline outlet or speaker names a party); "
            "name the sides with --sides 中方,美方")


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="A folder of NAME.txt + NAME.gold.json."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, false alarms and speaker errors."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Cross-file mode: a pairs file (score.py --pairs format) of files in GOLD_DIR."),
    texts: list[Path] = typer.Option([], "--texts", metavar="ARCHIVE.jsonl",
                                     help="A JSON Lines archive whose records gold files name by source_id."),
) -> None:
    """Score the engine on a gold folder with the reference scorer's figures."""
    from .batch import Options, run_serial
    from .evaluate import archive_sources, compare_pairs, gold_texts, score, score_pairs
    from .export import document_dict, to_json

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: not a folder")
        raise typer.Exit(EXIT_INPUT)
    if pairs is not None:
        listed = json.loads(pairs.read_text(encoding="utf-8"))
        figures = score_pairs(gold_dir, compare_pairs(gold_dir, listed), listed, decisions=True)
        print(json.dumps(figures, ensure_ascii=False) if as_json else "\n".join(f"{k:22} {v}" for k, v in figures.items()))
        return
    for archive in texts:
        if not archive.is_file():
            _fail(f"{archive}: no such archive")
            raise typer.Exit(EXIT_INPUT)
    if texts:
        results = [r for r in run_serial(archive_sources(gold_dir, texts), Options(keep_doc=True, timeout=0)) if r.doc]
        output = {"documents": [{"id": r.id, **document_dict(r.doc)} for r in results]}
        figures, errors = score(gold_dir, output, {r.id: r.doc.text for r in results}, decisions=True)
    else:
        docs, _ = analyze_paths(gold_texts(gold_dir))
        figures, errors = score(gold_dir, to_json(docs), decisions=True)
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
    real: list[Path] = typer.Option([Path(f"corpus/real/{archive}/{part}") for archive in ("tw", "voa")
                                     for part in ("dev", "train", "fresh", *(f"fresh{n}" for n in range(2, 10)))],
                                    help="Gold folders of real records whose stance annotations train too (never a held-out third, "
                                         "nor fresh10, the blind check of the stance figures)."),
    news: Path = typer.Option(Path("../shared/data/news"), help="The archives those records come from."),
    seed: int = typer.Option(13, help="Seed of the train/held-out split."),
) -> None:
    """Train the target-stance classifier on the project's stance corpus and the real
    development sets (never their held-out thirds); writes models/stance."""
    from .segment import models_dir
    from .stance.training import read_real, train_stance

    archives = sorted(news.glob("*/*.jsonl"))
    rows = read_real([d for d in real if d.is_dir()], archives)
    card = train_stance(corpus, models_dir() / "stance", rows, seed=seed)
    print(json.dumps(card, ensure_ascii=False, indent=1))


@train_app.command("vectors")
def train_vectors_cmd(
    news: Path = typer.Option(Path("../shared/data/news"), help="The real archives (*/*.jsonl) to learn word use from."),
    treebank: Path = typer.Option(Path("../shared/data/ud_chinese_gsdsimp"), help="The UD treebank, whose sentences are read too."),
    held_out: list[Path] = typer.Option([Path("corpus/real/tw/test"), Path("corpus/real/voa/test")],
                                        help="Gold folders whose records are left out (the held-out thirds)."),
    dims: int = typer.Option(128, help="Dimensions of the vectors."),
) -> None:
    """Train the comparator's word vectors (PPMI-SVD) on the real archives; writes models/vectors."""
    from .segment import models_dir
    from .vectors import train_vectors, training_texts

    archives = sorted(news.glob("*/*.jsonl"))
    if not archives:
        _fail(f"{news}: no archives (*/*.jsonl)")
        raise typer.Exit(EXIT_INPUT)
    left_out = {json.loads(g.read_text(encoding="utf-8")).get("source_id") for d in held_out for g in d.glob("*.gold.json")}
    vectors, card = train_vectors(training_texts(archives, treebank if treebank.is_dir() else None, left_out), dims=dims)
    vectors.save(models_dir() / "vectors")
    card["left_out_records"] = len(left_out - {None})
    (models_dir() / "vectors" / "model.json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(card, ensure_ascii=False, indent=1))


def main() -> None:  # pragma: no cover - console entry point wrapper
    try:
        app()
        code: int | str | None = 0
    except KeyboardInterrupt:
        _fail("interrupted")
        code = EXIT_INTERRUPTED
    except SystemExit as done:
        code = done.code
    _leave(code)


def _leave(code: int | str | None) -> None:
    """Exit without tearing the interpreter down.  Every output is closed and every worker
    stopped by now; freeing the lexicons, models and caches one object at a time would add a
    sixth of a second to each run."""
    if isinstance(code, str):
        err.print(code, markup=False)
        code = EXIT_INPUT
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say
            pass
    os._exit(code or 0)
