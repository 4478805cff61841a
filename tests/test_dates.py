"""dates.py: dates resolved against the article's date, and datelines kept out of a claim's own dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dates import dateline_end, find_dates, parse_date
from checker.describe import describe_claims
from checker.model import Article, Claim
from checker.rules import load_rules

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")
WEDNESDAY = "2026-05-06"


def values(text: str, reference: str | None = WEDNESDAY) -> list[str]:
    return [d.value for d in find_dates(text, reference)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The depot burned on Saturday.", "2026-05-02"),
        ("The depot burned last Friday.", "2026-05-01"),
        ("The depot burned yesterday.", "2026-05-05"),
        ("The depot burned this morning.", "2026-05-06"),
        ("The depot burned at 04:30 this morning.", "2026-05-06"),
        ("The depot burned this afternoon.", "2026-05-06"),
        ("The depot burned last night.", "2026-05-05"),
        ("The depot burned on Wednesday.", "2026-05-06"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text: str, value: str) -> None:
    assert values(text) == [value]


def test_a_weekday_in_a_future_clause_is_the_next_one() -> None:
    assert values("The depot will reopen on Saturday.") == ["2026-05-09"]
    assert values("The inquiry is due to report next Wednesday.") == ["2026-05-13"]
    assert values("Crews said on Monday that the depot will reopen on Friday.") == ["2026-05-04", "2026-05-08"]


def test_relative_dates_need_an_article_date() -> None:
    assert values("The depot burned this morning.", None) == []


def test_a_clock_time_is_neither_a_date_nor_a_figure() -> None:
    claim = describe("Alarms sounded at 02:15 on Saturday.")
    assert [d.value for d in claim.dates] == ["2026-05-02"]
    assert claim.numbers == ()


@pytest.mark.parametrize(
    "text, opening",
    [
        ("TOLSBY, Norway, May 4, 2026 (Nordic Wire) - A fire broke out.", "TOLSBY, Norway, May 4, 2026 (Nordic Wire) - "),
        ("PORT ELLEN, Feb 26 - Shares fell.", "PORT ELLEN, Feb 26 - "),
        ("TOLSBY, England – Two men died.", "TOLSBY, England – "),
    ],
)
def test_a_dateline_is_found_at_the_start(text: str, opening: str) -> None:
    assert text[:dateline_end(text)] == opening


@pytest.mark.parametrize("text", ["Monday, Sept. 15, 2025", "The U.S. - China talks ended.", "A fire broke out - again."])
def test_text_without_a_dateline_has_none(text: str) -> None:
    assert dateline_end(text) == 0


def describe(sentence: str) -> Claim:
    article = Article(id="a", path="a.txt", text=sentence, date=WEDNESDAY)
    (claim,) = describe_claims(article, (Claim(id="a:1", text=sentence, start=0, end=len(sentence), line=1, kind="claim"),), RULES)
    return claim


def test_a_dateline_date_is_not_the_claims_own() -> None:
    claim = describe("TOLSBY, Norway, May 4, 2026 (Nordic Wire) - A fire broke out at the depot on Saturday.")
    assert [d.value for d in claim.dates] == ["2026-05-02"]
    undated = describe("TOLSBY, Norway, May 4, 2026 (Nordic Wire) - A fire broke out at the depot.")
    assert undated.dates == ()
    assert (undated.occasion, undated.occasion_source) == (WEDNESDAY, "the article's date")


@pytest.mark.parametrize("written", ["February 14, 2025", "14 February 2025", "Feb. 14, 2025", "2025-02-14", "14th of February, 2025"])
def test_day_dates_in_any_common_format_are_iso(written: str) -> None:
    (mention,) = find_dates(f"The envoy arrived on {written} in Minsk.")
    assert mention.value == "2025-02-14"
    assert mention.text == written


def test_month_and_year_give_month_precision() -> None:
    assert [d.value for d in find_dates("Troops crossed in February 2022 and again in Sept. 2023.")] == ["2022-02", "2023-09"]


def test_a_year_alone_is_a_date() -> None:
    assert [d.value for d in find_dates("Since 2014 the uprising of 2020 has shaped policy.")] == ["2014", "2020"]


def test_day_without_year_takes_the_article_year() -> None:
    assert [d.value for d in find_dates("The briefing published on January 28 said so.", "2025-03-02")] == ["2025-01-28"]
    assert find_dates("The briefing published on January 28 said so.") == ()


def test_weekday_is_the_last_such_day_on_or_before_the_article_date() -> None:
    # 2025-09-15 is a Monday.
    assert [d.value for d in find_dates("Talks began Monday after a raid on Friday.", "2025-09-15")] == ["2025-09-15", "2025-09-12"]
    assert [d.value for d in find_dates("They met last Monday.", "2025-09-15")] == ["2025-09-08"]
    assert find_dates("Talks began Monday.") == ()


def test_relative_days_are_resolved_against_the_article_date() -> None:
    found = find_dates("Yesterday the vote was held; today it is counted, and last week polls closed.", "2025-09-15")
    assert [d.value for d in found] == ["2025-09-14", "2025-09-15", "2025-09"]
    assert find_dates("Yesterday the vote was held.") == ()


def test_impossible_dates_are_dropped() -> None:
    assert find_dates("It happened on February 30, 2025.") == ()


def test_parse_date_reads_one_expression() -> None:
    assert parse_date("2025-09-15") == "2025-09-15"
    assert parse_date("Monday, Sept. 15, 2025") == "2025-09-15"
    assert parse_date("26-FEB-1987 15:01:01.79") == "1987-02-26"
    assert parse_date("Monday", "2025-09-17") == "2025-09-15"
    assert parse_date("no date here") is None


def test_a_dateline_standing_alone_gives_no_date_to_what_follows() -> None:
    text = "TOLSBY, Norway, May 4, 2026 (Nordic Wire) -\nA fire broke out at the depot."
    first_end = text.index("\n")
    claims = (
        Claim(id="a:1", text=text[:first_end], start=0, end=first_end, line=1, kind="claim"),
        Claim(id="a:2", text=text[first_end + 1:], start=first_end + 1, end=len(text), line=2, kind="claim"),
    )
    dateline, claim = describe_claims(Article(id="a", path="a.txt", text=text, date=WEDNESDAY), claims, RULES)
    assert dateline.dates == ()
    assert (claim.occasion, claim.occasion_source) == (WEDNESDAY, "the article's date")


@pytest.mark.parametrize(
    "text, reference, value",
    [
        ("The depot burned tonight.", WEDNESDAY, "2026-05-06"),
        ("The depot burned this evening.", WEDNESDAY, "2026-05-06"),
        ("The depot reopens tomorrow.", WEDNESDAY, "2026-05-07"),
        ("The depot reopens this year.", WEDNESDAY, "2026"),
        ("The depot burned last year.", WEDNESDAY, "2025"),
        ("The depot reopens next year.", WEDNESDAY, "2027"),
        ("The depot reopens this month.", WEDNESDAY, "2026-05"),
        ("The depot burned last month.", WEDNESDAY, "2026-04"),
        ("The depot reopens next month.", WEDNESDAY, "2026-06"),
        ("The depot burned last month.", "2026-01-15", "2025-12"),
        ("The depot reopens next month.", "2026-12-10", "2027-01"),
        # A week is given as the month it falls in, seven days away.
        ("The depot burned last week.", "2026-05-08", "2026-05"),
        ("The depot burned last week.", "2026-05-06", "2026-04"),
        ("The depot reopens next week.", "2026-05-24", "2026-05"),
        ("The depot reopens next week.", "2026-05-25", "2026-06"),
        ("The depot reopens this week.", "2026-05-31", "2026-05"),
    ],
)
def test_relative_days_months_years_and_weeks(text: str, reference: str, value: str) -> None:
    assert values(text, reference) == [value]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Next Friday is the deadline.", "2026-05-08"),
        ("Next Monday is the deadline.", "2026-05-11"),
        ("Next Wednesday is the deadline.", "2026-05-13"),  # a week on, not the article's day
        ("Wednesday was calm.", "2026-05-06"),  # the article's own day
        ("The depot will reopen, having burned last Friday.", "2026-05-01"),
        ("The depot will reopen. It burned on Friday.", "2026-05-01"),  # the future clause has ended
        ("Crews expected the depot to reopen last Friday.", "2026-05-01"),  # "last" outweighs a future cue
        ("due to reopen on Friday", "2026-05-08"),  # a future cue opening the text
    ],
)
def test_a_weekday_is_read_with_next_last_and_its_clause(text: str, value: str) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize("text", ["On 4 May the depot burned.", "On May 4 the depot burned."])
def test_a_day_and_month_in_either_order_take_the_article_year(text: str) -> None:
    assert values(text) == ["2026-05-04"]


def test_an_article_date_with_a_time_is_read_as_its_day() -> None:
    assert values("The depot burned yesterday.", "2026-05-06T09:30:00") == ["2026-05-05"]


def test_a_date_points_at_its_words() -> None:
    text = "Friday was calm."
    [friday] = find_dates(text, WEDNESDAY)
    assert text[friday.start:friday.end] == "Friday"


def test_a_claim_is_about_its_most_precise_date() -> None:
    claim = describe("In May 2026 the depot burned, on 3 May 2026 to be exact.")
    assert (claim.occasion, claim.occasion_source) == ("2026-05-03", "the claim")
    claim = describe("In May 2026 the depot burned.")
    assert claim.occasion == "2026-05"


@pytest.mark.parametrize(
    "text, written",
    [("The fire broke out on 3 March.", "3 March"), ("It opened on 3 Mar. 2025 in Oslo.", "3 Mar. 2025"), ("It opened on 3 Sept. in Oslo.", "3 Sept.")],
)
def test_a_sentences_full_stop_after_a_month_is_no_part_of_the_date(text: str, written: str) -> None:
    assert [m.text for m in find_dates(text, "2026-03-04")] == [written]
