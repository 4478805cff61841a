"""Articles seen before, kept in a SQLite file, and checks of new articles against them.

A check against the corpus reports the pairs that a check of every stored article (in the order
they were added) followed by the new ones would report between a new claim and any other: the
TF-IDF weights come from document frequencies kept for every term of the stored claims, the
candidates are the same top-k by cosine among all claims, the claims alignment's blocking
meets are found through blocking keys kept for every comparable claim and counted over all of
them, concepts are weighed by counts kept over all comparable claims, and the scorer,
thresholds, alignment and classification are the pipeline's own. Nothing stored is segmented,
described or fitted again: a check reads the compact term vectors of the stored claims that can
be compared, and the full records of the claims it pairs or meets on a blocking key only.

Two things a full check reads from all its articles are read otherwise. A full check reads
frames, which take part in blocking and concept weights, for the claims of articles that share
a story with another (classify.build_context); the corpus counts every comparable claim, since
whether a stored article shares a story depends on articles not seen yet. The two agree
whenever every article shares a story with another. And whether two articles tell one story
weighs their name words over the new articles and the stored ones the check pairs or meets,
not over every stored article.

The file holds (schema version 2):
- articles: each stored text once, keyed by the SHA-256 of the decoded text; row order is the
  corpus order.
- claims: each claim's description (JSON), its exact-repeat key, its content-word count, its
  word terms with their counts (a row of the word TF-IDF matrix before weighting) and whether
  it is compared across sources.
- word_terms, char_terms: how many indexed claims hold each word term and character n-gram;
  properties: how many claims are indexed (the n of every IDF weight).
- counted, titled: the counted things and titled people of comparable claims, which pair claims
  that do not look alike as text.
- blocking: the blocking keys of comparable claims (align.blocking_keys: a concept, or "#" and
  a counted thing with one of its words or none); a check counts a key's holders here, each
  text once, as align.blocked_pairs counts them.
- concepts: how many comparable claims of each content-word count hold each concept, the
  concept weights of alignment over the whole collection (version 2; a version 1 corpus gets
  these two tables on opening, its claims' frames read with the shipped rules).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import numpy as np
from scipy import sparse

from checker import match
from checker.align import ConceptWeights, Frame, Vocabulary, blocked_pairs, blocking_keys, counted_weights, read_frame, vocabulary
from checker.classify import Context, build_context, qualifier_classes, title_pairs
from checker.errors import CorpusError, InputError
from checker.features import (
    CollectionFrequencies,
    similar_rows,
    smoothed_idf,
    term_analysers,
    weigh_counts,
    weighted_index,
)
from checker.load import find_article_files, load_articles
from checker.match import comparable_claims, score_pairs
from checker.search import SearchIndex, SearchSettings, copy_groups, search_block, searchable
from checker.model import (
    COMPARABLE_KINDS,
    Article,
    Claim,
    CorpusSummary,
    DateMention,
    Duplicate,
    Entity,
    Passage,
    Quantity,
    Region,
    Report,
    Skipped,
)
from checker.pipeline import (
    INDEXED_KINDS,
    MAX_KEY_CLAIMS,
    assemble_report,
    classify_candidates,
    configure_rules,
    mark_duplicates,
    nothing_found,
    prepare_article,
)
from checker.rules import RuleSet, load_rules
from checker.sources import InputOptions, with_rules
from checker.text import clauses, compile_aliases, fold, normalise_for_exact, telling_words

SCHEMA_VERSION = 2
APPLICATION_ID = 0x43484B52  # "CHKR" in the SQLite header: tells a corpus from other databases
# A writer waits this long for another one's batch; a batch commits in about a second.
BUSY_TIMEOUT_SECONDS = 600.0
DEFAULT_BATCH = 100  # articles stored per transaction: what a killed add loses at most
MIGRATION_CLAIMS = 5_000  # stored claims read at a time when a migration reads them all
TERM_ID = np.dtype("<i4")  # word term ids and counts in claims.terms, little-endian on every machine


def _key_stored_claims(db: sqlite3.Connection) -> None:
    """Store the blocking keys and concepts of the comparable claims a version 1 corpus holds.

    Their frames are read from the stored descriptions with the shipped rules' concept families.
    """
    words = vocabulary(load_rules())
    last = 0
    while True:  # a share of the claims at a time: the descriptions of a large corpus fill memory
        rows = db.execute(
            "SELECT id, words, record FROM claims WHERE comparable AND id > ? ORDER BY id LIMIT ?", (last, MIGRATION_CLAIMS)
        ).fetchall()
        if not rows:
            return
        for claim_row, count, record in rows:
            _store_frame(db, claim_row, count, read_frame(_claim_from_record("", record), words))
        last = rows[-1][0]


# MIGRATIONS[n - 1] brings a corpus from version n - 1 to n; an empty file is version 0. A step
# is an SQL statement or a function of the connection. Later versions append a step here and
# never edit an earlier one.
MIGRATIONS: tuple[tuple[str | Callable[[sqlite3.Connection], None], ...], ...] = (
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)",
        "CREATE TABLE properties (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT INTO properties (key, value) VALUES ('indexed_claims', 0)",
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            hash TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            title TEXT,
            date TEXT,
            outlet TEXT,
            author TEXT,
            encoding TEXT NOT NULL,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            added TEXT NOT NULL
        )""",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            indexed INTEGER NOT NULL,
            comparable INTEGER NOT NULL,
            words INTEGER NOT NULL,
            exact TEXT NOT NULL,
            terms BLOB,
            record TEXT NOT NULL,
            UNIQUE (article, number)
        )""",
        "CREATE INDEX claims_exact ON claims (exact, words) WHERE comparable",
        "CREATE TABLE word_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL)",
        "CREATE INDEX word_terms_df ON word_terms (df)",
        "CREATE TABLE char_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
        """CREATE TABLE counted (
            claim INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            unit TEXT NOT NULL,
            value TEXT NOT NULL
        )""",
        "CREATE INDEX counted_unit ON counted (unit)",
        "CREATE INDEX counted_claim ON counted (claim)",
        """CREATE TABLE titled (
            claim INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            key TEXT NOT NULL
        )""",
        "CREATE INDEX titled_key ON titled (key)",
        "CREATE INDEX titled_claim ON titled (claim)",
    ),
    (
        """CREATE TABLE blocking (
            concept TEXT NOT NULL,
            word TEXT NOT NULL,
            claim INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            PRIMARY KEY (concept, word, claim)
        ) WITHOUT ROWID""",
        "CREATE INDEX blocking_claim ON blocking (claim)",
        """CREATE TABLE concepts (
            term TEXT NOT NULL,
            words INTEGER NOT NULL,
            df INTEGER NOT NULL,
            PRIMARY KEY (term, words)
        ) WITHOUT ROWID""",
        _key_stored_claims,
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION

NESTED = {"numbers": Quantity, "dates": DateMention, "entities": Entity}
Analyser = Callable[[str], list[str]]
AddProgress = Callable[[int, int], None]
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One stored article, as `checker corpus list` shows it."""

    id: str
    path: str
    title: str | None
    date: str | None
    claims: int
    hash: str
    added: str


@dataclass(slots=True)
class AddResult:
    """What one `add` did with each input file."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (path, stored id)
    existing: list[tuple[str, str]] = field(default_factory=list)  # (path, id it is stored under)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(slots=True)
class _Counts:
    """Document frequencies over texts that are not stored (yet), to add to the stored ones."""

    documents: int = 0
    word: Counter[str] = field(default_factory=Counter)
    char: Counter[str] = field(default_factory=Counter)
    per_text: list[Counter[str]] = field(default_factory=list)  # each text's word terms with their counts


@dataclass(slots=True)
class _Representatives:
    """The stored claims a check searches: the first comparable claim of every exact-repeat group."""

    ids: list[int]  # claims.id, in corpus order
    first_by_key: dict[str, int]  # exact-repeat key -> position in ids
    counts: sparse.csr_matrix  # word term counts, one row per claim, a column per word_terms.id


def _database_errors(function: Callable[..., Result]) -> Callable[..., Result]:
    """Turn SQLite's errors (a damaged file, a full disk, a lock held too long) into a one-line CorpusError."""

    @functools.wraps(function)
    def run(corpus: Corpus, *args: object, **kwargs: object) -> Result:
        try:
            return function(corpus, *args, **kwargs)
        except sqlite3.Error as err:
            raise CorpusError(f"{corpus.path}: {err}") from None

    return run


def content_hash(text: str) -> str:
    """Return the key of an article in the corpus: the SHA-256 of its decoded text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Corpus:
    """A corpus file, open; use as a context manager or call close()."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        """Open the corpus at path; with create, make it (and its folder) when missing.

        Raises CorpusError when the file is no corpus, belongs to another program, has a newer
        schema than this checker reads, or cannot be opened.
        """
        self.path = Path(path)
        if self.path.is_dir():
            raise CorpusError(f"{self.path}: a folder, not a corpus file")
        if not self.path.exists():
            if not create:
                raise CorpusError(f"{self.path}: no corpus there; 'checker corpus add PATH... --corpus {self.path}' makes one")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise CorpusError(f"cannot create folder {self.path.parent}: {err.strerror or err}") from None
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as err:
            raise CorpusError(f"{self.path}: cannot open: {err}") from None
        try:
            self._open_schema()
        except sqlite3.OperationalError as err:  # locked too long, a read-only folder, a full disk
            self.db.close()
            raise CorpusError(f"{self.path}: cannot use the corpus: {err}") from None
        except sqlite3.DatabaseError as err:  # SQLite's "file is not a database"
            self.db.close()
            raise CorpusError(f"{self.path}: not a checker corpus ({err})") from None
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # Schema

    def _open_schema(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        version = self._version()
        if version < SCHEMA_VERSION:
            with self._transaction("IMMEDIATE"):
                # Another process may have made or migrated it while this one waited for the lock.
                version = self._version()
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step]:
                        if isinstance(statement, str):
                            self.db.execute(statement)
                        else:
                            statement(self.db)
                    self.db.execute(
                        "INSERT INTO schema_version (version, applied) VALUES (?, ?)", (step + 1, _now())
                    )
        elif version > SCHEMA_VERSION:
            raise CorpusError(
                f"{self.path}: corpus schema version {version} is newer than this checker reads "
                f"(up to {SCHEMA_VERSION}); use a newer checker"
            )
        # WAL: readers never wait for a writer, and a killed writer leaves the last commit intact.
        mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise CorpusError(f"{self.path}: cannot use write-ahead logging here (journal mode {mode})")
        self.db.execute("PRAGMA synchronous = NORMAL")

    def _version(self) -> int:
        """Return the schema version, 0 for an empty database; raise CorpusError for another program's."""
        application = self.db.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application == 0 and not tables:
            return 0
        if application != APPLICATION_ID or "schema_version" not in tables:
            raise CorpusError(f"{self.path}: an SQLite database of another program, not a checker corpus")
        return int(self.db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)

    @contextmanager
    def _transaction(self, kind: str = "DEFERRED") -> Iterator[None]:
        """Run the block in one transaction: IMMEDIATE to write, DEFERRED for a consistent read."""
        self.db.execute(f"BEGIN {kind}")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite may have rolled back already (a full disk)
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # Reading

    @_database_errors
    def articles(self) -> list[StoredArticle]:
        """Return every stored article in corpus order."""
        return [stored for _, stored in self._article_rows("", ())]

    @_database_errors
    def stats(self) -> dict[str, object]:
        """Return counts of what the corpus holds, and its file's size and schema version."""
        with self._transaction():
            count = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
            stats: dict[str, object] = {
                "path": str(self.path),
                "schema_version": self._version(),
                "articles": count("SELECT COUNT(*) FROM articles"),
                "claims": count("SELECT COUNT(*) FROM claims"),
                "indexed_claims": self._indexed_claims(),
                "comparable_claims": count("SELECT COUNT(*) FROM claims WHERE comparable"),
                "word_terms": count("SELECT COUNT(*) FROM word_terms"),
                "char_terms": count("SELECT COUNT(*) FROM char_terms"),
            }
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        stats["bytes"] = size
        return stats

    def _indexed_claims(self) -> int:
        return int(self.db.execute("SELECT value FROM properties WHERE key = 'indexed_claims'").fetchone()[0])

    def _stored_name(self, digest: str) -> str | None:
        row = self.db.execute("SELECT name FROM articles WHERE hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def _stored_frequencies(self, table: str, terms: Iterable[str]) -> dict[str, int]:
        rows = self.db.execute(
            f"SELECT term, df FROM {table} WHERE term IN (SELECT value FROM json_each(?))", (json.dumps(list(terms)),)
        )
        return dict(rows)

    def _frequencies(
        self, texts: list[str], pending: _Counts, analysers: tuple[Analyser, Analyser], *, for_scoring: bool = True
    ) -> CollectionFrequencies:
        """Return the frequencies weighted_index needs for texts: stored ones plus those pending.

        For scoring, the character n-grams and the terms of the texts' clauses (which
        score_pairs indexes) are looked up too; finding duplicates needs the word terms only.
        """
        word_analyse, char_analyse = analysers
        word_terms: set[str] = set()
        char_terms: set[str] = set()
        for text in texts:
            for part in (text, *clauses(text)) if for_scoring else (text,):
                word_terms.update(word_analyse(part))
                if for_scoring:
                    char_terms.update(char_analyse(part))
        stored_word = self._stored_frequencies("word_terms", word_terms)
        stored_char = self._stored_frequencies("char_terms", char_terms)
        return CollectionFrequencies(
            documents=self._indexed_claims() + pending.documents,
            word={t: stored_word.get(t, 0) + pending.word.get(t, 0) for t in word_terms},
            char={t: stored_char.get(t, 0) + pending.char.get(t, 0) for t in char_terms},
            rarest_word=self._rarest_word(pending.word),
        )

    def _rarest_word(self, pending: Counter[str]) -> int:
        """Return the smallest document frequency of any word term, stored or pending (0 when none)."""
        touched = json.dumps(list(pending))
        untouched = self.db.execute(
            "SELECT df FROM word_terms WHERE term NOT IN (SELECT value FROM json_each(?)) ORDER BY df LIMIT 1", (touched,)
        ).fetchone()
        stored = self._stored_frequencies("word_terms", pending)
        found = [stored.get(t, 0) + n for t, n in pending.items()]
        if untouched is not None:
            found.append(untouched[0])
        return min(found, default=0)

    def _representatives(self, min_words: int) -> _Representatives:
        rows = self.db.execute(
            "SELECT id, exact, terms FROM claims WHERE id IN "
            "(SELECT MIN(id) FROM claims WHERE comparable AND words >= ? GROUP BY exact) ORDER BY id",
            (min_words,),
        ).fetchall()
        ids, columns, counts, lengths = [], [], [], []
        first_by_key: dict[str, int] = {}
        for position, (claim, key, terms) in enumerate(rows):
            ids.append(claim)
            first_by_key[key] = position
            pairs = np.frombuffer(terms or b"", dtype=TERM_ID)
            columns.append(pairs[0::2])
            counts.append(pairs[1::2])
            lengths.append(len(pairs) // 2)
        width = (self.db.execute("SELECT MAX(id) FROM word_terms").fetchone()[0] or 0) + 1
        indptr = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        matrix = sparse.csr_matrix(
            (
                np.concatenate(counts).astype(np.float64) if counts else np.zeros(0),
                np.concatenate(columns).astype(np.int64) if columns else np.zeros(0, dtype=np.int64),
                indptr,
            ),
            shape=(len(rows), width),
        )
        return _Representatives(ids, first_by_key, matrix)

    def _claims(self, claim_ids: Iterable[int]) -> dict[int, tuple[int, Claim]]:
        """Return stored claims by claims.id, each with its article's articles.id."""
        rows = self.db.execute(
            "SELECT c.id, c.article, a.name, c.number, c.record FROM claims c JOIN articles a ON a.id = c.article "
            "WHERE c.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(claim_ids))),),
        )
        return {claim: (article, _claim_from_record(f"{name}:{number}", record)) for claim, article, name, number, record in rows}

    def _key_holders(self, key: tuple[str, str], min_words: int, limit: int) -> list[int]:
        """Return the first `limit` stored claims, in corpus order, that hold a blocking key as blocked_pairs counts them.

        Those are the comparable claims of min_words or more, each text once: copies of a
        sentence meet through its first occurrence.
        """
        rows = self.db.execute(
            "SELECT b.claim FROM blocking b JOIN claims c ON c.id = b.claim WHERE b.concept = ? AND b.word = ? AND c.words >= ? "
            "AND NOT EXISTS (SELECT 1 FROM claims d WHERE d.comparable AND d.exact = c.exact AND d.id < c.id) "
            "ORDER BY b.claim LIMIT ?",
            (*key, min_words, limit),
        )
        return [row[0] for row in rows]

    def _concept_weights(self, frames: Iterable[Frame], pending: Counter[str], pending_claims: int, min_words: int) -> ConceptWeights:
        """Return the weights of the frames' concepts over the comparable stored claims and the pending ones, as one collection."""
        concepts = sorted({c for frame in frames for c in frame.content})
        stored = dict(self.db.execute(
            "SELECT term, SUM(df) FROM concepts WHERE words >= ? AND term IN (SELECT value FROM json_each(?)) GROUP BY term",
            (min_words, json.dumps(concepts)),
        ))
        total = self.db.execute("SELECT COUNT(*) FROM claims WHERE comparable AND words >= ?", (min_words,)).fetchone()[0]
        return counted_weights({c: stored.get(c, 0) + pending[c] for c in concepts}, total + pending_claims)

    def _load_articles(self, article_ids: Iterable[int]) -> list[Article]:
        """Return stored articles whole, claims described, in corpus order."""
        wanted = json.dumps(sorted(set(article_ids)))
        claims: dict[int, list[Claim]] = {}
        names: dict[int, str] = {}
        rows = self.db.execute(
            "SELECT id, name, path, title, date, outlet, author, encoding, text, record FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (wanted,),
        ).fetchall()
        for row in rows:
            names[row[0]] = row[1]
        for article, number, record in self.db.execute(
            "SELECT article, number, record FROM claims WHERE article IN (SELECT value FROM json_each(?)) ORDER BY article, number",
            (wanted,),
        ):
            claims.setdefault(article, []).append(_claim_from_record(f"{names[article]}:{number}", record))
        return [
            _article_from_record(row[1:9], row[9], tuple(claims.get(row[0], ()))) for row in rows
        ]

    @_database_errors
    def check(
        self,
        paths: Iterable[str | Path],
        *,
        rules: RuleSet | None = None,
        duplicate_threshold: float | None = None,
        match_threshold: float | None = None,
        max_file_size: int | None = None,
        progress: Callable[[str], None] | None = None,
        inputs: InputOptions | None = None,
    ) -> Report:
        """Check new articles against each other and the stored ones; add_checked(report) then stores them.

        The report holds the new articles and the stored ones they pair with (marked stored), and
        every pair with a new claim on at least one side. A new file whose text is already stored
        is skipped, naming the stored article.
        """
        rules = configure_rules(
            rules, duplicate_threshold=duplicate_threshold, match_threshold=match_threshold, max_file_size=max_file_size
        )
        say = progress or (lambda stage: None)
        aliases = compile_aliases(rules.lexicon("aliases"))
        analysers = term_analysers(aliases)
        paths = list(paths)
        say("load")
        files = list(find_article_files(paths))
        if not files:
            raise InputError(nothing_found(paths))
        with self._transaction():  # one snapshot: an add running meanwhile changes nothing compared here
            taken = [row[0] for row in self.db.execute("SELECT name FROM articles")]
            loaded, skipped = load_articles(
                files, max_file_size=int(rules.thresholds["max_file_size"]), taken=taken, rules=rules, inputs=with_rules(inputs, rules)
            )
            new: list[Article] = []
            for article in loaded:
                stored = self._stored_name(content_hash(article.text))
                if stored is not None:
                    skipped.append(Skipped(article.path, f"already in the corpus as {stored}"))
                else:
                    new.append(article)
            say("segment")
            new = [prepare_article(article, rules) for article in new]
            say("index")
            indexed = [c for a in new for c in a.claims if c.kind in INDEXED_KINDS]
            pending = _term_counts([c.text for c in indexed], analysers)
            texts = [c.text for c in indexed]
            index = weighted_index(texts, aliases, self._frequencies(texts, pending, analysers))
            rows = {c.id: row for row, c in enumerate(indexed)}
            say("duplicates")
            new = mark_duplicates(new, index, rows, rules)
            say("compare")
            search = _Search(self, rules, new, comparable_claims(new, index, rows, rules), pending, analysers)
            claim_pairs = search.pairs()
            # Score with an index of the new claims and the stored ones paired, weighted as the whole collection.
            involved = {claim.id for pair in claim_pairs for claim in pair} - {c.id for a in new for c in a.claims}
            stored_texts = sorted({c.id: c.text for pair in claim_pairs for c in pair if c.id in involved}.items())
            texts = [c.text for c in indexed] + [text for _, text in stored_texts]
            index = weighted_index(texts, aliases, self._frequencies(texts, pending, analysers))
            rows = {c.id: row for row, c in enumerate(indexed)} | {cid: len(indexed) + n for n, (cid, _) in enumerate(stored_texts)}
            candidates = score_pairs(claim_pairs, index, rows, rules)
            stored_articles = [replace(a, stored=True) for a in search.stored_articles(search.articles_of(involved))]
            summary = CorpusSummary(
                str(self.path),
                self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
                self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0],
            )
        articles = stored_articles + new
        pairs = classify_candidates(candidates, articles, rules, context=search.context)
        return assemble_report(articles, pairs, skipped, rules, say, corpus=summary)

    # Writing

    @_database_errors
    def add(
        self,
        paths: Iterable[str | Path],
        rules: RuleSet | None = None,
        *,
        batch: int = DEFAULT_BATCH,
        progress: AddProgress | None = None,
        inputs: InputOptions | None = None,
    ) -> AddResult:
        """Store the articles in paths, `batch` articles per transaction; a text already stored is left as it is.

        Each batch is committed whole or not at all, so an interrupted add leaves the corpus at
        its last committed batch and running it again stores the rest.
        """
        rules = configure_rules(rules)
        if batch < 1:
            raise InputError(f"batch must be 1 or more, not {batch}")
        paths = list(paths)
        files = list(find_article_files(paths))
        if not files:
            raise InputError(nothing_found(paths))
        inputs = with_rules(inputs, rules)
        result = AddResult()
        max_file_size = int(rules.thresholds["max_file_size"])
        for begin in range(0, len(files), batch):
            pending: list[tuple[Article, str]] = []
            # Ids unique within the batch: claim ids must be unique within the batch's index.
            loaded, skipped = load_articles(files[begin : begin + batch], max_file_size=max_file_size, rules=rules, inputs=inputs)
            result.skipped += skipped
            for article in loaded:
                digest = content_hash(article.text)
                stored = self._stored_name(digest)
                if stored is not None:
                    result.existing.append((article.path, stored))
                else:
                    pending.append((prepare_article(article, rules), digest))
            if pending:
                self._store(pending, rules, result, find_repeats=True)
            if progress is not None:
                progress(min(begin + batch, len(files)), len(files))
        return result

    @_database_errors
    def add_checked(self, report: Report, rules: RuleSet | None = None) -> AddResult:
        """Store the new articles of a report from check() as they were checked, in one transaction."""
        result = AddResult()
        new = [(article, content_hash(article.text)) for article in report.articles if not article.stored]
        if new:
            self._store(new, configure_rules(rules), result, find_repeats=False)
        return result

    def _store(self, pending: list[tuple[Article, str]], rules: RuleSet, result: AddResult, *, find_repeats: bool) -> None:
        """Store prepared articles in one transaction, each under a free id; with find_repeats, find their duplicates first."""
        aliases = compile_aliases(rules.lexicon("aliases"))
        analysers = term_analysers(aliases)
        with self._transaction("IMMEDIATE"):
            fresh: list[tuple[Article, str]] = []
            batch_names: dict[str, str] = {}
            for article, digest in pending:
                stored = self._stored_name(digest) or batch_names.get(digest)
                if stored is not None:
                    result.existing.append((article.path, stored))
                    continue
                # An archive row or a link has no file name of its own: its id stands for one.
                stem = Path(article.path).stem if article.source == "file" else article.id
                name = self._free_name(stem, batch_names.values())
                batch_names[digest] = name
                fresh.append((article, digest))
            if not fresh:
                return
            indexed = [c for article, _ in fresh for c in article.claims if c.kind in INDEXED_KINDS]
            counts = _term_counts([c.text for c in indexed], analysers)
            if find_repeats:
                texts = [c.text for c in indexed]
                index = weighted_index(texts, aliases, self._frequencies(texts, counts, analysers, for_scoring=False))
                rows = {c.id: row for row, c in enumerate(indexed)}
                marked = mark_duplicates([article for article, _ in fresh], index, rows, rules)
                fresh = [(article, digest) for article, (_, digest) in zip(marked, fresh)]
            term_ids = self._count_terms(counts, 1)
            self.db.execute(
                "UPDATE properties SET value = value + ? WHERE key = 'indexed_claims'", (counts.documents,)
            )
            terms_of = dict(zip((c.id for c in indexed), counts.per_text))
            words = vocabulary(rules)
            for article, digest in fresh:
                name = batch_names[digest]
                self._insert(article, name, digest, aliases, terms_of, term_ids, words)
                result.added.append((article.path, name))

    def _free_name(self, stem: str, taken_in_batch: Iterable[str]) -> str:
        """Return stem, or stem-2, stem-3, ...: the first id no stored article has, as load_articles names files."""
        taken = set(taken_in_batch)
        candidate, n = stem, 2
        while candidate in taken or self.db.execute("SELECT 1 FROM articles WHERE name = ?", (candidate,)).fetchone():
            candidate, n = f"{stem}-{n}", n + 1
        return candidate

    def _count_terms(self, counts: _Counts, sign: int) -> dict[str, int]:
        """Add (sign 1) or take away (sign -1) document frequencies; return the word terms' ids."""
        for table, counter in (("word_terms", counts.word), ("char_terms", counts.char)):
            self.db.executemany(
                f"INSERT INTO {table} (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
                ((term, sign * n) for term, n in counter.items()),
            )
            if sign < 0:
                self.db.execute(f"DELETE FROM {table} WHERE df <= 0")
        return dict(
            self.db.execute(
                "SELECT term, id FROM word_terms WHERE term IN (SELECT value FROM json_each(?))", (json.dumps(list(counts.word)),)
            )
        )

    def _insert(
        self,
        article: Article,
        name: str,
        digest: str,
        aliases: tuple,
        terms_of: dict[str, Counter[str]],
        term_ids: dict[str, int],
        words: Vocabulary,
    ) -> None:
        """Insert one article, its claims, their counted things, titled people and blocking keys; terms_of: each indexed claim's word terms."""
        record = {
            "regions": [[r.start, r.end, r.kind, r.rule] for r in article.regions],
            "duplicates": [[_number(d.a), _number(d.b), d.similarity, d.kind, d.method] for d in article.duplicates],
            "passages": [
                [[_number(c) for c in p.a], [_number(c) for c in p.b], list(p.lines_a), list(p.lines_b)] for p in article.passages
            ],
            "notes": list(article.notes),
        }
        row = self.db.execute(
            "INSERT INTO articles (name, hash, path, title, date, outlet, author, encoding, text, record, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, digest, article.path, article.title, article.date, article.outlet, article.author, article.encoding,
             article.text, _dumps(record), _now()),
        ).lastrowid
        repeats = {d.b for d in article.duplicates if d.method != "restatement"}
        for claim in article.claims:
            indexed = claim.kind in INDEXED_KINDS
            comparable = claim.kind in COMPARABLE_KINDS and claim.id not in repeats
            terms = None
            if indexed:
                pairs = sorted((term_ids[t], n) for t, n in terms_of[claim.id].items())
                terms = np.array(pairs, dtype=TERM_ID).tobytes()
            count = telling_words(claim.text)
            claim_row = self.db.execute(
                "INSERT INTO claims (article, number, kind, indexed, comparable, words, exact, terms, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row, _number(claim.id), claim.kind, indexed, comparable, count,
                 normalise_for_exact(claim.text), terms, _claim_record(claim)),
            ).lastrowid
            if comparable:
                _store_frame(self.db, claim_row, count, read_frame(claim, words))
                self.db.executemany(
                    "INSERT INTO counted (claim, unit, value) VALUES (?, ?, ?)",
                    ((claim_row, unit, q.value) for q in claim.numbers if (unit := match.counted_unit(q))),
                )
                self.db.executemany(
                    "INSERT INTO titled (claim, key) VALUES (?, ?)",
                    ((claim_row, key) for key in sorted({e.key for e in claim.entities if e.title})),
                )

    @_database_errors
    def remove(self, name: str) -> StoredArticle:
        """Remove the stored article with this id, and its claims from every statistic."""
        # Character n-grams do not depend on the rules' aliases; word terms are read back by id.
        _, char_analyse = term_analysers()
        with self._transaction("IMMEDIATE"):
            found = self._article_rows("WHERE a.name = ?", (name,))
            if not found:
                raise CorpusError(f"no stored article with id {name!r}; 'checker corpus list' shows them")
            article_id, stored = found[0]
            documents = 0
            word_ids: Counter[int] = Counter()
            char_terms: Counter[str] = Counter()
            for terms, record in self.db.execute("SELECT terms, record FROM claims WHERE article = ? AND indexed", (article_id,)):
                documents += 1
                word_ids.update(set(np.frombuffer(terms or b"", dtype=TERM_ID)[0::2].tolist()))
                char_terms.update(set(char_analyse(json.loads(record)["text"])))
            self.db.executemany("UPDATE word_terms SET df = df - ? WHERE id = ?", ((n, term) for term, n in word_ids.items()))
            self.db.execute("DELETE FROM word_terms WHERE df <= 0")
            self._count_terms(_Counts(char=char_terms), -1)
            # A claim's concepts are its blocking keys without a word that are no counted thing.
            concepts = self.db.execute(
                "SELECT COUNT(*), b.concept, c.words FROM blocking b JOIN claims c ON c.id = b.claim "
                "WHERE c.article = ? AND b.word = '' AND substr(b.concept, 1, 1) != '#' GROUP BY b.concept, c.words",
                (article_id,),
            ).fetchall()
            self.db.executemany("UPDATE concepts SET df = df - ? WHERE term = ? AND words = ?", concepts)
            self.db.execute("DELETE FROM concepts WHERE df <= 0")
            self.db.execute("UPDATE properties SET value = value - ? WHERE key = 'indexed_claims'", (documents,))
            self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return stored

    def _article_rows(self, where: str, parameters: tuple) -> list[tuple[int, StoredArticle]]:
        rows = self.db.execute(
            "SELECT a.id, a.name, a.path, a.title, a.date, (SELECT COUNT(*) FROM claims c WHERE c.article = a.id), "
            f"a.hash, a.added FROM articles a {where} ORDER BY a.id",
            parameters,
        )
        return [(row[0], StoredArticle(*row[1:])) for row in rows]


class _Search:
    """Candidate claim pairs with a new claim on one side, as find_candidates, title_pairs and blocked_pairs give them.

    find_candidates pairs every copy of a text with its first occurrence, and each first
    occurrence with its top-k cosine neighbours among all first occurrences, in both
    directions: a stored claim whose own top k gains a new claim is paired with it too, so its
    row is computed again against every stored claim. Pairs between two stored claims are left
    out: they say nothing about the new articles. The search ends with the Context that
    classifies the pairs, weighted as the whole collection.
    """

    def __init__(
        self,
        corpus: Corpus,
        rules: RuleSet,
        new: list[Article],
        comparable: list[Claim],
        pending: _Counts,
        analysers: tuple[Analyser, Analyser],
    ) -> None:
        self.corpus = corpus
        self.rules = rules
        self.new = new
        self.new_claims = comparable
        # Which article each claim is from, new ones by id and stored ones by articles.id.
        self.article_of: dict[str, tuple[str, object]] = {c.id: ("new", a.id) for a in new for c in a.claims}
        self.stored_article: dict[str, int] = {}  # stored claim id -> articles.id
        self.stored: dict[int, Claim] = {}  # claims.id -> the stored claim, once loaded
        self.pending = pending
        self.word_analyse = analysers[0]
        self.found: dict[frozenset[str], tuple[Claim, Claim]] = {}
        self.copied: Collection[str] = ()  # exact-repeat keys of the stored first occurrences
        self.loaded_articles: dict[int, Article] = {}  # articles.id -> the stored article, once loaded
        self.context: Context | None = None

    def pairs(self) -> list[tuple[Claim, Claim]]:
        self._similar()
        self._counted()
        self._titled()
        self._blocked()
        return list(self.found.values())

    def articles_of(self, claim_ids: set[str]) -> set[int]:
        return {self.stored_article[c] for c in claim_ids}

    def stored_articles(self, article_ids: set[int]) -> list[Article]:
        """Return stored articles whole, in corpus order, each loaded once."""
        missing = article_ids - self.loaded_articles.keys()
        self.loaded_articles.update(zip(sorted(missing), self.corpus._load_articles(missing)))
        return [self.loaded_articles[a] for a in sorted(article_ids)]

    def _add(self, x: Claim, y: Claim) -> None:
        if self.article_of[x.id] != self.article_of[y.id]:
            self.found.setdefault(frozenset((x.id, y.id)), (x, y))

    def _load(self, claim_ids: Iterable[int]) -> None:
        missing = [c for c in claim_ids if c not in self.stored]
        for claim_row, (article, claim) in self.corpus._claims(missing).items():
            self.stored[claim_row] = claim
            self.stored_article[claim.id] = article
            self.article_of[claim.id] = ("stored", article)

    def _similar(self) -> None:
        thresholds = self.rules.thresholds
        stored = self.corpus._representatives(int(thresholds["min_words"]))
        self.copied = stored.first_by_key
        representatives: list[Claim] = []
        for key, members in copy_groups(self.new_claims).items():
            first_stored = stored.first_by_key.get(key)
            if first_stored is not None:
                self._load([stored.ids[first_stored]])
                first, others = self.stored[stored.ids[first_stored]], members
            else:
                first, others = members[0], members[1:]
                representatives.append(first)
            seen = {self.article_of[first.id]}
            for other in others:
                if self.article_of[other.id] not in seen:
                    seen.add(self.article_of[other.id])
                    self._add(first, other)
        if not representatives:
            return
        count = len(stored.ids)
        new_rows = np.arange(count, count + len(representatives), dtype=np.int64)
        every_row = np.arange(count + len(representatives), dtype=np.int64)
        # As find_candidates searches: terms held by very many first occurrences take no part.
        matrix = searchable(self._weigh(stored, representatives), every_row)
        settings = SearchSettings.from_thresholds(thresholds)

        def claim_at(row: int) -> Claim:
            return self.stored[stored.ids[row]] if row < count else representatives[row - count]

        def folded(rows: list[int]) -> list[str]:
            self._load(stored.ids[r] for r in rows if r < count)
            return [fold(claim_at(r).text).lower() for r in rows]

        # Every pair of a new claim whose cosine reaches NEAR_REPEAT_COSINE is in found or repeats from its side.
        found, repeats = search_block(SearchIndex(matrix, every_row, folded), new_rows, settings)
        # Stored claims close enough to a new one that it may enter their own top k.
        reach = (matrix[new_rows] @ matrix[:count].T).tocsr()
        reached = np.unique(reach.indices[reach.data >= settings.floor]).astype(np.int64)
        found += [(row, other) for row, other, _ in similar_rows(
            matrix, reached, every_row, floor=settings.floor, top_k=settings.top_k
        ) if other >= count]
        self._load(stored.ids[r] for row, other in found for r in (row, other) if r < count)
        # Past the top k, a pair stays only as a near repeat, as in find_candidates.
        for row, other in found + repeats:
            self._add(claim_at(row), claim_at(other))

    def _weigh(self, stored: _Representatives, representatives: list[Claim]) -> sparse.csr_matrix:
        """Return the L2-normalised TF-IDF rows of the stored and the new representatives, weighted as one collection."""
        db = self.corpus.db
        ids_df = np.array(db.execute("SELECT id, df FROM word_terms").fetchall(), dtype=np.int64).reshape(-1, 2)
        term_id = dict(db.execute(
            "SELECT term, id FROM word_terms WHERE term IN (SELECT value FROM json_each(?))", (json.dumps(list(self.pending.word)),)
        ))
        width = stored.counts.shape[1]
        for term in sorted(set(self.pending.word) - set(term_id)):
            term_id[term] = width
            width += 1
        df = np.zeros(width, dtype=np.int64)
        df[ids_df[:, 0]] = ids_df[:, 1]
        for term, n in self.pending.word.items():
            df[term_id[term]] += n
        idf = smoothed_idf(df.tolist(), self.corpus._indexed_claims() + self.pending.documents)
        rows, columns, values = [], [], []
        for row, claim in enumerate(representatives):
            for term, n in Counter(self.word_analyse(claim.text)).items():
                rows.append(row)
                columns.append(term_id[term])
                values.append(n)
        new = sparse.csr_matrix((np.array(values, dtype=np.float64), (rows, columns)), shape=(len(representatives), width))
        stored_counts = stored.counts.copy()
        stored_counts.resize((stored_counts.shape[0], width))
        return weigh_counts(sparse.vstack([stored_counts, new]).tocsr(), idf)

    def _counted(self) -> None:
        """match.counted_pairs over the new claims and the stored claims counting the same phrases."""
        units = {unit for c in self.new_claims for q in c.numbers if (unit := match.counted_unit(q))}
        claims = self._stored_with("counted", "unit", units) + self.new_claims
        for x, y in match.counted_pairs(claims, self.article_of, involving=self._new_ids()):
            self._add(x, y)

    def _titled(self) -> None:
        """classify.title_pairs over the new claims and the stored claims naming the same titled people."""
        keys = {e.key for c in self.new_claims for e in c.entities if e.title}
        claims = self._stored_with("titled", "key", keys) + self.new_claims
        for x, y in title_pairs(claims, self.article_of, qualifier_classes(self.rules), involving=self._new_ids()):
            self._add(x, y)

    def _blocked(self) -> None:
        """align.blocked_pairs over the new claims and the stored claims sharing a blocking key with one.

        A key's holders are counted over the whole collection: the stored claims holding it are
        loaded while they leave room under MAX_KEY_CLAIMS for a new one, and otherwise only
        counted against it. Concepts are weighed over every comparable claim, stored and new,
        and whether two claims may align is told by the Context of the new articles and the
        stored ones a pair may join.
        """
        rules = self.rules
        min_words = int(rules.thresholds["min_words"])
        words = vocabulary(rules)
        frames = {c.id: read_frame(c, words) for c in self.new_claims}
        # A copy of a stored sentence meets others through the stored first occurrence only.
        meeting = [c for c in self.new_claims if normalise_for_exact(c.text) not in self.copied]
        loaded: set[int] = set()
        crowded: dict[tuple[str, str], list[int]] = {}
        for key in sorted({key for c in meeting for key in blocking_keys(frames[c.id])}):
            holders = self.corpus._key_holders(key, min_words, MAX_KEY_CLAIMS)
            if len(holders) < MAX_KEY_CLAIMS:
                loaded.update(holders)
            else:
                crowded[key] = holders
        self._load(loaded)
        stored = [self.stored[row] for row in sorted(loaded)]
        paired = [c for pair in self.found.values() for c in pair if c.id in self.stored_article]
        context = build_context(self.stored_articles(self.articles_of({c.id for c in stored + paired})) + self.new, rules)
        context.frames.update(frames)
        for claim in stored + paired:
            context.frame(claim)
        pending = Counter(concept for frame in frames.values() for concept in frame.content)
        context.weights = self.corpus._concept_weights(context.frames.values(), pending, len(frames), min_words)
        found = blocked_pairs(
            stored + meeting,
            context.frames,
            self.article_of,
            max_claims=MAX_KEY_CLAIMS,
            weights=context.weights,
            min_containment=rules.thresholds["align_threshold"],
            may_pair=context.may_align,
            involving=self._new_ids(),
            # At least MAX_KEY_CLAIMS stored holders each, so these keys pair nothing, as in a full check.
            held_elsewhere={key: len(set(holders) - loaded) for key, holders in crowded.items()},
        )
        for x, y in found:
            self._add(x, y)
        self.context = context

    def _new_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.new_claims)

    def _stored_with(self, table: str, column: str, values: set[str]) -> list[Claim]:
        """Load and return, in corpus order, the comparable stored claims listed in table under any of values."""
        if not values:
            return []
        rows = self.corpus.db.execute(
            f"SELECT DISTINCT t.claim FROM {table} t JOIN claims c ON c.id = t.claim "
            f"WHERE t.{column} IN (SELECT value FROM json_each(?)) AND c.words >= ? ORDER BY t.claim",
            (json.dumps(sorted(values)), int(self.rules.thresholds["min_words"])),
        ).fetchall()
        self._load(row[0] for row in rows)
        return [self.stored[row[0]] for row in rows]


def _term_counts(texts: list[str], analysers: tuple[Analyser, Analyser]) -> _Counts:
    """Count, for each word term and character n-gram, the texts holding it."""
    counts = _Counts(documents=len(texts))
    word_analyse, char_analyse = analysers
    for text in texts:
        terms = Counter(word_analyse(text))
        counts.per_text.append(terms)
        counts.word.update(terms.keys())
        counts.char.update(set(char_analyse(text)))
    return counts


def _store_frame(db: sqlite3.Connection, claim_row: int, words: int, frame: Frame) -> None:
    """Store a comparable claim's blocking keys and count its concepts among the claims of its content-word count."""
    db.executemany(
        "INSERT INTO blocking (concept, word, claim) VALUES (?, ?, ?)", ((*key, claim_row) for key in sorted(blocking_keys(frame)))
    )
    db.executemany(
        "INSERT INTO concepts (term, words, df) VALUES (?, ?, 1) ON CONFLICT (term, words) DO UPDATE SET df = df + 1",
        ((term, words) for term in sorted(frame.content)),
    )


def _number(claim_id: str) -> int:
    return int(claim_id.rpartition(":")[2])


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _claim_record(claim: Claim) -> str:
    record = asdict(claim)
    del record["id"]
    return _dumps(record)


def _claim_from_record(claim_id: str, record: str) -> Claim:
    data = json.loads(record)
    values: dict[str, object] = {"id": claim_id}
    for spec in fields(Claim):
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.name in NESTED:
            value = tuple(NESTED[spec.name](**item) for item in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[spec.name] = value
    return Claim(**values)


def _article_from_record(row: tuple, record: str, claims: tuple[Claim, ...]) -> Article:
    name, path, title, date, outlet, author, encoding, text = row
    data = json.loads(record)
    claim_id = lambda number: f"{name}:{number}"  # noqa: E731
    return Article(
        id=name,
        path=path,
        text=text,
        title=title,
        date=date,
        outlet=outlet,
        author=author,
        encoding=encoding,
        regions=tuple(Region(*r) for r in data["regions"]),
        claims=claims,
        duplicates=tuple(Duplicate(claim_id(a), claim_id(b), s, k, m) for a, b, s, k, m in data["duplicates"]),
        passages=tuple(
            Passage(tuple(map(claim_id, a)), tuple(map(claim_id, b)), tuple(la), tuple(lb)) for a, b, la, lb in data["passages"]
        ),
        notes=tuple(data["notes"]),
    )

