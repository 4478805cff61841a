"""checker.duplicates: exact, fuzzy and restated repeats inside one article, and the passages they form."""

from __future__ import annotations

from pathlib import Path


import checker

FILLER = [
    "Weather in the capital was cold and grey all week.",
    "Farmers in the south reported a good harvest of wheat.",
    "A new metro line opened in the eastern districts.",
]


def _article(tmp_path: Path, *lines: str) -> checker.Article:
    path = tmp_path / "a.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return checker.check([path]).articles[0]


def _by_line(article: checker.Article) -> dict[str, int]:
    return {c.id: c.line for c in article.claims}


def _found(article: checker.Article) -> set[tuple[int, int, str, str]]:
    line = _by_line(article)
    return {(line[d.a], line[d.b], d.kind, d.method) for d in article.duplicates}


def test_exact_repeat_ignores_case_punctuation_and_white_space(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "The council approved the new budget for the city library on Monday.",
        *FILLER,
        "THE COUNCIL   approved the new budget, for the city library on Monday!",
    )
    assert _found(article) == {(1, 5, "exact", "exact")}
    assert article.duplicates[0].similarity == 1.0


def test_repeat_with_one_word_changed_is_a_fuzzy_near_duplicate(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "The council approved the new budget for the city library on Monday.",
        *FILLER,
        "The council approved the new budget for the city museum on Monday.",
    )
    assert _found(article) == {(1, 5, "near", "fuzzy")}
    assert 0.9 <= article.duplicates[0].similarity < 1.0


def test_summary_restated_in_other_words_is_a_restatement(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "Belarus released fourteen political prisoners from Minsk prison after talks with American envoys.",
        *FILLER,
        "After lengthy talks with American envoys, authorities in Belarus freed fourteen political prisoners "
        "held in a Minsk prison, officials confirmed.",
    )
    assert _found(article) == {(1, 5, "near", "restatement")}


def test_unrelated_sentences_are_not_duplicates(tmp_path: Path) -> None:
    article = _article(tmp_path, "The council approved the new budget for the city library on Monday.", *FILLER)
    assert article.duplicates == ()


def test_template_with_different_numbers_is_not_a_duplicate(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "Prices rose by 5 percent in March across the region, the agency said.",
        *FILLER,
        "Prices rose by 7 percent in March across the region, the agency said.",
    )
    assert article.duplicates == ()


def test_template_with_different_names_on_consecutive_lines_is_not_a_duplicate(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "Minister Anna Berg opened the new bridge over the river on Friday.",
        "Minister Karl Holm opened the new bridge over the river on Friday.",
    )
    assert article.duplicates == ()


def test_template_with_different_names_is_not_a_duplicate(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "Minister Anna Berg opened the new bridge over the river on Friday.",
        FILLER[0],
        "Minister Karl Holm opened the new bridge over the river on Friday.",
    )
    assert article.duplicates == ()


def test_template_with_different_dates_is_not_a_duplicate(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "The council approved the new budget for the city library on 3 March 2025.",
        *FILLER,
        "The council approved the new budget for the city library on 9 March 2025.",
    )
    assert article.duplicates == ()


def test_consecutive_repeats_form_one_passage_with_their_line_spans(tmp_path: Path) -> None:
    repeated = [
        "The council approved the new budget for the city library on Monday.",
        "The mayor praised the decision in a short statement to reporters.",
        "Opposition members walked out of the chamber before the final vote.",
    ]
    article = _article(tmp_path, *repeated, *FILLER, *repeated)
    ids = [c.id for c in article.claims]
    assert len(article.duplicates) == 3
    assert article.passages == (
        checker.Passage(a=tuple(ids[0:3]), b=tuple(ids[6:9]), lines_a=(1, 3), lines_b=(7, 9)),
    )


def test_single_repeat_forms_no_passage(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "The council approved the new budget for the city library on Monday.",
        *FILLER,
        "The council approved the new budget for the city library on Monday.",
    )
    assert len(article.duplicates) == 1 and article.passages == ()


def test_two_hundred_copies_give_one_duplicate_each_pointing_at_the_first(tmp_path: Path) -> None:
    sentence = "The council approved the new budget for the city library on Monday."
    article = _article(tmp_path, *[sentence] * 200)
    first = article.claims[0].id
    assert len(article.duplicates) == 199
    assert {d.a for d in article.duplicates} == {first}
    assert [d.b for d in article.duplicates] == [c.id for c in article.claims[1:]]


def test_duplicate_a_is_always_the_earlier_claim(tmp_path: Path) -> None:
    lines = [
        "The council approved the new budget for the city library on Monday.",
        *FILLER,
        "The council approved the new budget for the city museum on Monday.",
        "The council approved the new budget for the city library on Monday.",
        "Weather in the capital was cold and grey all week!",
        "The council approved the new budget for the city museum on Monday.",
    ]
    article = _article(tmp_path, *lines)
    position = {c.id: n for n, c in enumerate(article.claims)}
    assert len(article.duplicates) == 4
    assert all(position[d.a] < position[d.b] for d in article.duplicates)


def test_each_later_claim_is_reported_once(tmp_path: Path) -> None:
    sentence = "The council approved the new budget for the city library on Monday."
    article = _article(tmp_path, sentence, sentence.replace("library", "museum"), *FILLER, sentence)
    later = [d.b for d in article.duplicates]
    assert len(later) == len(set(later))


def test_repeated_heading_is_a_duplicate_but_caption_lines_are_not(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        "Storm Hits The Coast",
        "Photo: Reuters",
        "The storm hit the coast on Monday, the mayor said.",
        "Photo: Reuters",
        "Storm Hits The Coast",
        "Heavy rain flooded the lower town overnight.",
    )
    line = _by_line(article)
    assert [(line[d.a], line[d.b]) for d in article.duplicates] == [(1, 5)]


def test_duplicates_of_one_article_never_reach_into_another(tmp_path: Path) -> None:
    sentence = "The council approved the new budget for the city library on Monday."
    (tmp_path / "a.txt").write_text(f"{sentence}\n{FILLER[0]}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{FILLER[1]}\n{sentence}\n", encoding="utf-8")
    report = checker.check([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert all(a.duplicates == () for a in report.articles)


def test_duplicate_threshold_option_decides_fuzzy_repeats(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "\n".join(
            ["The council approved the new budget for the city library on Monday.", *FILLER,
             "The council approved the new budget for the city museum on Monday."]
        ),
        encoding="utf-8",
    )
    assert len(checker.check([path]).articles[0].duplicates) == 1
    assert checker.check([path], duplicate_threshold=0.99).articles[0].duplicates == ()


def _pair_found(tmp_path: Path, first: str, second: str) -> set[tuple[int, int, str, str]]:
    return _found(_article(tmp_path, first, *FILLER, second))


def test_short_summary_point_restated_with_another_verb_is_a_near_duplicate(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- All three Harbour ferries are sailing on reduced timetables after the strike",
        "All three Harbour ferries are running on reduced timetables after a strike by deckhands, the operator says.",
    )
    assert found == {(1, 5, "near", "restatement")}


def test_short_summary_point_restated_with_its_date_added_is_a_near_duplicate(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- Lifeboat crews have made 40 rescues, most of them at night",
        "Lifeboat crews have made 40 rescues since Sunday night, most of them at night, the coastguard says.",
    )
    assert found == {(1, 5, "near", "restatement")}


def test_restatement_that_adds_a_figure_is_a_near_duplicate(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- Three workers were hurt, and nobody at the plant has resigned",
        "Three workers were hurt in the blast, and not one manager at the Halden plant has resigned, the union says.",
    )
    assert found == {(1, 5, "near", "restatement")}


def test_edited_repeat_of_a_short_point_with_a_new_tense_is_a_near_duplicate(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- The harbour safety plan had not been revised since 2018",
        "Worse, the harbour safety plan has not been revised since 2018, according to papers seen by the Harbour Gazette.",
    )
    assert found == {(1, 5, "near", "restatement")}


def test_short_template_filled_in_twice_is_not_a_restatement(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "\n".join(["The board approved the new budget for the harbour museum.", *FILLER,
                   "The board approved the new budget for the harbour library."]),
        encoding="utf-8",
    )
    assert checker.check([path], duplicate_threshold=0.99).articles[0].duplicates == ()


def test_short_point_with_another_count_is_not_a_restatement(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- Two fishermen drowned at the harbour mouth",
        "Five fishermen drowned at the harbour mouth on Saturday night, the coastguard said.",
    )
    assert found == set()


def test_short_point_with_another_year_is_not_a_restatement(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- The harbour safety plan had not been revised since 2018",
        "The harbour safety plan has not been revised since 2021, according to papers seen by the Harbour Gazette.",
    )
    assert found == set()


def test_short_point_sharing_a_few_words_with_a_long_sentence_is_not_a_restatement(tmp_path: Path) -> None:
    found = _pair_found(
        tmp_path,
        "- Protesters gathered outside the harbour office all day",
        "The harbour office said the ferry would sail on Monday whatever the weather, and the crew agreed.",
    )
    assert found == set()


def _page(tmp_path: Path, text: str) -> tuple[checker.Article, set[tuple[str, str, str]]]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    article = checker.check([path]).articles[0]
    by_id = {c.id: c.text for c in article.claims}
    return article, {(by_id[d.a], by_id[d.b], d.method) for d in article.duplicates}


LIVE_PAGE = """Harbour fire: live updates

Key points
- The fire began shortly before dawn in a shed storing fertiliser
- Coastguards are not treating the fire as suspicious
- All six crew of the Sea Lark are safe ashore

07.30 - Crossings
Crossings from North Quay are cancelled, the operator says. Passengers should not travel to the port.

07.05 - Coastguard
The Kelby coastguard says it is not treating the fire at the Dunmore fertiliser depot as suspicious.

06.40 - Sea Lark
The owner of the Sea Lark says the ship's engine was last serviced in the spring.
The company says the burning shed held about 30 tonnes of fertiliser, mostly nitrates.

06.10 - Fire begins
Firefighters say the fire began at about 5.20am on Sunday in a shed storing fertiliser.
Residents have been told to keep their windows shut.
"""


def test_summary_points_are_paired_with_the_entries_that_restate_them(tmp_path: Path) -> None:
    _, found = _page(tmp_path, LIVE_PAGE)
    assert (
        "The fire began shortly before dawn in a shed storing fertiliser",
        "Firefighters say the fire began at about 5.20am on Sunday in a shed storing fertiliser.",
        "restatement",
    ) in found
    assert (
        "Coastguards are not treating the fire as suspicious",
        "The Kelby coastguard says it is not treating the fire at the Dunmore fertiliser depot as suspicious.",
        "restatement",
    ) in found


def test_summary_point_is_not_paired_through_the_next_entrys_heading(tmp_path: Path) -> None:
    _, found = _page(tmp_path, LIVE_PAGE)
    assert not any(b.startswith("The company says the burning shed") for _, b, _ in found)


def test_summary_point_sharing_only_a_name_restates_nothing(tmp_path: Path) -> None:
    _, found = _page(tmp_path, LIVE_PAGE)
    assert not any(a.startswith("All six crew") or b.startswith("All six crew") for a, b, _ in found)


def test_list_of_parallel_items_is_not_paired_by_the_summary_rule(tmp_path: Path) -> None:
    text = (
        "Status\n- North Quay terminal: ticket office open, crossings to Kelby and Dunmore running late\n"
        "- South Quay terminal: ticket office closed, crossings to Kelby and Dunmore cancelled\n\n"
        f"{FILLER[0]}\n\nCrossings to Kelby are running late, the operator says.\n"
    )
    _, found = _page(tmp_path, text)
    assert not any(method == "restatement" and a.startswith(("North", "South")) for a, _, method in found)


def test_summary_points_with_other_figures_are_not_restatements(tmp_path: Path) -> None:
    text = (
        "Key points\n- Nine passengers were taken to hospital with burns\n- The ferry sank in 2019\n\n"
        "Four passengers were taken to Kelby hospital with burns, the ambulance service said.\n\n"
        "The harbour board says the ferry sank in 2021 after hitting the north wall.\n"
    )
    _, found = _page(tmp_path, text)
    assert found == set()


def test_paragraph_repeated_with_a_light_edit_is_a_near_repeat(tmp_path: Path) -> None:
    first = "The harbour board has set up a hardship fund for stranded passengers, and gifts can be left at any Kelby ferry office."
    second = "The harbour board has set up a hardship fund for passengers left stranded; gifts can be left at any ferry office in Kelby."
    article, found = _page(tmp_path, f"{FILLER[0]}\n\n{first}\n\n{second}\n")
    assert found == {(first, second, "fuzzy")}
    assert 0.75 <= article.duplicates[0].similarity < 0.9


def test_pull_quote_repeating_a_quotation_with_small_edits_is_a_near_repeat(tmp_path: Path) -> None:
    body = "“We will not reopen the pier before the engineers have signed it off,” Berg said."
    pull = "“We will not reopen the pier before engineers have signed off on it”"
    _, found = _page(tmp_path, f"{body}\n\n{FILLER[1]}\n\n{FILLER[2]}\n\n{pull}\n")
    assert {(a, b) for a, b, _ in found} == {(body, pull)}


def test_repeats_with_the_opposite_polarity_or_other_places_are_not_near_repeats(tmp_path: Path) -> None:
    text = (
        "The harbour board approved the plan to close the north pier, according to the clerk.\n\n"
        f"{FILLER[0]}\n\n"
        "The harbour board has not approved the plan to close the north pier, according to the clerk.\n\n"
        "North Pier will stay shut to foot passengers until Friday, the harbour master said.\n\n"
        "South Pier will stay shut to foot passengers until Friday, the harbour master said.\n"
    )
    _, found = _page(tmp_path, text)
    assert found == set()


def test_repeats_negated_on_both_sides_are_still_repeats(tmp_path: Path) -> None:
    first = "The harbour board has not approved the plan to close the north pier, according to the clerk."
    second = "The harbour board has still not approved the plan to close the north pier, the clerk said."
    _, found = _page(tmp_path, f"{first}\n\n{FILLER[0]}\n\n{FILLER[1]}\n\n{second}\n")
    assert {(a, b) for a, b, _ in found} == {(first, second)}


def test_raising_the_duplicate_threshold_leaves_light_edits_out(tmp_path: Path) -> None:
    first = "The harbour board has set up a hardship fund for stranded passengers, and gifts can be left at any Kelby ferry office."
    second = "The harbour board has set up a hardship fund for passengers left stranded; gifts can be left at any ferry office in Kelby."
    path = tmp_path / "a.txt"
    path.write_text(f"{FILLER[0]}\n\n{first}\n\n{second}\n", encoding="utf-8")
    assert len(checker.check([path]).articles[0].duplicates) == 1
    assert checker.check([path], duplicate_threshold=0.97).articles[0].duplicates == ()


def test_tips_and_contents_lists_restate_nothing(tmp_path: Path) -> None:
    text = (
        "Tips\n- Avoid skipping meals\n- Eat breakfast every day\n\n"
        "Skipping meals can leave you hungry and make you eat more later in the day, dietitians say.\n\n"
        "Eating breakfast every day helps some people eat less at lunch, one small study found.\n"
    )
    _, found = _page(tmp_path, text)
    assert not any(a.startswith(("Avoid", "Eat breakfast")) for a, _, _ in found)


def test_summary_points_are_bulleted_lines_in_a_list_not_dialogue() -> None:
    from checker.duplicates import _is_summary_point
    from checker.model import Claim

    text = (
        "– I have always liked to cook for the whole family, she says.\n"
        "– My favourite dish is a slow fish stew from the north coast.\n\n"
        "- One bulleted line alone is an aside rather than a list of points\n\n"
        "- The ferry left two hours late on Sunday morning\n"
        "* Two hundred passengers were moved to a second boat\n"
    )

    def point(sentence: str) -> bool:
        start = text.index(sentence)
        return _is_summary_point(text, Claim("a:1", sentence, start, start + len(sentence), 1, "claim"))

    assert not point("I have always liked")
    assert not point("One bulleted line alone")
    assert point("The ferry left two hours late")
    assert point("Two hundred passengers")


def test_short_lines_differing_by_a_word_are_not_light_edits(tmp_path: Path) -> None:
    text = "Here's the thing …\n\nThe ferry was late again.\n\nHere's the other important thing …\n"
    _, found = _page(tmp_path, text)
    assert found == set()
