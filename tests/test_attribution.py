"""attribution.py: who a claim comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_participle_of_saying_after_an_unnamed_subject_names_no_one() -> None:
    (claim,) = describe_all(["The union ruled out a strike, saying talks would go on."])
    assert claim.attribution is None
    _, first_person = describe_all(["Lena Brandt said the board met.", "I ruled out a strike, saying the union would talk."])
    assert first_person.attribution == "Lena Brandt"


def test_an_editors_gloss_in_brackets_names_the_source() -> None:
    (named,) = describe_all(["It [Coastal Agency] said the ferry was late."])
    assert named.attribution == "Coastal Agency"
    (one_word,) = describe_all(["They [police] said the road was shut."])
    assert one_word.attribution == "police"
    (opening,) = describe_all(["[The ferry operator] said sailings had stopped."])
    assert opening.attribution == "ferry operator"


def test_a_closing_bracket_without_an_opening_one_names_no_one() -> None:
    (claim,) = describe_all(["The road was shut] said the notice."])
    assert claim.attribution is None
    (empty,) = describe_all(["It [] said the road was shut."])
    assert empty.attribution is None


def test_via_reads_past_a_determiner_to_the_outlet() -> None:
    (claim,) = describe_all(["Troops massed at the border. via the Nordic Wire"])
    assert claim.attribution == "Nordic Wire"


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Lena Brandt, an Oslo lawyer, said the pier was shut.", "Lena Brandt"),
        ("NATO, the alliance, said the pier was shut.", "NATO"),
        (
            "After the storm passed over the coast at the weekend and the roads were closed for a second time "
            "in a week, Lena Brandt, head of the harbour board, said the pier was shut.",
            "Lena Brandt",
        ),
        # The comma before the verb closes a clause, not a description: the speaker follows the verb.
        ("After the storm, the pier is shut for the winter, said Lena Brandt.", "Lena Brandt"),
        # An unnamed speaker before an aside that describes it, not the clause after the verb.
        ("Officials, speaking on condition of anonymity, said the pier would stay shut.", "officials"),
        ("Two harbour officials, who asked not to be named, said the pier would stay shut.", "officials"),
    ],
)
def test_a_speaker_is_read_before_a_description_set_off_by_commas(sentence: str, source: str) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution == source


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("The ferry sailed late, according to Coastal Agency staff.", "Coastal Agency staff"),
        ("The ferry sailed late, according to Coastal Agency press officers.", "Coastal Agency press officers"),
        # Three lower-case words after a name are more than a noun it qualifies.
        ("The ferry sailed late, according to Coastal Agency press office staff.", "Coastal Agency"),
        ("The ferry sailed late, according to port staff.", "port staff"),
        ("The ferry sailed late, according to staff at the port.", "staff"),
        ("“The ferry sailed late,” said the harbour master.", "harbour master"),
    ],
)
def test_a_common_noun_source_is_kept_after_a_name_or_alone(sentence: str, source: str) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution == source


def test_a_source_after_according_to_ends_at_a_relative_clause() -> None:
    (claim,) = describe_all(["The pier is shut, according to officials who asked not to be named."])
    assert claim.attribution == "officials"
    (named,) = describe_all(["The pier is shut, according to Lena Brandt, who runs it."])
    assert named.attribution == "Lena Brandt"


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("The pier is shut, according to a senior official.", "a senior official"),
        ("The pier is shut, according to people familiar with the plan.", "people familiar with the plan"),
        # An unnamed source later in the sentence is not the one "according to" gives.
        ("The pier is shut, according to the harbour board, and officials agree.", "harbour board"),
    ],
)
def test_according_to_an_unnamed_source_gives_it_whole(sentence: str, source: str) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution == source


def test_a_speaker_after_the_verb_is_the_first_name_and_according_to_the_last() -> None:
    (inverted,) = describe_all(["“The pier is shut,” said Lena Brandt of Harbour Trust."])
    assert inverted.attribution == "Lena Brandt"
    # "according to a report ... in X": the report is known by where it ran.
    (according,) = describe_all(["According to a report by Harbour Trust in the Nordic Wire, the pier is shut."])
    assert according.attribution == "Nordic Wire"


def test_an_unnamed_source_opens_a_headline_without_a_full_stop() -> None:
    (claim,) = describe_all(["Officials say the pier is shut"])
    assert claim.attribution == "officials"


def test_only_the_definite_title_refers_back_to_the_person_given_it() -> None:
    _, indefinite = describe_all(["Defense Minister Viktor Khrenin met the guests.", "“Welcome,” a minister told them."])
    assert indefinite.attribution == "minister"


def test_a_common_noun_source_has_at_most_three_words() -> None:
    (three,) = describe_all(["They [the harbour pilots union] said the pier was shut."])
    assert three.attribution == "harbour pilots union"
    (four,) = describe_all(["They [the port harbour pilots union] said the pier was shut."])
    assert four.attribution is None


def test_a_subject_before_the_verb_starts_after_a_conjunction() -> None:
    (claim,) = describe_all(["The pier is shut and the harbour master said so."])
    assert claim.attribution == "harbour master"


def test_an_unnamed_source_before_the_verb_is_read_six_words_back() -> None:
    (claim,) = describe_all(["Officials at the new city port said the pier was shut."])
    assert claim.attribution == "officials at the new city port"


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("On Monday, harbour staff said the pier was shut.", "harbour staff"),
        ("Harbour staff said the pier was shut", "Harbour staff"),
        ("Lena Brandt also said the pier was shut.", "Lena Brandt"),
        ("Officials did not say when the pier would reopen.", "officials"),
        ("Officials at the port also said the pier was shut.", "officials at the port"),
        ("The paper quoted harbour officials as saying the pier was shut.", "officials"),
        ("The pier will reopen, said Lena Brandt.", "Lena Brandt"),
        # Only a verb of saying makes a common noun before it a source.
        ("The rise in fares indicated a shift in demand.", None),
    ],
)
def test_the_subject_of_a_verb_of_saying_is_its_source(sentence: str, source: str | None) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution == source


def test_continued_attributes_only_next_to_a_quotation() -> None:
    _, quoted = describe_all(["Lena Brandt said the pier was shut.", "“We will reopen it,” she continued"])
    assert quoted.attribution == "Lena Brandt"
    _, work = describe_all(["Lena Brandt said the pier was shut.", "She continued repairs on the pier."])
    assert work.attribution is None


@pytest.mark.parametrize("sentence", ["It can be said that the pier is old.", "The board, which said nothing, met."])
def test_a_verb_of_saying_without_a_subject_takes_no_earlier_speaker(sentence: str) -> None:
    _, claim = describe_all(["Lena Brandt said the pier was shut.", sentence])
    assert claim.attribution is None


def test_a_credit_line_via_an_outlet_comes_before_the_verbs_of_the_claim() -> None:
    (alone,) = describe_all(["via the Nordic Wire"])
    assert alone.attribution == "Nordic Wire"
    (credited,) = describe_all(["Lena Brandt warned of delays. via the Nordic Wire"])
    assert credited.attribution == "Nordic Wire"
    # "via" names the outlet only when one follows it at once; the speaker is read instead.
    (no_outlet,) = describe_all(["Lena Brandt warned of delays. via the website of the Nordic Wire"])
    assert no_outlet.attribution == "Lena Brandt"


def test_a_claim_without_a_source_takes_no_earlier_speaker() -> None:
    _, claim = describe_all(["Lena Brandt said the pier was shut.", "The rise in fares indicated a shift in demand."])
    assert claim.attribution is None


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Police: Cyclist hurt in collision on the ring road.", "Police"),
        ("REPORT: Pop Star Cancels Stadium Tour After Injury.", "REPORT"),
        ("Rebel commander captured near the river crossing: reports.", "reports"),
    ],
)
def test_a_headline_label_names_its_source(sentence: str, source: str) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution == source


@pytest.mark.parametrize(
    "sentence",
    ["Update: Cyclist hurt in collision on the ring road.", "The council gave one reason for the closure: safety."],
)
def test_a_label_that_names_no_source_is_no_attribution(sentence: str) -> None:
    (claim,) = describe_all([sentence])
    assert claim.attribution is None


def test_a_headline_in_title_case_is_read_for_hedges_as_any_sentence() -> None:
    (claim,) = describe_all(["Storm May Hit The Coast On Monday, Forecasters Warn"])
    assert claim.hedges == ("may",)
    (month,) = describe_all(["The storm hit the coast on May 5, forecasters said."])
    assert month.hedges == ()


def test_a_name_set_off_after_its_description_speaks() -> None:
    (before,) = describe_all(["The port authority's acting director, Lena Brandt, said the ferry was late."])
    assert before.attribution == "Lena Brandt"
    (after,) = describe_all(["The ferry was late, the port authority's director, Lena Brandt, said."])
    assert after.attribution == "Lena Brandt"
    # A name opening the sentence is the speaker's description's subject, not set off.
    (opening,) = describe_all(["Lena Brandt, the harbour master, said the ferry was late."])
    assert opening.attribution == "Lena Brandt"
    (unnamed,) = describe_all(["In Harwick, the harbour master said the ferry was late."])
    assert unnamed.attribution == "harbour master"


def test_a_verb_of_saying_in_the_progressive_goes_to_its_subject() -> None:
    (named,) = describe_all(["Lena Brandt is saying the ferry will sail in May."])
    assert named.attribution == "Lena Brandt"
    (unnamed,) = describe_all(["The harbour master was saying the ferry would sail."])
    assert unnamed.attribution == "harbour master"
    (passive,) = describe_all(["It is said the ferry will sail in May."])
    assert passive.attribution is None
