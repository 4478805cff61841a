"""attribution.py: who a claim comes from."""

from __future__ import annotations

from pathlib import Path

from checker.model import Claim
from checker.rules import load_rules
from conftest import describe_sentences

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def describe_all(sentences: list[str]) -> tuple[Claim, ...]:
    return describe_sentences(RULES, sentences, one_line=True)


def test_a_participle_of_saying_goes_to_the_sentence_subject() -> None:
    (claim,) = describe_all(["Lena Brandt ruled out a strike, saying the union would talk."])
    assert claim.attribution == "Lena Brandt"
    _, pronoun = describe_all(["Lena Brandt said talks were over.", "She ruled out a strike, saying the union would talk."])
    assert pronoun.attribution == "Lena Brandt"


def test_a_common_noun_source_ends_before_a_preposition() -> None:
    (claim,) = describe_all(["The ferry sailed late, according to a notice on the port website."])
    assert claim.attribution == "notice"
