"""Command line: each command parses its options, calls the library and prints."""

from __future__ import annotations

import enum
import functools
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from checker import __version__
from checker.errors import CheckerError
from checker.model import Report, Skipped
from checker.parallel import pace_collector

if TYPE_CHECKING:
    from checker.corpus import Corpus
    from checker.report import Summary

REPORTS = Path("reports")
T = TypeVar("T")


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2


class FailOn(str, enum.Enum):
    conflicts = "conflicts"
    duplicates = "duplicates"


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"



app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Check news articles: claims, near-duplicates, cross-source agreement and conflicts, reliability.",
)
err_console = Console(stderr=True, highlight=False)

RulesOption = Annotated[
    Optional[Path],
    typer.Option("--rules", help="Rules folder to use instead of the one shipped with checker.", show_default=False),
]


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files (.txt, .md), web pages (.html, .htm, .html.gz), archives with one article per row "
        "(.jsonl, .jsonl.gz, .csv), folders searched recursively for all of them, and http(s) links.",
        show_default=False,
    ),
]
TextFieldOption = Annotated[str, typer.Option("--text-field", help="Archive field (JSONL key or CSV column) holding the article text.")]
IdFieldOption = Annotated[
    Optional[str], typer.Option("--id-field", help="Archive field holding a unique id (default: 'id' where rows have it, else FILE-ROW).", show_default=False)
]
TitleFieldOption = Annotated[Optional[str], typer.Option("--title-field", help="Archive field holding the headline (default: 'title').", show_default=False)]
DateFieldOption = Annotated[Optional[str], typer.Option("--date-field", help="Archive field holding the publication date (default: 'date').", show_default=False)]
AuthorFieldOption = Annotated[Optional[str], typer.Option("--author-field", help="Archive field holding the author (default: 'author').", show_default=False)]
HtmlFieldOption = Annotated[
    Optional[str], typer.Option("--html-field", help="Archive field holding each row's web page; its article text is extracted.", show_default=False)
]
SavePagesOption = Annotated[
    Optional[Path],
    typer.Option("--save-pages", help="Keep each fetched link's page in this folder, to repeat the check offline on it.", show_default=False),
]


def _inputs(
    text_field: str = "text", id_field: str | None = None, title_field: str | None = None, date_field: str | None = None,
    author_field: str | None = None, html_field: str | None = None, save_pages: Path | None = None,
):
    """Return how to read web pages, links and archives, from the command's options."""
    from checker.archive import ArchiveFields
    from checker.sources import InputOptions

    fields = ArchiveFields(text=text_field, id=id_field, title=title_field, date=date_field, author=author_field, html=html_field)
    return InputOptions(fields=fields, save_pages=save_pages)


# Warnings printed for the skipped rows of one archive; the report lists them all.
MAX_ROW_WARNINGS = 10


def warn_skipped(skipped: Iterable[Skipped]) -> None:
    """Print a one-line warning per skipped input, at most MAX_ROW_WARNINGS per archive and then their count."""
    from collections import Counter

    per_archive: Counter = Counter()
    for item in skipped:
        archive, _, line = item.path.rpartition(":")
        if archive and line.isdigit():
            per_archive[archive] += 1
            if per_archive[archive] > MAX_ROW_WARNINGS:
                continue
        typer.echo(f"warning: skipped {item.path}: {item.reason}", err=True)
    for archive, count in per_archive.items():
        if count > MAX_ROW_WARNINGS:
            typer.echo(f"warning: {count - MAX_ROW_WARNINGS:,} more rows of {archive} skipped (the report lists them)", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Check news articles: claims, near-duplicates, cross-source agreement and conflicts, reliability."""
    pace_collector()


def fail(message: str) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(ExitCode.USAGE)


def _load_rules(rules: Path | None):
    from checker.rules import load_rules

    return load_rules(rules)


@app.command("check")
def check_command(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.md and report.json.")] = REPORTS,
    json_path: Annotated[
        Optional[str], typer.Option("--json", help="Write the JSON report to this file instead ('-' for standard output).", show_default=False)
    ] = None,
    markdown_path: Annotated[
        Optional[str], typer.Option("--markdown", help="Write the Markdown report to this file instead ('-' for standard output).", show_default=False)
    ] = None,
    rules: RulesOption = None,
    duplicate_threshold: Annotated[
        Optional[float], typer.Option(help="Similarity (0-1) at which two claims of one article are near-duplicates.", show_default=False)
    ] = None,
    match_threshold: Annotated[
        Optional[float], typer.Option(help="Match probability (0-1) at which claims of two sources make the same statement.", show_default=False)
    ] = None,
    max_file_size: Annotated[
        Optional[int],
        typer.Option(min=1, help="Skip, with a warning, files larger than this many bytes (default from thresholds.toml: 5,000,000).", show_default=False),
    ] = None,
    fail_on: Annotated[
        Optional[FailOn], typer.Option(help="Exit with 1 when the report has findings of this kind.", show_default=False)
    ] = None,
    corpus: Annotated[
        Optional[Path],
        typer.Option(
            "--corpus",
            help="Also compare with the articles stored in this corpus file (see 'checker corpus'); "
            "the report marks the stored ones.",
            show_default=False,
        ),
    ] = None,
    add: Annotated[
        bool, typer.Option("--add", help="With --corpus: store the new articles after the check (the corpus is made if missing).")
    ] = False,
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs", min=1,
            help="Processes that segment and describe articles and score claim pairs (default: all cores); the reports are the same for any number.",
            show_default=False,
        ),
    ] = None,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = None,
    title_field: TitleFieldOption = None,
    date_field: DateFieldOption = None,
    author_field: AuthorFieldOption = None,
    html_field: HtmlFieldOption = None,
    save_pages: SavePagesOption = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: processes on this machine (--jobs); dask: a Dask cluster (--scheduler), whose workers must read "
            "the input paths. The reports are the same. dask needs pip install 'checker[dask]'.",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler",
            help="With --engine dask: the scheduler's address, tcp://HOST:8786 or tls://... (default: DASK_SCHEDULER_ADDRESS, "
            "else a cluster of one worker per core on this machine). Tasks are pickled: use only a scheduler you trust.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check articles and write report.md and report.json.

    Web pages are read for their main text (menus, notices, related links and comments left out)
    and their headline, author, date and outlet; 'checker extract' shows that text, to which the
    report's lines and offsets refer. Links are fetched once each; one that fails is named and
    skipped. Archives hold one article per row; a row that cannot be read is named by its line
    and skipped.
    """
    if add and corpus is None:
        raise fail("--add needs --corpus FILE")
    if engine is Engine.dask and corpus is not None:
        raise fail("--engine dask checks files only; use --corpus with the local engine")
    if scheduler is not None and engine is not Engine.dask:
        raise fail("--scheduler needs --engine dask")
    separate = json_path is not None or markdown_path is not None
    targets = dict(out=None if separate else out, json_path=json_path, markdown_path=markdown_path)
    with ExitStack() as held:
        try:
            ruleset = _load_rules(rules)
            with _progress() as progress:
                options = dict(
                    rules=ruleset, duplicate_threshold=duplicate_threshold,
                    match_threshold=match_threshold, max_file_size=max_file_size, progress=progress,
                    inputs=_inputs(text_field, id_field, title_field, date_field, author_field, html_field, save_pages),
                )
                report, summary, write = _run_check(held, paths, engine, scheduler, jobs, corpus, add, options)
        except CheckerError as err:
            raise fail(str(err)) from None
        warn_skipped(summary.skipped)
        for path, note in summary.notes:
            typer.echo(f"warning: {path}: {note}", err=True)
        if not summary.checked:
            raise fail("no checkable article among the inputs")
        try:
            written = write(**targets)
        except CheckerError as err:
            raise fail(str(err)) from None
        except OSError as err:
            raise fail(f"cannot write the report: {err.strerror or err}") from None
    to_stdout = "-" in (json_path, markdown_path)
    console = err_console if to_stdout else Console(highlight=False)
    console.print(summary_table(summary))
    for path in written:
        console.print(f"report: {path}", markup=False, soft_wrap=True)
    if add:
        _store_checked(corpus, report, ruleset, console)
    if fail_on is FailOn.conflicts and summary.conflicting:
        raise typer.Exit(ExitCode.FINDINGS)
    if fail_on is FailOn.duplicates and any(row.duplicates for row in summary.rows):
        raise typer.Exit(ExitCode.FINDINGS)


def _run_check(
    held: ExitStack, paths: list[str], engine: Engine, scheduler: str | None, jobs: int | None, corpus: Path | None, add: bool, options: dict
) -> tuple[Report | None, Summary, Callable[..., list[Path]]]:
    """Run the check on its engine; return the Report (None when a cluster holds it), its Summary and how to write its files.

    A cluster's report stays there until `held` closes: the client only writes it.
    """
    import checker
    from checker.report import summarise, write_reports

    if engine is Engine.dask:
        from checker import distributed

        on_cluster = held.enter_context(distributed.held_report(paths, scheduler=scheduler, **options))
        return None, on_cluster.summary, on_cluster.write
    report = checker.check(paths, jobs=jobs, **options) if corpus is None else _check_against(corpus, add, paths, options)
    return report, summarise(report), functools.partial(write_reports, report)


# Seconds a check runs before its progress shows: a quick run prints its results only.
PROGRESS_DELAY = 2.0
# Articles listed in the summary table; a larger run lists the most conflicting and counts the rest.
MAX_SUMMARY_ROWS = 50


def _progress():
    """Return a context manager yielding a stage callback.

    On a terminal, a run longer than PROGRESS_DELAY shows a bar per stage with its time, cleared
    at the end; when standard error is not a terminal nothing is shown.
    """
    from contextlib import contextmanager

    @contextmanager
    def bars():
        if not err_console.is_terminal:
            yield None
            return
        import threading

        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        display = Progress(
            TextColumn("{task.description:<12}"), BarColumn(), TimeElapsedColumn(), console=err_console, transient=True
        )
        stages: list = []

        def stage(name: str) -> None:
            if stages:
                display.update(stages[-1], total=1, completed=1)
            stages.append(display.add_task(name, total=None))

        timer = threading.Timer(PROGRESS_DELAY, display.start)
        timer.daemon = True
        timer.start()
        try:
            yield stage
        finally:
            timer.cancel()
            timer.join()
            display.stop()

    return bars()


def summary_table(summary: Summary) -> Table:
    """Return the per-source summary printed after a check."""
    table = Table(title=None, show_edge=False)
    for heading in ("article", "claims", "duplicates", "agrees", "conflicts", "reliability", "trust"):
        table.add_column(heading, justify="left" if heading == "article" else "right")
    listed = summary.rows
    if len(listed) > MAX_SUMMARY_ROWS:
        order = {row.article: n for n, row in enumerate(summary.rows)}
        listed = sorted(listed, key=lambda r: (-r.conflicts, -r.duplicates, order[r.article]))[:MAX_SUMMARY_ROWS]
    for row in listed:
        table.add_row(
            row.article + (" (stored)" if row.stored else ""),
            str(row.claims),
            str(row.duplicates),
            str(row.agrees),
            str(row.conflicts),
            str(row.reliability if row.reliability is not None else "—"),
            # "—" also for "not corroborated": the reports spell it out, the terminal table has no room.
            str(row.trust if row.trust is not None else "—"),
        )
    table.caption = (
        f"{len(summary.rows)} articles, {sum(r.claims for r in summary.rows)} claims, "
        f"{sum(r.duplicates for r in summary.rows)} duplicates, {summary.agreeing} agreeing and "
        f"{summary.conflicting} conflicting pairs, {len(summary.skipped)} skipped"
    )
    if len(listed) < len(summary.rows):
        table.caption += f"; the {len(listed)} most conflicting articles listed, all in the reports"
    return table


@app.command("claims")
def claims_command(
    file: Annotated[Path, typer.Argument(help="One article file.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of claim objects instead of a table.")] = False,
    rules: RulesOption = None,
) -> None:
    """Show how one article is segmented into claims, with what each rests on."""
    from checker.load import load_articles
    from checker.pipeline import prepare_article
    from checker.report import claim_to_json
    from checker.sources import with_rules

    try:
        ruleset = _load_rules(rules)
        if not file.is_file():
            raise CheckerError(f"{file}: no such file")
        # A web page is segmented as its extracted text, an archive as its first row.
        loaded, skipped = load_articles([file], max_file_size=int(ruleset.thresholds["max_file_size"]), rules=ruleset, inputs=with_rules(None, ruleset))
    except CheckerError as err:
        raise fail(str(err)) from None
    if not loaded:
        raise fail(f"{file}: {skipped[0].reason}" if skipped else f"{file}: no article")
    article = loaded[0]
    article = prepare_article(article, ruleset)
    if as_json:
        sys.stdout.write(json.dumps([claim_to_json(c) for c in article.claims], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_edge=False, show_lines=False)
    for heading in ("id", "line", "kind", "hedged", "attribution", "numbers", "dates", "text"):
        table.add_column(heading, overflow="fold")
    for claim in article.claims:
        table.add_row(
            claim.id.rsplit(":", 1)[1], str(claim.line), claim.kind, "yes" if claim.hedged else "",
            claim.attribution or "", ", ".join(q.value for q in claim.numbers), ", ".join(d.value for d in claim.dates),
            claim.text if len(claim.text) <= 160 else claim.text[:159] + "…",
        )
    Console(highlight=False).print(table)


@app.command("extract")
def extract_command(
    source: Annotated[
        str,
        typer.Argument(metavar="FILE", help="A web page (.html, .htm, .html.gz), an http(s) link, an archive (.jsonl, .csv) or a text file.", show_default=False),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each article's metadata (title, author, date, outlet, url, source, ...) as a JSON line instead of its text.")
    ] = False,
    rules: RulesOption = None,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = None,
    title_field: TitleFieldOption = None,
    date_field: DateFieldOption = None,
    author_field: AuthorFieldOption = None,
    html_field: HtmlFieldOption = None,
    save_pages: SavePagesOption = None,
) -> None:
    """Print the text checker reads from one input: for a web page its main text, to which the report's lines and offsets refer.

    An archive prints every row's text, each after a line '==> ID (FILE:LINE) <=='.
    """
    from checker.load import find_article_files, load_articles
    from checker.sources import with_rules

    try:
        ruleset = _load_rules(rules)
        inputs = with_rules(_inputs(text_field, id_field, title_field, date_field, author_field, html_field, save_pages), ruleset)
        files = list(find_article_files([source]))
        articles, skipped = load_articles(files, max_file_size=int(ruleset.thresholds["max_file_size"]), rules=ruleset, inputs=inputs)
    except CheckerError as err:
        raise fail(str(err)) from None
    warn_skipped(skipped)
    if not articles:
        raise fail(f"{source}: no article text to extract")
    for article in articles:
        if as_json:
            metadata = {
                "id": article.id, "path": article.path, "source": article.source, "url": article.url, "title": article.title,
                "author": article.author, "date": article.date, "outlet": article.outlet, "encoding": article.encoding,
                "lines": article.text.count("\n") + (not article.text.endswith("\n")), "characters": len(article.text),
            }
            sys.stdout.write(json.dumps(metadata, ensure_ascii=False) + "\n")
            continue
        if len(articles) > 1:
            sys.stdout.write(f"==> {article.id} ({article.path}) <==\n")
        sys.stdout.write(article.text if article.text.endswith("\n") else article.text + "\n")


@app.command("rules")
def rules_command(
    code: Annotated[Optional[str], typer.Argument(help="Show only the rule with this code, e.g. A101.", show_default=False)] = None,
    rules: RulesOption = None,
) -> None:
    """List the reliability rules with their weights and rationales, and the thresholds."""
    try:
        ruleset = _load_rules(rules)
    except CheckerError as err:
        raise fail(str(err)) from None
    selected = [r for r in ruleset.signals if code is None or r.code == code.upper()]
    if not selected:
        raise fail(f"no rule with code {code!r}; run 'checker rules' for the list")
    for rule in selected:
        typer.echo(f"{rule.code} {rule.name} ({rule.kind}, weight {rule.weight:+g})")
        typer.echo(f"    {rule.rationale}\n")
    if code is None:
        typer.echo(f"thresholds ({ruleset.folder / 'thresholds.toml'}):")
        for name, value in ruleset.thresholds.items():
            typer.echo(f"    {name} = {value}")
        typer.echo(f"trust ({ruleset.folder / 'trust.toml'}):")
        for name, value in ruleset.trust.settings().items():
            typer.echo(f"    {name.removeprefix('trust.')} = {value}")


class Target(str, enum.Enum):
    match = "match"
    duplicate = "duplicate"


PairsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Labelled pairs: .csv, .tsv (.txt is read as TSV) or .jsonl, one pair per row; "
        "or one or more review files made by 'checker review' and marked.",
        show_default=False,
    ),
]
TargetOption = Annotated[
    Target,
    typer.Option(
        "--target",
        help="match: the match probability against match_threshold; duplicate: the rapidfuzz ratio of "
        "the normalised texts against duplicate_threshold.",
    ),
]
AColumnOption = Annotated[
    Optional[str], typer.Option("--a-column", help="Column of the first text (default: text_a, sentence1 or '#1 String').", show_default=False)
]
BColumnOption = Annotated[
    Optional[str], typer.Option("--b-column", help="Column of the second text (default: text_b, sentence2 or '#2 String').", show_default=False)
]
LabelColumnOption = Annotated[
    Optional[str], typer.Option("--label-column", help="Column of the label (default: label, Quality or score).", show_default=False)
]
PositiveAboveOption = Annotated[
    Optional[float],
    typer.Option("--positive-above", help="Labels are graded scores; a pair matches when its score is above this.", show_default=False),
]


def _counted_progress(label: str):
    """Return a context manager yielding a (done, total) callback: a progress bar on a terminal, silence elsewhere."""
    from contextlib import contextmanager

    @contextmanager
    def bar():
        if not err_console.is_terminal:
            yield None
            return
        from rich.progress import Progress

        with Progress(console=err_console, transient=True) as progress:
            task = progress.add_task(label, total=None)
            yield lambda done, total: progress.update(task, completed=done, total=total)

    return bar()


@app.command("tune")
def tune_command(
    pairs: PairsArgument,
    target: TargetOption = Target.match,
    min_precision: Annotated[
        Optional[float],
        typer.Option("--min-precision", help="Choose the lowest threshold with at least this precision (0-1) instead of the best F1 (pairs files only).", show_default=False),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Store the tuned thresholds (and fitted weights) in the rules folder (--rules, else the shipped one).")
    ] = False,
    keep_weights: Annotated[
        bool, typer.Option("--keep-weights", help="With --target match or review files, keep scorer.toml's weights instead of fitting them.")
    ] = False,
    out: Annotated[Path, typer.Option("--out", help="Folder for the Markdown summary and the precision-recall PNG (pairs files).")] = REPORTS / "tune",
    rules: RulesOption = None,
    a_column: AColumnOption = None,
    b_column: BColumnOption = None,
    label_column: LabelColumnOption = None,
    positive_above: PositiveAboveOption = None,
) -> None:
    """Tune thresholds on labelled pairs or on marked review files, and show what changes.

    \b
    Review files (from 'checker review', verdict column filled in) are recognised by their
    columns; several can be given, and a pair marked in more than one counts once, with the
    verdict of the later file on the command line (of the lower row within one file). Blank
    verdicts are ignored. The scorer's weights are fitted on the marked pairs, pulled towards
    the current weights; then match_threshold, related_threshold and number_tolerance are
    chosen where marked pairs decide them. Precision and recall per relation and per conflict
    type are printed before and after, with the conflict rules that were wrong most often.
    Tuning reads the articles the review names, to score the pairs as 'check' does.

    \b
    For pairs files:
    Columns: text_a, text_b, label by default; sentence1/sentence2 are recognised, and so is
    the original MRPC layout (msr_paraphrase_*.txt: 'Quality', '#1 ID', '#2 ID', '#1 String',
    '#2 String'). Labels are 0/1, or graded scores with --positive-above. TSV is read with
    quoting off, CSV with standard quoting.

    With --target match the scorer's weights are first fitted by logistic regression (unless
    --keep-weights). With --write the threshold, and the weights, go to the rules folder,
    which later checks use. Writes <out>/tune-<target>.md and tune-<target>.png.
    """
    from checker.tune import plot_precision_recall, read_pairs, render_summary, table_rows, tune, write_tuning

    if _review_files(pairs):
        if target is not Target.match or min_precision is not None or _column_options(a_column, b_column, label_column, positive_above):
            raise fail("--target, --min-precision and the column options are for pairs files, not review files")
        _tune_reviews(pairs, rules, write=write, fit=not keep_weights, out=out)
        return
    pairs_file = pairs[0]
    try:
        ruleset = _load_rules(rules)
        labelled = read_pairs(pairs_file, a_column=a_column, b_column=b_column, label_column=label_column, positive_above=positive_above)
        with _counted_progress("scoring pairs") as progress:
            tuning = tune(labelled, ruleset, target.value, min_precision=min_precision, fit=not keep_weights, progress=progress)
        out.mkdir(parents=True, exist_ok=True)
        image = plot_precision_recall(tuning, out / f"tune-{target.value}.png")
        written = write_tuning(ruleset.folder, tuning) if write else []
        summary = out / f"tune-{target.value}.md"
        summary.write_text(render_summary(tuning, image=image.name, written=written), encoding="utf-8")
    except CheckerError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"cannot write to {err.filename or out}: {err.strerror or err}") from None
    table = Table(show_edge=False)
    for heading in ("threshold", "precision", "recall", "F1", "accuracy", "predicted"):
        table.add_column(heading, justify="right")
    for row in table_rows(tuning):
        chosen = row.threshold == tuning.best.threshold
        table.add_row(
            f"{row.threshold:.4g}" + (" *" if chosen else ""), f"{row.precision:.3f}", f"{row.recall:.3f}",
            f"{row.f1:.3f}", f"{row.accuracy:.3f}", str(row.true_positives + row.false_positives),
            style="bold" if chosen else None,
        )
    console = Console(highlight=False)
    console.print(table)
    best = tuning.best
    console.print(f"best {tuning.threshold_name} = {best.threshold:.4g}: {best.line()}", markup=False, soft_wrap=True)
    for path in written:
        console.print(f"written: {path}", markup=False, soft_wrap=True)
    console.print(f"summary: {summary}", markup=False, soft_wrap=True)


@app.command("evaluate")
def evaluate_command(
    pairs: PairsArgument,
    target: TargetOption = Target.match,
    rules: RulesOption = None,
    a_column: AColumnOption = None,
    b_column: BColumnOption = None,
    label_column: LabelColumnOption = None,
    positive_above: PositiveAboveOption = None,
) -> None:
    """Score the current rules on held-out labelled pairs or marked review files; nothing is changed.

    \b
    Pairs files: the last line is always
    precision=… recall=… f1=… accuracy=… threshold=… n=N; columns and labels are read as by
    'checker tune'. Review files: precision and recall per relation and per conflict type on
    the marked rows, the conflict rules wrong most often; the last line is right=… of N.
    """
    from checker.tune import evaluate, read_pairs

    if _review_files(pairs):
        if target is not Target.match or _column_options(a_column, b_column, label_column, positive_above):
            raise fail("--target and the column options are for pairs files, not review files")
        _evaluate_reviews(pairs, rules)
        return
    pairs_file = pairs[0]
    try:
        ruleset = _load_rules(rules)
        labelled = read_pairs(pairs_file, a_column=a_column, b_column=b_column, label_column=label_column, positive_above=positive_above)
        with _counted_progress("scoring pairs") as progress:
            metrics = evaluate(labelled, ruleset, target.value, progress=progress)
    except CheckerError as err:
        raise fail(str(err)) from None
    name = "match_threshold" if target is Target.match else "duplicate_threshold"
    typer.echo(f"{labelled.path}: {metrics.n} pairs, {sum(labelled.labels)} matching; {name} = {metrics.threshold:g}")
    typer.echo(
        f"true positives {metrics.true_positives}, false positives {metrics.false_positives}, "
        f"false negatives {metrics.false_negatives}, true negatives {metrics.true_negatives}"
    )
    typer.echo(metrics.line())


class ReviewFormat(str, enum.Enum):
    csv = "csv"
    jsonl = "jsonl"


@app.command("review")
def review_command(
    report: Annotated[Path, typer.Argument(help="A report.json written by 'checker check'.", show_default=False)],
    out: Annotated[
        Optional[Path],
        typer.Option("--out", help="The review file to write (default: review.csv, or review.jsonl, beside the report).", show_default=False),
    ] = None,
    fmt: Annotated[
        Optional[ReviewFormat],
        typer.Option("--format", help="csv (UTF-8 with a byte-order mark, for spreadsheets) or jsonl; default from --out's extension, else csv.", show_default=False),
    ] = None,
    misses: Annotated[
        int,
        typer.Option("--misses", min=0, help="Near misses to list after the reported pairs: the unreported candidates with the highest match probability (0 for none)."),
    ] = 50,
    rules: RulesOption = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", min=1, help="Processes that prepare the articles for the near-miss search (default: all cores).", show_default=False)
    ] = None,
) -> None:
    """Write the report's pairs, and the nearest pairs it left out, to a file to mark.

    \b
    One row per pair of claims: both articles, lines and claims, the relation and conflicts
    checker gave, the similarity (match probability), why the row is listed, and an empty
    verdict column to fill with one of: agrees, conflicts, related, unrelated,
    different-event, update. Leave a verdict blank to skip a row; 'note' is free text.
    The near misses are found by searching the report's articles again with its settings;
    run review from the folder check ran in (or keep the articles where the report says).
    A pair's key stays the same across runs, so verdicts in an existing --out file are kept
    for the same pairs, and 'checker tune' merges several reviews by it.
    Then: 'checker tune review.csv --write' and check again.
    """
    from checker.review import VERDICTS, carry_verdicts, is_review_file, make_review, read_review, write_review

    chosen = fmt.value if fmt is not None else ("jsonl" if out is not None and out.suffix.lower() == ".jsonl" else "csv")
    target = out if out is not None else report.parent / f"review.{chosen}"
    try:
        ruleset = _load_rules(rules)
        earlier = []
        if target.exists():
            if not is_review_file(target):
                raise CheckerError(f"{target}: exists and is not a review file; choose another --out")
            earlier = read_review(target)
        made = make_review(report, ruleset, misses=misses, jobs=jobs)
        rows, carried = carry_verdicts(made.rows, earlier)
        write_review(rows, target, chosen)
    except CheckerError as err:
        raise fail(str(err)) from None
    for warning in made.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{target}: {_plural(made.reported, 'reported pair')} and {_plural(made.misses, 'near miss').replace('misss', 'misses')}" + (f"; {carried:,} verdicts kept from the earlier file" if carried else ""))
    typer.echo(f"mark the verdict column ({', '.join(VERDICTS)}), then: checker tune {target}")


def _column_options(*values: object) -> bool:
    return any(value is not None for value in values)


def _review_files(paths: list[Path]) -> bool:
    """Tell whether the files are review files; raise a usage error for a mix, or several pairs files."""
    from checker.review import is_review_file

    kinds = [is_review_file(path) for path in paths]
    if all(kinds):
        return True
    if any(kinds):
        other = paths[kinds.index(False)]
        raise fail(f"{other}: not a review file; tune and evaluate take several review files or one pairs file")
    if len(paths) > 1:
        raise fail("give one pairs file; several files are taken only when they are all review files")
    return False


def _read_marked(paths: list[Path], rules: Path | None):
    from checker.review import read_reviews

    try:
        ruleset = _load_rules(rules)
        rows, read, replaced = read_reviews(paths)
    except CheckerError as err:
        raise fail(str(err)) from None
    names = ", ".join(str(p) for p in paths)
    typer.echo(
        f"{names}: {_plural(read, 'row')}, {_plural(len(rows), 'marked pair')}"
        + (f" ({_plural(replaced, 'earlier verdict')} replaced by later ones)" if replaced else "")
    )
    return ruleset, rows


def _score_table(before, after=None) -> Table:
    """Return precision and recall per relation and conflict type; with after, before and after side by side."""
    from checker.review import format_score

    table = Table(
        show_edge=False,
        title="before -> after" if after is not None else None,
        caption="marked: pairs whose verdict asks for it; given: pairs checker gives it; prec(ision), recall",
    )
    table.add_column("", no_wrap=True)
    table.add_column("marked", justify="right")
    for _ in (before, after) if after is not None else (before,):
        table.add_column("given", justify="right")
        table.add_column("prec", justify="right")
        table.add_column("recall", justify="right")
    runs = [before] if after is None else [before, after]
    for title, field in (("relation", "relations"), ("conflict", "conflict_types")):
        table.add_row(title, *[""] * (len(table.columns) - 1), style="bold")
        for k, score in enumerate(getattr(before, field)):
            cells = ["  " + ("not reported" if score.name == "none" else score.name), str(score.actual)]
            for run in runs:
                other = getattr(run, field)[k]
                cells += [str(other.predicted), format_score(other.precision), format_score(other.recall)]
            table.add_row(*cells)
    return table


def _print_wrong_rules(console: Console, scores) -> None:
    if not scores.wrong_rules:
        console.print("conflict rules wrong: none on the marked pairs", markup=False)
        return
    console.print("conflict rules wrong most often (pairs given the conflict, marked otherwise):", markup=False)
    for name, verdicts, where in scores.wrong_rules:
        marks = ", ".join(f"{n} marked {verdict}" for verdict, n in verdicts.most_common())
        console.print(f"  {name}: {sum(verdicts.values())} ({marks}); e.g. {', '.join(where)}", markup=False, soft_wrap=True)


def _tune_reviews(paths: list[Path], rules: Path | None, *, write: bool, fit: bool, out: Path) -> None:
    from checker.review import tune_review
    from checker.tune import format_threshold, write_rules

    ruleset, rows = _read_marked(paths, rules)
    # Name the fit the weights were first pulled from, not every review since.
    pulled = "pulled towards the weights "
    base = ruleset.scorer.threshold_source.split(pulled)[-1]
    source = f"fitted on the marked pairs of {', '.join(p.name for p in paths)}, {pulled}{base}"
    try:
        with _counted_progress("scoring marked pairs"):
            tuning = tune_review(rows, ruleset, fit=fit, source=source)
        written = write_rules(ruleset.folder, tuning.thresholds(), tuning.scorer) if write else []
    except CheckerError as err:
        raise fail(str(err)) from None
    console = Console(highlight=False)
    for reason in tuning.marked.skipped:
        typer.echo(f"warning: skipped {reason}", err=True)
    console.print(_score_table(tuning.before, tuning.after))
    console.print(
        f"right relation: {tuning.before.correct} of {tuning.before.n} before, {tuning.after.correct} of {tuning.after.n} after",
        markup=False,
    )
    _print_wrong_rules(console, tuning.before)
    for change in tuning.changes:
        arrow = "unchanged" if change.before == change.after else f"-> {format_threshold(change.after)}"
        console.print(f"{change.name} = {format_threshold(change.before)} {arrow} ({change.reason})", markup=False, soft_wrap=True)
    console.print(f"scorer weights: {tuning.weights}", markup=False, soft_wrap=True)
    for path in written:
        console.print(f"written: {path}", markup=False, soft_wrap=True)
    if not write:
        console.print("not written: run again with --write to store it in the rules folder", markup=False)


def _evaluate_reviews(paths: list[Path], rules: Path | None) -> None:
    from checker.review import evaluate_review

    ruleset, rows = _read_marked(paths, rules)
    try:
        marked, scores = evaluate_review(rows, ruleset)
    except CheckerError as err:
        raise fail(str(err)) from None
    for reason in marked.skipped:
        typer.echo(f"warning: skipped {reason}", err=True)
    console = Console(highlight=False)
    console.print(_score_table(scores))
    _print_wrong_rules(console, scores)
    typer.echo(f"right={scores.correct} of n={scores.n} accuracy={scores.accuracy:.3f}")


corpus_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Keep checked articles between runs in a corpus file, to check new articles against them.",
)
app.add_typer(corpus_app, name="corpus")

# In the working folder, like reports/; CHECKER_CORPUS points every corpus command elsewhere.
DEFAULT_CORPUS = Path(".checker") / "corpus.sqlite"
CorpusOption = Annotated[
    Path,
    typer.Option("--corpus", envvar="CHECKER_CORPUS", help="The corpus file; the CHECKER_CORPUS environment variable sets another default."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _check_against(corpus: Path, create: bool, paths: list[str], options: dict) -> Report:
    from checker.corpus import Corpus

    with Corpus(corpus, create=create) as store:
        return store.check(paths, **options)


def _on_corpus(path: Path, action: Callable[[Corpus], T], *, create: bool = False) -> T:
    """Open the corpus, return what action does with it, and turn its errors into a one-line usage error."""
    from checker.corpus import Corpus

    try:
        with Corpus(path, create=create) as store:
            return action(store)
    except CheckerError as err:
        raise fail(str(err)) from None


def _store_checked(corpus: Path, report: Report, ruleset, console: Console) -> None:
    result = _on_corpus(corpus, lambda store: store.add_checked(report, ruleset), create=True)
    for path, name in result.existing:
        console.print(f"already stored: {path} as {name}", markup=False, soft_wrap=True)
    console.print(f"corpus {corpus}: stored {_plural(len(result.added), 'new article')}", markup=False, soft_wrap=True)


@corpus_app.command("add")
def corpus_add_command(
    paths: PathsArgument,
    corpus: CorpusOption = DEFAULT_CORPUS,
    batch: Annotated[
        int, typer.Option("--batch", min=1, help="Articles stored per transaction: an interrupted add keeps every finished batch.")
    ] = 100,
    rules: RulesOption = None,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = None,
    title_field: TitleFieldOption = None,
    date_field: DateFieldOption = None,
    author_field: AuthorFieldOption = None,
    html_field: HtmlFieldOption = None,
    save_pages: SavePagesOption = None,
) -> None:
    """Store articles in the corpus (made if missing); a text already stored is left as it is."""
    from checker.corpus import Corpus

    try:
        ruleset = _load_rules(rules)
        with Corpus(corpus, create=True) as store, _counted_progress("storing articles") as progress:
            inputs = _inputs(text_field, id_field, title_field, date_field, author_field, html_field, save_pages)
            result = store.add(paths, ruleset, batch=batch, progress=progress, inputs=inputs)
    except CheckerError as err:
        raise fail(str(err)) from None
    warn_skipped(result.skipped)
    for path, name in result.existing:
        typer.echo(f"already stored: {path} as {name}")
    typer.echo(
        f"corpus {corpus}: added {_plural(len(result.added), 'article')}, {len(result.existing):,} already stored, "
        f"{len(result.skipped):,} skipped"
    )


@corpus_app.command("list")
def corpus_list_command(corpus: CorpusOption = DEFAULT_CORPUS, as_json: JsonFlag = False) -> None:
    """List the stored articles in the order they were added."""
    from dataclasses import asdict

    stored = _on_corpus(corpus, lambda store: store.articles())
    if as_json:
        sys.stdout.write(json.dumps([asdict(a) for a in stored], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_edge=False, caption=f"{_plural(len(stored), 'article')} in {corpus}; --json adds paths and hashes")
    table.add_column("id", overflow="fold")
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("added", no_wrap=True)
    table.add_column("title", max_width=40, overflow="fold")
    for article in stored:
        table.add_row(article.id, str(article.claims), article.date or "—", article.added[:10], article.title or "—")
    Console(highlight=False).print(table)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


@corpus_app.command("stats")
def corpus_stats_command(corpus: CorpusOption = DEFAULT_CORPUS, as_json: JsonFlag = False) -> None:
    """Print how many articles, claims and terms the corpus holds, its size and schema version."""
    stats = _on_corpus(corpus, lambda store: store.stats())
    if as_json:
        sys.stdout.write(json.dumps(stats, indent=2) + "\n")
        return
    for name, value in stats.items():
        typer.echo(f"{name.replace('_', ' ')}: {value:,}" if isinstance(value, int) else f"{name.replace('_', ' ')}: {value}")


@corpus_app.command("remove")
def corpus_remove_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Id of a stored article, as 'checker corpus list' shows it.", show_default=False)],
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Remove one stored article and its claims from the corpus."""
    removed = _on_corpus(corpus, lambda store: store.remove(article_id))
    typer.echo(f"removed {removed.id} ({removed.claims} claims) from {corpus}")
