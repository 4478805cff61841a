"""The corpus: adding, idempotence, checks against it equal to full checks, kill-and-resume, concurrent writers, clear errors."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker
from checker import corpus as corpus_module
from checker import search
from checker.align import read_frame, vocabulary
from checker.cli import app
from checker.corpus import MIGRATIONS, SCHEMA_VERSION, Corpus
from checker.errors import CorpusError
from checker.features import term_analysers
from checker.rules import default_rules_folder, load_rules
from checker.text import compile_aliases, content_tokens

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# Five short reports of one (invented) strike, from outlets that agree on some facts and
# disagree on others: the count of strikers, the minister's title, the number of ships.
ARTICLES = {
    "wire": """date: 2024-03-04
author: Mira Castell

Dockworkers at the port of Harwick walked off the job on Monday, halting cargo traffic at the country's busiest harbour.
The Harbour Workers Union said 4,200 dock workers joined the strike after talks on pay collapsed.
Port Minister Anton Reyes said the government would not reopen negotiations until the blockade ended.
The strike is the first at Harwick since 2011, according to port records.
Shipping agents said 31 container ships were waiting at anchor outside the harbour.
""",
    "daily": """date: 2024-03-04

Thousands of dockworkers went on strike at the port of Harwick on Monday, halting cargo traffic at the busiest harbour in the country.
Union leaders said 2,500 dock workers joined the strike after pay talks collapsed.
Former Port Minister Anton Reyes said the government would not reopen negotiations until the blockade ended.
Shipping agents said 31 container ships were waiting at anchor outside the harbour.
Officials said the strike could cost the economy millions of dollars a day.
""",
    "weekly": """Port Minister Anton Reyes met union leaders on Tuesday but no agreement was reached.
Reports indicate that 4,200 dock workers joined the strike at Harwick.
The government did not rule out sending troops to clear the blockade at the port of Harwick.
Grain exporters warned that harvest shipments would be delayed by at least two weeks.
""",
    "evening": """The strike at the port of Harwick entered its third day on Wednesday with no sign of talks resuming.
About 5,000 dock workers joined the strike, the Harbour Workers Union said on Wednesday.
Shipping agents said 31 container ships were waiting at anchor outside the harbour.
Grain exporters warned that harvest shipments would be delayed by at least two weeks.
Port Minister Anton Reyes said the government would reopen negotiations once the blockade ended.
""",
    "blog": """Dockworkers at the port of Harwick walked off the job on Monday, halting cargo traffic at the country's busiest harbour.
The government sent troops to clear the blockade at the port of Harwick on Thursday.
Acting Port Minister Anton Reyes said 40 container ships were waiting at anchor outside the harbour.
Grain exporters said harvest shipments would be delayed by two weeks at least.
""",
}
ORDER = ["wire", "daily", "weekly", "evening", "blog"]


def write(folder: Path, texts: dict[str, str]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def small_reports(count: int) -> dict[str, str]:
    """Return `count` two-sentence reports, each a different text."""
    return {
        f"council-{n:03d}": (
            f"The council of district {n} approved a budget of {n * 3 + 7} million crowns on Monday.\n"
            f"Councillors said the vote in district {n} followed {n % 9 + 2} weeks of debate.\n"
        )
        for n in range(count)
    }


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def start_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


Statistics = tuple[dict[str, int], dict[str, int], int, dict[tuple[str, int], int]]


def recount(database: Path) -> Statistics:
    """Count the document frequencies again from the stored claims: what the statistics must say.

    Word terms and character n-grams over the indexed claims' texts; concepts over the frames
    of the comparable claims, by their content-word count.
    """
    rules = load_rules()
    word_analyse, char_analyse = term_analysers(compile_aliases(rules.lexicon("aliases")))
    words: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    concepts: Counter[tuple[str, int]] = Counter()
    with sqlite3.connect(database) as db:
        texts = [json.loads(record)["text"] for (record,) in db.execute("SELECT record FROM claims WHERE indexed")]
        comparable = db.execute("SELECT words, record FROM claims WHERE comparable").fetchall()
    for text in texts:
        words.update(set(word_analyse(text)))
        chars.update(set(char_analyse(text)))
    for count, record in comparable:
        frame = read_frame(corpus_module._claim_from_record("", record), vocabulary(rules))
        concepts.update((concept, count) for concept in frame.content)
    return dict(words), dict(chars), len(texts), dict(concepts)


def statistics(database: Path) -> Statistics:
    """Return the stored document frequencies, the count of indexed claims and the concept counts."""
    with sqlite3.connect(database) as db:
        words = dict(db.execute("SELECT term, df FROM word_terms"))
        chars = dict(db.execute("SELECT term, df FROM char_terms"))
        documents = db.execute("SELECT value FROM properties WHERE key = 'indexed_claims'").fetchone()[0]
        concepts = {(term, count): df for term, count, df in db.execute("SELECT term, words, df FROM concepts")}
    return words, chars, documents, concepts


def blocking_keys_stored(database: Path) -> set[tuple[str, int, str, str]]:
    """Return every stored blocking key with its claim, as (article id, claim number, concept, word)."""
    with sqlite3.connect(database) as db:
        return set(db.execute(
            "SELECT a.name, c.number, b.concept, b.word FROM blocking b JOIN claims c ON c.id = b.claim JOIN articles a ON a.id = c.article"
        ))


def assert_consistent(database: Path) -> None:
    """The file passes SQLite's integrity check and its statistics match its claims, to the last term."""
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article FROM claims)").fetchone()[0] == 0
    assert statistics(database) == recount(database)


def stored_count(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def test_add_stores_every_article_with_its_claims(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    database = tmp_path / "corpus.sqlite"
    with Corpus(database, create=True) as corpus:
        result = corpus.add([paths[name] for name in ORDER[:3]])
        stored = corpus.articles()
        stats = corpus.stats()
    expected = checker.check([paths[name] for name in ORDER[:3]])
    assert [name for _, name in result.added] == ORDER[:3] and not result.existing and not result.skipped
    assert [a.id for a in stored] == ORDER[:3]
    assert [a.claims for a in stored] == [len(a.claims) for a in expected.articles]
    assert stats["articles"] == 3 and stats["claims"] == sum(len(a.claims) for a in expected.articles)
    assert stats["schema_version"] == SCHEMA_VERSION
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert_consistent(database)


def test_adding_the_same_text_again_is_a_no_op_and_says_so(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    copy = tmp_path / "elsewhere" / "renamed.txt"
    copy.parent.mkdir()
    shutil.copy(paths["wire"], copy)
    database = tmp_path / "corpus.sqlite"
    first = run_cli("corpus", "add", str(paths["wire"]), str(paths["daily"]), "--corpus", str(database))
    assert first.returncode == 0, first.stderr
    before = database.read_bytes(), statistics(database)
    again = run_cli("corpus", "add", str(paths["wire"]), str(copy), "--corpus", str(database))
    assert again.returncode == 0, again.stderr
    assert f"already stored: {paths['wire']} as wire" in again.stdout
    assert f"already stored: {copy} as wire" in again.stdout
    assert "added 0 articles, 2 already stored, 0 skipped" in again.stdout
    assert statistics(database) == before[1] and stored_count(database) == 2


def test_two_files_with_one_stem_get_distinct_ids(tmp_path: Path) -> None:
    first = write(tmp_path / "a", {"story": ARTICLES["wire"]})["story"]
    second = write(tmp_path / "b", {"story": ARTICLES["daily"]})["story"]
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        corpus.add([first])
        corpus.add([second])
        assert [a.id for a in corpus.articles()] == ["story", "story-2"]


def only_new(pairs: tuple[checker.Pair, ...], new: set[str]) -> list[checker.Pair]:
    return [p for p in pairs if p.a.rpartition(":")[0] in new or p.b.rpartition(":")[0] in new]


@pytest.mark.parametrize("stored", [2, 3])
@pytest.mark.parametrize(("top_k", "common_term_claims"), [(10, search.COMMON_TERM_CLAIMS), (1, search.COMMON_TERM_CLAIMS), (10, 3)])
def test_check_against_the_corpus_equals_a_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: int, top_k: int, common_term_claims: int
) -> None:
    """Pairs with a new claim, and the new articles' duplicates, are those of one check of everything.

    With one candidate per claim the top-k search binds, so a stored claim's own nearest
    neighbours decide some pairs: the corpus must find those too. With a low bound on the
    claims a searched term may have, the search leaves out common terms, as on a large corpus.
    """
    monkeypatch.setattr(search, "COMMON_TERM_CLAIMS", common_term_claims)
    rules_folder = tmp_path / "rules"
    shutil.copytree(default_rules_folder(), rules_folder)
    thresholds = rules_folder / "thresholds.toml"
    text = thresholds.read_text(encoding="utf-8")
    assert "candidates_per_claim = 10" in text
    thresholds.write_text(text.replace("candidates_per_claim = 10", f"candidates_per_claim = {top_k}"), encoding="utf-8")
    rules = load_rules(rules_folder)
    paths = write(tmp_path / "in", ARTICLES)
    ordered = [paths[name] for name in ORDER]
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        corpus.add(ordered[:stored], rules)
        incremental = corpus.check(ordered[stored:], rules=rules)
    full = checker.check(ordered, rules=rules)
    new = set(ORDER[stored:])
    expected = only_new(full.pairs, new)
    assert list(incremental.pairs) == expected
    relations = {p.relation for p in expected}
    assert {"agrees", "conflicts"} <= relations
    stored_ids = {a.id for a in incremental.articles if a.stored}
    assert stored_ids and stored_ids <= set(ORDER[:stored])
    assert any(p.a.rpartition(":")[0] in stored_ids for p in expected)
    by_id = {a.id: a for a in full.articles}
    for article in incremental.articles:
        assert article.claims == by_id[article.id].claims
        if not article.stored:
            assert article.duplicates == by_id[article.id].duplicates


def test_a_check_against_an_empty_corpus_is_a_plain_check(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", {**ARTICLES, "headline": "Harwick port strike\n"})
    ordered = [paths[name] for name in [*ORDER, "headline"]]
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        report = corpus.check(ordered)
        alone = corpus.check([paths["headline"]])  # nothing in it to compare
    full = checker.check(ordered)
    assert report.pairs == full.pairs and report.pairs
    assert [a.id for a in report.articles] == [a.id for a in full.articles]
    assert alone.pairs == () and [a.id for a in alone.articles] == ["headline"]


def test_check_skips_texts_already_stored_and_add_stores_the_new_ones(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    database = tmp_path / "corpus.sqlite"
    with Corpus(database, create=True) as corpus:
        corpus.add([paths["wire"], paths["daily"]])
        report = corpus.check([paths["daily"], paths["evening"]])
        assert [s.reason for s in report.skipped] == ["already in the corpus as daily"]
        result = corpus.add_checked(report)
        assert result.added == [(str(paths["evening"]), "evening")]
        assert [a.id for a in corpus.articles()] == ["wire", "daily", "evening"]
    assert_consistent(database)


def test_check_cli_marks_stored_articles_and_sides_and_adds(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    database = tmp_path / "corpus.sqlite"
    added = runner.invoke(app, ["corpus", "add", str(paths["wire"]), str(paths["daily"]), "--corpus", str(database)])
    assert added.exit_code == 0, added.output
    report_path = tmp_path / "report.json"
    result = runner.invoke(
        app, ["check", str(paths["evening"]), "--corpus", str(database), "--add", "--json", str(report_path)]
    )
    assert result.exit_code == 0, result.output
    assert f"corpus {database}: stored 1 new article" in result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["corpus"] == {"path": str(database), "articles": 2, "claims": report["corpus"]["claims"]}
    flags = {a["id"]: a["stored"] for a in report["articles"]}
    assert flags["evening"] is False and flags.get("wire") is True
    assert report["pairs"] and all(p["sides"] == {"a": "stored", "b": "new"} for p in report["pairs"])
    listed = runner.invoke(app, ["corpus", "list", "--corpus", str(database), "--json"])
    assert [a["id"] for a in json.loads(listed.output)] == ["wire", "daily", "evening"]
    again = runner.invoke(app, ["check", str(paths["evening"]), "--corpus", str(database), "--out", str(tmp_path / "r")])
    assert again.exit_code == 2
    assert "already in the corpus as evening" in again.output and "error: no checkable article" in again.output


def test_the_corpus_file_comes_from_the_environment_when_not_given(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    database = tmp_path / "elsewhere.sqlite"
    added = runner.invoke(app, ["corpus", "add", str(paths["wire"])], env={"CHECKER_CORPUS": str(database)})
    assert added.exit_code == 0, added.output
    stats = runner.invoke(app, ["corpus", "stats", "--json"], env={"CHECKER_CORPUS": str(database)})
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["articles"] == 1 and json.loads(stats.output)["claims"] > 0


def test_remove_takes_an_article_out_of_every_statistic(tmp_path: Path) -> None:
    paths = write(tmp_path / "in", ARTICLES)
    both, alone = tmp_path / "both.sqlite", tmp_path / "alone.sqlite"
    with Corpus(both, create=True) as corpus:
        corpus.add([paths["wire"], paths["daily"], paths["weekly"]])
        removed = corpus.remove("daily")
        assert removed.id == "daily" and [a.id for a in corpus.articles()] == ["wire", "weekly"]
        with pytest.raises(CorpusError, match="no stored article with id 'daily'"):
            corpus.remove("daily")
    with Corpus(alone, create=True) as corpus:
        corpus.add([paths["wire"], paths["weekly"]])
    assert statistics(both) == statistics(alone)
    assert_consistent(both)


def test_a_killed_add_keeps_its_committed_batches_and_a_rerun_completes_it(tmp_path: Path) -> None:
    texts = small_reports(120)
    folder = tmp_path / "in"
    write(folder, texts)
    database = tmp_path / "corpus.sqlite"
    process = start_cli("corpus", "add", str(folder), "--corpus", str(database), "--batch", "3")
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
        try:
            stored = stored_count(database)
        except sqlite3.Error:  # not made yet, or mid-creation
            stored = 0
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the add finished before it could be killed"
    kept = stored_count(database)
    assert 0 < kept < len(texts) and kept % 3 == 0
    assert_consistent(database)
    rerun = run_cli("corpus", "add", str(folder), "--corpus", str(database), "--batch", "3")
    assert rerun.returncode == 0, rerun.stderr
    assert f"added {len(texts) - kept} articles, {kept} already stored, 0 skipped" in rerun.stdout
    assert stored_count(database) == len(texts)
    assert_consistent(database)


def test_two_adds_at_once_on_one_file_both_finish_with_every_article(tmp_path: Path) -> None:
    texts = small_reports(50)
    names = sorted(texts)
    first, second = tmp_path / "first", tmp_path / "second"
    write(first, {name: texts[name] for name in names[:30]})
    write(second, {name: texts[name] for name in names[20:]})  # ten texts in both folders
    database = tmp_path / "corpus.sqlite"
    processes = [start_cli("corpus", "add", str(f), "--corpus", str(database), "--batch", "2") for f in (first, second)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode == 0, err
    added = sum(int(out.split("added ")[1].split()[0]) for out, _ in outputs)
    assert added == len(texts) == stored_count(database)
    with sqlite3.connect(database) as db:
        assert sorted(row[0] for row in db.execute("SELECT name FROM articles")) == names
    assert_consistent(database)


def test_a_file_that_is_not_sqlite_gives_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "notes.sqlite"
    database.write_text("These are notes, not a database.\n" * 200, encoding="utf-8")
    before = database.read_bytes()
    result = run_cli("corpus", "stats", "--corpus", str(database))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {database}: not a checker corpus") and "Traceback" not in result.stderr
    assert database.read_bytes() == before


def test_another_programs_sqlite_file_gives_a_clear_error(tmp_path: Path) -> None:
    database = tmp_path / "app.db"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    before = database.read_bytes()
    for command in (["corpus", "list"], ["corpus", "add", str(ROOT / "seeds")]):
        result = runner.invoke(app, [*command, "--corpus", str(database)])
        assert result.exit_code == 2
        assert result.output.strip() == f"error: {database}: an SQLite database of another program, not a checker corpus"
    assert database.read_bytes() == before


def test_a_newer_schema_gives_a_clear_error(tmp_path: Path) -> None:
    database = tmp_path / "corpus.sqlite"
    Corpus(database, create=True).close()
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO schema_version (version, applied) VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    with pytest.raises(CorpusError, match=f"schema version {SCHEMA_VERSION + 1} is newer than this checker reads"):
        Corpus(database)
    result = runner.invoke(app, ["corpus", "stats", "--corpus", str(database)])
    assert result.exit_code == 2 and "is newer than this checker reads" in result.output


def test_a_missing_corpus_is_an_error_for_reading_commands(tmp_path: Path) -> None:
    database = tmp_path / "none.sqlite"
    for command in (["corpus", "list"], ["corpus", "stats"], ["corpus", "remove", "x"], ["check", str(ROOT / "seeds")]):
        result = runner.invoke(app, [*command, "--corpus", str(database)])
        assert result.exit_code == 2 and "no corpus there" in result.output, command
    assert not database.exists()
    result = runner.invoke(app, ["check", str(ROOT / "seeds"), "--add"])
    assert result.exit_code == 2 and "--add needs --corpus FILE" in result.output


def test_an_empty_file_becomes_a_corpus_at_the_current_version(tmp_path: Path) -> None:
    database = tmp_path / "corpus.sqlite"
    database.touch()
    with Corpus(database) as corpus:
        assert corpus.stats()["schema_version"] == SCHEMA_VERSION
    with sqlite3.connect(database) as db:
        assert [row[0] for row in db.execute("SELECT version FROM schema_version")] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("command", [["corpus"], ["corpus", "add"], ["corpus", "list"], ["corpus", "stats"], ["corpus", "remove"]])
def test_every_corpus_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_near_repeats_past_the_top_k_are_found_as_in_a_full_check(tmp_path: Path) -> None:
    """A sentence that several stored stories carry, nearly word for word, pairs with each of them
    even when the top-k search keeps only one neighbour."""
    rules_folder = tmp_path / "rules"
    shutil.copytree(default_rules_folder(), rules_folder)
    thresholds = rules_folder / "thresholds.toml"
    text = thresholds.read_text(encoding="utf-8")
    thresholds.write_text(text.replace("candidates_per_claim = 10", "candidates_per_claim = 1"), encoding="utf-8")
    rules = load_rules(rules_folder)
    template = "The regional port authority said the northern container terminal {} reopen on Friday morning after repairs."
    stories = {
        f"story{n}": f"date: 2025-03-0{n + 1}\n\n{template.format(verb)}\n"
        for n, verb in enumerate(["will", "would", "is set to", "is expected to"])
    }
    paths = write(tmp_path / "in", stories)
    ordered = [paths[name] for name in sorted(stories)]
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        corpus.add(ordered[:3], rules)
        incremental = corpus.check(ordered[3:], rules=rules)
    full = checker.check(ordered, rules=rules)
    expected = only_new(full.pairs, {"story3"})
    assert len(expected) == 3
    assert list(incremental.pairs) == expected


def test_titles_against_the_corpus_are_read_by_class_as_in_a_full_check(tmp_path: Path) -> None:
    """"Sitting Mayor" restates "Mayor" and "former Mayor" changes it, against stored claims as in one check."""
    stories = {
        "first": "date: 2025-05-02\n\nMayor Lena Ortiz cut the ribbon on the new bridge over the Vell river on Friday.\n",
        "second": "date: 2025-05-03\n\nSitting Mayor Lena Ortiz warned that tolls on the crossing would rise next spring.\n",
        "third": "date: 2025-05-04\n\nFormer Mayor Lena Ortiz told reporters that the crossing had cost far more than planned.\n",
    }
    paths = write(tmp_path / "in", stories)
    ordered = [paths[name] for name in stories]
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        corpus.add(ordered[:1])
        incremental = corpus.check(ordered[1:])
    full = checker.check(ordered)
    assert list(incremental.pairs) == only_new(full.pairs, {"second", "third"})
    qualified = {(p.a, p.b) for p in incremental.pairs if any(c.type == "qualifier" for c in p.conflicts)}
    assert ("first:1", "third:1") in qualified
    assert ("first:1", "second:1") not in qualified


def test_a_version_1_corpus_gets_its_blocking_keys_on_opening_and_checks_as_a_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus written by version 1, which kept no blocking keys or concept counts, is migrated when opened:
    the keys are read from the stored claims' descriptions, the same as adding the articles now stores."""
    paths = write(tmp_path / "in", ARTICLES)
    ordered = [paths[name] for name in ORDER]
    old, fresh = tmp_path / "old.sqlite", tmp_path / "fresh.sqlite"
    with monkeypatch.context() as version_1:
        version_1.setattr(corpus_module, "SCHEMA_VERSION", 1)
        version_1.setattr(corpus_module, "MIGRATIONS", MIGRATIONS[:1])
        version_1.setattr(corpus_module, "_store_frame", lambda *_: None)
        with Corpus(old, create=True) as corpus:
            corpus.add(ordered[:3])
    with sqlite3.connect(old) as db:
        assert [row[0] for row in db.execute("SELECT version FROM schema_version")] == [1]
        assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'blocking'").fetchone() is None
    with Corpus(fresh, create=True) as corpus:
        corpus.add(ordered[:3])
    monkeypatch.setattr(corpus_module, "MIGRATION_CLAIMS", 2)  # the claims are read in several shares
    with Corpus(old) as corpus:
        assert corpus.stats()["schema_version"] == SCHEMA_VERSION == 2
        incremental = corpus.check(ordered[3:])
    assert blocking_keys_stored(old) == blocking_keys_stored(fresh) != set()
    assert statistics(old) == statistics(fresh)
    assert_consistent(old)
    full = checker.check(ordered)
    assert list(incremental.pairs) == only_new(full.pairs, set(ORDER[3:]))


def test_claims_that_share_only_a_concept_pair_against_the_corpus_as_in_a_full_check(tmp_path: Path) -> None:
    """"Nineteen residents were killed" and "At least 23 villagers perished" share no word, so no
    similarity search pairs them; alignment's blocking meets them on the count of the dead, and
    the check against the corpus finds the conflict as a check of both articles does."""
    stories = {
        "gazette": (
            "date: 2025-06-10\n\nA storm swept across the island of Telmora on Monday, flattening crops near the village of Quessant.\n"
            "Nineteen residents were killed, officials in the capital said.\n"
            "The ferry link between Telmora and Quessant was suspended until Wednesday.\n"
        ),
        "courier": (
            "date: 2025-06-11\n\nThe gale that struck Telmora on Monday tore roofs from houses in Quessant.\n"
            "At least 23 villagers perished overnight.\n"
            "Harbour crews in Quessant began clearing fallen trees from the quay on Tuesday.\n"
        ),
    }
    paths = write(tmp_path / "in", stories)
    with Corpus(tmp_path / "corpus.sqlite", create=True) as corpus:
        corpus.add([paths["gazette"]])
        incremental = corpus.check([paths["courier"]])
    full = checker.check([paths["gazette"], paths["courier"]])
    assert list(incremental.pairs) == list(full.pairs)
    texts = {c.id: c.text for a in full.articles for c in a.claims}
    deaths = [p for p in full.pairs if p.relation == "conflicts"]
    assert [(p.a, p.b, [c.type for c in p.conflicts]) for p in deaths] == [("gazette:2", "courier:2", ["number"])]
    assert texts["courier:2"] == "At least 23 villagers perished overnight."
    assert not set(content_tokens(texts["gazette:2"])) & set(content_tokens(texts["courier:2"]))
