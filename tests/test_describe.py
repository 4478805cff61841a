"""Describing claims: hedges, attribution, numbers, dates, entities, negations and occasion."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dates import find_dates
from checker.describe import describe_claims
from checker.model import Article, Claim
from checker.numbers import find_numbers
from checker.rules import RuleSet, load_rules
from checker.vocabulary import vocabulary_of
from conftest import describe_sentences

RULES = Path(__file__).resolve().parents[1] / "rules"
VOCABULARY = vocabulary_of(load_rules(RULES))


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES)


def describe_all(rules: RuleSet, sentences: list[str], *, date: str | None = None) -> tuple[Claim, ...]:
    """Describe sentences as the claims of one article, one sentence a line."""
    return describe_sentences(rules, sentences, date=date)


def describe(rules: RuleSet, sentence: str, *, date: str | None = None) -> Claim:
    return describe_all(rules, [sentence], date=date)[0]


# Numbers and dates in claims


def test_years_in_dates_are_not_numbers(rules: RuleSet) -> None:
    claim = describe(rules, "On February 14, 2025, the court ruled, as it had in 2022.")
    assert claim.numbers == ()
    assert [d.value for d in claim.dates] == ["2025-02-14", "2022"]


def test_number_offsets_point_into_the_article_text(rules: RuleSet) -> None:
    text = "Headline here.\nThe army  sent\n  52 tanks."
    start = text.index("The")
    claim = Claim(id="a:1", text=" ".join(text[start:].split()), start=start, end=len(text), line=2, kind="claim")
    (described,) = describe_claims(Article(id="a", path="a.txt", text=text), (claim,), rules)
    (number,) = described.numbers
    assert text[number.start:number.end] == "52"
    assert number.unit == "tanks"





# Hedges and negations


def test_hedging_cues_are_found(rules: RuleSet) -> None:
    claim = describe(rules, "Officers have reportedly observed drills that could signal a shift.")
    assert claim.hedged
    assert claim.hedges == ("reportedly", "could")


def test_first_word_is_matched_in_lower_case(rules: RuleSet) -> None:
    assert describe(rules, "Reportedly, the drills ended.").hedges == ("reportedly",)


def test_may_as_month_is_not_a_hedge(rules: RuleSet) -> None:
    assert not describe(rules, "The talks ended in May after the ceasefire.").hedged
    assert not describe(rules, "May 5 was the last day of talks.").hedged
    assert describe(rules, "The deal may collapse.").hedges == ("may",)


def test_plain_statement_is_not_hedged(rules: RuleSet) -> None:
    assert not describe(rules, "Officers observed the drills on Monday.").hedged


def test_negation_cues_are_kept_as_written(rules: RuleSet) -> None:
    claim = describe(rules, "The ministry denied the report and didn’t comment; it has never confirmed it.")
    assert claim.negations == ("denied", "didn’t", "never")
    assert describe(rules, "The ministry confirmed the report.").negations == ()


# Attribution


def test_via_names_the_outlet(rules: RuleSet) -> None:
    assert describe(rules, "Officers inspected the drills. via Reuters").attribution == "Reuters"
    assert describe(rules, "Troops moved via Poland.").attribution is None


def test_according_to_gives_the_name_in_the_phrase(rules: RuleSet) -> None:
    assert describe(rules, "According to a description in Reuters, the visit was a surprise.").attribution == "Reuters"
    assert describe(rules, "According to Foreign Minister Maxim Ryzhenkov, talks failed.").attribution == "Maxim Ryzhenkov"
    assert describe(rules, "Talks failed, according to the Belarus MoD.").attribution == "Belarus MoD"


def test_named_speaker_loses_the_title(rules: RuleSet) -> None:
    assert describe(rules, "Kremlin spokesman Dmitry Peskov said talks would resume.").attribution == "Dmitry Peskov"
    assert describe(rules, "Army Recognition reported that the briefing was published.").attribution == "Army Recognition"


def test_speaker_after_the_verb_is_found(rules: RuleSet) -> None:
    assert describe(rules, "“We will win,” said Peskov.").attribution == "Peskov"
    assert describe(rules, "“The risk is high,” reads the Army Recognition report.").attribution == "Army Recognition"


def test_single_name_opening_the_sentence_can_speak(rules: RuleSet) -> None:
    claim = describe(rules, "Smith told reporters the deal was off.")
    assert claim.attribution == "Smith"
    assert [e.key for e in claim.entities] == ["smith"]


def test_speaker_before_a_description_is_found(rules: RuleSet) -> None:
    claim = describe(rules, "Vadim Prokopiev, an exiled politician based in Vilnius, told the paper the vote was rigged.")
    assert claim.attribution == "Vadim Prokopiev"


def test_unnamed_sources_are_given_in_lower_case(rules: RuleSet) -> None:
    assert describe(rules, "Officials said the bridge was closed.").attribution == "officials"
    assert describe(rules, "Sources close to the talks say the deal is off.").attribution == "sources close to the talks"
    assert describe(rules, "Reports indicate a potential shift in policy.").attribution == "reports"
    assert describe(rules, "The deal is off, according to officials.").attribution == "officials"


def test_pronoun_attribution_inherits_previous_speaker(rules: RuleSet) -> None:
    claims = describe_all(
        rules,
        ["Foreign Minister Maxim Ryzhenkov said the talks failed.", "The room was cold.", "“We tried,” he added."],
    )
    assert [c.attribution for c in claims] == ["Maxim Ryzhenkov", None, "Maxim Ryzhenkov"]


def test_pronoun_without_a_recent_speaker_has_no_attribution(rules: RuleSet) -> None:
    claims = describe_all(
        rules,
        ["Peskov said talks failed.", "Rain fell.", "Snow fell.", "Wind rose.", "He continued."],
    )
    assert claims[-1].attribution is None


def test_bracketed_gloss_names_the_speaker(rules: RuleSet) -> None:
    claim = describe(rules, "“Who would have thought?” it [the defense ministry] said in a statement.")
    assert claim.attribution == "defense ministry"


def test_title_alone_refers_to_the_last_person_given_it(rules: RuleSet) -> None:
    claims = describe_all(rules, ["Defense Minister Viktor Khrenin met the guests.", "“Welcome,” the minister told them."])
    assert claims[1].attribution == "Viktor Khrenin"


def test_passive_and_infinitive_verbs_attribute_nothing(rules: RuleSet) -> None:
    assert describe(rules, "It can be said that the war is over.").attribution is None
    assert describe(rules, "The officers declined to say more.").attribution is None


# Entities


def test_title_is_split_from_the_name(rules: RuleSet) -> None:
    (entity,) = describe(rules, "It followed a call with Russian President Vladimir Putin.").entities
    assert (entity.name, entity.title, entity.key) == ("Vladimir Putin", "President", "putin")


def test_former_president_title_is_kept(rules: RuleSet) -> None:
    claim = describe(rules, "Reports mention former President Trump and ex-President Biden.")
    assert [(e.name, e.title, e.key) for e in claim.entities] == [
        ("Trump", "former President", "trump"),
        ("Biden", "ex-President", "biden"),
    ]


def test_qualifier_before_a_nationality_is_kept(rules: RuleSet) -> None:
    claim = describe(rules, "It was nixed by [then-U.S. National Security Advisor] Jake Sullivan in 2022.")
    (entity,) = claim.entities
    assert (entity.name, entity.title, entity.key) == ("Jake Sullivan", "then-National Security Advisor", "sullivan")


def test_initials_stay_in_the_name(rules: RuleSet) -> None:
    claim = describe(rules, "The envoy met President Aleksandr G. Lukashenko and Christopher W. Smith.")
    assert [(e.name, e.key, e.title) for e in claim.entities] == [
        ("Aleksandr G. Lukashenko", "lukashenko", "President"),
        ("Christopher W. Smith", "smith", None),
    ]


def test_lower_case_title_after_an_organisation(rules: RuleSet) -> None:
    (entity,) = describe(rules, "On Monday, Kremlin spokesman Dmitry Peskov spoke.").entities
    assert (entity.name, entity.title, entity.key) == ("Dmitry Peskov", "spokesman", "peskov")


def test_organisations_are_keyed_by_full_name(rules: RuleSet) -> None:
    claim = describe(rules, "The Pentagon, NATO and the White House cited Army Recognition.")
    assert [(e.name, e.key) for e in claim.entities] == [
        ("Pentagon", "pentagon"),
        ("NATO", "nato"),
        ("White House", "white house"),
        ("Army Recognition", "army recognition"),
    ]


def test_sentence_openers_months_and_weekdays_are_not_entities(rules: RuleSet) -> None:
    assert describe(rules, "This week, on Monday in May, nothing moved.").entities == ()
    assert describe(rules, "Officials met on Friday.").entities == ()
    assert describe(rules, "Russian troops massed near the border.").entities == ()


def test_acronym_opening_a_sentence_is_an_entity(rules: RuleSet) -> None:
    assert [e.key for e in describe(rules, "NATO is at war with Russia.").entities] == ["nato", "russia"]


def test_capitalised_opener_named_elsewhere_is_an_entity(rules: RuleSet) -> None:
    claims = describe_all(rules, ["Lukashenko, who has ruled for decades, agreed.", "President Aleksandr Lukashenko signed."])
    assert [e.key for e in claims[0].entities] == ["lukashenko"]


def test_entity_offsets_point_into_the_article_text(rules: RuleSet) -> None:
    claims = describe_all(rules, ["Rain fell.", "Belarusian Defense Minister Viktor Khrenin’s guests arrived."])
    text = "\n".join(["Rain fell.", "Belarusian Defense Minister Viktor Khrenin’s guests arrived."])
    (entity,) = claims[1].entities
    assert text[entity.start:entity.end] == "Viktor Khrenin"
    assert entity.title == "Defense Minister"


# Occasion


def test_occasion_is_the_claims_own_date(rules: RuleSet) -> None:
    claim = describe(rules, "In 2022 and on March 3, 2024, talks were held.", date="2025-01-01")
    assert (claim.occasion, claim.occasion_source) == ("2024-03-03", "the claim")


def test_occasion_comes_from_earlier_dated_claim(rules: RuleSet) -> None:
    claims = describe_all(rules, ["On February 14, 2025, an envoy arrived.", "Three prisoners were released."], date="2025-09-15")
    assert (claims[1].occasion, claims[1].occasion_source) == ("2025-02-14", "line 1")


def test_occasion_falls_back_to_the_article_date(rules: RuleSet) -> None:
    claim = describe(rules, "Three prisoners were released.", date="2025-09-15")
    assert (claim.occasion, claim.occasion_source) == ("2025-09-15", "the article's date")
    undated = describe(rules, "Three prisoners were released.")
    assert (undated.occasion, undated.occasion_source) == (None, None)


# Robustness


def test_marks_and_markup_are_described_without_error(rules: RuleSet) -> None:
    claim = describe(rules, "<script>alert(1)</script> -- | ![x](javascript:y) - [a] — “b” …")
    assert claim.entities == () and claim.attribution is None


PIECES = list("aA1 .,-'’\"“”:;()[]$%\n") + [
    "May ", "5 ", "2025", "President ", "former ", "then-", "ex-", "U.S.", "Smith ", "said ", "he ", "via ",
    "according to ", "one ", "twenty-", "hundred ", "tens of ", "of ", "thousands ", "Mr. ", "G. ", "officials ",
    "Monday ", "reportedly ", "not ", "the ", "]", "’s ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_is_described_with_offsets_into_it(rules: RuleSet, text: str) -> None:
    prefix = "Intro.\n"
    article_text = prefix + text
    claim = Claim(id="a:1", text=" ".join(text.split()), start=len(prefix), end=len(article_text), line=2, kind="claim")
    (described,) = describe_claims(Article(id="a", path="a.txt", text=article_text, date="2025-09-15"), (claim,), rules)
    for item in described.numbers + described.dates:
        assert article_text[item.start:item.end] == item.text
    for entity in described.entities:
        assert " ".join(article_text[entity.start:entity.end].split()) == entity.name
        assert entity.key and entity.name


@pytest.mark.parametrize(
    "piece",
    ["a", "1", "1,", "May 1 ", "twenty ", "one hundred ", "A. ", "a-", "tens of ", "$1", "2025-", "he said ", "U.S.", "Aa "],
)
def test_long_repetitive_input_is_described_in_linear_time(rules: RuleSet, piece: str) -> None:
    text = piece * (200_000 // len(piece))
    started = time.perf_counter()
    claim = Claim(id="a:1", text=text, start=0, end=len(text), line=1, kind="claim")
    describe_claims(Article(id="a", path="a.txt", text=text, date="2025-01-01"), (claim,), rules)
    find_numbers(text, VOCABULARY)
    find_dates(text, "2025-01-01")
    # About 1 s on an idle machine; a quadratic step takes minutes at this size.
    assert time.perf_counter() - started < 20


# Datelines and headings


def test_what_follows_a_dateline_at_once_is_the_claims_own(rules: RuleSet) -> None:
    _, claim = describe_all(rules, ["The storm passed.", "TOLSBY - Lena Brandt said 12 ferries sank."], date="2026-05-06")
    assert [e.name for e in claim.entities] == ["Lena Brandt"]
    assert claim.attribution == "Lena Brandt"
    _, counted = describe_all(rules, ["The storm passed.", "TOLSBY - 12 ferries sank."], date="2026-05-06")
    assert [q.value for q in counted.numbers] == ["12"]
    _, dated = describe_all(rules, ["The storm passed.", "TOLSBY, May 3 - May 4 was calm."], date="2026-05-06")
    assert [d.value for d in dated.dates] == ["2026-05-04"]
    _, lone = describe_all(rules, ["Lena Brandt met the board.", "TOLSBY - Brandt agreed to reopen the pier."])
    assert [e.name for e in lone.entities] == ["Brandt"]


def test_a_heading_in_title_case_names_no_one_by_its_capitals(rules: RuleSet) -> None:
    text = "Harbour Board Shuts Pier After Storm"
    heading = Claim(id="a:1", text=text, start=0, end=len(text), line=1, kind="heading")
    (claim,) = describe_claims(Article(id="a", path="a.txt", text=text, date=None), (heading,), rules)
    assert claim.entities == ()
    # As a sentence it names only what the article names elsewhere.
    (as_a_claim,) = describe_sentences(rules, [text])
    assert as_a_claim.entities == ()
    as_a_claim, told = describe_sentences(rules, [text, "The Harbour Board said the pier would reopen in May."])
    assert [e.name for e in as_a_claim.entities] == ["Harbour Board"] == [e.name for e in told.entities]


def test_a_sentence_in_title_case_names_only_what_the_article_names_elsewhere(rules: RuleSet) -> None:
    headline, body = describe_sentences(
        rules, ["Harlow Woman Buys Third Ferry Pass To Beat The Levy.", "Ana Ruiz of Harlow said the pass cost 40 pounds."]
    )
    assert [e.name for e in headline.entities] == ["Harlow"]
    assert [e.name for e in body.entities] == ["Ana Ruiz", "Harlow"]
    (crowded,) = describe_sentences(rules, ["Ana Ruiz met Tomas Berg in Lisbon and Porto on Monday."])
    assert [e.name for e in crowded.entities] == ["Ana Ruiz", "Tomas Berg", "Lisbon", "Porto"]


def test_a_headline_with_its_short_function_words_left_low_names_only_what_the_article_names(rules: RuleSet) -> None:
    headline, body = describe_sentences(
        rules, ["Rumors Suggest Harlow Ferries to Offer Faster Crossings and Cheaper Passes.", "Harlow Ferries said fares would not change."]
    )
    assert [e.name for e in headline.entities] == ["Harlow Ferries"]
    assert [e.name for e in body.entities] == ["Harlow Ferries"]
    # A lower-case word that is no function word makes it a sentence full of names, and so does a
    # low verb or pronoun, which titles capitalise.
    (crowded,) = describe_sentences(rules, ["Ana Ruiz and Tomas Berg met Pedro Sol in Lisbon."])
    assert [e.name for e in crowded.entities] == ["Ana Ruiz", "Tomas Berg", "Pedro Sol", "Lisbon"]
    (titled,) = describe_sentences(rules, ["Ana Ruiz is the Director of Research at the Tolsby Harbour Foundation."])
    assert [e.name for e in titled.entities] == ["Ana Ruiz", "Research", "Tolsby Harbour Foundation"]


def test_a_sum_in_capitals_is_no_name(rules: RuleSet) -> None:
    (claim,) = describe_sentences(rules, ["Kestrel Ltd put the Harlow ferry up for sale for $1M and 3M bought it."])
    assert [e.name for e in claim.entities] == ["Kestrel Ltd", "Harlow", "3M"]
    assert [q.text for q in claim.numbers] == ["$1M"]
