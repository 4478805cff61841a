"""Times of day read into a claim's frame, and two claims placed at one time aligned by it."""

from __future__ import annotations

import numpy as np
import pytest

import checker
from checker.align import read_frame, vocabulary
from checker.classify import Context, classify, qualifier_classes
from checker.match import Candidate
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


def relation(first: str, second: str) -> str | None:
    a, b = describe_sentences(RULES, [first, second])
    context = Context(WORDS, qualifier_classes(RULES), occasion_cues=RULES.lexicon_pattern("other_occasion_cues"))
    pair = classify(Candidate(a, b, 0.05, np.zeros(1)), RULES, context)
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
