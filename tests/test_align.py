"""checker.align and checker.classify on hand-built claims: alignment, typed mismatches, other events, updates."""

from __future__ import annotations

import numpy as np
import pytest

import checker
from checker.align import align, blocked_pairs, blocking_keys, concept_weights, lemma, read_frame, vocabulary
from checker.classify import Context, aliases_of, classify, qualifier_classes
from checker.match import Candidate
from checker.model import Claim, DateMention, Entity, Pair, Quantity

RULES = checker.load_rules()
WORDS = vocabulary(RULES)
# Below the paraphrase threshold and the related threshold: whatever the pair becomes, the
# scorer did not make it so.
LOW = 0.05


def claim(
    claim_id: str,
    text: str,
    *,
    numbers: tuple[tuple[str, str, str | None, str | None], ...] = (),
    entities: tuple[tuple[str, str, str | None], ...] = (),
    negations: tuple[str, ...] = (),
    dates: tuple[tuple[str, str], ...] = (),
    occasion: str | None = None,
    occasion_source: str | None = None,
    attribution: str | None = None,
) -> Claim:
    """Build a claim as describing would: numbers are (value, as written, unit, modifier), entities (name, key, title)."""
    start = 100

    def at(written: str) -> tuple[int, int]:
        offset = text.index(written)
        return start + offset, start + offset + len(written)

    return Claim(
        id=claim_id,
        text=text,
        start=start,
        end=start + len(text),
        line=3,
        kind="claim",
        attribution=attribution,
        numbers=tuple(Quantity(value, written, unit, *at(written), modifier) for value, written, unit, modifier in numbers),
        dates=tuple(DateMention(value, written, *at(written)) for value, written in dates),
        entities=tuple(Entity(name, key, title, *at(name)) for name, key, title in entities),
        negations=negations,
        occasion=occasion or (dates[0][0] if dates else None),
        occasion_source=occasion_source or ("the claim" if dates else None),
    )


def context(texts: dict[str, str] | None = None, **article_dates: str) -> Context:
    return Context(
        WORDS,
        qualifier_classes(RULES),
        article_dates=article_dates,
        article_texts=texts or {},
        occasion_cues=RULES.lexicon_pattern("other_occasion_cues"),
        aliases=aliases_of(RULES),
    )


def relate(a: Claim, b: Claim, *, probability: float = LOW, rules: checker.RuleSet = RULES, ctx: Context | None = None) -> Pair | None:
    return classify(Candidate(a, b, probability, np.zeros(12)), rules, ctx or context())


def types(pair: Pair | None) -> list[str]:
    assert pair is not None
    return [c.type for c in pair.conflicts]


# Same fact, other words -------------------------------------------------------------------

@pytest.mark.parametrize(
    "first, second, concept",
    [
        ("Nineteen people were killed in the blast.", "The blast left nineteen people dead.", "die"),
        ("Three miners lost their lives underground.", "Three miners died underground.", "die"),
        ("The death toll from the storm reached 30.", "The storm killed 30.", "die"),
        ("About 800 families were forced to leave their homes.", "About 800 families were evacuated.", "evacuate"),
        ("Villagers fled as the fire spread.", "Villagers were evacuated as the fire spread.", "evacuate"),
        ("The clinic hired more nursing staff.", "The clinic hired more nurses.", "nurse"),
        ("The group bought the bakery.", "The group acquired the bakery.", "acquire"),
        ("Prosecutors charged the mayor.", "Prosecutors indicted the mayor.", "charge"),
        ("The mayor was convicted of fraud.", "The mayor was found guilty of fraud.", "convict"),
        ("The council permits street stalls.", "The council allows street stalls.", "allow"),
        ("The council banned street stalls.", "The council prohibited street stalls.", "allow"),
        ("Crews rescued the fishermen.", "Crews saved the fishermen.", "rescue"),
        ("The two trains collided.", "The two trains crashed.", "crash"),
    ],
)
def test_wordings_of_one_fact_share_their_concept(first: str, second: str, concept: str) -> None:
    a, b = read_frame(claim("x:1", first), WORDS), read_frame(claim("y:1", second), WORDS)
    alignment = align(a, b)
    assert concept in alignment.shared and alignment.containment >= RULES.thresholds["agree_threshold"]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Nineteen people were killed in the blast.", "Nineteen people were injured in the blast."),
        ("About 800 families were evacuated from the valley.", "About 800 families returned to the valley."),
    ],
)
def test_other_facts_about_the_same_thing_do_not_share_the_fact(first: str, second: str) -> None:
    a, b = read_frame(claim("x:1", first), WORDS), read_frame(claim("y:1", second), WORDS)
    shared = align(a, b).shared
    assert "die" not in shared and "evacuate" not in shared


def test_passive_and_active_statements_of_one_fact_agree_below_the_paraphrase_threshold() -> None:
    a = claim("x:1", "The regional court fined the shipping company for the oil spill.")
    b = claim("y:1", "The shipping company was fined by the regional court over the oil spill.")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "agrees" and pair.conflicts == ()


def test_claims_sharing_a_topic_but_not_a_statement_are_related_at_most() -> None:
    a = claim("x:1", "The harbour authority closed the northern pier after the storm damaged its cranes.")
    b = claim("y:1", "Fishermen at the northern pier say catches have fallen for three years.")
    c = claim("z:1", "The orchestra will tour four cities in the spring.")
    assert relate(a, b, probability=0.3).relation == "related"  # type: ignore[union-attr]
    assert relate(a, b) is None
    assert relate(a, c, probability=0.3).relation == "related"  # type: ignore[union-attr]


def test_a_specific_figure_of_one_thing_with_one_verb_agrees_in_otherwise_other_words() -> None:
    a = claim("x:1", "Officials in the northern district said 312 homes had been flooded after the dam gave way.",
              numbers=(("312", "312", "homes", None),))
    b = claim("y:1", "The storm left three hundred and twelve flooded homes and a town in shock.",
              numbers=(("312", "three hundred and twelve", "flooded homes", None),))
    small_a = claim("x:2", "Officials in the northern district said 2 homes had been flooded after the dam gave way.",
                    numbers=(("2", "2", "homes", None),))
    small_b = claim("y:2", "The storm left two flooded homes and a town in shock.", numbers=(("2", "two", "flooded homes", None),))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]
    assert relate(small_a, small_b) is None


def test_one_count_of_people_doing_other_things_is_no_agreement() -> None:
    a = _deaths("x:1", "Nineteen people were killed in the explosion at the depot.", "19", "Nineteen")
    b = _deaths("y:1", "Nineteen people attended the ceremony at the town hall.", "19", "Nineteen")
    assert relate(a, b) is None


# Numbers ----------------------------------------------------------------------------------

def _deaths(claim_id: str, text: str, value: str, written: str, modifier: str | None = None, unit: str = "people") -> Claim:
    return claim(claim_id, text, numbers=((value, written, unit, modifier),))


def test_a_count_below_an_at_least_figure_conflicts_with_both_values() -> None:
    a = _deaths("x:1", "Nineteen people were killed when the bridge collapsed.", "19", "Nineteen")
    b = _deaths("y:1", "At least 23 people died when the bridge collapsed.", "23", "23", "min")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("number", "Nineteen people", "23 people")]


def test_a_count_above_an_at_least_figure_agrees() -> None:
    a = _deaths("x:1", "Twenty-five people were killed when the bridge collapsed.", "25", "Twenty-five")
    b = _deaths("y:1", "At least 23 people died when the bridge collapsed.", "23", "23", "min")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "agrees"


def test_approximate_figures_within_the_tolerance_agree_and_outside_it_conflict() -> None:
    about = _deaths("x:1", "About 1,200 people marched through the capital on Sunday.", "1200", "1,200", "approx")
    some = _deaths("y:1", "Some 1200 people marched through the capital on Sunday.", "1200", "1200", "approx")
    exact = _deaths("z:1", "Exactly 1,310 people marched through the capital on Sunday.", "1310", "1,310")
    far = _deaths("w:1", "Some 2,000 people marched through the capital on Sunday.", "2000", "2,000", "approx")
    assert relate(about, some).relation == "agrees"  # type: ignore[union-attr]
    assert relate(about, exact).relation == "agrees"  # type: ignore[union-attr]
    assert types(relate(about, far)) == ["number"]


def test_a_range_is_compared_as_a_range_not_as_its_first_value() -> None:
    ranged = _deaths("x:1", "Between 10 and 12 people were rescued from the ferry.", "10-12", "Between 10 and 12")
    inside = _deaths("y:1", "Eleven people were rescued from the ferry.", "11", "Eleven")
    outside = _deaths("z:1", "Fifteen people were rescued from the ferry.", "15", "Fifteen")
    assert relate(ranged, inside).relation == "agrees"  # type: ignore[union-attr]
    assert types(relate(ranged, outside)) == ["number"]


def test_a_figure_just_below_a_lower_bound_conflicts() -> None:
    more = _deaths("x:1", "More than 80 people were arrested at the stadium.", "80", "80", "min")
    near = _deaths("y:1", "Police arrested 75 people at the stadium.", "75", "75")
    assert types(relate(more, near)) == ["number"]


def test_a_figure_matching_one_of_two_is_not_compared_with_the_other() -> None:
    a = claim(
        "x:1",
        "The country owes 108 billion dollars abroad and suspended payments on 68 billion dollars of it.",
        numbers=(("108000000000", "108 billion", "dollars", None), ("68000000000", "68 billion", "dollars", None)),
    )
    b = claim("y:1", "The country suspended payments on 68 billion dollars it owes abroad.",
              numbers=(("68000000000", "68 billion", "dollars", None),))
    assert "number" not in types(relate(a, b))


def test_more_than_and_nearly_read_as_bounds() -> None:
    more = _deaths("x:1", "More than 80 people were arrested at the stadium.", "80", "80", "min")
    nearly = _deaths("y:1", "Nearly 80 people were arrested at the stadium.", "80", "80", "max")
    seventy_nine = _deaths("z:1", "Police arrested 79 people at the stadium.", "79", "79")
    sixty = _deaths("w:1", "Police arrested 60 people at the stadium.", "60", "60")
    assert relate(nearly, seventy_nine).relation == "agrees"  # type: ignore[union-attr]
    assert types(relate(nearly, sixty)) == ["number"]
    assert types(relate(more, sixty)) == ["number"]


def test_percentages_of_different_things_never_conflict() -> None:
    a = claim("x:1", "Turnout reached 64 percent, the electoral commission said.", numbers=(("64", "64 percent", "turnout", None),))
    b = claim("y:1", "The ruling party won 41 percent, the electoral commission said.", numbers=(("41", "41 percent", "vote share", None),))
    assert "number" not in types(relate(a, b, probability=0.5))


def test_a_percentage_is_never_compared_with_a_count_of_the_same_thing() -> None:
    a = claim("x:1", "Ninety percent of the staff completed the safety course.", numbers=(("90", "Ninety percent", "staff", None),))
    b = claim("y:1", "All 4,000 staff completed the safety course.", numbers=(("4000", "4,000", "staff", None),))
    assert "number" not in types(relate(a, b))


def test_a_count_whose_noun_comes_first_conflicts() -> None:
    a = claim("x:1", "The death toll from the landslide rose to 12 on Tuesday.", numbers=(("12", "12", "death toll", None),))
    b = claim("y:1", "The death toll from the landslide rose to 15 on Tuesday.", numbers=(("15", "15", "death toll", None),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts" and types(pair) == ["number"]


def test_counts_of_other_things_in_one_claim_are_not_compared() -> None:
    a = claim(
        "x:1",
        "Two people died and about 900 residents were evacuated after the river burst its banks.",
        numbers=(("2", "Two", "people", None), ("900", "900", "residents", "approx")),
    )
    b = claim("y:1", "Some 900 people had to leave their homes when the river burst its banks.", numbers=(("900", "900", "people", "approx"),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "agrees"


def test_slot_aligned_claims_are_candidates_however_unlike_their_sentences() -> None:
    a = _deaths("x:1", "Nineteen people were killed, officials said on Monday evening.", "19", "Nineteen")
    b = _deaths("y:1", "At least 23 died when the old bridge over the canal collapsed.", "23", "23", "min")
    other = _deaths("z:1", "Nineteen people attended the ceremony in the town hall.", "19", "Nineteen")
    frames = {c.id: read_frame(c, WORDS) for c in (a, b, other)}
    pairs = blocked_pairs(
        [a, b, other], frames, {"x:1": "x", "y:1": "y", "z:1": "z"}, max_claims=12, min_containment=RULES.thresholds["align_threshold"]
    )
    assert {frozenset((x.id, y.id)) for x, y in pairs} == {frozenset(("x:1", "y:1"))}


def test_a_blocking_key_held_by_too_many_claims_pairs_nothing() -> None:
    claims = [_deaths(f"a{n}:1", f"Nineteen people were killed in town number {n}.", "19", "Nineteen") for n in range(5)]
    frames = {c.id: read_frame(c, WORDS) for c in claims}
    article_of = {c.id: c.id for c in claims}
    assert len(blocked_pairs(claims, frames, article_of, max_claims=12)) == 10
    assert blocked_pairs(claims, frames, article_of, max_claims=4) == []


def test_claims_meet_on_any_concept_they_share_not_only_their_rarest() -> None:
    """"Endorsed" and "approved" meet though approval is the commonest concept of the run: a claim's
    blocking keys are all its concepts, so they do not depend on the run's weights."""
    a = claim("x:1", "The regional assembly endorsed the reservoir expansion after a long debate on water tariffs.")
    b = claim("y:1", "Lawmakers approved the scheme.")
    others = [claim(f"o{n}:1", f"The board approved item {n} of the agenda.") for n in range(8)]
    frames = {c.id: read_frame(c, WORDS) for c in (a, b, *others)}
    weights = concept_weights(frames.values())
    assert frames["x:1"].content & frames["y:1"].content == {"approve"}
    assert weights.idf["approve"] < min(weights.idf[c] for c in frames["x:1"].content - {"approve"})
    pairs = blocked_pairs([a, b], frames, {"x:1": "x", "y:1": "y"}, max_claims=12, weights=weights)
    assert [(x.id, y.id) for x, y in pairs] == [("x:1", "y:1")]


def test_blocking_part_of_a_collection_keeps_pairs_with_the_claims_involved_and_counts_holders_left_out() -> None:
    """As a corpus blocks: only pairs with a new claim, and a key's holders not passed count against the limit."""
    claims = [_deaths(f"a{n}:1", f"Nineteen people were killed in town number {n}.", "19", "Nineteen") for n in range(5)]
    frames = {c.id: read_frame(c, WORDS) for c in claims}
    article_of = {c.id: c.id for c in claims}
    shared = set.intersection(*(blocking_keys(f) for f in frames.values()))
    assert shared == set.union(*(blocking_keys(f) for f in frames.values()))

    def paired(held: int) -> set[frozenset[str]]:
        found = blocked_pairs(claims, frames, article_of, max_claims=12, involving={"a4:1"}, held_elsewhere=dict.fromkeys(shared, held))
        return {frozenset((x.id, y.id)) for x, y in found}

    assert paired(0) == paired(7) == {frozenset(("a4:1", f"a{n}:1")) for n in range(4)}
    assert paired(8) == set()


def test_one_specific_figure_told_in_other_words_agrees() -> None:
    a = claim("x:1", "Roughly 260 volunteers from four charities joined the search, the coastguard said.",
              numbers=(("260", "260", "volunteers", "approx"), ("4", "four", "charities", None)))
    b = claim("y:1", "Two hundred and sixty volunteers combed the dunes in pairs.",
              numbers=(("260", "Two hundred and sixty", "volunteers", None),))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


def test_a_small_count_of_people_alike_in_unlike_statements_is_no_agreement() -> None:
    a = claim("x:1", "Three people from the coastal villages joined the search overnight.",
              numbers=(("3", "Three", "people", None),))
    b = claim("y:1", "Three people were fined for parking on the promenade.",
              numbers=(("3", "Three", "people", None),))
    assert relate(a, b) is None


def test_durations_of_one_statement_are_a_slot() -> None:
    a = claim("x:1", "The gauge at Millford recorded 90mm of rain in 12 hours, the agency said.",
              numbers=(("90", "90mm", "millimetres", None), ("12", "12", "hours", None)))
    b = claim("y:1", "Some 90 millimetres of rain fell on Millford in 30 hours.",
              numbers=(("90", "90", "millimetres", "approx"), ("30", "30", "hours", None)))
    c = claim("y:2", "Some 90 millimetres of rain fell on Millford in twelve hours.",
              numbers=(("90", "90", "millimetres", "approx"), ("12", "twelve", "hours", None)))
    pair = relate(a, b)
    assert pair is not None and [(k.type, k.a, k.b) for k in pair.conflicts] == [("number", "12 hours", "30 hours")]
    assert relate(a, c).relation == "agrees"  # type: ignore[union-attr]


def test_durations_count_apart_from_other_things() -> None:
    a = claim("x:1", "The ferry was delayed by 3 hours.", numbers=(("3", "3", "hours", None),))
    b = claim("y:1", "The ferry was delayed by 3 days.", numbers=(("3", "3", "days", None),))
    frames = read_frame(a, WORDS), read_frame(b, WORDS)
    assert [c.thing for c in frames[0].counted] == ["hour"] and align(*frames).slots == ()


# Dates ------------------------------------------------------------------------------------

def test_the_same_event_on_different_days_is_a_date_conflict() -> None:
    a = claim("x:1", "The agency issued its flood warning at 22:15 on Thursday.", dates=(("2026-11-19", "Thursday"),))
    b = claim("y:1", "The agency issued its flood warning at 22:15 on Friday.", dates=(("2026-11-20", "Friday"),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("date", "Thursday", "Friday")]


def test_dates_that_agree_at_the_precision_both_give_do_not_conflict() -> None:
    a = claim("x:1", "The museum reopened its west wing in March 2025.", dates=(("2025-03", "March 2025"),))
    b = claim("y:1", "The museum reopened its west wing on 14 March 2025.", dates=(("2025-03-14", "14 March 2025"),))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


def test_an_opening_year_told_two_ways_is_a_date_conflict_when_the_rest_agrees() -> None:
    a = claim("x:1", "The northern ring road, which carries 40,000 cars a day, opened in 2009.", dates=(("2009", "2009"),))
    b = claim("y:1", "The northern ring road opened in 2011 and carries 40,000 cars a day.", dates=(("2011", "2011"),))
    assert types(relate(a, b, ctx=context(x="2026-06-16", y="2026-06-11"))) == ["date"]


@pytest.mark.parametrize(
    "first, day_one, second, day_two",
    [
        ("Around 600 homes lost power in the storm, the utility said on Tuesday.", "Tuesday",
         "The storm cut power to around 600 homes, the utility told reporters on Wednesday.", "Wednesday"),
        ("The council closed the market hall, the mayor said in a statement on Friday.", "Friday",
         "The council closed the market hall, the mayor confirmed late on Saturday.", "Saturday"),
    ],
)
def test_the_day_a_source_spoke_is_no_date_of_the_statement(first: str, day_one: str, second: str, day_two: str) -> None:
    a = claim("x:1", first, dates=(("2026-05-12", day_one),))
    b = claim("y:1", second, dates=(("2026-05-13", day_two),))
    assert "date" not in types(relate(a, b))


def test_a_day_told_of_the_event_still_conflicts_beside_a_source() -> None:
    a = claim("x:1", "The utility said power was cut to the harbour district on Tuesday.", dates=(("2026-05-12", "Tuesday"),))
    b = claim("y:1", "The utility said power was cut to the harbour district on Thursday.", dates=(("2026-05-14", "Thursday"),))
    assert [(c.type, c.a, c.b) for c in relate(a, b).conflicts] == [("date", "Tuesday", "Thursday")]  # type: ignore[union-attr]


def test_one_clock_time_told_two_ways_places_one_happening() -> None:
    a = claim("x:1", "The gas main ruptured at 7:05 pm beneath the high street, engineers said.")
    b = claim("y:1", "Engineers say the rupture came at 7.05pm as diggers worked nearby.")
    c = claim("y:2", "Engineers say the diggers left at 9.30pm after the shift.")
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]
    assert relate(a, c) is None


def test_days_no_year_was_found_for_compare_on_the_parts_both_give() -> None:
    placed = claim("x:1", "The gas main ruptured under the high street on Tuesday.", dates=(("2026-09-15", "Tuesday"),))
    other_day = claim("y:1", "The gas main reportedly ruptured under the high street on Monday night.")
    same_day = claim("y:2", "The gas main reportedly ruptured under the high street on Tuesday, 15 September.")
    said_day = claim("y:3", "The gas main ruptured under the high street, engineers said on Monday.")
    assert [(c.type, c.a, c.b) for c in relate(placed, other_day).conflicts] == [("date", "Tuesday", "Monday")]  # type: ignore[union-attr]
    assert relate(placed, same_day).relation == "agrees"  # type: ignore[union-attr]
    assert "date" not in types(relate(placed, said_day))



@pytest.mark.parametrize(
    "text",
    [
        "The lock gates at Pelham were shut on MONDAY night.",  # capitals: the search ignores case
        "The lock gates at Pelham’s quay were shut on Monday night.",  # a curly apostrophe: not ASCII
        "The lock gates at Pelham were shut on the night of 14 march.",
    ],
)
def test_a_written_day_is_read_whatever_its_case_and_the_characters_around_it(text: str) -> None:
    days = read_frame(claim("x:1", text), vocabulary(RULES)).days
    assert len(days) == 1 and (days[0].weekday == 0 or (days[0].month, days[0].day) == (3, 14))


def test_a_claim_naming_no_weekday_or_month_gives_no_written_day() -> None:
    assert read_frame(claim("x:1", "The lock gates at Pelham were shut for 14 hours."), vocabulary(RULES)).days == ()


# Negation ---------------------------------------------------------------------------------

def test_a_negated_statement_conflicts_with_its_positive() -> None:
    a = claim("x:1", "The ministry will never accept observers at the count.", negations=("never",))
    b = claim("y:1", "The ministry was ready to accept the observers at the count.")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts" and types(pair) == ["negation"]
    assert "never" in pair.conflicts[0].a and "accept" in pair.conflicts[0].b


def test_a_cancelled_double_negation_agrees_with_the_positive() -> None:
    a = claim("x:1", "The board has not rejected the merger plan.")  # describe cancels: no negation cue
    b = claim("y:1", "The board has approved the merger plan.")
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


def test_a_negation_cue_that_cancels_an_opposite_governs_nothing_more() -> None:
    """"did not close" states open, as "did not reject" states approval; the cue is spent on the opposite."""
    shut = claim("x:1", "The depot on the ring road closed its gates on Friday.")
    kept_open = claim("y:1", "The depot on the ring road did not close its gates on Friday.", negations=("did not",))
    opened = claim("z:1", "The depot on the ring road opened its gates on Friday.")
    assert types(relate(shut, kept_open)) == ["negation"]
    assert relate(kept_open, opened).relation == "agrees"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "negative, cues",
    [
        ("The board has rejected the merger plan.", ("rejected",)),
        ("The board voted down the merger plan.", ("voted down",)),
        ("The board did not approve the merger plan.", ("did not",)),
    ],
)
def test_negative_predicates_and_opposites_conflict_with_approval(negative: str, cues: tuple[str, ...]) -> None:
    a = claim("x:1", negative, negations=cues)
    b = claim("y:1", "The board has approved the merger plan.")
    assert types(relate(a, b)) == ["negation"]


def test_two_wordings_of_one_rejection_agree() -> None:
    a = claim("x:1", "The board has rejected the merger plan.", negations=("rejected",))
    b = claim("y:1", "The board voted down the merger plan.", negations=("voted down",))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


def test_a_word_negated_by_un_conflicts_with_its_base() -> None:
    a = claim("x:1", "Inspectors found the hull undamaged after the collision.")
    b = claim("y:1", "Inspectors found damage to the hull after the collision.")
    c = claim("z:1", "Inspectors found no damage to the hull after the collision.", negations=("no",))
    assert types(relate(a, b)) == ["negation"]
    assert relate(a, c).relation == "agrees"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "denial, cue",
    [
        ("The ferry operator denied that the crossing had been cancelled.", "denied"),
        ("The ferry operator rejected reports that the crossing had been cancelled.", "rejected"),
    ],
)
def test_an_opposite_denies_what_it_reports(denial: str, cue: str) -> None:
    a = claim("x:1", denial, negations=(cue,))
    b = claim("y:1", "The crossing had been cancelled because of the gale.")
    pair = relate(a, b)
    assert pair is not None and types(pair) == ["negation"]


def test_a_passive_opposite_denies_the_clause_it_closes() -> None:
    a = claim("x:1", "A proposal to sell the ferry company to its staff was rejected on Tuesday.", negations=("rejected",))
    b = claim("y:1", "The board agreed to sell the ferry company to its staff.")
    assert types(relate(a, b)) == ["negation"]


def test_two_opposites_of_one_statement_agree() -> None:
    a = claim("x:1", "A proposal to close the ferry crossing for the winter was rejected.", negations=("rejected",))
    b = claim("y:1", "The board voted down a proposal to close the ferry crossing for the winter.", negations=("voted down",))
    assert "negation" not in types(relate(a, b))


def test_an_opposite_before_its_object_denies_nothing_more() -> None:
    a = claim("x:1", "The board rejected the ferry timetable and published its accounts.", negations=("rejected",))
    b = claim("y:1", "The board published its accounts.")
    assert "negation" not in types(relate(a, b))


def test_a_negation_of_another_part_of_the_claim_is_no_conflict() -> None:
    a = claim("x:1", "The governor, who never gives interviews, opened the new ferry terminal.", negations=("never",))
    b = claim("y:1", "The governor opened the new ferry terminal.")
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


# Titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["former Governor", "ex-Governor", "interim Governor", "acting governor", "Deputy Governor"])
def test_a_qualifier_that_changes_the_office_conflicts_with_the_bare_title(title: str) -> None:
    a = claim("x:1", f"{title} Maria Lenz visited the flooded villages.", entities=(("Maria Lenz", "lenz", title),))
    b = claim("y:1", "Governor Maria Lenz will open the new bridge next week.", entities=(("Maria Lenz", "lenz", "Governor"),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts" and types(pair) == ["qualifier"]


@pytest.mark.parametrize("title", ["current Governor", "sitting Governor", "then-Governor", "Regional Governor"])
def test_a_qualifier_that_restates_the_office_never_conflicts(title: str) -> None:
    a = claim("x:1", f"{title} Maria Lenz visited the flooded villages.", entities=(("Maria Lenz", "lenz", title),))
    b = claim("y:1", "Governor Maria Lenz visited the flooded villages.", entities=(("Maria Lenz", "lenz", "Governor"),))
    assert "qualifier" not in types(relate(a, b))


@pytest.mark.parametrize(
    "first, second",
    [("finance director", "chief executive"), ("Harbour Master", "Chief Engineer"), ("Deputy Minister of Transport", "Transport Minister")],
)
def test_one_person_given_another_office_in_one_story_is_a_qualifier_conflict(first: str, second: str) -> None:
    a = claim("x:1", f"Port operator {first} Ilse Varga said the quay would reopen.", entities=(("Ilse Varga", "varga", first),))
    b = claim("y:1", f"{second} Ilse Varga said the quay would reopen within a week.", entities=(("Ilse Varga", "varga", second),))
    assert types(relate(a, b)) == ["qualifier"]


@pytest.mark.parametrize(
    "first, second",
    [("CEO", "chief executive"), ("Lt. Gen.", "Lieutenant General"), ("Minister of Transport", "Transport Minister")],
)
def test_one_office_written_two_ways_is_no_qualifier_conflict(first: str, second: str) -> None:
    a = claim("x:1", f"{first} Ilse Varga said the quay would reopen.", entities=(("Ilse Varga", "varga", first),))
    b = claim("y:1", f"{second} Ilse Varga said the quay would reopen.", entities=(("Ilse Varga", "varga", second),))
    assert "qualifier" not in types(relate(a, b))


def test_another_office_across_stories_is_no_conflict() -> None:
    a = claim("x:1", "Chairman Ilse Varga said the quay would reopen.", entities=(("Ilse Varga", "varga", "Chairman"),))
    b = claim("y:1", "Chief Executive Ilse Varga presented annual results.", entities=(("Ilse Varga", "varga", "Chief Executive"),))
    ctx = context()
    ctx.article_names = {"x": frozenset({"quay", "harbour"}), "y": frozenset({"results", "bank"})}
    assert relate(a, b, ctx=ctx) is None


def test_a_title_in_an_appositive_is_compared_with_a_title_before_the_name() -> None:
    former = claim("x:1", "Former council leader Maria Lenz said the bridge was safe.", entities=(("Maria Lenz", "lenz", "Former leader"),))
    current = claim("y:1", "Maria Lenz, leader of the county council, said the bridge was safe.", entities=(("Maria Lenz", "lenz", None),))
    same = claim("y:2", "Maria Lenz, the former leader of the council, said the bridge was safe.", entities=(("Maria Lenz", "lenz", None),))
    untitled = claim("y:3", "Maria Lenz, who lives by the river, said the bridge was safe.", entities=(("Maria Lenz", "lenz", None),))
    pair = relate(former, current)
    assert pair is not None and [(c.type, c.b) for c in pair.conflicts] == [("qualifier", "leader Maria Lenz")]
    assert "qualifier" not in types(relate(former, same))
    assert "qualifier" not in types(relate(former, untitled))


def test_one_name_with_and_without_its_title_is_no_entity_conflict() -> None:
    a = claim("x:1", "Governor Maria Lenz opened the bridge on Monday.", entities=(("Maria Lenz", "lenz", "Governor"),))
    b = claim("y:1", "Lenz opened the bridge on Monday.", entities=(("Lenz", "lenz", None),))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


# Actors -----------------------------------------------------------------------------------

def test_another_actor_in_the_same_role_is_an_entity_conflict() -> None:
    a = claim("x:1", "The contract for the new ferries went to Harlow Group.", entities=(("Harlow Group", "harlow group", None),))
    b = claim("y:1", "The contract for the new ferries went to Kestrel Ltd.", entities=(("Kestrel Ltd", "kestrel ltd", None),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("entity", "Harlow Group", "Kestrel Ltd")]


def test_swapped_roles_are_an_entity_conflict_and_the_passive_is_not() -> None:
    names = (("Harlow Group", "harlow group", None), ("Kestrel Ltd", "kestrel ltd", None))
    a = claim("x:1", "Harlow Group sued Kestrel Ltd over the unpaid invoices.", entities=names)
    b = claim("y:1", "Kestrel Ltd sued Harlow Group over the unpaid invoices.", entities=names[::-1])
    c = claim("z:1", "Kestrel Ltd was sued by Harlow Group over the unpaid invoices.", entities=names[::-1])
    assert types(relate(a, b)) == ["entity"]
    assert relate(a, c).relation == "agrees"  # type: ignore[union-attr]


def test_a_source_made_the_actor_is_an_entity_conflict() -> None:
    a = claim("x:1", "An audit found the fault in the signalling, according to the regulator.", attribution="the regulator")
    b = claim("y:1", "The regulator found the fault in the signalling.")
    assert types(relate(a, b)) == ["entity"]
    # A label before a colon names a source, not the one who acts.
    labelled = claim("z:1", "Regulator: Audit found the fault in the signalling.")
    told = claim("w:1", "The signalling audit found the fault, according to the regulator.", attribution="the regulator")
    assert "entity" not in types(relate(labelled, told))


def test_a_shorter_form_of_one_name_is_no_entity_conflict() -> None:
    a = claim("x:1", "Night staff at Harwood General Hospital found the ransom notes.",
              entities=(("Harwood General Hospital", "harwood general hospital", None),))
    b = claim("y:1", "Night staff at Harwood General found the ransom notes.", entities=(("Harwood General", "harwood general", None),))
    assert relate(a, b).relation == "agrees"  # type: ignore[union-attr]


def test_another_place_named_beside_the_statement_is_no_entity_conflict() -> None:
    a = claim("x:1", "Floodwater reached 300 homes in Riverside, the council said.", entities=(("Riverside", "riverside", None),))
    b = claim("y:1", "Floodwater reached 300 homes in Wrexford, the council said.", entities=(("Wrexford", "wrexford", None),))
    assert "entity" not in types(relate(a, b))


def _share(claim_id: str, text: str) -> Claim:
    return claim(claim_id, text, numbers=(("30", "30 percent", "cost", None),))


def _with_bodies() -> Context:
    ctx = context()
    ctx.bodies = frozenset(w.lower() for w in RULES.lexicon("acting_bodies"))
    return ctx


def test_one_figure_paid_by_two_bodies_is_an_entity_conflict() -> None:
    a = _share("x:1", "The national government will pay 30 percent of the cost of the new harbour wall.")
    b = _share("y:1", "The port authority will cover 30 percent of the cost of the new harbour wall.")
    pair = relate(a, b, ctx=_with_bodies())
    assert pair is not None and [(c.type, c.a, c.b) for c in pair.conflicts] == [("entity", "national government", "port authority")]


@pytest.mark.parametrize(
    "other",
    ["The county council will cover 30 percent of the cost of the new harbour wall.",
     "Brenmouth will cover 30 percent of the cost of the new harbour wall."],
)
def test_one_body_told_two_ways_or_a_place_is_no_other_actor(other: str) -> None:
    a = _share("x:1", "The council will pay 30 percent of the cost of the new harbour wall.")
    assert "entity" not in types(relate(a, _share("y:1", other), ctx=_with_bodies()))


# Other events and updates -----------------------------------------------------------------

def test_a_past_occasion_against_the_current_one_is_another_event() -> None:
    past = claim("x:1", "When the river flooded in 1998, two people died.", numbers=(("2", "two", "people", None),),
                 dates=(("1998", "1998"),))
    now = claim("y:1", "Two people died in the flood on Saturday.", numbers=(("2", "Two", "people", None),),
                dates=(("2026-11-21", "Saturday"),))
    pair = relate(past, now, ctx=context(x="2026-11-24", y="2026-11-22"))
    assert pair is not None and pair.relation == "related" and pair.different_events is not None
    assert "1998" in pair.different_events


def test_another_named_instance_is_another_event() -> None:
    a = claim("x:1", "Line 1 has twelve stops and cost 260 million euros.", numbers=(("260000000", "260 million", "euros", None),))
    b = claim("y:1", "Line 2 has fourteen stops and cost 412 million euros.", numbers=(("412000000", "412 million", "euros", None),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "related" and "Line 1" in (pair.different_events or "")


def test_a_claim_saying_it_speaks_of_an_earlier_version_is_another_event() -> None:
    a = claim("x:1", "The council rejected an earlier version of the plan by 15 votes to 12.", negations=("rejected",))
    b = claim("y:1", "The council approved the plan by 15 votes to 12.")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "related" and "earlier version" in (pair.different_events or "")


def _rescues(claim_id: str, text: str, value: str, day: str, written_day: str) -> Claim:
    return claim(claim_id, text, numbers=((value, value, "rescues", None),), dates=((day, written_day),))


def test_an_earlier_and_a_later_count_with_their_days_are_an_update() -> None:
    a = _rescues("x:1", "Crews had carried out 61 rescues by Saturday.", "61", "2026-11-21", "Saturday")
    b = _rescues("y:1", "Crews had carried out 86 rescues by Monday.", "86", "2026-11-23", "Monday")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later, pair.update.earlier_value) == ("x:1", "y:1", "61 rescues")


@pytest.mark.parametrize("cue_first", [True, False])
def test_an_update_cue_is_read_from_either_claim(cue_first: bool) -> None:
    cued = claim("x:1", "The death toll from the landslide rose to 15.", numbers=(("15", "15", "death toll", None),))
    plain = claim("y:1", "The landslide killed 12.", numbers=(("12", "12", "killed", None),))
    a, b = (cued, plain) if cue_first else (plain, cued)
    pair = relate(a, b)
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("y:1", "x:1")


def test_a_running_count_on_both_sides_is_ordered_by_the_reports_and_may_not_fall() -> None:
    a = claim("x:1", "Crews have carried out 61 rescues since Friday night.", numbers=(("61", "61", "rescues", None),))
    b = claim("y:1", "Crews have carried out 86 rescues since Friday night.", numbers=(("86", "86", "rescues", None),))
    rising = relate(a, b, ctx=context(x="2026-11-21", y="2026-11-22"))
    falling = relate(a, b, ctx=context(x="2026-11-22", y="2026-11-21"))
    assert rising is not None and rising.relation == "related" and rising.update is not None
    assert (rising.update.earlier, rising.update.later) == ("x:1", "y:1")
    assert falling is not None and falling.relation == "conflicts" and falling.update is None


def test_a_running_count_above_the_other_count_orders_nothing_by_itself() -> None:
    a = claim("x:1", "Crews have carried out 86 rescues since Friday night.", numbers=(("86", "86", "rescues", None),))
    b = claim("y:1", "Crews carried out 61 rescues on the first night of the floods.", numbers=(("61", "61", "rescues", None),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts" and pair.update is None


@pytest.mark.parametrize(
    "running",
    ["About 300 homes have been cleared so far, the council says.", "About 300 homes have now been cleared, the council says."],
)
def test_a_count_as_it_stood_below_the_other_is_the_earlier_count(running: str) -> None:
    a = claim("x:1", running, numbers=(("300", "300", "homes", "approx"),))
    b = claim("y:1", "About 520 homes were cleared of debris after the storm, the council said.", numbers=(("520", "520", "homes", "approx"),))
    pair = relate(a, b)
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("x:1", "y:1")


def test_a_figure_opening_a_sentence_names_no_instance() -> None:
    a = claim("x:1", "Nearly 90 stalls were damaged in the market fire.", numbers=(("90", "90", "stalls", "max"),))
    b = claim("y:1", "Roughly 40 stalls were damaged in the market fire.", numbers=(("40", "40", "stalls", "approx"),))
    pair = relate(a, b)
    assert pair is not None and pair.different_events is None and types(pair) == ["number"]


def test_a_count_by_a_day_is_a_running_count() -> None:
    a = claim("x:1", "By Friday evening 23 people had been treated for smoke inhalation.",
              numbers=(("23", "23", "people", None),), dates=(("2026-04-10", "Friday"),), occasion_source="the claim")
    b = claim("y:1", "Nineteen people were treated for smoke inhalation at the county hospital.", numbers=(("19", "Nineteen", "people", None),))
    pair = relate(a, b, ctx=context(x="2026-04-11", y="2026-04-09"))
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("y:1", "x:1")
    unordered = relate(a, claim("y:1", b.text, numbers=b.numbers and (("19", "Nineteen", "people", None),)))
    assert unordered is not None and unordered.relation == "conflicts"


def test_a_lower_bound_and_a_later_count_are_an_update_when_the_reports_order_them() -> None:
    a = claim("x:1", "More than 400 operations had been postponed as of Monday.", numbers=(("400", "400", "operations", "min"),))
    b = claim("y:1", "In the first week, 1,140 operations were postponed.", numbers=(("1140", "1,140", "operations", None),))
    pair = relate(a, b, ctx=context(x="2026-05-04", y="2026-05-11"))
    assert pair is not None and pair.relation == "related" and pair.update is not None
    assert (pair.update.earlier, pair.update.later) == ("x:1", "y:1")


def test_a_place_the_other_source_never_mentions_is_another_event() -> None:
    elsewhere = claim("x:1", "In Oakfield, forty homes were flooded.", numbers=(("40", "forty", "homes", None),),
                      entities=(("Oakfield", "oakfield", None),))
    here = claim("y:1", "The mayor said 312 homes had been flooded.", numbers=(("312", "312", "homes", None),))
    texts = {"x": "In Oakfield, forty homes were flooded.", "y": "Floods in Brantwick. The mayor said 312 homes had been flooded."}
    pair = relate(elsewhere, here, ctx=context(texts))
    assert pair is not None and pair.relation == "related" and "Oakfield" in (pair.different_events or "")
    named = "Floods in Brantwick and Oakfield. The mayor said 312 homes had been flooded."
    assert relate(elsewhere, here, ctx=context({**texts, "y": named})).relation == "conflicts"  # type: ignore[union-attr]


def test_a_name_one_source_leaves_out_in_another_role_still_conflicts() -> None:
    detailed = claim("x:1", "Forty homes were flooded after the Brook Dene burst its banks.", numbers=(("40", "Forty", "homes", None),),
                     entities=(("Brook Dene", "brook dene", None),))
    vague = claim("y:1", "Some 90 homes are said to have been flooded.", numbers=(("90", "90", "homes", "approx"),))
    texts = {"x": detailed.text, "y": "A round-up. Some 90 homes are said to have been flooded."}
    assert types(relate(detailed, vague, ctx=context(texts))) == ["number"]


@pytest.mark.parametrize("cue", ["In neighbouring Oakfield", "Elsewhere in the county", "In a separate incident"])
def test_a_claim_that_says_it_speaks_of_another_place_is_another_event(cue: str) -> None:
    elsewhere = claim("x:1", f"{cue}, forty homes were flooded.", numbers=(("40", "forty", "homes", None),))
    here = claim("y:1", "The mayor said 312 homes had been flooded.", numbers=(("312", "312", "homes", None),))
    pair = relate(elsewhere, here)
    assert pair is not None and pair.relation == "related" and pair.different_events


def test_two_counts_without_anything_to_order_them_conflict() -> None:
    a = _deaths("x:1", "The landslide killed 12 people in the village.", "12", "12")
    b = _deaths("y:1", "The landslide killed 15 people in the village.", "15", "15")
    pair = relate(a, b)
    assert pair is not None and pair.relation == "conflicts" and pair.update is None and pair.different_events is None


# What the first clause says happened, before it says when --------------------------------

def _happening(text: str, **dates: str) -> frozenset[str]:
    found = tuple((value, written) for written, value in dates.items())
    return read_frame(claim("a:1", text, dates=found), WORDS).happening


def test_a_clock_time_does_not_cut_the_clause_it_is_told_in() -> None:
    # "failed" is an opposite: it states "succeed" negated.
    assert _happening("The flood barrier failed at about 4:15 am on the river's east bank.") == {"flood", "barrier", "succeed"}


def test_the_happening_is_what_opens_the_claim_before_its_day_or_time() -> None:
    assert _happening("The landslide buried the road on Sunday afternoon, police said.") == {"landslide", "bury", "road"}
    assert _happening("The storm hit at noon and power lines came down.") == {"storm", "affect"}


def test_no_happening_without_a_day_or_time_in_the_first_clause_or_with_a_name_in_it() -> None:
    assert _happening("The landslide buried the road, and on Sunday the army arrived.") == frozenset()
    assert _happening("The landslide buried the road near the old quarry.") == frozenset()
    named = read_frame(
        claim("a:1", "Storm Dara hit the coast on Sunday.", entities=(("Storm Dara", "storm dara", None),)), WORDS
    ).happening
    assert named == frozenset()
    assert _happening("Flooding on Sunday closed the bridge.") == frozenset(), "one concept could be any of the story's happenings"


def test_the_same_happening_told_on_other_days_conflicts_on_the_date() -> None:
    """The two claims share little beyond "the blaze began": what else each says dilutes the alignment."""
    a = claim("a:1", "The blaze erupted on Saturday evening at the Harwick mill, and it burned until dawn.")
    b = claim(
        "b:1", "The fire broke out at 9:30 pm on Sunday in a store room of the old riverside premises, the chief officer said."
    )
    ctx = context(a="2026-05-12", b="2026-05-12")
    pair = relate(a, b, ctx=ctx)
    assert pair is not None and pair.relation == "conflicts", pair
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("date", "Saturday", "Sunday")]
    later = claim("b:2", "Firefighters put out the fire at 9:30 pm on Sunday in a store room of the old riverside premises.")
    pair = relate(a, later, ctx=ctx)
    assert pair is None or pair.relation != "conflicts", pair


def test_a_closing_attribution_of_six_words_is_not_part_of_the_statement() -> None:
    told = claim(
        "a:1", "The ferry ran aground near the north pier, regional harbour authority spokeswoman Ana Ruiz said.",
        entities=(("Ana Ruiz", "ruiz", "spokeswoman"),), attribution="Ana Ruiz",
    )
    assert read_frame(told, WORDS).content == {"ferry", "run", "aground", "near", "north", "pier"}


def test_a_half_of_the_day_is_no_concept() -> None:
    assert "pm" not in read_frame(claim("a:1", "The ferry ran aground at 11 pm near the pier."), WORDS).content


def test_a_happening_told_with_more_words_is_still_one_happening() -> None:
    due = claim(
        "a:1", "Demolition is due to begin in June 2027, and a new jetty with a ferry terminal will follow in 2029.",
        dates=(("2027-06", "June 2027"), ("2029", "2029")),
    )
    early = claim(
        "b:1", "Demolition is set to start as early as June 2026, meaning months of noise for beachfront cafes and hotels.",
        dates=(("2026-06", "June 2026"),),
    )
    assert types(relate(due, early, ctx=context(a="2026-01-10", b="2026-01-12"))) == ["date"]


def test_a_thing_that_happened_is_the_thing() -> None:
    assert _happening("The explosion occurred at 6:05 am near the depot gates.") == {"explosion"}
    assert _happening("The collapse took place on Friday evening.") == {"collapse"}
    caved = claim("a:1", "The old bridge gave way on Friday evening, sending two lorries into the river below.")
    happened = claim("b:1", "The collapse happened at 7:10 pm on Saturday as commuters queued on the approach road.")
    assert types(relate(caved, happened, ctx=context(a="2026-03-02", b="2026-03-02"))) == ["date"]
    assert _happening("Talks took place on Friday.") == frozenset({"talk"})


def test_ages_of_two_people_are_two_things() -> None:
    nephew = claim("x:1", "The woman attacked her four-year-old nephew in the kitchen.", numbers=(("4", "four-year-old", "years old", None),))
    aunt = claim("y:1", "The 29-year-old aunt attacked the boy in the kitchen.", numbers=(("29", "29-year-old", "years old", None),))
    assert "number" not in types(relate(nephew, aunt))
    older = claim("z:1", "The 33-year-old aunt attacked the boy in the kitchen.", numbers=(("33", "33-year-old", "years old", None),))
    pair = relate(aunt, older)
    assert types(pair) == ["number"]
    assert (pair.conflicts[0].a, pair.conflicts[0].b) == ("29-year-old", "33-year-old")  # type: ignore[union-attr]
    # A name gives an age its holder, before the age or after it, by the name's key.
    ruiz = claim("r:1", "Ana Ruiz, 61, was arrested in the kitchen.", numbers=(("61", "61", "years old", None),), entities=(("Ana Ruiz", "ruiz", None),))
    young_ruiz = claim("s:1", "Police arrested 16-year-old Ana Ruiz in the kitchen.", numbers=(("16", "16-year-old", "years old", None),), entities=(("Ana Ruiz", "ruiz", None),))
    assert types(relate(ruiz, young_ruiz)) == ["number"]
    berg = claim("t:1", "Police arrested 16-year-old Tomas Berg in the kitchen.", numbers=(("16", "16-year-old", "years old", None),), entities=(("Tomas Berg", "berg", None),))
    assert "number" not in types(relate(ruiz, berg))
    # An age told without the person it describes may be anyone's in the other claim.
    unnamed = claim("w:1", "Police said the suspect, 33-year-old, attacked the boy in the kitchen.", numbers=(("33", "33-year-old", "years old", None),))
    assert "number" in types(relate(aunt, unnamed))


@pytest.mark.parametrize(
    "first, second",
    [("Britain", "the United Kingdom"), ("the Soviet Union", "the USSR"), ("Islamic State", "ISIL")],
)
def test_two_names_of_one_actor_in_the_aliases_are_no_entity_conflict(first: str, second: str) -> None:
    def named(claim_id: str, actor: str) -> Claim:
        name = actor.removeprefix("the ")
        return claim(claim_id, f"{actor[0].upper()}{actor[1:]} signed the fishing accord in Oslo.", entities=((name, name.lower(), None),))

    assert "entity" not in types(relate(named("x:1", first), named("y:1", second)))
    # Another actor is still another actor.
    assert types(relate(named("x:1", first), named("y:1", "Norway"))) == ["entity"]


@pytest.mark.parametrize(
    ("sentence", "happened"),
    [
        ("The ferry vote was held on Wednesday.", True),
        ("The summit will be held in Geneva next month.", True),
        ("The ferry captain was held hostage for a week.", False),
        ("The ferry captain was held by police on Wednesday.", False),
        ("The council is held responsible for the delays.", False),
        ("The council held talks with the ferry union.", False),
    ],
)
def test_an_event_held_is_an_event_taking_place(sentence: str, happened: bool) -> None:
    concepts = {c.name for c in read_frame(claim("x:1", sentence), WORDS).concepts}
    assert ("happen" in concepts) == happened


@pytest.mark.parametrize(
    ("word", "expected"),
    [("cancelled", "cancel"), ("travelling", "travel"), ("labelled", "label"), ("filled", "fill"), ("installed", "install"), ("called", "call")],
)
def test_british_doubled_l_has_the_lemma_of_the_single(word: str, expected: str) -> None:
    assert lemma(word) == expected
