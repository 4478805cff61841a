"""checker.classify's small rules on their own: number bounds, closeness, titles, how a negation is shown, running counts, names, dates."""

from __future__ import annotations

import pytest

from checker.align import Counted, align, read_frame
from checker.classify import (
    Qualifiers,
    _dated_apart,
    _mentioned,
    _negation,
    _qualified,
    _role_context,
    _same_dated_act,
    _same_role,
    close,
    negation_conflicts,
    possible_update,
    qualifier_classes,
    split_title,
    titles_conflict,
    value_bounds,
)
from checker.model import Claim, Conflict, Entity, Quantity
from tests.test_align import RULES, WORDS, claim, relate

QUALIFIERS = qualifier_classes(RULES)
RUNNING = RULES.lexicon_pattern("running_count_cues")
CUES = RULES.lexicon_pattern(RULES.trust.update_cues)


# Number bounds ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, bounds",
    [("52", (52.0, 52.0)), ("3.5", (3.5, 3.5)), ("10000-99999", (10000.0, 99999.0)), ("-2.5-4", (-2.5, 4.0)), ("14:13", None)],
)
def test_a_normalised_number_or_range_gives_its_low_and_high_ends(value: str, bounds: tuple[float, float] | None) -> None:
    assert value_bounds(value) == bounds


def _counted(value: float, modifier: str | None = None) -> Counted:
    written = f"{value:g}"
    return Counted(Quantity(written, written, "homes", 0, len(written), modifier), "home", value, value, frozenset({"flood"}))


def test_exact_figures_are_close_only_when_they_overlap() -> None:
    assert close(_counted(40), _counted(40), 0.1)
    # No margin without a modifier: 40 and 42 are two values, whatever the tolerance.
    assert not close(_counted(40), _counted(42), 0.1)
    assert not close(_counted(5), _counted(9), 0.1)
    assert not close(_counted(9), _counted(5), 0.1)


@pytest.mark.parametrize("other", [95.0, 105.0, 109.0, 91.0])
def test_a_modified_figure_is_close_to_values_within_the_tolerance_either_side(other: float) -> None:
    about = _counted(100, "approx")
    assert close(about, _counted(other), 0.1)
    assert close(_counted(other), about, 0.1)


@pytest.mark.parametrize("other", [85.0, 115.0, 1450.0])
def test_a_modified_figure_is_not_close_to_values_beyond_the_tolerance(other: float) -> None:
    assert not close(_counted(100, "approx"), _counted(other), 0.1)
    assert not close(_counted(other), _counted(100, "min"), 0.1)


# Title qualifiers ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title, split",
    [
        ("former President", ("former", "President")),
        ("ex-Mayor", ("ex", "Mayor")),
        ("Ex- Mayor", ("ex", "Mayor")),
        ("vice -president", ("vice", "president")),
        ("former Xinhua Bureau Chief", ("former", "Xinhua Bureau Chief")),
        # A qualifier is a whole word: "Viceroy" is no vice-anything, "former" alone qualifies nothing.
        ("Viceroy", ("", "Viceroy")),
        ("former", ("", "former")),
        ("Mayor", ("", "Mayor")),
    ],
)
def test_a_title_splits_into_its_qualifier_and_the_office(title: str, split: tuple[str, str]) -> None:
    assert split_title(title, QUALIFIERS.all()) == split


def test_the_longest_qualifier_a_title_starts_with_is_split_off() -> None:
    assert split_title("newly elected Mayor", frozenset({"newly", "newly elected"})) == ("newly elected", "Mayor")


@pytest.mark.parametrize(
    "title, read",
    [
        ("Minister of the Interior", (frozenset(), ("interior", "minister"))),
        ("former Minister of Health", (frozenset({"former"}), ("health", "minister"))),
        ("acting deputy Governor", (frozenset({"acting", "deputy"}), ("governor",))),
        ("sitting Senator", (frozenset(), ("senator",))),
    ],
)
def test_a_title_reads_as_the_qualifiers_that_change_it_and_the_office_in_its_short_order(
    title: str, read: tuple[frozenset[str], tuple[str, ...]]
) -> None:
    assert _qualified(title, QUALIFIERS) == read


def test_a_restating_qualifier_listed_with_its_hyphen_changes_nothing() -> None:
    hyphened = Qualifiers(frozenset({"former"}), frozenset({"then-"}))
    assert _qualified("then-Governor", hyphened) == (frozenset(), ("governor",))


def _person(title: str) -> Entity:
    return Entity("Ruth Adeyemi", "ruth adeyemi", title, 0, 12)


@pytest.mark.parametrize(
    "first, second, conflicting",
    [
        ("Minister of the Interior", "Interior Minister", False),
        ("former Minister of Health", "Health Minister", True),
        ("Minister of Health", "Health Minister", False),
    ],
)
def test_an_office_told_with_of_is_the_same_office_in_its_short_form(first: str, second: str, conflicting: bool) -> None:
    assert titles_conflict(_person(first), _person(second), QUALIFIERS) is conflicting


# How a negation is shown --------------------------------------------------------------------

def _frames(negative: str, positive: str, cues: tuple[str, ...]):  # type: ignore[no-untyped-def]
    fa = read_frame(claim("x:1", negative, negations=cues), WORDS)
    fb = read_frame(claim("y:1", positive, negations=()), WORDS)
    return fa, fb, align(fa, fb)


SIGNED = "The council signed the lease."


def test_without_the_texts_a_negation_is_shown_as_its_cue_and_the_word_as_written() -> None:
    fa, fb, alignment = _frames("The council has not yet formally signed the lease.", SIGNED, ("not",))
    assert negation_conflicts(fa, fb, alignment) == [Conflict("negation", "not signed", "signed")]
    assert negation_conflicts(fb, fa, alignment) == [Conflict("negation", "signed", "not signed")]


def test_with_the_texts_a_negation_is_shown_from_its_cue_to_the_word() -> None:
    negative = "The council has not yet formally signed the lease."
    fa, fb, alignment = _frames(negative, SIGNED, ("not",))
    assert negation_conflicts(fa, fb, alignment, (negative, SIGNED)) == [Conflict("negation", "not yet formally signed", "signed")]


def test_a_negation_opening_the_claim_is_shown_from_its_first_character() -> None:
    negative = "Never formally approved, the bypass plan was shelved."
    fa, fb, alignment = _frames(negative, "The council approved the bypass plan.", ("Never",))
    assert negation_conflicts(fa, fb, alignment, (negative, "")) == [Conflict("negation", "Never formally approved", "approved")]


def test_the_cue_shown_is_the_nearest_before_the_word_not_one_after_it() -> None:
    negative = "The council did not sign the lease, not yet."
    fa, fb, alignment = _frames(negative, SIGNED, ("not",))
    assert negation_conflicts(fa, fb, alignment, (negative, SIGNED)) == [Conflict("negation", "not sign", "signed")]
    earlier = "Not so: the council has not signed the lease."
    fa, fb, _ = _frames(earlier, SIGNED, ("not",))
    assert _negation("not", "sign", fa, fb, False, earlier) == Conflict("negation", "not signed", "signed")


@pytest.mark.parametrize(
    "negative, shown",
    [
        # 40 characters from cue to word: shown as written.
        ("The council has not, despite weeks of pressure by many, signed the lease.",
         "not, despite weeks of pressure by many, signed"),
        # Farther: the cue and the word alone.
        ("The council has not, despite months of pressure from residents, signed the lease.", "not signed"),
    ],
)
def test_a_negation_far_from_its_word_is_shown_as_the_cue_and_the_word(negative: str, shown: str) -> None:
    fa, fb, _ = _frames(negative, SIGNED, ("not",))
    assert _negation("not", "sign", fa, fb, False, negative) == Conflict("negation", shown, "signed")
    assert _negation("not", "sign", fa, fb, True, negative) == Conflict("negation", "signed", shown)


def test_an_opposite_that_is_its_own_cue_is_shown_once() -> None:
    negative = "The council refused to sign."
    fa, fb, alignment = _frames(negative, "The council agreed to sign.", ("refused",))
    # "refused" is the cue and the word for "approve": it is shown once, as written.
    expected = [Conflict("negation", "refused", "agreed")]
    assert negation_conflicts(fa, fb, alignment) == expected
    assert negation_conflicts(fa, fb, alignment, (negative, "The council agreed to sign.")) == expected


# Running counts -----------------------------------------------------------------------------

CLEARED = claim("x:1", "About 520 homes were cleared of debris after the storm, the council said.", numbers=(("520", "520", "homes", "approx"),))
SO_FAR = claim("y:1", "About 300 homes have been cleared so far, the council says.", numbers=(("300", "300", "homes", "approx"),))


def test_a_count_so_far_in_the_second_claim_is_the_earlier_figure() -> None:
    pair = relate(CLEARED, SO_FAR)
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert pair.update.earlier == "y:1" and pair.update.later == "x:1"
    assert (pair.update.earlier_value, pair.update.later_value) == ("300 homes", "520 homes")
    assert pair.update.reason == 'y:1 gives the count as it stood ("so far"), below the other\'s'


def test_a_count_so_far_orders_nothing_without_a_slot_showing_the_conflicting_figures() -> None:
    number = [Conflict("number", "520 homes", "300 homes")]
    assert possible_update(CLEARED, SO_FAR, number, CUES, None, None, RUNNING) is None
    fa, fb = read_frame(CLEARED, WORDS), read_frame(SO_FAR, WORDS)
    other_figures = [Conflict("number", "610 homes", "300 homes")]
    assert possible_update(CLEARED, SO_FAR, other_figures, CUES, None, align(fa, fb), RUNNING) is None
    assert possible_update(CLEARED, SO_FAR, number, CUES, None, align(fa, fb), RUNNING) is not None


@pytest.mark.parametrize(
    "cancelled, shown",
    [
        ("Never closed, the depot is run by the council.", "Never closed"),
        ("The council did not close the depot.", "did not close"),
        ("The council didn't close the depot.", "didn't close"),
    ],
)
def test_a_cancelled_opposite_is_shown_with_its_negator_against_the_opposite(cancelled: str, shown: str) -> None:
    closed = "The council closed the depot."
    fa, fb = read_frame(claim("x:1", closed), WORDS), read_frame(claim("y:1", cancelled), WORDS)
    assert negation_conflicts(fa, fb, align(fa, fb), (closed, cancelled)) == [Conflict("negation", "closed", shown)]
    assert negation_conflicts(fb, fa, align(fb, fa), (cancelled, closed)) == [Conflict("negation", shown, "closed")]


@pytest.mark.parametrize(
    "first, second, conflicting",
    [
        ("former Health Minister", "Minister", True),
        ("Minister", "former Health Minister", True),
        ("Health Minister", "Minister", False),
        # "then-" names the office held at the time, whatever other standing the other title gives.
        ("then-President", "former President", False),
        ("Then-Mayor", "deputy Mayor", False),
        # A qualifier cut off by a dash names no office to compare.
        ("former –", "President", False),
        ("President", "former –", False),
    ],
)
def test_titles_of_one_office_conflict_on_their_standing_only(first: str, second: str, conflicting: bool) -> None:
    assert titles_conflict(_person(first), _person(second), QUALIFIERS) is conflicting


def test_another_office_conflicts_only_when_asked_for() -> None:
    chief, director = _person("chief executive"), _person("operations director")
    assert not titles_conflict(chief, director, QUALIFIERS)
    assert titles_conflict(chief, director, QUALIFIERS, other_office=True)


# Names an article mentions ------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, words, mentioned",
    [
        # A word no dictionary knows is enough: the rest of the name may be told otherwise.
        ("Caldbrook Council", {"caldbrook"}, True),
        ("Caldbrook Council", {"council", "town"}, False),
        # A name of dictionary words only is mentioned when all of them are, short words left aside.
        ("Harbour Bridge", {"harbour", "bridge"}, True),
        ("Harbour Bridge", {"harbour"}, False),
        ("Isle of Man", {"isle", "man"}, True),
        ("Red Cross Society", {"cross", "society"}, False),
    ],
)
def test_an_article_mentions_a_name_by_its_rare_words_else_by_all_its_words(name: str, words: set[str], mentioned: bool) -> None:
    assert _mentioned(name, frozenset(words)) is mentioned


# Claims dated apart -------------------------------------------------------------------------

def _dated(claim_id: str, occasion: str, source: str) -> Claim:
    return claim(claim_id, "Crews had cleared 40 homes.", numbers=(("40", "40", "homes", None),), occasion=occasion, occasion_source=source)


@pytest.mark.parametrize(
    "first, second, apart",
    [
        # Dates the claims give themselves order them however close.
        (("2026-03-02", "the claim"), ("2026-03-03", "the claim"), True),
        # A paragraph's date orders them only more than 31 days from the other.
        (("2026-03-02", "the claim"), ("2026-03-20", "line 4"), False),
        (("2026-03-20", "line 4"), ("2026-03-02", "the claim"), False),
        (("2026-01-01", "line 2"), ("2026-02-01", "line 4"), False),
        (("2026-01-01", "line 2"), ("2026-02-02", "line 4"), True),
        (("2026-03", "line 2"), ("2026-05-10", "line 4"), True),
        # A year covers all its days: the last days of the year before are near its first.
        (("2026", "line 2"), ("2025-12-20", "line 4"), False),
        (("2025-12-20", "line 2"), ("2026", "line 4"), False),
        # A date that is no calendar date orders nothing.
        (("2026-13", "line 2"), ("2024-05-10", "line 4"), False),
        (("2024-05-10", "line 2"), ("2026-13", "line 4"), False),
        # The article's date never orders figures by itself.
        (("2024-05-10", "the article's date"), ("2026-05-10", "the claim"), False),
    ],
)
def test_claims_are_dated_apart_by_their_own_dates_or_by_paragraph_dates_far_apart(
    first: tuple[str, str], second: tuple[str, str], apart: bool
) -> None:
    assert _dated_apart(_dated("x:1", *first), _dated("y:1", *second)) is apart


# Names in the same role ---------------------------------------------------------------------

def _beside(before: str, after: str, passive: bool = False) -> tuple[frozenset[str], frozenset[str], bool]:
    return frozenset(before.split()), frozenset(after.split()), passive


@pytest.mark.parametrize(
    "x, y, same",
    [
        # "Halvorsen bought the depot" against "Marsh bought the depot": the same words after.
        (_beside("", "buy depot"), _beside("", "buy depot"), True),
        # "the council sued Halvorsen" against "the council sued Marsh": the same words before.
        (_beside("council sue", ""), _beside("council sue", "yesterday"), True),
        # Nothing in common on either side, active or passive.
        (_beside("council", "depot"), _beside("court", "lease"), False),
        (_beside("council", "depot", True), _beside("court", "lease"), False),
        (_beside("council", "depot"), _beside("court", "lease", True), False),
        # "the depot was bought by Halvorsen" against "Marsh bought the depot": the agent stands where the subject does.
        (_beside("depot buy", "", True), _beside("", "buy depot"), True),
        (_beside("", "buy depot"), _beside("depot buy", "", True), True),
        # Turned round only for a passive: "the depot and Halvorsen" against "Marsh and the depot".
        (_beside("depot", ""), _beside("", "depot"), False),
    ],
)
def test_two_names_stand_in_one_role_when_the_same_words_stand_beside_them(
    x: tuple[frozenset[str], frozenset[str], bool], y: tuple[frozenset[str], frozenset[str], bool], same: bool
) -> None:
    assert _same_role(x, y) is same


# One named thing doing one act on one date --------------------------------------------------

def _frame(text: str, dates: tuple[tuple[str, str], ...] = (), names: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return read_frame(claim("x:1", text, dates=dates, entities=tuple((n, n.lower(), None) for n in names)), WORDS)


OPENED_1998 = ("Line 4 opened in 1998.", (("1998", "1998"),))
TAMARACK = ("Tamarack Mining",)


@pytest.mark.parametrize(
    "first, second, same",
    [
        (OPENED_1998, ("When Line 4 opened in 1998, trams stopped running.", (("1998", "1998"),)), True),
        (OPENED_1998, ("Line 4 opened in 2001.", (("2001", "2001"),)), False),
        # The thing must be named in both: "the tram line" is not Line 4.
        (OPENED_1998, ("The tram line opened in 1998.", (("1998", "1998"),)), False),
        # The name alone is no act: "Line 4" and 1998 in both, nothing more.
        (OPENED_1998, ("Line 4 was extended in 1998.", (("1998", "1998"),)), False),
    ],
)
def test_one_numbered_thing_doing_one_act_on_one_date_is_one_dated_act(first, second, same: bool) -> None:  # type: ignore[no-untyped-def]
    fa, fb = _frame(*first), _frame(*second)
    assert _same_dated_act(fa, fb, align(fa, fb)) is same


@pytest.mark.parametrize(
    "day, same",
    [
        # 3 March 2026 is a Tuesday, 2 March a Monday.
        ((("2026-03-03", "3 March"),), True),
        ((("2026-03-02", "2 March"),), False),
    ],
)
def test_a_weekday_alone_is_one_date_with_a_date_falling_on_it(day: tuple[tuple[str, str], ...], same: bool) -> None:
    fa = _frame("Tamarack Mining opened the Kestrel pit on Tuesday.", names=TAMARACK)
    fb = _frame(f"Tamarack Mining opened the Kestrel pit on {day[0][1]}.", day, TAMARACK)
    assert _same_dated_act(fa, fb, align(fa, fb)) is same


def test_a_dated_act_needs_the_same_name_in_both_claims() -> None:
    on_the_day = (("2026-03-03", "3 March"),)
    fa = _frame("Tamarack Mining opened the Kestrel pit on 3 March.", on_the_day, TAMARACK)
    fb = _frame("The company opened the Kestrel pit on 3 March.", on_the_day)
    assert not _same_dated_act(fa, fb, align(fa, fb))


def test_names_one_claim_gives_are_no_act_in_the_other() -> None:
    on_the_day = (("2026-03-03", "3 March"),)
    fa = _frame("Marsh joined Halvorsen on 3 March.", on_the_day, ("Marsh", "Halvorsen"))
    fb = _frame("Marsh and Halvorsen left on 3 March.", on_the_day, ("Marsh",))
    assert not _same_dated_act(fa, fb, align(fa, fb))


# The words beside a name ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, name, beside",
    [
        # The two concepts nearest the name on each side, and whether it is a passive's agent.
        ("The old depot was bought by Halvorsen last week.", "Halvorsen", ({"depot", "acquire"}, {"last"}, True)),
        ("Crews and Halvorsen repaired the depot.", "Halvorsen", ({"crew"}, {"repair", "depot"}, False)),
        # Only the name's clause counts, on either side.
        ("The council praised the work; then Halvorsen repaired the depot.", "Halvorsen", (set(), {"repair", "depot"}, False)),
        ("After the storm, Halvorsen repaired the depot.", "Halvorsen", (set(), {"repair", "depot"}, False)),
        # After a preposition of place the words before say where, even opening the claim.
        ("In rural Caldbrook, crews repaired the depot.", "Caldbrook", (set(), set(), False)),
    ],
)
def test_a_name_is_placed_by_the_concepts_of_its_clause_beside_it(text: str, name: str, beside: tuple[set[str], set[str], bool]) -> None:
    placed = claim("x:1", text, entities=((name, name.lower(), None),))
    before, after, agent = _role_context(placed, read_frame(placed, WORDS), name.lower())
    assert (before, after, agent) == (frozenset(beside[0]), frozenset(beside[1]), beside[2])
