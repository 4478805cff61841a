"""Times of day read into a claim's frame, and two claims placed at one time aligned by it."""

from __future__ import annotations

import numpy as np
import pytest

import checker
from checker.align import read_frame, vocabulary
from checker.classify import Context, classify, qualifier_classes
from checker.match import Candidate
from checker.model import Claim, Pair
from tests.conftest import describe_sentences

RULES = checker.load_rules()
WORDS = vocabulary(RULES)


def times(sentence: str) -> tuple[tuple[int, int], ...]:
    return read_frame(describe_sentences(RULES, [sentence])[0], WORDS).times


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The alarm sounded at 11:40 pm on Friday.", ((23 * 60 + 40, 0),)),
        ("The alarm sounded at 3pm on Friday.", ((15 * 60, 0),)),
        ("The alarm sounded at 3 p.m. local time.", ((15 * 60, 0),)),
        ("The alarm sounded at twelve o'clock at night.", ((0, 0),)),
        ("The alarm sounded at eleven o'clock at night.", ((23 * 60, 0),)),
        ("The alarm sounded shortly after two o'clock in the morning.", ((2 * 60, 30),)),
        ("The alarm sounded at about 2:15 a.m. on Saturday.", ((2 * 60 + 15, 30),)),
        ("The alarm sounded at two o'clock.", ((2 * 60, 0), (14 * 60, 0))),
        ("The alarm sounded at midnight.", ((0, 0),)),
        ("The alarm sounded at noon.", ((12 * 60, 0),)),
        ("The alarm sounded at twenty past ten on Thursday night.", ((22 * 60 + 20, 0),)),
        ("The alarm sounded at half past two in the morning.", ((2 * 60 + 30, 0),)),
        ("The alarm sounded at a quarter to six in the evening.", ((17 * 60 + 45, 0),)),
        ("The alarm sounded at ten to seven.", ((6 * 60 + 50, 0), (18 * 60 + 50, 0))),
        ("The alarm sounded at 25 minutes past four on Friday afternoon.", ((16 * 60 + 25, 0),)),
        ("The alarm sounded in 2019 at 10 stations.", ()),
        ("I am told 5 men came.", ()),
    ],
)
def test_times_of_day_in_figures_and_words(sentence: str, expected: tuple[tuple[int, int], ...]) -> None:
    assert times(sentence) == expected


def classified(a: Claim, b: Claim, probability: float) -> Pair | None:
    context = Context(WORDS, qualifier_classes(RULES), occasion_cues=RULES.lexicon_pattern("other_occasion_cues"))
    return classify(Candidate(a, b, probability, np.zeros(1)), RULES, context)


def relation(first: str, second: str) -> str | None:
    """Return the relation of two claims the scorer finds unlike."""
    pair = classified(*describe_sentences(RULES, [first, second]), 0.05)
    return pair.relation if pair else None


def test_one_happening_at_one_time_told_in_words_and_figures_agrees() -> None:
    # Little else in common: the time and the alarm make them one statement.
    assert relation(
        "Night staff at the Harwick depot heard the fire alarm at about 2:15 a.m., according to the union.",
        "The fire alarm went off shortly after two o'clock in the morning while the depot was empty of trains and crews.",
    ) == "agrees"
    assert relation(
        "Night staff at the Harwick depot heard the fire alarm at about 8:15 p.m., according to the union.",
        "The fire alarm went off shortly after two o'clock in the morning while the depot was empty of trains and crews.",
    ) is None


def told(first: str, second: str) -> tuple[str, list[tuple[str, str, str]]] | None:
    """Return the relation of two claims the scorer calls one statement, with their conflicts."""
    pair = classified(*describe_sentences(RULES, [first, second]), 0.9)
    return (pair.relation, [(c.type, c.a, c.b) for c in pair.conflicts]) if pair else None


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("The warehouse fire started at 11 pm on Monday.", "The warehouse fire started at 4 am on Monday.", ("11 pm", "4 am")),
        ("The blaze erupted shortly after noon.", "The blaze erupted at 5pm.", ("noon", "5pm")),
        ("The roof collapsed at 23:10.", "The roof collapsed at 03:10.", ("23:10", "03:10")),
        ("The roof collapsed at half past two in the morning.", "The roof collapsed at 9.30 pm.", ("half past two in the morning", "9.30 pm")),
        ("The roof collapsed at 11 am.", "The roof collapsed at 11 pm.", ("11 am", "11 pm")),
        # A figure elsewhere in the claim leaves its time a time.
        ("The roof collapsed at 11 pm, injuring 12 people.", "The roof collapsed at 4 am, injuring 12 people.", ("11 pm", "4 am")),
        ("The roof collapsed at 3 p.m.", "The roof collapsed at 9 a.m.", ("3 p.m.", "9 a.m.")),
    ],
)
def test_one_happening_at_two_times_of_day_conflicts(first: str, second: str, shown: tuple[str, str]) -> None:
    assert told(first, second) == ("conflicts", [("date", *shown)])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # One time told two ways: without am or pm, or roughly.
        ("The warehouse fire started at 11:40.", "The warehouse fire started at 11:40 pm."),
        ("The warehouse fire started at about 11:40 pm.", "The warehouse fire started shortly before midnight."),
        # A limit is no time of the happening: under control by 3 am may be at 1 am.
        ("The warehouse fire was brought under control by 3 a.m.", "The warehouse fire was brought under control at 1 a.m."),
        # Within SAME_TIME_MINUTES, one time told two ways.
        ("The warehouse fire started at 11:40 pm.", "The warehouse fire started at 11:45 pm."),
        # What lasts holds at both times, told so on either side.
        ("The warehouse fire was still burning at 3 a.m.", "The warehouse fire was still burning at 9 a.m."),
        ("The warehouse fire was still burning at 3 a.m.", "The warehouse fire was burning at 9 a.m."),
        # When it was told, not when it happened.
        ("Police said at 3 pm that the warehouse fire had been put out.", "Police said at 9 am that the warehouse fire had been put out."),
        # Two times in one claim tell two moments.
        ("The warehouse fire started at 11 pm and burned until 6 am.", "The warehouse fire started at 2 am."),
        # A price, not a time.
        ("Crude oil rose to 17.00 dlrs a barrel on Monday.", "Crude oil rose to 18.25 dlrs a barrel on Monday."),
    ],
)
def test_times_that_may_both_hold_do_not_conflict(first: str, second: str) -> None:
    result = told(first, second)
    assert result is not None and all(kind != "date" for kind, _, _ in result[1])


def test_a_price_is_no_time_wherever_its_claim_starts() -> None:
    # Figures are read at their offsets in the article: the claims here do not open it.
    _, a, b = describe_sentences(RULES, ["Oil traders were busy.", "Crude oil traded at 17.00 dlrs a barrel on Monday.", "Crude oil traded at 18.25 dlrs a barrel on Monday."])
    pair = classified(a, b, 0.9)
    assert pair is not None and all(c.type != "date" for c in pair.conflicts)
