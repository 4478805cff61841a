"""Segmenting: sentence ends, abbreviations, quotations, lists, furniture lines and offsets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Article, Claim
from checker.normalise import find_regions
from checker.rules import load_rules
from checker.segment import segment, split_sentences

RULES = load_rules(Path(__file__).parents[1] / "rules")
ABBREVIATIONS = frozenset(RULES.lexicon("abbreviations"))


def _claims(text: str) -> tuple[Claim, ...]:
    article = find_regions(Article(id="t", path="t.txt", text=text), RULES)
    return segment(article, RULES)


def _texts(text: str) -> list[str]:
    return [c.text for c in _claims(text)]


def _sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in split_sentences(text, 0, len(text), ABBREVIATIONS)]


def _assert_offsets(text: str, claims: tuple[Claim, ...]) -> None:
    previous_end = 0
    for number, claim in enumerate(claims, start=1):
        assert claim.id == f"t:{number}"
        assert previous_end <= claim.start < claim.end <= len(text)
        assert " ".join(text[claim.start : claim.end].split()) == claim.text
        assert claim.line == text.count("\n", 0, claim.start) + 1
        previous_end = claim.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials watched the drills. The U.S. Embassy said nothing.",
            ["U.S. officials watched the drills.", "The U.S. Embassy said nothing."],
        ),
        (
            "The drills worried the U.S. It sent two observers.",
            ["The drills worried the U.S.", "It sent two observers."],
        ),
        (
            "President Aleksandr G. Lukashenko freed 52 prisoners. The release followed talks.",
            ["President Aleksandr G. Lukashenko freed 52 prisoners.", "The release followed talks."],
        ),
        ("Gen. Viktor Khrenin inspected the troops on Monday.", ["Gen. Viktor Khrenin inspected the troops on Monday."]),
        ("The bill, listed as No. 3 on the agenda, passed.", ["The bill, listed as No. 3 on the agenda, passed."]),
        ("Mr. Ryzhenkov spoke first. He was brief.", ["Mr. Ryzhenkov spoke first.", "He was brief."]),
        ("Growth slowed to 2.5 percent. Exports fell 3.1 percent.", ["Growth slowed to 2.5 percent.", "Exports fell 3.1 percent."]),
        ("The ticket cost her $100.00. It was too much.", ["The ticket cost her $100.00.", "It was too much."]),
    ],
)
def test_abbreviations_initials_and_numbers_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_balanced_quotation_spanning_sentences_is_one_claim() -> None:
    claims = _claims("“NATO is at war. It is obvious,” he said. Then he left the room.")
    assert [c.text for c in claims] == ["“NATO is at war. It is obvious,” he said.", "Then he left the room."]
    assert claims[0].kind == "quote"
    assert _texts('"We are ready. We have waited," she said.') == ['"We are ready. We have waited," she said.']


def test_quotation_closed_by_a_sentence_end_splits_before_a_capital() -> None:
    assert _texts('She told him, "It is done." He nodded.') == ['She told him, "It is done."', "He nodded."]
    assert _texts('She told him, "It is done." he said.') == ['She told him, "It is done." he said.']


def test_bullet_lines_lose_their_marker() -> None:
    text = "-The result is final.\n-The appeal failed.\n• Talks resume in June."
    claims = _claims(text)
    assert [c.text for c in claims] == ["The result is final.", "The appeal failed.", "Talks resume in June."]
    assert all(text[c.start] == c.text[0] for c in claims)


def test_lines_without_final_punctuation_are_headings() -> None:
    claims = _claims("Talks Resume in Minsk\n\nThe talks resumed on Monday. Both sides attended.")
    assert [(c.kind, c.line) for c in claims] == [("heading", 1), ("claim", 3), ("claim", 3)]


def test_lowercase_continuation_stays_in_the_claim() -> None:
    assert _texts("Troops train near the border with Russia. via Reuters") == ["Troops train near the border with Russia. via Reuters"]
    assert _texts("The troops trained near the border,\nthen went home.") == ["The troops trained near the border, then went home."]


def test_photo_credit_lines_are_captions() -> None:
    claims = _claims("Photo: Reuters/Vasily Fedosenko\nThe troops left on Tuesday.")
    assert [(c.kind, c.text) for c in claims] == [
        ("caption", "Photo: Reuters/Vasily Fedosenko"),
        ("claim", "The troops left on Tuesday."),
    ]


def test_crlf_line_endings_give_clean_claims_and_lines() -> None:
    text = "The first line ends here.\r\nThe second line ends here.\r\n\r\nA new paragraph starts."
    claims = _claims(text)
    assert [c.text for c in claims] == ["The first line ends here.", "The second line ends here.", "A new paragraph starts."]
    assert [c.line for c in claims] == [1, 2, 4]
    assert not any("\r" in text[c.start : c.end] for c in claims)


def test_line_numbers_count_from_one() -> None:
    text = "Headline Without Punctuation\n\nThe first claim is here. The second follows.\n\nA third closes it."
    assert [c.line for c in _claims(text)] == [1, 3, 3, 5]


def test_offsets_reproduce_each_claim() -> None:
    text = (
        "Belarus Frees Prisoners\n\nPhoto: Reuters\n"
        "MINSK — Aleksandr G. Lukashenko freed 52 people, U.S. envoy John Coale said. “It is a start. More will follow,”  he said.\r\n"
        "-The U.S. lifted some sanctions.\n\n  1) Potash trade   2) Aviation parts\n"
        "It's the first time... Officials declined to comment . . . for now."
    )
    claims = _claims(text)
    assert len(claims) >= 7
    _assert_offsets(text, claims)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.?!\"“”'()-•1\n\r$")), max_size=120))
def test_offsets_hold_for_any_text(text: str) -> None:
    _assert_offsets(text, _claims(text))


def test_split_sentences_returns_spans_inside_the_block() -> None:
    text = "Ignored prefix. The block starts here. It ends here. Ignored suffix."
    start, end = text.index("The block"), text.index(" Ignored suffix")
    spans = split_sentences(text, start, end, ABBREVIATIONS)
    assert [text[s:e].strip() for s, e in spans] == ["The block starts here.", "It ends here."]
    assert spans[0][0] == start and spans[-1][1] == end


def test_numbers_that_do_not_count_up_are_not_list_items() -> None:
    assert _sentences("By 1990 it had 2. By 1991 it had 3. Now it has four.") == [
        "By 1990 it had 2.",
        "By 1991 it had 3.",
        "Now it has four.",
    ]


def test_long_runs_of_punctuation_take_linear_time() -> None:
    # A quadratic scan of these 200 KB inputs takes minutes; a linear one well under a second.
    started = time.perf_counter()
    for text in (". " * 100_000, "." * 200_000, ("“" + "a. B " * 20) * 2_000, "Mr. " * 50_000):
        _claims(text.strip())
    assert time.perf_counter() - started < 10


# Cases in the manner of the pySBD Golden Rules, written for this test: (text, expected sentences).
GOLDEN_LIKE = [
    ("The vote ended. Results come tomorrow.", ["The vote ended.", "Results come tomorrow."]),
    ("Did they agree? Nobody knows.", ["Did they agree?", "Nobody knows."]),
    ("It passed!! Everyone cheered.", ["It passed!!", "Everyone cheered."]),
    ("Really?! That is odd.", ["Really?!", "That is odd."]),
    ("The report names Maria K. Novak as its author.", ["The report names Maria K. Novak as its author."]),
    ("See p. 12 for the details.", ["See p. 12 for the details."]),
    ("The firm hired Smith & Co. last spring.", ["The firm hired Smith & Co. last spring."]),
    ("The deal went to Smith & Co. It closed on Friday.", ["The deal went to Smith & Co.", "It closed on Friday."]),
    ("Our troops have left the U.K. They return in May.", ["Our troops have left the U.K.", "They return in May."]),
    ("Prices rose in the U.S. for a third month.", ["Prices rose in the U.S. for a third month."]),
    ("The meeting began at 9 a.m. and ended at noon.", ["The meeting began at 9 a.m. and ended at noon."]),
    ("She reached the office at 10 a.m. Then the meeting began.", ["She reached the office at 10 a.m.", "Then the meeting began."]),
    ("By 8 p.m. Mr. Orlov had gone home.", ["By 8 p.m. Mr. Orlov had gone home."]),
    ("The fund paid $2.50. It paid more last year.", ["The fund paid $2.50.", "It paid more last year."]),
    ("Write to press.office@example.org. Replies take a week.", ["Write to press.office@example.org.", "Replies take a week."]),
    ("Read https://example.org/a.b/report.html. It is short.", ["Read https://example.org/a.b/report.html.", "It is short."]),
    ("He shouted, 'Stop now.' and ran.", ["He shouted, 'Stop now.' and ran."]),
    ("The plan (Phase two starts soon.) was approved.", ["The plan (Phase two starts soon.) was approved."]),
    ("1) Cut taxes 2) Raise spending", ["1) Cut taxes", "2) Raise spending"]),
    ("1. Cut taxes. 2. Raise spending.", ["1. Cut taxes.", "2. Raise spending."]),
    ("a. Apples b. Pears c. Plums", ["a. Apples", "b. Pears", "c. Plums"]),
    ("• 4. Fourth point • 5. Fifth point", ["• 4. Fourth point", "• 5. Fifth point"]),
    ("He said nothing . . . then he left.", ["He said nothing . . . then he left."]),
    ("It was over.... They went home.", ["It was over....", "They went home."]),
    ("We read it together, you and I. Was Peter I. Orlov there?", ["We read it together, you and I.", "Was Peter I. Orlov there?"]),
    ("The site moved to Yahoo! in the spring.", ["The site moved to Yahoo! in the spring."]),
]
GOLDEN_LIKE_REQUIRED = 24  # of 26; the rest leave room for a trade-off elsewhere


def test_segmenter_passes_golden_rule_like_cases() -> None:
    failures = [(text, _sentences(text)) for text, expected in GOLDEN_LIKE if _sentences(text) != expected]
    passed = len(GOLDEN_LIKE) - len(failures)
    assert passed >= GOLDEN_LIKE_REQUIRED, f"{passed}/{len(GOLDEN_LIKE)} passed; failing: {failures}"
