"""negation.py: a claim's polarity as the cues left after double negations cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.negation import find_negations
from checker.rules import load_rules
from checker.tokens import lexicon_text
from checker.vocabulary import vocabulary_of

VOCABULARY = vocabulary_of(load_rules(Path(__file__).resolve().parents[1] / "rules"))


def negations(text: str) -> tuple[str, ...]:
    return find_negations(lexicon_text(text), text, VOCABULARY)


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The council rejected the bid.", "rejected"),
        ("The mayor denies any deal.", "denies"),
        ("The firm refused to pay.", "refused"),
        ("The pilots failed to land.", "failed to"),
        ("The bank has ruled out a rate cut.", "ruled out"),
        ("The coach declined to comment.", "declined to"),
        ("The court dismissed the appeal.", "dismissed"),
        ("The senate vetoed the budget.", "vetoed"),
        ("The club turned down the offer.", "turned down"),
    ],
)
def test_a_negative_predicate_is_a_negation_by_itself(text: str, cue: str) -> None:
    assert negations(text) == (cue,)


@pytest.mark.parametrize(
    "text",
    [
        "The council did not reject the bid.",
        "The mayor has not denied a deal.",
        "The bank did not rule out a rate cut.",
        "The bank hasn't ruled out a rate cut.",
        "The union refuses to rule out a strike.",
        "The minister never publicly denied the report.",
        "The board has not yet rejected the merger.",
        "The firm declined to deny the report.",
    ],
)
def test_a_double_negation_cancels_to_the_positive(text: str) -> None:
    assert negations(text) == ()


def test_a_plain_negator_is_kept_as_written() -> None:
    assert negations("The envoy did not sign the treaty.") == ("did not",)
    assert negations("The envoy never signed.") == ("never",)
    assert negations("Nobody signed.") == ("Nobody",)


def test_negators_apart_from_a_predicate_do_not_cancel_it() -> None:
    assert negations("The mayor denied that the bridge was not safe.") == ("denied", "was not")
    assert negations("The council did not meet, and it rejected the bid.") == ("did not", "rejected")


def test_not_only_adds_rather_than_denies() -> None:
    assert negations("The plan is not only cheap but fast.") == ()


def test_a_positive_claim_has_no_cues() -> None:
    assert negations("The council approved the bid.") == ()
    assert negations("The denial came late.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "The ferry, which had not sailed for weeks, left on time.",
        "The coach, who never gives interviews, praised the team.",
        "The wall held, although engineers have not inspected it.",
        "Although the union did not agree, the depot reopened.",
    ],
)
def test_a_negation_in_a_side_clause_leaves_the_assertion_positive(text: str) -> None:
    assert negations(text) == ()


def test_a_negation_outside_a_side_clause_still_counts() -> None:
    assert negations("The ferry, which was new, did not sail.") == ("did not",)
    assert negations("The club did not say which players were hurt.") == ("did not",)


@pytest.mark.parametrize(
    "text, cue, cancelled",
    [
        ("The assembly voted down the levy.", "voted down", "The assembly did not vote down the levy."),
        ("The judge threw out the claim.", "threw out", "The judge did not throw out the claim."),
        ("The court struck down the ban.", "struck down", "The court has not struck down the ban."),
    ],
)
def test_verbs_of_rejection_are_negative_predicates(text: str, cue: str, cancelled: str) -> None:
    assert negations(text) == (cue,)
    assert negations(cancelled) == ()


@pytest.mark.parametrize(
    "text, cue, cancelled",
    [
        ("The ministry rebutted the report.", "rebutted", "The ministry did not rebut the report."),
        ("The club refuted claims of a debt.", "refuted", "The club has not refuted claims of a debt."),
        ("The board repudiated the deal.", "repudiated", "The board did not repudiate the deal."),
        ("The party disavowed the leaflet.", "disavowed", "The party never disavowed the leaflet."),
        ("The mayor brushed aside fears of a flood.", "brushed aside", "The mayor did not brush aside fears of a flood."),
    ],
)
def test_verbs_of_denial_are_negative_predicates(text: str, cue: str, cancelled: str) -> None:
    assert negations(text) == (cue,)
    assert negations(cancelled) == ()


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The port authority denied that the crane had failed.", "denied"),
        ("The port authority declined to name the driver.", "declined to"),
        ("The port authority rejected suggestions that the crane had failed.", "rejected"),
        ("The dockers never once stopped work.", "never"),
    ],
)
def test_a_denial_before_a_clause_negates_the_claim(text: str, cue: str) -> None:
    assert negations(text) == (cue,)


@pytest.mark.parametrize(
    "text",
    [
        "The port authority admitted that the crane had failed.",
        "The port authority acknowledged the crane had failed.",
        "The port authority conceded that the crane had failed.",
        "The disputed border stayed shut.",  # "dispute" is left out: as often a noun or adjective
    ],
)
def test_an_admission_asserts_the_positive(text: str) -> None:
    assert negations(text) == ()


def test_each_pair_of_cues_cancels_on_its_own() -> None:
    assert negations("The mayor did not deny the report, and the board has not ruled out a vote.") == ()
    assert negations("The firm not only paid the fine but has not ruled out more.") == ()
    assert negations("The mayor did not deny the report, but the board rejected it.") == ("rejected",)


def test_two_adverbs_may_stand_between_cues_that_cancel_but_other_words_may_not() -> None:
    assert negations("The firm has not yet formally denied the report.") == ()
    assert negations("The mayor did not say he denied it.") == ("did not", "denied")


@pytest.mark.parametrize("space", ["  ", "\u00a0", "\t"])
def test_a_side_clause_is_found_whatever_space_stands_inside_even_if(space: str) -> None:
    assert negations(f"The ferry will sail, even{space}if the pier is not repaired.") == ()


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Reports that the harbour master had resigned are false, the port authority said.", "false"),
        ("The story of a wolf loose in the botanic garden was a hoax.", "hoax"),
        ("Claims that the vaccine batch was contaminated have been proved baseless.", "baseless"),
        ("The rumours about the merger were completely unfounded.", "unfounded"),
        ("The video of the flooded stadium turned out to be fake.", "fake"),
    ],
)
def test_a_refutation_after_a_copula_negates_what_it_is_said_of(text: str, cue: str) -> None:
    assert negations(text) == (cue,)


@pytest.mark.parametrize(
    "text",
    [
        "The report is not false.",
        "The pictures aren't fake, the agency said.",
        "They're not fake.",
        "A false alarm sent three fire crews to the depot.",
        "Customs officers seized fake passports at the border.",
        "The company's fake invoices were found by auditors.",
        "He gave a false name to the officers.",
    ],
)
def test_a_refutation_denied_or_before_its_noun_leaves_the_claim_positive(text: str) -> None:
    assert negations(text) == ()


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("A Harlow station outed the third arm story as fake after a police check.", ("fake",)),
        ("Doctors dismissed the story as a complete hoax.", ("dismissed", "hoax")),
        ("Fact-checkers debunked the rumour of a ferry strike.", ("debunked",)),
        ("Police seized documents such as fake passports.", ()),
        ("The firm sold the paintings as fakes.", ()),
    ],
)
def test_a_refutation_may_close_a_verbs_object_after_as(text: str, cues: tuple[str, ...]) -> None:
    assert negations(text) == cues


@pytest.mark.parametrize(
    "headline, cue",
    [
        ("Council Does Not Approve The Harbour Plan For The Bay", "Does Not"),
        ("Surgeon Operated On The Patient Without Her Consent", "Without"),
        ("Ferry Company Denies It Cut Sailings To The Islands", "Denies"),
    ],
)
def test_a_headline_in_title_case_is_read_for_negations_as_any_sentence(headline: str, cue: str) -> None:
    assert negations(headline) == (cue,)


def test_a_capitalised_word_outside_a_headline_is_no_negation() -> None:
    assert negations("Ana Ruiz sailed the yacht Without Fear from the harbour to Oslo on Monday.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "The ferry crew left early in order to avoid the storm.",
        "The Harlow dam gates were opened so that the town would not flood.",
        "She spoke quietly so as not to wake the children.",
        "The council adopted the rule in order to prevent a feud.",
    ],
)
def test_a_negation_in_a_purpose_clause_leaves_the_assertion_positive(text: str) -> None:
    assert negations(text) == ()


def test_a_negation_beside_a_purpose_clause_still_counts() -> None:
    assert negations("The gates were not opened in order to save the town.") == ("were not",)
    assert negations("The gates were opened so the town would not flood.") == ("would not",)  # "so" alone may tell a result


@pytest.mark.parametrize("text", ["The club billed the family for a no-show.", "A not-for-profit group runs the ferry.", "The no-fly zone holds."])
def test_a_negator_joined_by_a_hyphen_is_part_of_a_compound(text: str) -> None:
    assert negations(text) == ()


def test_a_negator_before_a_hyphenated_word_still_counts() -> None:
    assert negations("The club did not re-open the hall.") == ("did not",)
