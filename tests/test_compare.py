"""checker.match and checker.classify: claims of different articles paired and related."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker
from checker.align import vocabulary
from checker.classify import STORY_WORD_ARTICLES, _listed_together, build_context
from checker.ranks import ranked_roles, same_rank
from checker.rules import load_rules
from tests.conftest import describe_sentences

DATED = "date 2025-09-15\n\n"
BUDGET = "The city council approved the new budget for public libraries on Monday evening."
BUDGET_REWORDED = "On Monday evening the city council voted to approve the new public library budget."
SNOW = "Heavy snow closed the mountain passes across the northern province for three days."


def _check(tmp_path: Path, *texts: str, names: tuple[str, ...] = ()) -> checker.Report:
    names = names or tuple(f"art{n}" for n in range(len(texts)))
    paths = []
    for name, text in zip(names, texts):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return checker.check(paths)


def _only_pair(report: checker.Report) -> checker.Pair:
    assert len(report.pairs) == 1, report.pairs
    return report.pairs[0]


def _article_of(claim_id: str) -> str:
    return claim_id.rsplit(":", 1)[0]


def test_same_fact_in_other_words_agrees(tmp_path: Path) -> None:
    pair = _only_pair(_check(tmp_path, DATED + BUDGET, DATED + BUDGET_REWORDED))
    assert pair.relation == "agrees"
    assert pair.conflicts == ()
    assert pair.a == "art0:1" and pair.b == "art1:1"


def test_different_counts_of_the_same_thing_conflict_with_both_values(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The government released 52 political prisoners from the Minsk jail on Monday.",
            DATED + "The government released 14 political prisoners from the Minsk jail on Monday.",
        )
    )
    assert pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("number", "52 political prisoners", "14 political prisoners")]


def test_number_words_and_digits_of_one_count_do_not_conflict(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The government released 14 political prisoners from the Minsk jail on Monday.",
            DATED + "The government released fourteen political prisoners from the Minsk jail on Monday.",
        )
    )
    assert pair.relation == "agrees"


def test_signed_against_did_not_sign_is_a_negation_conflict(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The two countries signed the trade agreement in Geneva on Monday.",
            DATED + "The two countries did not sign the trade agreement in Geneva on Monday.",
        )
    )
    assert pair.relation == "conflicts"
    assert [c.type for c in pair.conflicts] == ["negation"]
    assert "sign" in pair.conflicts[0].a and "not" not in pair.conflicts[0].a
    assert "not sign" in pair.conflicts[0].b


def test_a_negation_of_something_else_in_the_claim_is_no_conflict(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The mayor, who never gave interviews, opened the new bridge over the river on Monday.",
            DATED + "The mayor opened the new bridge over the river on Monday.",
        )
    )
    assert pair.relation == "agrees" and pair.conflicts == ()


def test_former_president_against_president_is_a_qualifier_conflict_in_otherwise_different_claims(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "Former President Viktor Lomakin visited the flooded villages near the border on Monday.",
        DATED + "President Viktor Lomakin will attend a football match in the capital next week, his office said.",
    )
    pair = _only_pair(report)
    assert pair.relation == "conflicts"
    assert pair.similarity < report.settings["match_threshold"]
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [
        ("qualifier", "former President Viktor Lomakin", "President Viktor Lomakin")
    ]


def test_same_title_twice_is_no_qualifier_conflict(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "President Viktor Lomakin visited the flooded villages near the border on Monday.",
        DATED + "President Viktor Lomakin will attend a football match in the capital next week, his office said.",
    )
    assert all(p.conflicts == () for p in report.pairs)


def test_same_statement_with_another_actor_is_an_entity_conflict(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "Foreign Minister Anna Berg announced the new visa rules at a press conference in Vienna.",
            DATED + "Foreign Minister Karl Holm announced the new visa rules at a press conference in Vienna.",
        )
    )
    assert pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("entity", "Anna Berg", "Karl Holm")]


def test_counts_on_different_dates_are_related_as_different_occasions(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            "The government released 52 political prisoners from the Minsk jail on 14 February 2025.",
            "The government released 14 political prisoners from the Minsk jail on 11 September 2025.",
        )
    )
    assert pair.relation == "related"
    assert {c.type for c in pair.conflicts} == {"number", "date"}
    assert pair.different_events is not None
    assert "2025-02-14" in pair.different_events and "2025-09-11" in pair.different_events


def test_conflict_on_the_same_day_is_not_explained_as_different_events(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            "The government released 52 political prisoners from the Minsk jail on 11 September 2025.",
            "The government released 14 political prisoners from the Minsk jail on 11 September 2025.",
        )
    )
    assert pair.relation == "conflicts" and pair.different_events is None


def test_unrelated_claims_make_no_pair(tmp_path: Path) -> None:
    assert _check(tmp_path, BUDGET, SNOW).pairs == ()


def test_no_pair_joins_two_claims_of_one_article(tmp_path: Path) -> None:
    report = _check(tmp_path, f"{BUDGET}\n{BUDGET_REWORDED}\n{SNOW}\n", f"{BUDGET_REWORDED}\n{SNOW}\n")
    assert report.pairs
    assert all(_article_of(p.a) != _article_of(p.b) for p in report.pairs)


def test_single_article_makes_no_pairs(tmp_path: Path) -> None:
    assert _check(tmp_path, f"{BUDGET}\n{BUDGET_REWORDED}\n").pairs == ()


def test_pair_a_comes_from_the_article_given_first(tmp_path: Path) -> None:
    forward = _check(tmp_path, BUDGET, BUDGET_REWORDED, names=("x", "y"))
    backward = _check(tmp_path, BUDGET_REWORDED, BUDGET, names=("y", "x"))
    assert [(p.a, p.b) for p in forward.pairs] == [("x:1", "y:1")]
    assert [(p.a, p.b) for p in backward.pairs] == [("y:1", "x:1")]


def test_chain_of_matches_is_not_closed_transitively(tmp_path: Path) -> None:
    report = _check(tmp_path, BUDGET, f"{BUDGET[:-1]}; {SNOW[0].lower()}{SNOW[1:]}", SNOW)
    linked = {frozenset((_article_of(p.a), _article_of(p.b))) for p in report.pairs}
    assert linked == {frozenset(("art0", "art1")), frozenset(("art1", "art2"))}


def test_copies_of_one_claim_are_paired_with_its_first_occurrence_only(tmp_path: Path) -> None:
    report = _check(tmp_path, BUDGET, BUDGET_REWORDED, BUDGET)
    assert [(p.a, p.b, p.relation) for p in report.pairs] == [("art0:1", "art1:1", "agrees"), ("art0:1", "art2:1", "agrees")]


def _signature(report: checker.Report) -> set[tuple]:
    return {
        (frozenset((p.a, p.b)), p.relation, p.similarity, frozenset((c.type, frozenset((c.a, c.b))) for c in p.conflicts))
        for p in report.pairs
    }


def test_reversing_the_input_order_gives_the_same_pairs(tmp_path: Path) -> None:
    texts = {
        "budget": DATED + BUDGET,
        "budget-reworded": DATED + BUDGET_REWORDED,
        "prisoners-52": DATED + "The government released 52 political prisoners from the Minsk jail on Monday.",
        "prisoners-14": DATED + "The government released 14 political prisoners from the Minsk jail on Monday.",
        "former": DATED + "Former President Viktor Lomakin visited the flooded villages near the border on Monday.",
        "president": DATED + "President Viktor Lomakin will attend a football match in the capital next week.",
        "snow": DATED + SNOW,
    }
    names = tuple(texts)
    forward = _check(tmp_path, *texts.values(), names=names)
    backward = _check(tmp_path, *reversed(texts.values()), names=tuple(reversed(names)))
    assert len(forward.pairs) >= 3
    assert _signature(forward) == _signature(backward)


def test_pairs_are_sorted_by_article_then_claim_position(tmp_path: Path) -> None:
    report = _check(tmp_path, f"{SNOW}\n{BUDGET}\n", f"{BUDGET_REWORDED}\n{SNOW}\n")
    order = [report.claim(p.a).start for p in report.pairs]
    assert order == sorted(order)
    assert all(0.0 <= p.similarity <= 1.0 for p in report.pairs)


def test_aligned_claims_of_one_story_agree_below_the_paraphrase_threshold(tmp_path: Path) -> None:
    for name, text in (("x", f"In Riverton, {BUDGET[0].lower()}{BUDGET[1:]}"), ("y", f"{BUDGET_REWORDED[:-1]} in Riverton.")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    paths = [tmp_path / "x.txt", tmp_path / "y.txt"]
    assert [p.relation for p in checker.check(paths, match_threshold=1.0).pairs] == ["agrees"]


def test_a_vote_tally_is_compared_as_a_pair_of_figures(tmp_path: Path) -> None:
    told_alike = _only_pair(
        _check(
            tmp_path,
            DATED + "The Harlow district board voted 9 to 4 on Monday to approve the quarry expansion.",
            DATED + "Board members backed the Harlow quarry expansion by nine votes to four.",
        )
    )
    assert told_alike.relation == "agrees"
    other = _only_pair(
        _check(
            _folder(tmp_path / "other"),
            DATED + "The Harlow district board voted 9 to 4 on Monday to approve the quarry expansion.",
            DATED + "The Harlow district board approved the quarry expansion by 10 votes to 3, members said.",
        )
    )
    assert other.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in other.conflicts] == [("number", "9 to 4 votes", "10 votes to 3")]


def test_a_tally_and_a_count_of_votes_are_not_one_figure(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "The Harlow district board voted 9 to 4 on Monday to approve the quarry expansion.",
        DATED + "The Harlow quarry expansion won 9 votes on the district board on Monday.",
    )
    assert all(c.type != "number" for p in report.pairs for c in p.conflicts)


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def test_refusing_or_failing_to_do_a_thing_denies_it(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The Harwick council voted on Monday to demolish the old Harwick pier.",
            DATED + "The Harwick council refused to demolish the old Harwick pier on Monday.",
        )
    )
    assert pair.relation == "conflicts"
    assert [(c.type, c.b) for c in pair.conflicts] == [("negation", "refused to demolish")]


def test_refusing_to_do_a_thing_agrees_with_not_doing_it(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The Harwick council did not demolish the old Harwick pier on Monday.",
            DATED + "The Harwick council refused to demolish the old Harwick pier on Monday.",
        )
    )
    assert pair.relation == "agrees"


def test_a_cancelled_opposite_is_shown_with_its_negator(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The Harwick ferry terminal did not close on Friday despite the storm warnings.",
            DATED + "The Harwick ferry terminal closed on Friday despite the storm warnings.",
        )
    )
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("negation", "did not close", "closed")]


def test_a_clause_that_says_the_same_aligns_two_longer_claims(tmp_path: Path) -> None:
    """Each claim adds other news in another clause: the clauses that say the same are compared."""
    first = (
        "The Harwick bypass will open in March 2027, transport officials said on Tuesday, after a decade of "
        "planning appeals and two public inquiries into its route."
    )
    second = (
        "Ferry fares across the estuary will rise by a fifth next year; the Harwick bypass is due to open in "
        "March 2026, the county council said in its budget statement."
    )
    pair = _only_pair(_check(tmp_path, DATED + first, DATED + second))
    assert pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("date", "March 2027", "March 2026")]


def test_a_name_spelled_otherwise_is_the_same_actor(tmp_path: Path) -> None:
    transliterated = _check(
        tmp_path,
        DATED + "Former oil minister Amir Muhammed Rasheed surrendered to border police in Harwick on Monday.",
        DATED + "Former oil minister Amer Mohammed Rashid surrendered to border police in Harwick on Monday.",
    )
    assert [p.relation for p in transliterated.pairs] == ["agrees"]
    dotted = _check(
        _folder(tmp_path / "dotted"),
        DATED + "The Harwick shipyard will sell its U.K. business to Kestrel Marine, the owners said.",
        DATED + "The Harwick shipyard will sell its UK business to Kestrel Marine, the owners said.",
    )
    assert [p.relation for p in dotted.pairs] == ["agrees"]


def test_another_name_in_the_same_role_still_conflicts(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The Harwick harbour contract went to Tamsin Holdings after a year of bidding.",
            DATED + "The Harwick harbour contract went to Kestrel Marine after a year of bidding.",
        )
    )
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("entity", "Tamsin Holdings", "Kestrel Marine")]


def test_a_person_given_two_titles_at_once_holds_both(tmp_path: Path) -> None:
    both = _check(
        tmp_path,
        DATED + "Kestrel Marine chairman and chief executive Ana Ruiz said the Harwick yard would close in May.",
        DATED + "Kestrel Marine chairman Ana Ruiz said the Harwick yard would close in May.",
    )
    assert [p.relation for p in both.pairs] == ["agrees"]
    other = _check(
        _folder(tmp_path / "other"),
        DATED + "Kestrel Marine chief executive Ana Ruiz said the Harwick yard would close in May.",
        DATED + "Kestrel Marine chairman Ana Ruiz said the Harwick yard would close in May.",
    )
    assert [c.type for p in other.pairs for c in p.conflicts] == ["qualifier"]


def test_a_title_set_off_by_a_comma_is_one_title(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The yard's interim director, Ana Ruiz, said the Harwick dry dock would close in May.",
            DATED + "The yard's director Ana Ruiz said the Harwick dry dock would close in May.",
        )
    )
    assert [c.type for c in pair.conflicts] == ["qualifier"]


def test_what_a_source_could_not_confirm_is_not_denied(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "Harwick port officials could not confirm whether the tanker captain was arrested after the collision.",
        DATED + "The tanker captain was arrested after the collision in Harwick port, officials said.",
    )
    assert report.pairs and all(c.type != "negation" for p in report.pairs for c in p.conflicts)
    denied = _check(
        _folder(tmp_path / "denied"),
        DATED + "Harwick port officials did not arrest the tanker captain after the collision.",
        DATED + "The tanker captain was arrested after the collision in Harwick port, officials said.",
    )
    assert [c.type for p in denied.pairs for c in p.conflicts if c.type == "negation"] == ["negation"]


def test_one_named_thing_doing_one_act_on_one_date_is_one_fact(tmp_path: Path) -> None:
    """The sentences share little else: "Line 4 opened in 1998" is told once with a route, once with its critics."""
    report = _check(
        tmp_path,
        DATED + "Harwick Transit will extend Line 4 to Kestrel Point by 2028, mayor Ana Ruiz said. "
        "Line 4, which runs east to west under the old harbour district, opened in 1998 after six years of tunnelling.",
        DATED + "Mayor Ana Ruiz wants Harwick Transit to take Line 4 out to Kestrel Point. "
        "When Line 4 opened in 1998, the same critics predicted empty carriages and endless subsidies from the council.",
    )
    assert ("art0:2", "art1:2", "agrees") in {(p.a, p.b, p.relation) for p in report.pairs}
    later = _check(
        _folder(tmp_path / "later"),
        DATED + "Harwick Transit will extend Line 4 to Kestrel Point by 2028, mayor Ana Ruiz said. "
        "Line 4, which runs east to west under the old harbour district, opened in 1998 after six years of tunnelling.",
        DATED + "Mayor Ana Ruiz wants Harwick Transit to take Line 4 out to Kestrel Point. "
        "When Line 4 closed for repairs in 2004, the same critics predicted empty carriages and endless subsidies from the council.",
    )
    assert ("art0:2", "art1:2") not in {(p.a, p.b) for p in later.pairs if p.relation == "agrees"}


def test_another_claimant_of_one_act_conflicts_whatever_the_attribution_adds(tmp_path: Path) -> None:
    """The closing attribution and what it says of its source are not part of the statement."""
    report = _check(
        tmp_path,
        DATED + "A group calling itself Silver Heron claimed responsibility for the attack on the Harwick port on Sunday, "
        "according to Ana Ruiz, a threat analyst at the Lisbon security firm Bastion Security.",
        DATED + "The notorious BlackFox gang has reportedly claimed responsibility for the attack on the Harwick port.",
    )
    assert [(c.type, c.a, c.b) for p in report.pairs for c in p.conflicts] == [("entity", "Silver Heron", "BlackFox")]


def test_a_weekday_alone_says_which_day_of_the_week_not_which_week(tmp_path: Path) -> None:
    """A weekly dated on a Thursday and a daily of the Tuesday before both tell "on Thursday"."""
    daily = "date 2025-09-16\n\nA crane collapsed onto the Harwick ferry terminal roof on Thursday, port operator Kestrel Docks said."
    weekly = "date 2025-09-18\n\nThe crane that fell onto the roof of the Harwick ferry terminal came down on Thursday, Kestrel Docks said."
    pair = _only_pair(_check(tmp_path, daily, weekly))
    assert pair.relation == "agrees"
    other_day = weekly.replace("on Thursday", "on Wednesday")
    pair = _only_pair(_check(_folder(tmp_path / "other"), daily, other_day))
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("date", "Thursday", "Wednesday")]


def test_a_weekday_and_a_date_on_that_weekday_place_one_act(tmp_path: Path) -> None:
    """15 September 2025 is a Monday: the two claims share a name, an act and the day, little else."""
    report = _check(
        tmp_path,
        "date 2025-09-17\n\nThe blaze started shortly before dawn on Monday at the Harwick timber yard, fire officer Tomas Berg said.",
        "date 2025-09-20\n\nOn 15 September a blaze started at the Harwick timber yard, where some 40 staff stacked pallets each night.",
    )
    assert [p.relation for p in report.pairs] == ["agrees"]
    report = _check(
        _folder(tmp_path / "tuesday"),
        "date 2025-09-17\n\nThe blaze started shortly before dawn on Tuesday at the Harwick timber yard, fire officer Tomas Berg said.",
        "date 2025-09-20\n\nOn 15 September a blaze started at the Harwick timber yard, where some 40 staff stacked pallets each night.",
    )
    assert "agrees" not in [p.relation for p in report.pairs]


def test_a_large_figure_of_them_is_the_count_an_earlier_sentence_named(tmp_path: Path) -> None:
    """What "of them" counts is unknown in its claim: the same large figure makes it one count, another figure nothing."""
    wire = DATED + (
        "The Harwick trawler Silver Heron sank off Kestrel Point on Sunday. "
        "About 260 volunteers from the Harwick Red Cross branch joined the search for the missing crew, the branch said."
    )
    column = DATED + (
        "When the Silver Heron went down off Kestrel Point, Harwick did what fishing towns do. "
        "Some 260 of them walked the cliffs above the point for three days and nights in driving rain."
    )
    counts = ("art0:2", "art1:2")  # each article's second claim
    report = _check(tmp_path, wire, column)
    assert {(p.a, p.b): p.relation for p in report.pairs}.get(counts) == "agrees"
    other = _check(_folder(tmp_path / "other"), wire, column.replace("Some 260", "Some 180"))
    assert {(p.a, p.b): p.relation for p in other.pairs}.get(counts) in (None, "related")


def test_one_sentence_articles_naming_nothing_are_still_compared(tmp_path: Path) -> None:
    """Two sentences that name too little to tell their stories apart are compared on what they say, with no warning."""
    pair = _only_pair(
        _check(
            tmp_path,
            "Shares of the airline fell sharply on Monday after it cut its profit forecast for the year.",
            "The airline's shares rose on Monday.",
        )
    )
    assert pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("negation", "fell", "rose")]
    assert pair.different_events is None


def test_a_report_called_false_conflicts_with_the_report(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            "Reports that the harbour master had resigned over the dredging contract are false, the port authority said.",
            "The harbour master resigned over the dredging contract.",
        )
    )
    assert pair.relation == "conflicts"
    [conflict] = pair.conflicts
    assert conflict.type == "negation"
    assert conflict.a.endswith("are false") and "resigned" in conflict.a


def test_a_short_claim_stated_whole_by_another_is_compared(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            "In June the dockers' union warned the port operator about cracked crane rails at the container terminal.",
            "The union warned the operator.",
        )
    )
    assert pair.relation == "agrees"


def test_a_short_claim_that_shares_only_a_name_pairs_with_nothing(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "Mayor Ines Calloway of Brackwater opened the Brackwater showground to evacuated families on Monday.",
        DATED + "Brackwater was lucky.",
    )
    assert [p for p in report.pairs if p.relation in ("agrees", "conflicts")] == []


def test_won_and_lost_of_one_vote_conflict(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "Prime Minister Oskar Lind lost a confidence vote in parliament on Tuesday.",
            DATED + "Prime Minister Oskar Lind won a confidence vote in parliament on Tuesday.",
        )
    )
    assert pair.relation == "conflicts"
    assert [(c.type, c.a, c.b) for c in pair.conflicts] == [("negation", "lost", "won")]


def _relation(tmp_path: Path, a: str, b: str) -> tuple[str, list[tuple[str, str, str]]]:
    pair = _only_pair(_check(tmp_path, a, b))
    return pair.relation, [(c.type, c.a, c.b) for c in pair.conflicts]


def _told_after(tmp_path: Path, opening: str, a: str, b: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Check two articles opening on one line, so one story, and return the relations of the pairs of what follows it."""
    report = _check(tmp_path, opening + a + "\n", opening + b + "\n")
    texts = {c.id: c.text for article in report.articles for c in article.claims}
    shared = opening.strip().splitlines()[-1]
    return [(p.relation, [(c.type, c.a, c.b) for c in p.conflicts]) for p in report.pairs if texts[p.a] != shared]


def test_a_negation_written_twice_counts_where_it_stands_outside_a_side_clause(tmp_path: Path) -> None:
    taken = "The driver was taken to Harlow General Hospital by ambulance."
    assert _relation(tmp_path, taken, "The driver, who was not named, was not taken to Harlow General Hospital.") == (
        "conflicts", [("negation", "taken", "was not taken")]
    )
    assert _relation(tmp_path, taken, "The driver, who was not named, was taken to Harlow General Hospital.")[0] == "agrees"


def test_a_negator_cancels_an_opposite_a_few_words_on(tmp_path: Path) -> None:
    negated = "Ticket sales at the Harlow depot are not likely to fall this winter."
    relation, conflicts = _relation(tmp_path, negated, "Ticket sales at the Harlow depot are likely to fall this winter.")
    assert relation == "conflicts" and conflicts == [("negation", "are not likely to fall", "fall")]
    assert _relation(tmp_path, negated, "Ticket sales at the Harlow depot are likely to rise this winter.")[0] == "agrees"


def test_a_negator_cancels_an_un_word(tmp_path: Path) -> None:
    negated = "The regulator ruled that the Harlow toll scheme was not unlawful."
    relation, conflicts = _relation(tmp_path, negated, "The regulator ruled that the Harlow toll scheme was unlawful.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    assert _relation(tmp_path, negated, "The regulator ruled that the Harlow toll scheme was lawful.")[0] == "agrees"


def test_the_full_stop_of_an_initial_does_not_end_a_negation_scope(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path, "There are 600 U.N. peacekeepers in Goma this week.", "There are not 600 U.N. peacekeepers in Goma this week."
    )
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_negated_telling_of_what_leaves_the_fact_open(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        DATED + "Residents of Harlow Quay were never told what the Brent depot stored behind its fence.",
        DATED + "The Brent depot stored chlorine behind its fence in Harlow Quay, officials said.",
    )
    assert not any(c.type == "negation" for p in report.pairs for c in p.conflicts)


def test_agency_abbreviated_months_are_days_to_compare(tmp_path: Path) -> None:
    suspended = "The Harlow ferry service will stay suspended until Jan. 12, the operator said."
    assert _relation(tmp_path, suspended, "The Harlow ferry service will stay suspended until Jan. 19.") == (
        "conflicts", [("date", "12 January", "19 January")]
    )
    assert _relation(tmp_path, suspended, "The Harlow ferry service will stay suspended until January 12.")[0] == "agrees"


def test_a_day_something_will_be_announced_on_dates_the_announcing(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path,
        "The Harlow book prize winners will be announced June 8 at the Corn Exchange.",
        "The Harlow book prize winners will be announced on June 11 at the Corn Exchange.",
    )
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["date"]


def test_a_passive_in_another_clause_does_not_turn_the_roles_round(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path,
        "During two days of meetings, Ines Brandt will not meet the rebels since they are banned by the Kestrel Union as a terror group.",
        "During her two-day visit, Ines Brandt will not meet the rebels since the Kestrel Union has banned them as a terror group.",
    )
    assert (relation, conflicts) == ("agrees", [])


def test_a_predicate_closing_a_that_clause_denies_that_clause_only(tmp_path: Path) -> None:
    struck = "Brandt pressed the case that a similar toll bill was struck down by the Harlow court in 1998."
    assert _relation(tmp_path, struck, "Mr. Brandt pressed the case that a similar toll bill had been struck down by the Harlow court in 1998.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, struck, "Brandt pressed the case that a similar toll bill was upheld by the Harlow court in 1998.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_unable_to_denies_what_follows_as_could_not_does(tmp_path: Path) -> None:
    unable = "The jury was unable to reach a verdict in the Harlow fraud trial on Friday."
    assert _relation(tmp_path, unable, "The jury could not reach a verdict in the Harlow fraud trial on Friday.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, unable, "The jury reached a verdict in the Harlow fraud trial on Friday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_may_with_a_capital_inside_a_claim_is_the_month(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path,
        "The Harlow lock will reopen to boats on May 7 after repairs to its gates.",
        "The Harlow lock will reopen to boats on May 12 after repairs to its gates.",
    )
    assert relation == "conflicts" and conflicts == [("date", "7 May", "12 May")]


def test_a_date_both_claims_give_is_set_aside_and_the_other_compared(tmp_path: Path) -> None:
    payable = "The Kestrel dividend is payable on Nov. 7 to shareholders of record on Oct. 17."
    relation, conflicts = _relation(tmp_path, payable, "The Kestrel dividend is payable on Nov. 12 to shareholders of record on Oct. 17.")
    assert relation == "conflicts" and conflicts == [("date", "7 November", "12 November")]
    assert _relation(tmp_path, payable, "The Kestrel dividend is payable on Nov. 7 to shareholders of record on Oct. 17, the company said.")[0] == "agrees"


def test_briefs_naming_different_companies_are_not_compared_as_one_story(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        "Kestrel said its quarterly net profit rose 12 percent on higher freight volumes.",
        "Brantwood said its quarterly net profit rose 15 percent on higher freight volumes.",
    )
    assert [p for p in report.pairs if p.relation == "conflicts"] == []
    one_name = _check(
        tmp_path,
        "Kestrel said its quarterly net profit rose 12 percent on higher freight volumes.",
        "Quarterly net profit rose 15 percent on higher freight volumes.",
        names=("k", "n"),
    )
    assert [p.relation for p in one_name.pairs] == ["conflicts"]


def test_a_name_and_its_acronym_are_one_actor(tmp_path: Path) -> None:
    seized = " seized 40 kilograms of cocaine at the Kestrel container terminal on Monday."
    spelled = DATED + "The Harlow Port Authority" + seized
    assert _relation(tmp_path, spelled, DATED + "The HPA" + seized)[0] == "agrees"
    fined = " fined Kestrel Freight 2 million pounds in Harwick on Monday."
    assert _relation(tmp_path, DATED + "The Office of Fair Trading" + fined, DATED + "The OFT" + fined)[0] == "agrees"
    for other in ("The Brantwood Coast Guard", "The BCG"):
        relation, conflicts = _relation(tmp_path, spelled, DATED + other + seized)
        assert relation == "conflicts" and [c[0] for c in conflicts] == ["entity"]


def test_a_curly_apostrophe_negates_as_a_straight_one(tmp_path: Path) -> None:
    curly = "Harlow council members say they don’t support the ferry levy."
    assert _relation(tmp_path, curly, "Harlow council members say they don't support the ferry levy.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, curly, "Harlow council members say they support the ferry levy.")
    assert relation == "conflicts" and conflicts == [("negation", "don’t support", "support")]


def test_a_negation_inside_a_concession_is_neither_stated_nor_denied(tmp_path: Path) -> None:
    conceding = "Ridership on the Harlow tram rose in March, although the rise was not significant."
    assert _relation(tmp_path, conceding, "Ridership on the Harlow tram rose in March, but the rise was not significant.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, "Ridership on the Harlow tram rose in March.", "Ridership on the Harlow tram did not rise in March.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    declined = "Lawyers say the Harwick inquiry is focused on Ana Ruiz, though prosecutors declined to discuss the inquiry."
    assert _relation(tmp_path, declined, "Prosecutors refuse to discuss the Harwick inquiry into Ana Ruiz.")[0] != "conflicts"
    # Only a whole negative predicate counts: "vote" is no "vote down".
    voting = "The Harwick council did not approve the ferry levy, which members will vote on again in May."
    relation, conflicts = _relation(tmp_path, voting, "Members of the Harwick council will not vote on the ferry levy again in May.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_repudiating_a_plan_is_rejecting_it(tmp_path: Path) -> None:
    repudiated = "The Harlow synod voted on Saturday to repudiate the diocese's merger plan."
    assert _relation(tmp_path, repudiated, "The Harlow synod voted on Saturday to reject the diocese's merger plan.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, repudiated, "The Harlow synod voted on Saturday to approve the diocese's merger plan.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_name_moved_to_another_role_with_a_new_name_in_its_place_is_an_entity_conflict(tmp_path: Path) -> None:
    first = "The first runner across the line in Harwick was Ana Ruiz, race officials said."
    relation, conflicts = _relation(tmp_path, first, "The first runner across the line in Harwick was Tomas Berg, with Ana Ruiz second, race officials said.")
    assert relation == "conflicts" and conflicts == [("entity", "Ana Ruiz", "Tomas Berg")]
    assert _relation(tmp_path, first, "Ana Ruiz and Tomas Berg crossed the line in Harwick first, race officials said.")[0] == "agrees"
    trapped = "Twelve climbers trapped for two days at the Mont Leval glacier in eastern France were flown out alive on Monday, rescuers said."
    assert _relation(tmp_path, trapped, "A dozen climbers trapped at Mont Leval were flown out alive early on Monday.")[0] == "agrees"


def test_a_refutation_denies_what_its_clause_says_from_its_complementizer_on(tmp_path: Path) -> None:
    refuted = "Reports that the Harlow mayor resigned are false."
    relation, conflicts = _relation(tmp_path, refuted, "The Harlow mayor resigned on Monday.")
    # Both sides shown as the words that say what is denied and stated.
    assert relation == "conflicts" and conflicts == [("negation", "mayor resigned are false", "mayor resigned")]
    faked = "Lena Brandt faces claims that her Harlow clinic photos are a fake."
    relation, conflicts = _relation(tmp_path, faked, "Lena Brandt posted photos of her Harlow clinic on Monday.")
    assert relation == "conflicts" and conflicts == [("negation", "clinic photos are a fake", "photos of her Harlow clinic")]
    # Facing claims is not denied: only what the claims say is.
    assert all(p.relation != "conflicts" for p in _check(tmp_path, faked, "Lena Brandt faces claims of fraud in Harlow.").pairs)
    # A conjunction before a new subject opens the refuted clause too.
    lying = "Lena Brandt admitted she had lied and the Harlow ferry fire story is a hoax."
    assert all(p.relation != "conflicts" for p in _check(tmp_path, lying, "Lena Brandt admitted she had lied to the Harlow police.").pairs)
    relation, conflicts = _relation(tmp_path, lying, "A fire broke out on the Harlow ferry on Monday, Lena Brandt said.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    # A story refuted by itself is the one told before it.
    told = "Lena Brandt said she had surgery at the Harlow clinic, but the story is a hoax."
    relation, conflicts = _relation(tmp_path, told, "Lena Brandt had surgery at the Harlow clinic in May.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_name_given_to_another_of_a_kind_holds_no_role_of_the_story(tmp_path: Path) -> None:
    closing = "Kestrel Ltd will shut down Harlow Ferries, its ferry service."
    assert all(p.relation != "conflicts" for p in _check(tmp_path, closing, "Kestrel Ltd also shut down another ferry service, Tolsby Link.").pairs)
    relation, conflicts = _relation(tmp_path, closing, "Kestrel Ltd will shut down its ferry service, Tolsby Link.")
    assert relation == "conflicts" and conflicts == [("entity", "Harlow Ferries", "Tolsby Link")]


def test_a_size_naming_a_model_is_no_measure_of_the_story(tmp_path: Path) -> None:
    launch = "Kestrel will launch a 12-inch Tolsby Air laptop in March."
    assert _relation(tmp_path, launch, "Kestrel will also sell the 13-inch Tolsby Air laptop in March.")[0] != "conflicts"
    relation, conflicts = _relation(tmp_path, "The Tolsby Air laptop has a 12-inch screen.", "The Tolsby Air laptop has a 13-inch screen.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["number"]


def test_counts_sharing_only_names_beside_their_things_count_different_things(tmp_path: Path) -> None:
    found = "Three Kestrel soldiers were found at the Tolsby border after leaving their base."
    assert all(p.relation != "conflicts" for p in _check(tmp_path, found, "Roughly a dozen Kestrel soldiers are still taking part.").pairs)
    relation, conflicts = _relation(tmp_path, found, "Five Kestrel soldiers were found at the Tolsby border on Monday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["number"]


def test_a_place_and_an_actor_hold_no_role_in_common(tmp_path: Path) -> None:
    actor = "The stray cat Mittens will undergo surgery at the Harlow clinic next week."
    placed = "A stray cat taken in by a family in Tolsby will undergo surgery at the Harlow clinic next week."
    assert all(p.relation != "conflicts" for p in _check(tmp_path, actor, placed).pairs)
    relation, conflicts = _relation(tmp_path, actor, "The stray cat Biscuit will undergo surgery at the Harlow clinic next week.")
    assert relation == "conflicts" and conflicts == [("entity", "Mittens", "Biscuit")]


@pytest.mark.parametrize(
    ("denial", "shown"),
    [
        ("The Harlow mayor denied taking a bribe from the ferry firm.", "denied taking"),
        ("The Harlow mayor denies ever taking a bribe from the ferry firm.", "denies ever taking"),
    ],
)
def test_a_denial_denies_the_act_it_governs_as_a_gerund(tmp_path: Path, denial: str, shown: str) -> None:
    relation, conflicts = _relation(tmp_path, denial, "The Harlow mayor took a bribe from the ferry firm.")
    assert relation == "conflicts" and conflicts == [("negation", shown, "took")]
    assert _relation(tmp_path, denial, "The Harlow mayor denied taking a bribe from the ferry company.")[0] == "agrees"


def test_not_the_first_tells_of_others_before(tmp_path: Path) -> None:
    again = "It is not the first time talks on the Harlow ferry levy have collapsed."
    assert _relation(tmp_path, again, "Talks on the Harlow ferry levy collapsed on Monday.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, "Talks on the Harlow ferry levy have not collapsed.", "Talks on the Harlow ferry levy collapsed on Monday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    # What it denies is the first.
    relation, conflicts = _relation(tmp_path, "It is not the first ferry levy Harlow has set.", "It is the first ferry levy Harlow has set.")
    assert relation == "conflicts" and conflicts == [("negation", "is not the first", "first")]


def test_a_name_set_off_by_commas_stands_where_the_words_it_renames_stand(tmp_path: Path) -> None:
    first = "The first runner across the line in Harwick was Ana Ruiz, a student, race officials said."
    renamed = "The first runner across the line in Harwick was the youngest, Tomas Berg, while Ana Ruiz finished last."
    relation, conflicts = _relation(tmp_path, first, renamed)
    assert relation == "conflicts" and conflicts == [("entity", "Ana Ruiz", "Tomas Berg")]
    # Names listed together rename the same words: one of them alone is no other actor.
    listed = "Harwick police arrested two men, Tomas Berg and Pedro Sol, on Monday."
    assert _relation(tmp_path, listed, "Harwick police arrested Tomas Berg on Monday.")[0] == "agrees"
    # A name after a name places it: "Hartford, Conn." renames no role.
    placed = "The ferry firm's lines will be based in Harlow, Tolsby, the firm's home port."
    assert _relation(tmp_path, placed, "The ferry firm's lines will be based in Harlow, Kestrelshire.")[0] == "agrees"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The Kestrel council allowed street traders into the market square.", "The Kestrel council banned street traders from the market square."),
        ("A Harwick jury convicted the former mayor of fraud.", "A Harwick jury acquitted the former mayor of fraud."),
        ("The Kestrel council backed the ferry levy on Tuesday.", "The Kestrel council opposed the ferry levy on Tuesday."),
        ("Harlow Rail fares will increase on the coast line in May.", "Harlow Rail fares will fall on the coast line in May."),
        ("The Kestrel union accepted the pay offer on Friday.", "The Kestrel union rejected the pay offer on Friday."),
        ("The Harwick court ruled that the dock strike was legal.", "The Harwick court ruled that the dock strike was illegal."),
    ],
)
def test_one_fact_against_its_opposite_is_a_negation_conflict(tmp_path: Path, first: str, second: str) -> None:
    relation, conflicts = _relation(tmp_path, first, second)
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_refusal_to_confirm_denies_the_confirming_not_what_is_reported(tmp_path: Path) -> None:
    refused = "The Harwick police refused to confirm the report about the arrest."
    assert _relation(tmp_path, refused, "The report about the arrest in Harwick was published on Monday.")[0] != "conflicts"
    relation, conflicts = _relation(tmp_path, refused, "The Harwick police confirmed the report about the arrest.")
    assert relation == "conflicts" and conflicts == [("negation", "refused to confirm", "confirmed")]
    unnamed = "Harwick police did not identify the victim of the stabbing."
    assert _relation(tmp_path, unnamed, "Harwick police named the victim of the stabbing as Ana Ruiz.")[0] != "conflicts"


def test_a_passive_without_its_auxiliary_keeps_the_roles(tmp_path: Path) -> None:
    active = "Kestrel Council fined Ana Ruiz over the ferry levy on Monday."
    assert _relation(tmp_path, "Ana Ruiz fined by Kestrel Council over ferry levy.", active)[0] == "agrees"
    relation, conflicts = _relation(tmp_path, "Ana Ruiz fined Kestrel Council over ferry levy.", active)
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["entity"]


def test_a_sum_written_with_its_currency_is_shown_as_written(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path,
        "The Harlow ferry operator demanded a fee of US$4.8 million from the council.",
        "The Harlow ferry operator demanded a fee of US$2.5 million from the council.",
    )
    assert relation == "conflicts" and conflicts == [("number", "US$4.8 million", "US$2.5 million")]


def test_two_sums_of_one_company_measure_the_same_only_when_their_words_say_so(tmp_path: Path) -> None:
    bought = "Kestrel Ltd agreed to buy Harlow Ferries for $2.5 billion."
    for first, second in [
        (bought, "In 2024 Harlow Ferries brought in $326 million in revenue."),
        ("Analysts expect the Kestrel X2 phone to cost $950.", "Analysts give Kestrel stock a $135 target price."),
    ]:
        assert all(p.relation != "conflicts" for p in _check(tmp_path, first, second).pairs)
    relation, conflicts = _relation(tmp_path, bought, "Kestrel Ltd will buy Harlow Ferries for $2 billion.")
    assert relation == "conflicts" and conflicts == [("number", "$2.5 billion", "$2 billion")]
    # A count of anything else still meets through the name of the place it is told of.
    relation, conflicts = _relation(
        tmp_path,
        "The twelve miners of El Sauce came home after 90 hours underground.",
        "The last miner reached the surface about 77 hours after a rockfall sealed the El Sauce gallery.",
    )
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["number"]


def test_a_count_is_shown_in_the_claims_own_capitals(tmp_path: Path) -> None:
    relation, conflicts = _relation(
        tmp_path,
        "All four Tamarack hospitals are working on paper after the attack.",
        "All six Tamarack hospitals are working on paper after the attack.",
    )
    assert relation == "conflicts" and conflicts == [("number", "four Tamarack hospitals", "six Tamarack hospitals")]


def test_a_rise_of_one_thing_is_no_opposite_of_reducing_another(tmp_path: Path) -> None:
    relation, _ = _relation(
        tmp_path,
        "The Kestrel drills come amid soaring tensions with Harlow.",
        "The Kestrel drills allow Harlow to reduce the warning time it might have.",
    )
    assert relation != "conflicts"


def test_without_denies_what_follows_it(tmp_path: Path) -> None:
    released = _only_pair(
        _check(
            tmp_path,
            DATED + "The harbour pilot was released without charge by Oslo police on Monday.",
            DATED + "The harbour pilot was charged by Oslo police on Monday.",
        )
    )
    assert [c.type for c in released.conflicts] == ["negation"]
    assert "without charge" in released.conflicts[0].a
    both_negative = _only_pair(
        _check(
            tmp_path,
            DATED + "The surgeon operated on the patient without her consent on Monday.",
            DATED + "The patient did not consent to the operation by the surgeon on Monday.",
        )
    )
    assert both_negative.relation != "conflicts"


def test_by_before_a_gerund_tells_how_not_who(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "Journalist Ana Ruiz was executed by militants of the Northern Front on Monday.",
            DATED + "The Northern Front claims to have executed by shooting the journalist Ana Ruiz on Monday.",
        )
    )
    assert "entity" not in [c.type for c in pair.conflicts]
    swapped = _only_pair(
        _check(
            tmp_path,
            DATED + "Kestrel Ltd was sued by Harlow Group over the unpaid invoices on Monday.",
            DATED + "Kestrel Ltd sued Harlow Group over the unpaid invoices on Monday.",
        )
    )
    assert [c.type for c in swapped.conflicts] == ["entity"]


def test_an_acronym_and_its_plural_name_one_thing(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "Sales of PCs at Harlow Group fell 10 percent last year.",
            DATED + "Sales of the PC at Harlow Group fell 10 percent last year.",
        )
    )
    assert pair.relation == "agrees"


def test_a_peoples_name_and_its_countrys_name_one_actor(tmp_path: Path) -> None:
    same = _only_pair(
        _check(
            tmp_path,
            DATED + "Three Afghan soldiers went missing during training in Cape Cod on Monday.",
            DATED + "Three soldiers of the Afghanistan National Army went missing during training in Cape Cod on Monday.",
        )
    )
    assert "entity" not in [c.type for c in same.conflicts]
    other = _only_pair(
        _check(
            tmp_path,
            DATED + "Three soldiers of the Afghanistan National Army went missing during training in Cape Cod on Monday.",
            DATED + "Three soldiers of the Pakistan Army went missing during training in Cape Cod on Monday.",
        )
    )
    assert [(c.type, c.a, c.b) for c in other.conflicts] == [("entity", "Afghanistan National Army", "Pakistan Army")]


@pytest.mark.parametrize(
    "negative, positive",
    [
        # What follows "but" is asserted, not denied.
        ("The body found in the river is not Ana Ruiz but another missing hiker from Kestrel Falls.",
         "Another missing hiker from Kestrel Falls was found in the river."),
        # "Not everybody" denies that all do, not that any does.
        ("Not everybody wakes up during brain surgery, the surgeons said.", "A patient woke up during brain surgery, the surgeons said."),
        # "not the only" tells one of several: it asserts the one.
        ("Kestrel Falls is not the only town the storm cut off, officials said.", "The storm cut off the town of Kestrel Falls, officials said."),
        # A negation whose words are no concept of the other denies nothing the other states.
        ("Wildlife experts say the bears might not have anything against Justin Bieber.",
         "A ringtone by Justin Bieber scared off a bear in the forest."),
    ],
)
def test_a_negation_that_denies_nothing_the_other_states_is_no_conflict(tmp_path: Path, negative: str, positive: str) -> None:
    report = _check(tmp_path, DATED + negative, DATED + positive)
    assert all(c.type != "negation" for p in report.pairs for c in p.conflicts)


def test_a_negation_before_but_still_denies_its_own_clause(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The council has not approved the plan, but the mayor backed it on Monday.",
            DATED + "The council approved the plan on Monday.",
        )
    )
    assert [(c.type, c.a) for c in pair.conflicts] == [("negation", "has not approved")]


@pytest.mark.parametrize(
    "first, second",
    [
        # "Never again" denies a repeat: it tells that the thing happened.
        ("The ferry captain cheated on the safety inspection last year.",
         "The ferry captain promised he would never cheat on an inspection again."),
        # A negated belief leaves what is believed as it is.
        ("Troops fired on the crowd, officials said.", "It is important not to assume that troops fired on the crowd, the minister said."),
    ],
)
def test_a_negation_of_a_repeat_or_a_belief_is_no_conflict(tmp_path: Path, first: str, second: str) -> None:
    report = _check(tmp_path, DATED + first, DATED + second)
    assert all(c.type != "negation" for p in report.pairs for c in p.conflicts)


def test_what_was_prevented_did_not_happen(tmp_path: Path) -> None:
    pair = _only_pair(
        _check(
            tmp_path,
            DATED + "The new levee prevented the river from flooding the town of Kessab on Monday.",
            DATED + "The river flooded the town of Kessab on Monday.",
        )
    )
    assert [c.type for c in pair.conflicts] == ["negation"]
    assert pair.conflicts[0].a.startswith("prevented")


def test_one_happening_placed_in_two_places_is_an_entity_conflict(tmp_path: Path) -> None:
    summit = "The ferry summit will be held in Tolsby next month, the Harwick council said."
    relation, conflicts = _relation(tmp_path, summit, "The ferry summit will be held in Kestrelshire next month, the Harwick council said.")
    assert relation == "conflicts" and conflicts == [("entity", "Tolsby", "Kestrelshire")]
    # A facility named in two ways is one place.
    fire = "The fire started in the kitchen of the Grand Hotel, Harwick firefighters said."
    relation, conflicts = _relation(tmp_path, fire, "The fire started in the kitchen of the Ritz Hotel, Harwick firefighters said.")
    assert relation == "conflicts" and conflicts == [("entity", "Grand Hotel", "Ritz Hotel")]
    # Many things may happen in many places: ferries stopped in both.
    stopped = "Ferry services stopped in Tolsby on Monday, the Harwick council said."
    assert _relation(tmp_path, stopped, "Ferry services stopped in Kestrelshire on Monday, the Harwick council said.")[0] == "agrees"
    talks = "The ferry talks were held in Tolsby, the Harwick council said."
    assert _relation(tmp_path, talks, "The ferry talks were held in Kestrelshire, the Harwick council said.")[0] == "agrees"


def test_a_passive_agent_told_by_a_common_noun_is_an_actor(tmp_path: Path) -> None:
    army = "The rescue at the Harwick quarry was led by the army on Monday."
    relation, conflicts = _relation(tmp_path, army, "The rescue at the Harwick quarry was led by the Kestrel Mine Safety Office on Monday.")
    assert relation == "conflicts" and conflicts == [("entity", "the army", "Kestrel Mine Safety Office")]
    relation, conflicts = _relation(tmp_path, army, "The rescue at the Harwick quarry was led by the police on Monday.")
    assert relation == "conflicts" and conflicts == [("entity", "the army", "the police")]
    # The body named is the body told: "the army" and "the Kestrel Army" are one.
    assert _relation(tmp_path, army, "The rescue at the Harwick quarry was led by the Kestrel Army on Monday.")[0] == "agrees"
    # A named body is told by its head noun, not by the words it shares with the story ("mine", "rescue").
    mine = "The rescue at the Harwick mine was led by the police on Monday."
    relation, conflicts = _relation(tmp_path, mine, "The rescue at the Harwick mine was led by the Harwick Mine Rescue Service on Monday.")
    assert relation == "conflicts" and conflicts == [("entity", "the police", "Harwick Mine Rescue Service")]
    service = "The rescue at the Harwick mine was led by the service on Monday."
    assert _relation(tmp_path, service, "The rescue at the Harwick mine was led by the Harwick Mine Rescue Service on Monday.")[0] == "agrees"


def test_a_short_statement_told_of_another_actor_conflicts(tmp_path: Path) -> None:
    # One story: both articles open on the same Harwick ferry tender.
    opening = "The Harwick council and the Tolsby Port Board awarded the ferry tender on Monday.\n"
    told = _told_after(tmp_path, opening, "The contract went to Harlow Group.", "The contract went to Kestrel Ltd.")
    assert told == [("conflicts", [("entity", "Harlow Group", "Kestrel Ltd.")])]
    # A short claim sharing one word with a longer one says less than it: nothing to compare.
    assert all(p.relation != "conflicts" for p in _check(tmp_path, "Harlow was lucky.", "The fire in Harlow destroyed 40 homes.").pairs)


def test_a_bare_figure_that_died_counts_people(tmp_path: Path) -> None:
    killed = "Nineteen people were killed when the Harwick bridge collapsed."
    relation, conflicts = _relation(tmp_path, killed, "At least 23 died when the Harwick bridge collapsed.")
    assert relation == "conflicts" and conflicts == [("number", "Nineteen people", "23")]
    assert _relation(tmp_path, killed, "19 died when the Harwick bridge collapsed.")[0] == "agrees"
    # A figure before a verb told of things counts no one: 23 sold is no count of the dead.
    sold = "At least 23 were sold when the Harwick bridge collapsed."
    assert all(not p.conflicts for p in _check(tmp_path, killed, sold).pairs)


def test_roles_swapped_in_a_short_statement_conflict(tmp_path: Path) -> None:
    relation, conflicts = _relation(tmp_path, "Harlow Group surrendered to Kestrel Ltd.", "Kestrel Ltd surrendered to Harlow Group.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["entity"]
    # The roles are shown side by side, up to the end of the verb's clause.
    relation, conflicts = _relation(
        tmp_path, "An audit found the fault in the Harwick signalling, according to the regulator.", "The regulator found the fault in the Harwick signalling."
    )
    assert conflicts == [("entity", "An audit found the fault in the Harwick signalling", "The regulator found the fault in the Harwick signalling")]


def test_nobody_hurt_in_a_fire_conflicts_with_a_count_of_injured(tmp_path: Path) -> None:
    # "fire" and "mine" carry the fact in news, though general stop word lists drop them.
    opening = "Crews from Harwick and Tolsby fought the blaze at the Kestrel Works overnight.\n"
    told = _told_after(tmp_path, opening, "No one was injured in the fire.", "Two people were injured in the fire.")
    assert told == [("conflicts", [("negation", "No one was injured", "injured")])]


def test_a_thing_lost_is_a_thing_lacking(tmp_path: Path) -> None:
    without = "The Harwick storm left 12,000 homes without power on Monday."
    assert _relation(tmp_path, without, "Some 12,000 homes lost power in the Harwick storm on Monday.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, without, "Some 12,000 homes kept power in the Harwick storm on Monday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    # Losing one's life is dying, stated positively.
    relation, conflicts = _relation(tmp_path, "Nobody died in the Harwick fire on Monday.", "Two people lost their lives in the Harwick fire on Monday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_passive_without_its_agent_may_have_been_done_by_its_source(tmp_path: Path) -> None:
    charged = "Harwick prosecutors charged the ferry driver with manslaughter on Friday."
    told = "The ferry driver was charged with manslaughter on Friday, Harwick prosecutors said."
    assert _relation(tmp_path, charged, told)[0] == "agrees"
    # A passive that names its agent tells who did it: another than the source.
    relation, conflicts = _relation(tmp_path, "Harwick police arrested the ferry driver on Monday.", "The ferry driver was arrested by soldiers on Monday, Harwick police said.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["entity"]
    assert _relation(tmp_path, "Harwick police arrested the ferry driver on Monday.", "The ferry driver was arrested by police officers on Monday, Harwick police said.")[0] == "agrees"


def test_to_prevent_a_thing_tells_an_aim_not_that_it_did_not_happen(tmp_path: Path) -> None:
    flooded = "The Harwick river flooded the town on Monday, the council said."
    assert all(not p.conflicts for p in _check(tmp_path, "The council built the Harwick dam to prevent the river from flooding the town on Monday.", flooded).pairs)
    relation, conflicts = _relation(tmp_path, "The council prevented the Harwick river from flooding the town on Monday.", flooded)
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]


def test_a_story_called_a_hoax_denies_what_the_other_claim_tells_of_it(tmp_path: Path) -> None:
    opening = "Jasmine Tridevil, a Harwick massage therapist, spoke to reporters on Monday.\n"

    def conflicts_with(refutation: str) -> list[tuple[str, str, str]]:
        told = _told_after(tmp_path, opening, "She had surgery to add a third breast, her agent said.", refutation)
        return [conflict for _, conflicts in told for conflict in conflicts]

    assert conflicts_with("The third breast story is a hoax.") == [("negation", "breast", "breast story is a hoax")]
    # Called true, the story is not denied; a hoax of another thing says nothing of this one.
    assert conflicts_with("The third breast story is true.") == []
    assert conflicts_with("The shark sighting story is a hoax.") == []


def test_a_vote_held_on_one_day_and_taking_place_on_another_conflicts(tmp_path: Path) -> None:
    opening = "date: 2026-05-06\n\nThe Harwick council and the Tolsby Port Board met over the ferry levy.\n"

    def relation_of(second: str) -> tuple[str, list[tuple[str, str, str]]]:
        (told,) = _told_after(tmp_path, opening, "The ferry levy vote was held on Wednesday.", second)
        return told

    assert relation_of("The ferry levy vote took place on Tuesday.") == ("conflicts", [("date", "Wednesday", "Tuesday")])
    assert relation_of("The ferry levy vote took place on Wednesday.")[0] == "agrees"


RANK_OPENING = "Officials in Tarrow County and the Dunmore Council spoke on Monday.\n"


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        ("The first runner home was Ana Ruiz, who finished in two hours.", "Tomas Berg was the first runner home, ahead of a field of 300.", ("Ana Ruiz", "Tomas Berg")),
        (
            "The first climber rescued, guide Ana Ruiz, 41, was lifted out by helicopter at dawn.",
            "The first climber rescued was reportedly the youngest, student Tomas Berg, while guide Ana Ruiz insisted on going last.",
            ("Ana Ruiz", "Tomas Berg"),
        ),
        ("The sole bidder, Kestrel Ltd, won the contract for the ferry.", "The ferry contract went to Harlow Group, the only bidder.", ("Kestrel Ltd", "Harlow Group")),
        ("The first to arrive was Ana Ruiz, police said.", "Tomas Berg was the first to arrive, police said.", ("Ana Ruiz", "Tomas Berg")),
    ],
)
def test_two_holders_of_one_ranked_role_are_an_entity_conflict(tmp_path: Path, a: str, b: str, names: tuple[str, str]) -> None:
    assert _told_after(tmp_path, RANK_OPENING, a, b) == [("conflicts", [("entity", *names)])]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Other ranks, or one rank of other kinds: two holders of two roles.
        ("The first climber rescued was Ana Ruiz.", "The last climber rescued was Tomas Berg."),
        ("Ana Ruiz was the first woman to lead the Dunmore party.", "Tomas Berg was the first man to lead the Dunmore party."),
        ("The SEC charged Kestrel Ltd, the fourth largest brokerage, with fraud.", "Harlow Group is the fourth largest importer of grain."),
        ("Ana Ruiz was the first to arrive at the Tolsby depot.", "Tomas Berg was the first to leave the Tolsby depot."),
    ],
)
def test_holders_of_other_ranked_roles_neither_conflict_nor_agree(tmp_path: Path, a: str, b: str) -> None:
    assert all(relation not in ("conflicts", "agrees") for relation, _ in _told_after(tmp_path, RANK_OPENING, a, b))


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("The first miner out was reportedly the youngest, apprentice Ana Ruiz.", {("first", frozenset({"miner"})), ("youngest", frozenset())}),
        ("Kestrel Ltd, the second largest bank, was fined.", {("second largest", frozenset({"bank"}))}),
        ("Its sole bidder was Harlow Group.", {("only", frozenset({"bidder"}))}),
        # A rank of time tells when; a preposition or a verb of speech between makes another the holder.
        ("In the first quarter, Kestrel Ltd earned 4 mln dlrs.", None),
        ("The first flight, operated by Kestrel Air, landed at noon.", None),
        ("The last vote, said Ana Ruiz, was lost.", None),
        ("The only problem, Ana Ruiz said, was the cost.", None),
        # At most MAX_GAP_WORDS words between the role and its holder.
        ("The first runner home was reportedly the tired young club member Ana Ruiz.", {("first", frozenset({"runner"}))}),
        ("The first runner home was reportedly the very tired young club member Ana Ruiz.", None),
        # A rank of many has many holders.
        ("The first two climbers, Ana Ruiz and Tomas Berg, reached the summit.", None),
        ("The first climbers home were Ana Ruiz and Tomas Berg.", None),
    ],
)
def test_a_ranked_role_is_held_by_the_name_a_copula_or_a_comma_binds_it_to(
    tmp_path: Path, sentence: str, held: set[tuple[str, frozenset[str]]] | None
) -> None:
    claim = _check(tmp_path, sentence).articles[0].claims[0]
    words = vocabulary(load_rules())
    found = ranked_roles(claim, words.ranks, words.speech)
    assert (set(next(iter(found.values()))) if found else None) == held


def test_a_rank_alone_is_another_role_than_the_rank_of_a_kind() -> None:
    assert same_rank(("youngest", frozenset()), ("youngest", frozenset()))
    assert same_rank(("first", frozenset({"miner"})), ("first", frozenset({"miner", "out"})))
    assert not same_rank(("youngest", frozenset()), ("youngest", frozenset({"climber"})))
    assert not same_rank(("youngest", frozenset({"climber"})), ("youngest", frozenset()))
    assert not same_rank(("first", frozenset({"miner"})), ("last", frozenset({"miner"})))


def test_one_holder_written_twice_is_no_conflict(tmp_path: Path) -> None:
    both = _told_after(tmp_path, RANK_OPENING, "Ana Ruiz and Tomas Berg were the first runners home.", "Tomas Berg was the first runner home.")
    assert all(relation != "conflicts" for relation, _ in both)
    spelled = _told_after(tmp_path, RANK_OPENING, "The first runner home was Tomas Berg.", "The first runner home was Tomás Berg of Dunmore.")
    assert all(relation != "conflicts" for relation, _ in spelled)
    respelled = _told_after(tmp_path, RANK_OPENING, "The first runner home was Tomas Berg.", "The first runner home was Tomas Bergh.")
    assert all(relation != "conflicts" for relation, _ in respelled)
    # The other claim gives the role to both: a tie, not another holder.
    tied = _told_after(
        tmp_path, RANK_OPENING, "Ana Ruiz was the first to arrive.", "The first to arrive was Tomas Berg; Ana Ruiz was the first to arrive too."
    )
    assert all(relation != "conflicts" for relation, _ in tied)


@pytest.mark.parametrize(
    ("a", "b", "places"),
    [
        ("The victims were flown to a clinic in Oslo on Monday.", "The victims were flown to a clinic in Bergen on Monday.", ("Oslo", "Bergen")),
        ("All of the passengers were moved to a hotel in Tolsby.", "The passengers were moved to a hotel in Kestrel Bay.", ("Tolsby", "Kestrel Bay")),
        # The destination named itself on one side, placed in a town on the other.
        ("The injured climbers were taken to a hospital in Tolsby.", "The injured climbers were airlifted to Harlow General Hospital.", ("Tolsby", "Harlow General Hospital")),
        ("The stranded passengers were flown to Kestrel Bay Airport.", "The stranded passengers were flown to an airport in Harlow.", ("Kestrel Bay Airport", "Harlow")),
    ],
)
def test_one_group_sent_to_two_places_is_an_entity_conflict(tmp_path: Path, a: str, b: str, places: tuple[str, str]) -> None:
    assert _told_after(tmp_path, RANK_OPENING, a, b) == [("conflicts", [("entity", *places)])]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Parts of a group may each go elsewhere; many things happen in many places.
        ("Some of the injured were taken to a hospital in Tolsby.", "Others were taken to a hospital in Harlow."),
        ("Two of the victims were flown to a clinic in Oslo.", "The victims were flown to a clinic in Bergen."),
        ("Homes flooded in Riverside on Monday.", "Homes flooded in Lakeside on Monday."),
        # A later leg of the journey, a part of the group, or a place of another kind.
        ("The injured climbers were taken to a hospital in Tolsby.", "The injured climbers were later airlifted to Harlow General Hospital."),
        ("Some of the injured climbers were taken to a hospital in Tolsby.", "The injured climbers were airlifted to Harlow General Hospital."),
        ("The injured climbers were taken to a hospital in Tolsby.", "The injured climbers were airlifted to Harlow Airport."),
    ],
)
def test_parts_of_a_group_or_many_happenings_in_two_places_are_no_entity_conflict(tmp_path: Path, a: str, b: str) -> None:
    assert all(relation != "conflicts" for relation, _ in _told_after(tmp_path, RANK_OPENING, a, b))


@pytest.mark.parametrize(("others", "joined"), [(0, True), (STORY_WORD_ARTICLES + 1, False)])
def test_a_name_many_articles_give_joins_no_two_claims_of_other_stories(tmp_path: Path, others: int, joined: bool) -> None:
    fell = "Harlow Bank shares fell on news that Brazil has suspended interest payments on its foreign debt."
    held = "The government of Argentina did not suspend interest payments on its foreign debt, as Brazil did last week."
    texts = [fell, held] + [f"Buyer number {n} bought {n + 2} tankers of soya oil from Brazil on Friday." for n in range(others)]
    articles = list(_check(tmp_path, *texts).articles)
    a, b = (next(c for article in articles for c in article.claims if c.text == text) for text in (fell, held))
    context = build_context(articles, load_rules())
    assert context.may_align(a, b) is joined


@pytest.mark.parametrize(
    ("a", "b", "places"),
    [
        ("Police in Harlow arrested two men on Monday.", "Two men were arrested by police in Tolsby on Monday.", ("Harlow", "Tolsby")),
        (
            "Nurses at Harlow General Hospital first noticed the outbreak on Sunday.",
            "The outbreak was first noticed by nurses at Tolsby Royal Infirmary on Sunday.",
            ("Harlow General Hospital", "Tolsby Royal Infirmary"),
        ),
    ],
)
def test_the_doers_of_one_act_placed_apart_in_either_voice_are_an_entity_conflict(tmp_path: Path, a: str, b: str, places: tuple[str, str]) -> None:
    assert _told_after(tmp_path, RANK_OPENING, a, b) == [("conflicts", [("entity", *places)])]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A place of what was done to someone, or of another act, says nothing of who did it.
        ("Homes in Riverside were flooded by the storm on Monday.", "The storm flooded homes in Lakeside on Monday."),
        ("Police in Harlow arrested two men on Monday.", "Two men were arrested by police on Monday after a raid in Tolsby."),
    ],
)
def test_a_place_of_what_was_done_or_of_another_act_is_no_other_doer(tmp_path: Path, a: str, b: str) -> None:
    assert all(relation != "conflicts" for relation, _ in _told_after(tmp_path, RANK_OPENING, a, b))


def test_parts_of_one_group_counted_apart_are_a_number_conflict(tmp_path: Path) -> None:
    found = _told_after(tmp_path, RANK_OPENING, "Three of the climbers remained in hospital on Friday.", "Two of the climbers remained in hospital on Friday.")
    assert found == [("conflicts", [("number", "Three", "Two")])]
    alike = _told_after(tmp_path, RANK_OPENING, "Three of the climbers remained in hospital on Friday.", "Three of the stranded climbers were still in hospital on Friday.")
    assert [relation for relation, _ in alike] == ["agrees"]
    # A part counts a part: "eleven of the berths" says nothing against the twelve built.
    whole = _told_after(tmp_path, RANK_OPENING, "The Tolsby port will build 12 new berths.", "Eleven of the new berths at Tolsby port will handle large ships.")
    assert all(relation != "conflicts" for relation, _ in whole)


@pytest.mark.parametrize(
    ("question", "statement"),
    [
        ("Did the ferry board approve the new timetable on Monday?", "The ferry board did not approve the new timetable on Monday."),
        ("Will Harlow Council close the library before the summer?", "Harlow Council will not close the library before the summer."),
        ("Kestrel Ltd to cut 300 jobs at its Tolsby plant?", "Kestrel Ltd will cut 400 jobs at its Tolsby plant."),
    ],
)
def test_a_question_conflicts_with_nothing(tmp_path: Path, question: str, statement: str) -> None:
    report = _check(tmp_path, DATED + question, DATED + statement)
    assert report.pairs and all(p.relation == "related" and not p.conflicts and 0 < p.similarity <= 1 for p in report.pairs)


def test_a_question_may_raise_what_another_source_states(tmp_path: Path) -> None:
    pair = _only_pair(_check(tmp_path, DATED + "Harlow Council to close the library?", DATED + "Harlow Council will close the library."))
    assert pair.relation == "agrees"


def test_a_question_mark_inside_a_statement_keeps_it_a_statement(tmp_path: Path) -> None:
    # A quoted question is reported, not asked: the claim states that someone asked it.
    asked = 'The ferry board approved the new timetable on Monday after asking "why wait?" at the meeting.'
    pair = _only_pair(_check(tmp_path, DATED + asked, DATED + "The ferry board did not approve the new timetable on Monday."))
    assert [c.type for c in pair.conflicts] == ["negation"]


def test_a_name_listed_with_others_has_not_moved(tmp_path: Path) -> None:
    listed = "Mayor Ana Ruiz travelled to Tolsby, Harwick and Kestrelshire this week."
    assert _relation(tmp_path, listed, "Mayor Ana Ruiz travelled to Harwick this week.")[0] == "agrees"
    relation, conflicts = _relation(tmp_path, "Mayor Ana Ruiz travelled to Tolsby this week.", "Mayor Ana Ruiz travelled to Harwick this week.")
    assert relation == "conflicts" and conflicts == [("entity", "Tolsby", "Harwick")]


def test_names_stand_in_one_list_only_with_joins_and_names_between() -> None:
    listed = describe_sentences(checker.load_rules(), ["Mayor Ana Ruiz travelled to Tolsby, Harwick and Kestrelshire this week."])[0]
    assert _listed_together(listed, "tolsby", "kestrelshire") and _listed_together(listed, "kestrelshire", "tolsby")
    ranked = describe_sentences(checker.load_rules(), ["The first runner home was Tomas Berg, with Ana Ruiz second."])[0]
    assert not _listed_together(ranked, "berg", "ruiz") and not _listed_together(ranked, "ruiz", "berg")


def test_a_region_may_hold_the_place_the_other_names(tmp_path: Path) -> None:
    europe = "Finance minister Ana Ruiz will travel to Europe at the weekend."
    assert all(not p.conflicts for p in _check(tmp_path, europe, "Finance minister Ana Ruiz will travel to Switzerland at the weekend.").pairs)
    relation, conflicts = _relation(tmp_path, europe, "Finance minister Ana Ruiz will travel to Asia at the weekend.")
    assert relation == "conflicts" and conflicts == [("entity", "Europe", "Asia")]


def test_called_off_and_went_ahead_deny_each_other(tmp_path: Path) -> None:
    relation, conflicts = _relation(tmp_path, "The Harwick dock strike was called off on Sunday.", "The Harwick dock strike went ahead on Sunday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    # British spelling doubles the l: "cancelled" is "cancel", and agrees with "called off".
    cancelled = "The Harwick regatta was cancelled because of the storm."
    assert _relation(tmp_path, cancelled, "The Harwick regatta was called off because of the storm.")[0] == "agrees"
    assert [c[0] for c in _relation(tmp_path, cancelled, "The Harwick regatta took place despite the storm.")[1]] == ["negation"]


def test_opposite_predicates_of_two_things_neither_conflict_nor_agree(tmp_path: Path) -> None:
    # One thing opened and closed: a conflict.
    relation, conflicts = _relation(tmp_path, "The council opened the rest centre at Harwick Hall.", "The council closed the rest centre at Harwick Hall.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
    # Two things of one town, one opened and one closed: no conflict, and no agreement either.
    pairs = _check(tmp_path, "The Harwick library opened on Monday.", "The Harwick pool closed on Monday.").pairs
    assert all(p.relation not in ("conflicts", "agrees") for p in pairs)
    # A road closed is no rest centre opened.
    pairs = _check(tmp_path, "The council says a rest centre has opened at Harwick Hall.", "The A41 was closed between Tolsby and Harwick.").pairs
    assert all(p.relation != "conflicts" for p in pairs)


def test_opposite_predicates_that_also_differ_in_date_or_actor_are_two_events(tmp_path: Path) -> None:
    opened = "The Harwick depot opened in 1998."
    pairs = _check(tmp_path, opened, "The Harwick depot closed in 2019.").pairs
    assert pairs and all(p.relation == "related" and p.different_events for p in pairs)
    rose = "Shares in Harlow Group rose 3 percent on Monday."
    pairs = _check(tmp_path, rose, "Shares in Kestrel Ltd fell 5 percent on Monday.").pairs
    assert all(p.relation != "conflicts" for p in pairs)
    # One date, one thing, opposite predicates: still a conflict.
    relation, conflicts = _relation(tmp_path, "The Harwick depot opened on Monday.", "The Harwick depot closed on Monday.")
    assert relation == "conflicts" and [c[0] for c in conflicts] == ["negation"]
