"""Paths -> Report on a Dask cluster: the pipeline's stages, spread over its workers.

The report is the one pipeline.check writes for the same inputs and rules, byte for byte: every
stage is the pipeline's own function, run where the data is.

- Loading, segmenting and describing run per partition of the input files on the workers,
  which read the files (or links, or archives) themselves: the client sends paths only. Each
  partition also reads and counts its claims' terms for the index (pipeline.claim_share).
- The index statistics are reduced across partitions: one task places every partition's
  terms (features.place_index_terms: the vocabulary, document frequencies and IDF weights);
  each partition then weighs its own rows with them and finds the repeats within its own
  articles, where they are.
- The comparison, trust and reliability run in one task on a worker, which gathers the
  partitions' articles and rows and stacks the rows into the index; from there the work is
  sent out to every worker: the candidate search in blocks of claims (checker.search), the
  scoring of candidate pairs in shares each with its rows, the classification in shares of
  candidates with the claims and frames they read.
- The report stays on that worker. The client receives its Summary (a row per article) and,
  when it writes the reports, their text rendered there, a piece at a time: it never holds
  the articles, the pairs or a whole report (HeldReport).

Tasks and their results are pickled: a worker runs whatever the scheduler sends it, so the
scheduler must be one the user trusts.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import CheckerError, InputError
from checker.features import IndexPlaces, IndexWeights, ShareTerms, place_index_terms, stack_index, weigh_index_share
from checker.load import find_article_files, load_articles
from checker.model import Article, Report, Skipped
from checker.parallel import collector_paced
from checker.pipeline import (
    Progress,
    assemble_report,
    available_cores,
    claim_share,
    compare_articles,
    index_aliases,
    configure_rules,
    index_claims,
    mark_duplicates,
    nothing_found,
    prepare_article,
)
from checker.report import RENDERERS, Summary, report_targets, summarise, write_rendered
from checker.rules import RuleSet
from checker.sources import InputOptions, with_rules

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL_HINT = "--engine dask needs Dask's distributed scheduler: pip install 'checker[dask]'"
# Seconds to wait for a scheduler to answer before giving up on it.
CONNECT_TIMEOUT = 10
# Partitions of the input files per worker: enough that a slow or lost worker's share is small.
PARTITIONS_PER_WORKER = 4
# Characters of a rendered report sent to the client at a time (report.json of 20,841 stories
# is 244 MB).
PIECE_CHARS = 1 << 22


class ClusterError(CheckerError):
    """A Dask cluster that cannot be used: not installed, or its scheduler out of reach."""


def check(paths: Iterable[str | Path], **options: object) -> Report:
    """Check articles on a Dask cluster and return the Report pipeline.check would return.

    options: held_report's. The whole report comes to this process; held_report leaves it on
    the cluster.
    """
    with held_report(paths, **options) as held:
        return held.report.result()


@contextmanager
def held_report(
    paths: Iterable[str | Path],
    *,
    scheduler: str | None = None,
    rules: RuleSet | None = None,
    duplicate_threshold: float | None = None,
    match_threshold: float | None = None,
    max_file_size: int | None = None,
    progress: Progress | None = None,
    inputs: InputOptions | None = None,
) -> Iterator[HeldReport]:
    """Check articles on a Dask cluster and yield the report as a worker holds it, until the block ends.

    A check of millions of articles makes a report larger than the client should hold:
    HeldReport gives its Summary and writes its files a piece at a time.

    Args:
        scheduler: the scheduler's address (tcp://host:8786, or tls:// with Dask's security
            settings from its configuration); DASK_SCHEDULER_ADDRESS when None; a cluster of
            one worker process per core on this machine when neither is set.
        The others: as pipeline.check. Input paths must be readable by the workers.
    """
    rules = configure_rules(
        rules, duplicate_threshold=duplicate_threshold, match_threshold=match_threshold, max_file_size=max_file_size
    )
    say = progress or (lambda stage: None)
    paths = list(paths)
    files = list(find_article_files(paths))
    if not files:
        raise InputError(nothing_found(paths))
    with connect(scheduler) as client:
        report = run(client, files, rules, with_rules(inputs, rules), say)
        summary = client.submit(summarise, report, key=f"checker-summary-{uuid.uuid4().hex}").result()
        yield HeldReport(client, report, summary)


class HeldReport:
    """A report held on the cluster: its Summary here, its files written from text rendered there."""

    def __init__(self, client: Client, report: Future, summary: Summary) -> None:
        self.client = client
        self.report = report  # a Future of the Report
        self.summary = summary

    def write(self, *, out: Path | None = None, json_path: str | Path | None = None, markdown_path: str | Path | None = None) -> list[Path]:
        """Write the reports as report.write_reports writes them, and return the files written.

        Both are rendered on the worker before anything is written; the text then comes over
        in pieces of PIECE_CHARS, each written before the next is asked for.
        """
        targets, folder = report_targets(out, json_path, markdown_path)
        names = tuple(name for _, name in targets)
        texts = self.client.submit(_render, self.report, names, key=f"checker-render-{uuid.uuid4().hex}")
        lengths = self.client.submit(_lengths, texts, key=f"checker-lengths-{uuid.uuid4().hex}").result()
        pieces = [self._pieces(texts, n, length) for n, length in enumerate(lengths)]
        return write_rendered(targets, pieces, folder)

    def _pieces(self, texts: Future, which: int, length: int) -> Iterator[str]:
        for begin in range(0, length, PIECE_CHARS):
            end = begin + PIECE_CHARS
            yield self.client.submit(_piece, texts, which, begin, end, key=f"checker-piece-{which}-{begin}-{texts.key}").result()


def _render(report: Report, names: tuple[str, ...]) -> tuple[str, ...]:
    with collector_paced():
        return tuple(RENDERERS[name](report) for name in names)


def _lengths(texts: tuple[str, ...]) -> list[int]:
    return [len(text) for text in texts]


def _piece(texts: tuple[str, ...], which: int, begin: int, end: int) -> str:
    return texts[which][begin:end]


@contextmanager
def connect(scheduler: str | None) -> Iterator[Client]:
    """Yield a Client of the named scheduler, or of a cluster started here and closed after."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(INSTALL_HINT) from None
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or dask.config.get("scheduler-address", None)
    if not address:
        with LocalCluster(n_workers=available_cores(), silence_logs=logging.ERROR, **local_cluster_options()) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        # A tls:// address takes its certificates from Dask's configuration (distributed.comm.tls).
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        # TypeError: a tls:// address without TLS settings in Dask's configuration.
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {_first_line(err)}") from None
    with client:
        yield client


def local_cluster_options() -> dict:
    """Return the options of a cluster on this machine, beside its number of workers.

    One thread per worker process (the processes use the cores) and no dashboard. The
    scheduler serves health and metrics over HTTP even without one, on port 8787 unless told
    otherwise: it gets a free port, so a Dask dashboard already there is left alone.
    """
    return {"threads_per_worker": 1, "processes": True, "dashboard_address": None, "scheduler_kwargs": {"dashboard_address": ":0"}}


def _first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def run(client: Client, files: Sequence[Path | str], rules: RuleSet, inputs: InputOptions, say: Progress) -> Future:
    """Run load to reliability on the client's cluster; return a Future of the Report, held by a worker."""
    say("load")
    # Keys unique to this run: another check on a shared cluster has partitions numbered alike.
    run_id = uuid.uuid4().hex
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    count = min(len(files), workers * PARTITIONS_PER_WORKER)
    step = -(-len(files) // count)
    parts = [list(files[begin : begin + step]) for begin in range(0, len(files), step)]
    loaded = [
        client.submit(_load_partition, part, rules, inputs, frozenset(), key=f"checker-load-{n}-{run_id}") for n, part in enumerate(parts)
    ]
    loaded = _with_unique_ids(client, loaded, parts, rules, inputs, run_id)
    say("segment")
    prepared = [client.submit(_prepare_partition, part, rules, key=f"checker-prepare-{n}-{run_id}") for n, part in enumerate(loaded)]
    skipped_parts = [client.submit(_skipped_of, part, key=f"checker-skipped-{n}-{run_id}") for n, part in enumerate(loaded)]
    skipped = [item for part in client.gather(skipped_parts) for item in part]
    say("index")
    terms = [client.submit(_terms_of, part, key=f"checker-terms-{n}-{run_id}") for n, part in enumerate(prepared)]
    placed = client.submit(place_index_terms, terms, key=f"checker-place-terms-{run_id}")
    weights = client.submit(IndexPlaces.weights, placed, key=f"checker-weights-{run_id}")
    places = [client.submit(IndexPlaces.of_share, placed, n, key=f"checker-places-{n}-{run_id}") for n in range(len(prepared))]
    indexed = [
        client.submit(_index_partition, part, where, weights, rules, key=f"checker-index-{n}-{run_id}")
        for n, (part, where) in enumerate(zip(prepared, places))
    ]
    say("compare")
    return client.submit(_compare, indexed, placed, skipped, rules, key=f"checker-compare-{run_id}")


def _with_unique_ids(client: Client, loaded: list, parts: list[list], rules: RuleSet, inputs: InputOptions, run_id: str) -> list:
    """Return the partitions loaded with the ids one load of all files in order would give.

    Each partition is loaded on its own first; one whose ids meet an earlier partition's
    (two folders with a story.txt each) is loaded again knowing the ids taken before it,
    as load_articles gives them going file by file.
    """
    ids = client.gather([client.submit(_ids_of, part, key=f"checker-ids-{n}-{run_id}") for n, part in enumerate(loaded)])
    taken: set[str] = set()
    for n, part_ids in enumerate(ids):
        if taken & part_ids:
            loaded[n] = client.submit(_load_partition, parts[n], rules, inputs, frozenset(taken), key=f"checker-reload-{n}-{run_id}")
            part_ids = client.submit(_ids_of, loaded[n], key=f"checker-reload-ids-{n}-{run_id}").result()
        taken |= part_ids
    return loaded


def _load_partition(
    files: list[Path | str], rules: RuleSet, inputs: InputOptions, taken: frozenset[str]
) -> tuple[list[Article], list[Skipped]]:
    with collector_paced():
        return load_articles(files, max_file_size=int(rules.thresholds["max_file_size"]), taken=taken, inputs=inputs)


def _ids_of(loaded: tuple[list[Article], list[Skipped]]) -> set[str]:
    return {article.id for article in loaded[0]}


def _skipped_of(loaded: tuple[list[Article], list[Skipped]]) -> list[Skipped]:
    return loaded[1]


def _prepare_partition(loaded: tuple[list[Article], list[Skipped]], rules: RuleSet) -> Packed:
    """Return the partition's articles prepared, and their claims read and counted for the index."""
    with collector_paced():
        articles = [prepare_article(article, rules) for article in loaded[0]]
        return Packed((articles, claim_share(articles, rules)))


def _terms_of(prepared: Packed) -> ShareTerms:
    return prepared.value[1].terms()


def _index_partition(prepared: Packed, places: tuple | None, weights: IndexWeights, rules: RuleSet) -> Packed:
    """Weigh the partition's rows of the index as in the whole collection, and mark the repeats within its articles."""
    with collector_paced():
        articles, share = prepared.value
        index, rows = index_claims(articles, rules, weigh_index_share(share, places, weights, index_aliases(rules)))
        return Packed((mark_duplicates(articles, index, rows, rules), index))


def _compare(indexed: list[Packed], placed: IndexPlaces, skipped: list[Skipped], rules: RuleSet) -> Report:
    """Stack the partitions' rows into the index, compare and assess all articles here, the search and classification spread over the cluster."""
    with collector_paced():
        articles = [article for part in indexed for article in part.value[0]]
        index = stack_index([part.value[1] for part in indexed], placed, index_aliases(rules))
        index, rows = index_claims(articles, rules, index)
        pairs = compare_articles(articles, index, rows, rules, jobs=1, map_blocks=_cluster_map)
        del index, rows
        return assemble_report(articles, pairs, skipped, rules, lambda stage: None)


def _cluster_map(function: Callable, shared: object, items: Sequence) -> list:
    """Run function(shared, item) for every item as tasks of the cluster this task runs on; results in item order.

    `shared` is sent to every worker once, each item to one worker. A worker lost meanwhile
    takes the only copy of its items (and of `shared`, if it was still reaching the others)
    with it: the scheduler cancels the tasks that needed them, and the whole map runs again.
    """
    from distributed import worker_client

    if not items:
        return []
    with worker_client() as client:
        for _ in range(MAP_ATTEMPTS - 1):
            try:
                return _map_once(client, function, shared, items)
            except CancelledError:
                client.wait_for_workers(1)
        return _map_once(client, function, shared, items)


def _map_once(client: Client, function: Callable, shared: object, items: Sequence) -> list:
    """Run the map's tasks, each on a worker its item is sent to, at most MAPPED_PER_WORKER per worker at a time.

    Items are made when they are sent (a share of pairs to score is made with its rows), so
    the task that maps holds only the items in flight.
    """
    from distributed import as_completed

    shared_future = _scatter(client, Packed(shared))
    # Keys name the work ("checker-search-share-…", "checker-classification-share-…"), unique per run; Dask groups
    # tasks by the words before the first number or hex-like word ("classify" would pass for hex).
    kind = "checker-" + function.__name__.strip("_").replace("_", "-")
    run = uuid.uuid4().hex
    results: list = [None] * len(items)
    position: dict[str, int] = {}
    running = as_completed()

    def collect(future: Future) -> None:
        results[position.pop(future.key)] = future.result().value

    for n in range(len(items)):
        if len(position) >= MAPPED_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))):
            collect(next(running))
        item = _scatter(client, Packed(items[n]), turn=n)
        future = client.submit(_call, function, shared_future, item, key=f"{kind}-{n}-{run}")
        position[future.key] = n
        running.add(future)
    for future in running:
        collect(future)
    return results


# Tasks of one map in flight per worker: one running, one whose item is on its way.
MAPPED_PER_WORKER = 2


# Runs of one map: a second when the first lost the only copy of its shared data.
MAP_ATTEMPTS = 2


# Attempts at sending data to the workers: one may be lost while it is sent.
SCATTER_ATTEMPTS = 3


def _scatter(client: Client, data: object, *, turn: int | None = None):
    """Return a future of `data` held by every worker, or with `turn` by one, the workers taken in turn; sent again when a worker is lost meanwhile."""
    for attempt in range(SCATTER_ATTEMPTS):
        workers = sorted(client.scheduler_info().get("workers", {}))
        chosen = [workers[turn % len(workers)]] if turn is not None and workers else None
        try:
            [future] = client.scatter([data], workers=chosen, broadcast=turn is None, hash=False)
            return future
        except (OSError, TimeoutError):
            if attempt == SCATTER_ATTEMPTS - 1:
                raise
            client.wait_for_workers(1)


def _call(function: Callable, shared: Packed, item: Packed) -> Packed:
    with collector_paced():
        return Packed(function(shared.value, item.value))


class Packed:
    """A value pickled, and read back, with the cycle collector paused.

    Reading back the claims or frames of a large check makes millions of objects, and the
    collector would walk all of them again every few thousand: the frames of 20,841 stories
    take 8.7 s to read with it running, 2.2 s without.
    """

    __slots__ = ("value", "_pickled")

    def __init__(self, value: Any) -> None:
        self.value = value
        self._pickled: bytes | None = None

    def __reduce__(self) -> tuple:
        # Pickled once however many workers it is sent to; the bytes stay while the value does.
        if self._pickled is None:
            with _collector_paused():
                self._pickled = pickle.dumps(self.value, protocol=pickle.HIGHEST_PROTOCOL)
        return (_unpacked, (self._pickled,))


def _unpacked(data: bytes) -> Packed:
    with _collector_paused():
        return Packed(pickle.loads(data))


@contextmanager
def _collector_paused() -> Iterator[None]:
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
