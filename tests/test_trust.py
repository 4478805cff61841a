"""checker.trust: agreement-based trust, copies as one voice, updates that cost nothing, order independence."""

from __future__ import annotations

import itertools
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import checker
from checker.model import Article, Claim, ClaimTrust, Conflict, Quantity
from checker.report import to_json, to_markdown
from checker.trust import assess_trust, closeness_implication, number_closeness

RULES = Path(__file__).resolve().parents[1] / "rules"

FLOOD = "The river flood destroyed 40 homes in the town of Tamsk on Tuesday, the regional governor said."
FLOOD_REWORDED = "On Tuesday the flood on the river destroyed 40 homes in Tamsk, according to the regional governor."
FLOOD_AGAIN = "Forty homes in Tamsk were destroyed by the river flood on Tuesday, the regional governor said."
UNRELATED = "The national football team will play its next qualifying match in Lisbon in October."


def write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(folder: Path, articles: dict[str, str], **options: object) -> checker.Report:
    return checker.check(write(folder, articles), **options)  # type: ignore[arg-type]


def dated(day: str, *sentences: str) -> str:
    return f"date {day}\n\n" + "\n\n".join(sentences) + "\n"


def article(report: checker.Report, article_id: str) -> Article:
    return next(a for a in report.articles if a.id == article_id)


def claim_trust(report: checker.Report, claim_id: str) -> ClaimTrust:
    trust = article(report, claim_id.rsplit(":", 1)[0]).trust
    assert trust is not None
    return next(c for c in trust.claims if c.id == claim_id)


def score(report: checker.Report, article_id: str) -> int | None:
    trust = article(report, article_id).trust
    assert trust is not None
    return trust.score


# Corroboration


def test_three_independent_sources_agreeing_beat_one_source_alone(tmp_path: Path) -> None:
    day = "2025-03-04"
    alone = run(tmp_path / "alone", {"a": dated(day, FLOOD), "z": dated(day, UNRELATED)})
    two = run(tmp_path / "two", {"a": dated(day, FLOOD), "b": dated(day, FLOOD_REWORDED)})
    three = run(tmp_path / "three", {"a": dated(day, FLOOD), "b": dated(day, FLOOD_REWORDED), "c": dated(day, FLOOD_AGAIN)})

    lone = article(alone, "a").trust
    assert lone is not None and lone.score is None and lone.status == "not corroborated"
    assert lone.claims == () and lone.single_source == ("a:1",)
    assert claim_trust(two, "a:1").effect == "earned"
    assert claim_trust(three, "a:1").support == ("b:1", "c:1")
    assert claim_trust(three, "a:1").confidence > claim_trust(two, "a:1").confidence
    assert score(three, "a") > score(two, "a") > round(100 * checker.load_rules().trust.initial_trust)
    assert article(three, "a").trust.single_source == ()  # type: ignore[union-attr]


def test_a_wire_copy_does_not_double_a_claims_support(tmp_path: Path) -> None:
    wire = [
        FLOOD,
        "Rescue teams evacuated three hundred residents from the low-lying eastern districts overnight.",
        "The regional government has opened two emergency shelters in the municipal sports hall.",
        "Forecasters expect the water level to fall slowly over the coming weekend.",
    ]
    original = dated("2025-03-04", *wire)
    copy = dated("2025-03-05", *wire, "This report was distributed by a regional news agency.")
    independent = dated(
        "2025-03-05",
        FLOOD_AGAIN,
        "Local farmers said the harvest in the valley was lost for the second year running.",
    )
    witness = dated("2025-03-04", FLOOD_REWORDED)

    with_copy = run(tmp_path / "copy", {"a": original, "w": copy, "c": witness})
    without = run(tmp_path / "plain", {"a": original, "c": witness})
    with_independent = run(tmp_path / "independent", {"a": original, "d": independent, "c": witness})

    assert with_copy.trust is not None
    [found] = with_copy.trust.copies
    assert (found.article, found.original, found.claims) == ("w", "a", 4) and found.share == pytest.approx(0.8)
    assert article(with_copy, "w").trust.copies == (found,)  # type: ignore[union-attr]
    assert claim_trust(with_copy, "c:1").confidence == claim_trust(without, "c:1").confidence
    assert claim_trust(with_independent, "c:1").confidence > claim_trust(without, "c:1").confidence
    # The copy and its original do not corroborate each other.
    assert claim_trust(with_copy, "a:1").support == ("c:1",)
    assert article(with_copy, "a").trust.claims == (claim_trust(with_copy, "a:1"),)  # type: ignore[union-attr]
    markdown = to_markdown(with_copy)
    assert "`w` copies `a`: 4 claims, 80% of its claims" in markdown


# Contradiction, updates, hedging, close numbers


def test_a_source_contradicted_by_two_independent_sources_loses_trust(tmp_path: Path) -> None:
    day = "2025-03-04"
    claim_52 = "The government released 52 political prisoners from the Minsk jail on Monday."
    claim_3 = "The government released 3 political prisoners from the Minsk jail on Monday."
    claim_3_again = "On Monday the government freed 3 political prisoners held in the Minsk jail."
    one = run(tmp_path / "one", {"a": dated(day, claim_52), "b": dated(day, claim_3)})
    two = run(tmp_path / "two", {"a": dated(day, claim_52), "b": dated(day, claim_3), "c": dated(day, claim_3_again)})

    contradicted = claim_trust(two, "a:1")
    assert contradicted.effect == "cost" and contradicted.contradiction == ("b:1", "c:1")
    assert score(two, "a") < score(one, "a") < round(100 * checker.load_rules().trust.initial_trust)
    assert score(two, "a") < min(score(two, "b"), score(two, "c"))  # type: ignore[type-var]
    assert claim_trust(two, "a:1").confidence < 0.5 < claim_trust(two, "b:1").confidence


def test_a_later_higher_casualty_count_is_an_update_that_costs_no_trust(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        {
            "a": dated("2025-03-01", "The earthquake killed 12 people in the coastal city of Izmir on Saturday, the governor said."),
            "b": dated("2025-03-04", "The earthquake killed 40 people in the coastal city of Izmir, the governor said on Tuesday."),
        },
    )
    [pair] = report.pairs
    assert pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("a:1", "b:1")
    assert (pair.update.earlier_value, pair.update.later_value) == ("12 people", "40 people")
    assert "2025-03-01" in pair.update.reason and "2025-03-04" in pair.update.reason
    for article_id in ("a", "b"):
        trust = article(report, article_id).trust
        assert trust is not None and trust.status == "not corroborated" and trust.claims == ()
        assert all(signal.rule != "X102" for signal in article(report, article_id).reliability.signals)  # type: ignore[union-attr]


def test_an_update_cue_orders_two_counts_given_for_the_same_day(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        {
            "a": dated("2025-03-01", "The earthquake killed 12 people in the coastal city of Izmir on Saturday, the governor said."),
            "b": dated(
                "2025-03-01",
                "The death toll from the earthquake in the coastal city of Izmir on Saturday rose to 40 people, the governor said.",
            ),
        },
    )
    [pair] = report.pairs
    assert pair.relation == "related" and pair.update is not None and pair.different_events is None
    assert (pair.update.earlier, pair.update.later) == ("a:1", "b:1")
    assert pair.update.reason == 'the later claim says "rose to"'
    assert article(report, "a").trust.claims == ()  # type: ignore[union-attr]


def test_an_update_cue_on_the_first_article_orders_the_counts_too(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        {
            "a": dated(
                "2025-03-01",
                "The death toll from the earthquake in the coastal city of Izmir on Saturday rose to 40 people, the governor said.",
            ),
            "b": dated("2025-03-01", "The earthquake killed 12 people in the coastal city of Izmir on Saturday, the governor said."),
        },
    )
    [pair] = report.pairs
    assert pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("b:1", "a:1")


def test_a_running_count_cue_on_both_sides_is_ordered_by_the_reports_dates(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        {
            "a": dated("2025-03-03", "Lifeboat crews have carried out 35 rescues off Izmir since the earthquake on 1 March."),
            "b": dated("2025-03-02", "Lifeboat crews have carried out 20 rescues off Izmir since the earthquake on 1 March."),
        },
    )
    [pair] = report.pairs
    assert pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("b:1", "a:1")
    assert "2025-03-02" in pair.update.reason and "since" in pair.update.reason


def test_the_same_counts_without_cue_or_dates_conflict(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        {
            "a": dated("2025-03-01", "Lifeboat crews carried out 35 rescues off the Izmir coast on Saturday, the coastguard said."),
            "b": dated("2025-03-01", "Lifeboat crews carried out 20 rescues off the Izmir coast on Saturday, the coastguard said."),
        },
    )
    [pair] = report.pairs
    assert pair.relation == "conflicts" and pair.update is None


def test_a_hedged_claim_weighs_less_than_a_confirmed_one(tmp_path: Path) -> None:
    day = "2025-03-01"
    confirmed = "Officials confirmed that the earthquake killed 3 people in Izmir on Saturday."
    hedged = run(tmp_path / "hedged", {"a": dated(day, "The earthquake reportedly killed 52 people in Izmir on Saturday."),
                                       "b": dated(day, confirmed)})
    plain = run(tmp_path / "plain", {"a": dated(day, "The earthquake killed 52 people in Izmir on Saturday."),
                                     "b": dated(day, confirmed)})
    assert hedged.claim("a:1").hedged and not plain.claim("a:1").hedged
    assert claim_trust(hedged, "b:1").confidence > claim_trust(hedged, "a:1").confidence
    assert claim_trust(plain, "b:1").confidence == pytest.approx(claim_trust(plain, "a:1").confidence, abs=0.01)
    assert claim_trust(hedged, "b:1").confidence > claim_trust(plain, "b:1").confidence
    assert score(hedged, "b") > score(plain, "b")  # type: ignore[operator]


def test_close_numbers_support_each_other_and_distant_ones_compete(tmp_path: Path) -> None:
    day = "2025-03-01"
    b = dated(day, "On Saturday the earthquake in Izmir killed 52 people, rescuers said.")
    close = run(tmp_path / "close", {"a": dated(day, "The earthquake in Izmir killed 50 people on Saturday, the mayor said."), "b": b})
    far = run(tmp_path / "far", {"a": dated(day, "The earthquake in Izmir killed 3 people on Saturday, the mayor said."), "b": b})
    assert [p.relation for p in close.pairs] == ["conflicts"] == [p.relation for p in far.pairs]
    assert claim_trust(close, "a:1").effect == "earned" and claim_trust(close, "a:1").support == ("b:1",)
    assert claim_trust(far, "a:1").effect == "cost" and claim_trust(far, "a:1").contradiction == ("b:1",)
    assert claim_trust(close, "a:1").confidence > claim_trust(far, "a:1").confidence


def quantity(value: str) -> Quantity:
    return Quantity(value=value, text=value, unit="people", start=0, end=len(value))


def number_claim(claim_id: str, value: str) -> Claim:
    return Claim(id=claim_id, text=f"{value} people", start=0, end=1, line=1, kind="claim", numbers=(quantity(value),))


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [("50", "52", 50 / 52), ("3", "52", 3 / 52), ("52", "52", 1.0), ("0", "7", 0.0), ("10000-99999", "120000", 1 - 20001 / 120000)],
)
def test_number_closeness_is_proportional(x: str, y: str, expected: float) -> None:
    conflict = Conflict("number", f"{x} people", f"{y} people")
    assert number_closeness(number_claim("a:1", x), number_claim("b:1", y), conflict) == pytest.approx(expected)


def test_closeness_maps_to_support_above_the_base_and_competition_below() -> None:
    assert closeness_implication(1.0, 0.5) == 1.0
    assert closeness_implication(0.0, 0.5) == -1.0
    assert closeness_implication(0.5, 0.5) == 0.0
    assert closeness_implication(50 / 52, 0.5) > 0 > closeness_implication(3 / 52, 0.5)


# Determinism and order


MIXED = {
    "a": dated("2025-03-04", FLOOD, "Rescue teams evacuated three hundred residents from the eastern districts overnight."),
    "b": dated("2025-03-04", FLOOD_REWORDED, "The regional government released 52 political prisoners on Monday."),
    "c": dated("2025-03-04", FLOOD_AGAIN, "The regional government released 3 political prisoners on Monday."),
    "d": dated("2025-03-05", FLOOD, "Rescue teams evacuated three hundred residents from the eastern districts overnight.",
               "A regional news agency distributed this report."),
    "e": dated("2025-03-09", "The river flood destroyed 70 homes in the town of Tamsk, the regional governor said on Sunday."),
}


def trust_view(report: checker.Report) -> dict[str, object]:
    data = json.loads(to_json(report))
    return {"articles": {a["id"]: a["trust"] for a in data["articles"]}, "run": data["trust"]}


def test_trust_is_identical_across_runs_and_input_orders(tmp_path: Path) -> None:
    paths = write(tmp_path, MIXED)
    first = checker.check(paths)
    assert first.trust is not None and first.trust.converged and [c.article for c in first.trust.copies] == ["d"]
    expected = trust_view(first)
    assert to_json(checker.check(paths)) == to_json(first)
    for order in (paths[::-1], [paths[2], paths[4], paths[0], paths[3], paths[1]]):
        assert trust_view(checker.check(order)) == expected


def test_assess_trust_ignores_the_order_of_articles_and_pairs(tmp_path: Path) -> None:
    report = checker.check(write(tmp_path, MIXED))
    rules = checker.load_rules()
    bare = [replace(a, trust=None) for a in report.articles]
    expected, run_info = assess_trust(bare, list(report.pairs), rules)
    for articles, pairs in itertools.islice(
        zip(itertools.permutations(bare), itertools.cycle([list(report.pairs)[::-1], list(report.pairs)])), 0, 120, 17
    ):
        result, again = assess_trust(list(articles), pairs, rules)
        assert {a.id: a.trust for a in result} == {a.id: a.trust for a in expected}
        assert again == run_info


# Parameters


def test_a_run_stopped_by_the_iteration_cap_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    toml = folder / "trust.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("max_iterations = 100", "max_iterations = 1"), encoding="utf-8")
    day = "2025-03-04"
    report = run(tmp_path / "in", {"a": dated(day, FLOOD), "b": dated(day, FLOOD_REWORDED)}, rules=checker.load_rules(folder))
    assert report.trust is not None and report.trust.iterations == 1 and not report.trust.converged
    assert report.settings["trust.max_iterations"] == 1
    assert "Stopped at `max_iterations` (1) before settling" in to_markdown(report)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("initial_trust = 0.9", "initial_trust = 1.5", "key 'initial_trust' must be in (0, 1), not 1.5"),
        ("max_trust = 0.99", "max_trust = 0.5", "key 'max_trust' must be above initial_trust"),
        ("max_iterations = 100", 'max_iterations = "many"', "key 'max_iterations' must be int, not str"),
        ('update_cues = "update_cues.txt"', 'update_cues = "nothing.txt"', "key 'update_cues' names a missing lexicon"),
        ("qualifier = 1.0", "qualifier = 2.0", "key 'conflict_weights.qualifier' must be in [0, 1], not 2.0"),
        ("entity = 1.0", "entity = 1.0\nnumber = 1.0", "unknown key 'conflict_weights.number'"),
        ("dampening = 1.0", "", "missing key 'dampening'"),
    ],
)
def test_trust_rules_are_validated_with_file_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    toml = folder / "trust.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(checker.RulesError) as raised:
        checker.load_rules(folder)
    assert str(raised.value) == f"{toml}: {message}" or str(raised.value).startswith(f"{toml}: {message}")
