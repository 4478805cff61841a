"""numbers.py: figures in digits and words, their separators, scales, currencies, bounds, ranges and tallies."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.numbers import find_numbers, number_values
from checker.rules import load_rules
from checker.vocabulary import vocabulary_of

VOCABULARY = vocabulary_of(load_rules(Path(__file__).resolve().parents[1] / "rules"))


def read(text: str) -> list[tuple[str, str | None]]:
    return [(q.value, q.unit) for q in find_numbers(text, VOCABULARY)]


def test_a_figure_after_a_capitalised_opener_is_read() -> None:
    assert read("OSLO, Norway - Some 3,200 cabins lost power.") == [("3200", "cabins")]
    assert read("About 70 ferries were cancelled.") == [("70", "ferries")]
    assert read("The Airbus 380 landed.") == []  # a model number stays a name


@pytest.mark.parametrize(
    "text, value",
    [
        ("Seventeen sailors were rescued.", "17"),
        ("Eighty-two per cent of voters stayed home.", "82"),
        ("The mill employed four thousand weavers.", "4000"),
        ("The shelter took in a hundred and sixty-three dogs.", "163"),
        ("Twelve hundred and forty lamps were lit.", "1240"),
        ("They planted two million three hundred thousand trees.", "2300000"),
    ],
)
def test_numbers_in_words_are_read(text: str, value: str) -> None:
    assert [v for v, _ in read(text)] == [value]


def test_a_number_word_in_a_name_is_not_a_figure() -> None:
    assert read("He drove in Formula One for years.") == []
    assert read("One of the sailors spoke.") == []


@pytest.mark.parametrize("written", ["14,000", "14000", "14.000", "14 000", "14\u00a0000"])
def test_thousands_separators_give_one_value(written: str) -> None:
    assert read(f"The festival drew {written} visitors.") == [("14000", "visitors")]


def test_a_decimal_point_stays_a_decimal_point() -> None:
    assert read("The crane lifted 2.5 tonnes.") == [("2.5", "tonnes")]
    assert read("Shares rose to 1.125 dollars.") == [("1.125", "dollars")]
    assert read("The rate was cut to 3.250 percent.")[0][0] == "3.25"
    assert read("The index moved 1.234.567 points.")[0][0] == "1234567"


@pytest.mark.parametrize(
    "written",
    ["2.6 million dollars", "$2.6m", "US$2.6-million", "US$2.6 million", "2.6 million US dollars", "USD 2.6 million"],
)
def test_scaled_amounts_in_dollars_give_one_value_and_currency(written: str) -> None:
    assert read(f"The contract was worth {written} in all.") == [("2600000", "dollars")]


def test_currencies_are_told_apart() -> None:
    assert read("It cost €75 million and £3bn and C$40m.") == [
        ("75000000", "euros"),
        ("3000000000", "pounds"),
        ("40000000", "canadian dollars"),
    ]


def test_a_joined_letter_is_a_unit_without_a_currency() -> None:
    assert read("Snow lay 35cm deep and the tower is 120m tall.") == [("35", "centimetres"), ("120", "metres")]
    assert read("Waves reached 6m.") == [("6", "metres")]
    assert read("The 19th race started at 10am in the 1990s.") == []


def test_measures_in_words_and_abbreviations_agree() -> None:
    assert read("Some 80mm of rain fell.") == read("Some 80 millimetres of rain fell.") == [("80", "millimetres")]


@pytest.mark.parametrize("written", ["61 percent", "61 per cent", "61%", "sixty-one per cent"])
def test_percent_spellings_give_one_value(written: str) -> None:
    assert read(f"The lake was {written} frozen.") == [("61", "frozen")]


def test_a_percentage_counts_what_it_measures() -> None:
    assert read("Almost 40 percent of pilots walked out.") == [("40", "pilots")]
    assert read("Turnout rose 12% on the year.") == [("12", "turnout")]
    pilots, frozen = read("40 percent of pilots and 40 percent frozen.")
    assert pilots[1] != frozen[1]


@pytest.mark.parametrize(
    "bound, modifier",
    [
        ("at least", "min"), ("more than", "min"), ("over", "min"), ("upwards of", "min"),
        ("up to", "max"), ("as many as", "max"), ("at most", "max"), ("fewer than", "max"),
        ("under", "max"), ("nearly", "max"), ("almost", "max"),
        ("about", "approx"), ("around", "approx"), ("some", "approx"), ("roughly", "approx"),
        ("approximately", "approx"), ("an estimated", "approx"),
    ],
)
def test_bounds_before_a_figure_fill_the_modifier(bound: str, modifier: str) -> None:
    (quantity,) = find_numbers(f"The storm felled {bound} 300 oaks.", VOCABULARY)
    assert (quantity.value, quantity.modifier) == ("300", modifier)


def test_a_bound_is_read_past_a_currency_and_on_words() -> None:
    (money,) = find_numbers("They raised more than $5 million.", VOCABULARY)
    (words,) = find_numbers("Nearly two hundred guests came.", VOCABULARY)
    assert (money.value, money.unit, money.modifier) == ("5000000", "dollars", "min")
    assert (words.value, words.modifier) == ("200", "max")


def test_an_exact_figure_has_no_modifier() -> None:
    (quantity,) = find_numbers("The storm felled 300 oaks.", VOCABULARY)
    assert quantity.modifier is None


@pytest.mark.parametrize(
    "text", ["It hired 40 to 45 guards.", "It hired between 40 and 45 guards.", "It hired 40-45 guards.", "It hired 40–45 guards."]
)
def test_ranges_are_one_quantity(text: str) -> None:
    assert read(text) == [("40-45", "guards")]


def test_a_scale_written_once_covers_both_ends_of_a_range() -> None:
    assert read("Between 2.5 and 3 million tourists came.") == [("2500000-3000000", "tourists")]


def test_figures_that_are_not_a_range_stay_apart() -> None:
    assert read("It hired 40 guards and 45 cooks.") == [("40", "guards"), ("45", "cooks")]
    assert read("The side won 3-1 in the 2021-22 season.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The board voted 9 to 6 for the merger.",
        "The merger passed by nine votes to six.",
        "The merger passed 9 votes to 6.",
        "The merger passed in a 9-6 vote.",
    ],
)
def test_votes_are_one_tally(text: str) -> None:
    assert read(text) == [("9:6", "votes")]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The casualty count rose to 31.", "casualty count"),
        ("The bail was 250,000.", "bail"),
        ("Attendance stood at 4,100.", "attendance"),
        ("The bill came to about 900.", "bill"),
    ],
)
def test_a_noun_before_the_figure_is_what_it_counts(text: str, unit: str) -> None:
    (quantity,) = find_numbers(text, VOCABULARY)
    assert quantity.unit == unit


def test_a_noun_after_the_figure_wins_over_one_before() -> None:
    assert read("The count rose to 31 ships.") == [("31", "ships")]
    assert read("He said it was 31.") == [("31", None)]


def test_number_values_match_the_reader() -> None:
    assert number_values("It drew 14 000 visitors, 14.000 in all, in 2019, for $1.5m.") == {"14000", "2019", "1500000"}
    assert number_values("The 21st Su-34 was 3.5 m long.") == {"21", "34", "3.5"}


def test_a_name_opening_a_claim_keeps_its_number() -> None:
    assert read("Pier 9, which opened in 1990, is closed.") == []
    assert read("Roughly 300 oaks fell.") == [("300", "oaks")]


def test_one_after_a_possessive_is_not_a_count() -> None:
    assert read("The town's one cinema closed.") == []
    assert read("Not one cinema was open.") == [("1", "cinema")]


def test_clock_times_are_not_counts() -> None:
    assert read("The gates shut at 2 p.m. and opened at ten o'clock.") == []
    assert read("The gates shut at 9pm.") == []


def test_a_percentage_of_someones_total_counts_the_total_noun() -> None:
    assert read("Eighty per cent of the club's members voted.") == [("80", "members")]
    assert read("Eighty per cent of the club's 1,200 members voted.") == [("80", "members"), ("1200", "members")]
    assert read("Eighty per cent of which came late.") == [("80", "percent")]


def test_a_number_after_past_tells_the_time() -> None:
    assert read("The ferry left at half past six with nine cars.") == [("9", "cars")]


def test_thousands_separators_and_decimals_are_normalised() -> None:
    assert [(q.value, q.unit) for q in find_numbers("Police counted 1,200 protesters and 3.5 tonnes of food.", VOCABULARY)] == [
        ("1200", "protesters"),
        ("3.5", "tonnes"),
    ]


def test_number_words_are_normalised() -> None:
    found = find_numbers("Three ships, twenty-three planes, two hundred trucks and a dozen boats left.", VOCABULARY)
    assert [(q.value, q.text) for q in found] == [
        ("3", "Three"),
        ("23", "twenty-three"),
        ("200", "two hundred"),
        ("12", "a dozen"),
    ]


def test_scale_words_multiply_the_number() -> None:
    assert [q.value for q in find_numbers("The fund holds 1.2 million dollars and $3 billion in bonds.", VOCABULARY)] == ["1200000", "3000000000"]


def test_percentages_count_what_they_measure() -> None:
    found = find_numbers("Turnout rose 15% while support fell 4.5 percent.", VOCABULARY)
    assert [(q.value, q.unit, q.text) for q in found] == [("15", "turnout", "15%"), ("4.5", "support", "4.5 percent")]


def test_vague_amounts_are_ranges() -> None:
    found = find_numbers("Dozens were hurt, hundreds fled and tens of thousands of residents lost power.", VOCABULARY)
    assert [(q.value, q.text) for q in found] == [
        ("24-99", "Dozens"),
        ("200-999", "hundreds"),
        ("10000-99999", "tens of thousands"),
    ]


def test_unit_is_the_counted_noun_phrase() -> None:
    assert read("The court freed 52 political prisoners on Friday.") == [("52", "political prisoners")]
    assert read("Three political prisoners — including a doctor — were freed.") == [("3", "political prisoners")]
    assert read("Envoys from 23 countries including Chile attended.") == [("23", "countries")]
    assert read("It sent tens of thousands of Russian troops north.") == [("10000-99999", "russian troops")]
    assert read("Two other NATO member states objected.") == [("2", "nato member states")]
    # A double hyphen is a dash: what follows it is counted by nothing.
    assert read("The navy had nearly 600 ships--about twice its fleet today.") == [("600", "ships")]
    assert read("The navy had 600 well-armed ships.") == [("600", "well-armed ships")]


def test_unit_is_none_when_nothing_countable_follows() -> None:
    assert read("The bill passed by 52 to 3.") == [("52", None), ("3", None)]


def test_a_place_and_a_comma_before_a_figure_are_not_its_name() -> None:
    assert read("In Harlow, 12 people were hurt.") == [("12", "people")]
    assert read("Across Norway, 99 percent of homes have power.") == [("99", "homes")]
    assert read("A Boeing 737 and an Airbus A320 landed.") == []


def test_a_possessive_before_a_figure_owns_what_it_counts() -> None:
    assert read("Harlow's 14 libraries will close.") == [("14", "libraries")]
    assert read("Norway’s 169 MPs voted.") == [("169", "mps")]
    assert read("The Kestrel 300 was grounded.") == []


@pytest.mark.parametrize("verb", ["slid", "slipped", "dipped", "surged", "tumbled", "fell"])
def test_a_percentage_change_counts_the_noun_its_verb_follows(verb: str) -> None:
    assert read(f"Ticket revenue {verb} 21 percent.") == [("21", "ticket revenue")]


def test_digits_inside_names_are_not_numbers() -> None:
    text = "A Su-34 and a T-72 joined Zapad-2025, 19FortyFive said, citing COVID-19 rules and Resolution 2231."
    assert find_numbers(text, VOCABULARY) == ()


def test_ordinals_are_not_numbers() -> None:
    assert find_numbers("It was the first visit in the 21st century.", VOCABULARY) == ()


def test_one_counts_only_before_a_noun() -> None:
    assert find_numbers("One of the guards said no one was hurt at the one-time base.", VOCABULARY) == ()
    assert read("Only one prisoner was freed.") == [("1", "prisoner")]


@pytest.mark.parametrize(
    "text", ["A 64-year-old pilot landed.", "A sixty-four-year-old pilot landed.", "The pilot, 64 years old, landed."]
)
def test_ages_are_one_figure_in_years_old(text: str) -> None:
    assert read(text) == [("64", "years old")]


@pytest.mark.parametrize("text", ["Ana Ruiz, 64, landed.", "Ruiz (64) landed.", "The pilot, aged 64, landed."])
def test_a_figure_beside_a_name_or_after_aged_is_an_age(text: str) -> None:
    assert read(text) == [("64", "years old")]


@pytest.mark.parametrize(
    "text",
    [
        "Routes 12, 64, and 80 were closed.",  # a list of figures
        "In March, 64 were arrested.",  # a figure after a comma that counts
        "Ana Ruiz, 164, landed.",  # no one is that old
        "Ana Ruiz, 6.4, landed.",  # nor an age in decimals
    ],
)
def test_other_figures_beside_a_name_are_no_age(text: str) -> None:
    assert all(unit != "years old" for _, unit in read(text))


def test_a_span_of_years_is_not_an_age() -> None:
    assert read("The pilot flew for 64 years.") == [("64", "years")]
    assert read("They signed a 3-year deal.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sailed at twenty past ten with nine cars.",
        "The ferry sailed at five minutes past nine with nine cars.",
        "The ferry sailed at ten past midnight with nine cars.",
        "The ferry sailed at quarter past one with nine cars.",
    ],
)
def test_minutes_told_against_an_hour_are_a_time(text: str) -> None:
    assert read(text) == [("9", "cars")]


def test_a_count_before_past_that_is_no_hour_stays_a_count() -> None:
    assert read("Twenty walkers waited past midnight.") == [("20", "walkers")]
    assert read("Forty cars drove past the gate.") == [("40", "cars")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Two-thirds of the nurses voted to strike.", "66.7", "nurses"),
        ("A quarter of households own a boat.", "25", "households"),
        ("Three quarters of the ferries were late.", "75", "ferries"),
        ("One fifth of voters stayed home.", "20", "voters"),
        ("Half of the orchards flooded.", "50", "orchards"),
    ],
)
def test_a_fraction_of_a_whole_is_a_percentage_of_it(text: str, value: str, unit: str) -> None:
    assert read(text) == [(value, unit)]


def test_fraction_words_without_of_are_no_share() -> None:
    assert read("The third quarter was slow.") == []
    assert read("He finished third of nine runners.") == [("9", "runners")]  # an ordinal place


def test_a_bound_before_a_fraction_fills_its_modifier() -> None:
    [share] = find_numbers("Roughly two-thirds of the pupils walk to school.", VOCABULARY)
    assert (share.value, share.text, share.modifier) == ("66.7", "two-thirds", "approx")


@pytest.mark.parametrize(
    "text, value, written",
    [
        ("Half a million tourists came.", "500000", "Half a million"),
        ("The farm lost half a dozen sheep.", "6", "half a dozen"),
        ("A million tourists came.", "1000000", "A million"),
    ],
)
def test_half_a_scale_is_half_of_it(text: str, value: str, written: str) -> None:
    [quantity] = find_numbers(text, VOCABULARY)
    assert (quantity.value, quantity.text) == (value, written)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("One in five drivers was speeding.", "20", "drivers"),
        ("Three out of ten pupils walk.", "30", "pupils"),
        ("1 in 4 farms lost stock.", "25", "farms"),
    ],
)
def test_a_count_in_a_whole_is_a_percentage(text: str, value: str, unit: str) -> None:
    assert read(text) == [(value, unit)]


def test_a_count_in_a_span_of_time_or_a_tally_is_no_share() -> None:
    assert read("She won three in ten days.") == [("3", None), ("10", "days")]
    assert read("The team won two in two.") == [("2", None), ("2", None)]


@pytest.mark.parametrize(
    "text, value, unit",
    [("Some 30-odd ferries sailed.", "30", "ferries"), ("Forty-odd pickers arrived.", "40", "pickers")],
)
def test_odd_after_a_round_figure_is_at_least_it(text: str, value: str, unit: str) -> None:
    [quantity] = find_numbers(text, VOCABULARY)
    assert (quantity.value, quantity.unit, quantity.modifier) == (value, unit, "min")
    assert read("The odd ferry sailed.") == []


@pytest.mark.parametrize(
    "text, value",
    [("Several hundred pickers arrived.", "200-999"), ("A few thousand pickers arrived.", "2000-9999")],
)
def test_several_or_a_few_of_a_scale_is_as_vague_as_its_plural(text: str, value: str) -> None:
    assert read(text) == [(value, "pickers")]
    assert read("A few pickers arrived.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A seventy-one-year-old farmer and a forty-two-year-old vet were hurt.",
        "Some 1,000-odd fans and thirty-odd stewards waited.",
        "One in a hundred tickets and an eighth of the seats were free.",
        "Several hundred fans and half a dozen stewards waited, about two-thirds of them outside.",
        "The motion passed 14 votes to 13 after 20-25 minutes.",
        "The club, valued at US$3.4bn, sold 4,500 seats at 12% off.",
    ],
)
def test_every_figure_points_at_its_words(text: str) -> None:
    found = find_numbers(text, VOCABULARY)
    assert found
    assert all(text[q.start:q.end] == q.text for q in found)


def test_ages_and_odd_figures_in_words_keep_their_bounds() -> None:
    found = find_numbers("Nearly sixty-odd of the pickers and an almost ninety-year-old owner stayed.", VOCABULARY)
    assert [(q.value, q.unit, q.modifier) for q in found] == [("60", "pickers", "min"), ("90", "years old", "max")]
    assert [(q.value, q.unit) for q in find_numbers("Some 1,000-odd fans waited.", VOCABULARY)] == [("1000", "fans")]


def test_a_share_of_nothing_named_is_a_percentage() -> None:
    assert read("Turnout was one in three.") == [("33.3", "percent")]
    assert read("One in a hundred tickets was free.") == [("1", "tickets")]
    assert read("An eighth of the seats were free.") == [("12.5", "seats")]


def test_a_vague_amount_beside_a_figure_is_no_range() -> None:
    assert read("Dozens to 50 boats were lost.") == [("24-99", None), ("50", "boats")]
    assert read("Between 50 and dozens of boats were lost.") == [("50", None), ("24-99", "boats")]


def test_and_joins_a_range_only_after_between_and_never_a_tally() -> None:
    assert read("Between 12 and 15 boats sank.") == [("12-15", "boats")]
    assert read("The tallies were 12 and 15 boats.") == [("12", "tallies"), ("15", "boats")]
    assert read("The council voted 7 to 2 for the plan.") == [("7:2", "votes")]
    assert read("The council voted 7 and 2 members abstained.") == [("7", None), ("2", "members")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Museum Sold To Collector For $4 Million", [("4000000", "dollars")]),
        ("Mill Owner Paid 3 Thousand Weavers In Cash", [("3000", "weavers")]),
        ("Dealer Says Painting Is Worth $12 BILLION", [("12000000000", "dollars")]),
    ],
)
def test_a_headline_capitalises_its_scale_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text) == expected


def test_a_headline_capital_before_a_figure_names_nothing_when_it_is_inflected() -> None:
    assert read("Avalanche Buries 14 Skiers In The Alps") == [("14", "skiers")]
    assert read("Ferry Carrying 212 Passengers Runs Aground Off The Coast") == [("212", "passengers")]
    # A name stays a name, in a headline or not: "Airbus 380" is a model.
    assert read("Airbus 380 Lands On A Frozen Lake") == []


@pytest.mark.parametrize("text, unit", [("Temperatures reached 40C on Tuesday.", "degrees celsius"), ("It was 104°F in the shade.", "degrees fahrenheit")])
def test_a_temperature_counts_its_scale(text: str, unit: str) -> None:
    assert [u for _, u in read(text)] == [unit]


def test_a_share_in_words_is_a_rounded_one() -> None:
    assert [q.modifier for q in find_numbers("A third of the staff left.", VOCABULARY)] == ["approx"]
    assert [q.modifier for q in find_numbers("Nearly one in five staff left.", VOCABULARY)] == ["max"]
