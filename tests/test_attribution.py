"""attribution.py: who a claim comes from."""

from __future__ import annotations

from pathlib import Path

from checker.describe import describe_claims
from checker.model import Article, Claim
from checker.rules import load_rules

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def describe_all(sentences: list[str]) -> tuple[Claim, ...]:
    text = " ".join(sentences)
    claims, position = [], 0
    for n, sentence in enumerate(sentences, start=1):
        start = text.index(sentence, position)
        position = start + len(sentence)
        claims.append(Claim(id=f"a:{n}", text=sentence, start=start, end=position, line=1, kind="claim"))
    return describe_claims(Article(id="a", path="a.txt", text=text), tuple(claims), RULES)


def test_a_participle_of_saying_goes_to_the_sentence_subject() -> None:
    (claim,) = describe_all(["Lena Brandt ruled out a strike, saying the union would talk."])
    assert claim.attribution == "Lena Brandt"
    _, pronoun = describe_all(["Lena Brandt said talks were over.", "She ruled out a strike, saying the union would talk."])
    assert pronoun.attribution == "Lena Brandt"


def test_a_common_noun_source_ends_before_a_preposition() -> None:
    (claim,) = describe_all(["The ferry sailed late, according to a notice on the port website."])
    assert claim.attribution == "notice"
