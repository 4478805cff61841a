"""Properties on arbitrary text: check never crashes, offsets reproduce claims, scores symmetric and in 0..1."""

from __future__ import annotations

import codecs
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checker
from checker.align import ConceptWeights
from checker.describe import describe_claims
from checker.features import build_index, pair_features
from checker.load import decode
from checker.model import Article
from checker.normalise import find_regions
from checker.rules import load_rules
from checker.segment import segment

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SYMMETRIC_FEATURES = ("tfidf_word", "tfidf_char", "token_set", "token_sort", "ratio", "word_jaccard")

# Any character a UTF-8 file can hold: surrogates cannot be encoded.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
PIECES = st.sampled_from(
    [
        "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u200f", "\u200e", "\u202e", "\u0301", "\u0308", "\ufeff", "\x00",
        "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u00a0", "...", ". ", "! ", "? ", "“", "”", "\"", "—", "- ",
        "Mr. ", "U.S. ", "# ", "* ", "1. ", "<img src=a.png>", "<image>x</image>", "![alt](a.png)",
        "data:image/png;base64,AAAA ", "Photo: ", "Read more: ", "About the Author: ", "By Jane Doe\n",
        "date 2025-09-15\n", "---\ntitle: T\n---\n", "MINSK, Sept 15 (Reuters) - ",
        "The government released 52 political prisoners on Monday. ",
        "The government released fourteen political prisoners on 14 February 2025. ",
        "Former President Viktor Lomakin visited the border. ",
        "President Viktor Lomakin did not visit the border. ",
        "Officials said the talks could reportedly resume. ",
        "The city council approved the new budget for public libraries on Monday evening. ",
    ]
)
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=40), PIECES), max_size=25).map("".join)


def _write_and_check(texts: list[str]) -> checker.Report | None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, text in enumerate(texts):
            path = Path(folder) / f"article{n}.txt"
            path.write_bytes(text.encode("utf-8"))
            paths.append(path)
        try:
            return checker.check(paths)
        except checker.CheckerError:
            return None


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_check_never_raises_anything_but_checker_error(texts: list[str]) -> None:
    _write_and_check(texts)


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=2))
def test_claim_offsets_reproduce_each_claim_and_its_line(texts: list[str]) -> None:
    report = _write_and_check(texts)
    if report is None:
        return
    for article in report.articles:
        for claim in article.claims:
            assert 0 <= claim.start <= claim.end <= len(article.text)
            assert " ".join(article.text[claim.start:claim.end].split()) == claim.text
            assert claim.line >= 1
            assert article.text[:claim.start].count("\n") + 1 == claim.line


@SETTINGS
@given(texts=st.lists(TEXT, min_size=2, max_size=3))
def test_pairs_have_similarities_in_0_to_1_and_join_two_articles(texts: list[str]) -> None:
    report = _write_and_check(texts)
    if report is None:
        return
    ids = {c.id for a in report.articles for c in a.claims}
    for pair in report.pairs:
        assert 0.0 <= pair.similarity <= 1.0
        assert {pair.a, pair.b} <= ids
        assert pair.a.rsplit(":", 1)[0] != pair.b.rsplit(":", 1)[0]
    for article in report.articles:
        assert 0 <= article.reliability.score <= 100
        for duplicate in article.duplicates:
            assert 0.0 <= duplicate.similarity <= 1.0


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=2))
def test_reports_render_without_raising(texts: list[str]) -> None:
    report = _write_and_check(texts)
    if report is None:
        return
    assert isinstance(checker.to_markdown(report), str)
    assert isinstance(checker.to_json(report), str)


SENTENCE_TEXT = st.one_of(st.text(ANY_CHAR, max_size=80), st.lists(PIECES, max_size=6).map("".join))


@SETTINGS
@given(a=SENTENCE_TEXT, b=SENTENCE_TEXT, others=st.lists(SENTENCE_TEXT, max_size=3))
def test_pair_features_are_symmetric_and_within_0_to_1(a: str, b: str, others: list[str]) -> None:
    index = build_index([a, b, *others])
    forward, backward = pair_features(index, [0, 1], [1, 0])
    for name in SYMMETRIC_FEATURES:
        assert abs(forward[name] - backward[name]) <= 1e-9, name
    for name, value in forward.items():
        assert -1e-9 <= value <= 1.0 + 1e-9, (name, value)


def test_cosine_of_identical_texts_is_at_most_one() -> None:
    (features,) = pair_features(build_index(["00", "00"]), [0], [1])
    assert features["tfidf_char"] <= 1.0


@SETTINGS
@given(a=SENTENCE_TEXT)
def test_text_compared_with_itself_scores_one_where_it_has_content(a: str) -> None:
    index = build_index([a, a])
    (features,) = pair_features(index, [0], [1])
    assert features["ratio"] == 1.0 and features["token_sort"] == 1.0
    if index.tokens[0]:
        assert abs(features["tfidf_word"] - 1.0) <= 1e-9 and features["word_jaccard"] == 1.0


# Lone surrogates cannot live in a well-formed file, but broken encoders write them anyway
# (UTF-16 with an unpaired half, CESU-style UTF-8), and library callers can pass them in strings.
WITH_SURROGATES = st.text(st.characters(), max_size=60)


@SETTINGS
@given(text=WITH_SURROGATES, bom=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]))
def test_files_holding_surrogates_are_decoded_or_skipped_never_raised(text: str, bom: bytes) -> None:
    codec = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}.get(bom, "utf-8")
    data = bom + text.encode(codec, errors="surrogatepass")
    try:
        decoded, _ = decode(data)
    except ValueError:
        return
    decoded.encode("utf-8")  # what the reports will do with it


@SETTINGS
@given(text=WITH_SURROGATES.map(lambda t: t + " The talks resumed on Monday in Minsk. " + t))
def test_segment_and_reports_take_any_string_from_the_library(text: str) -> None:
    rules = load_rules()
    article = find_regions(Article(id="a", path="a.txt", text=text), rules)
    claims = describe_claims(article, segment(article, rules), rules)
    for claim in claims:
        assert " ".join(text[claim.start:claim.end].split()) == claim.text
    report = checker.Report(settings={}, articles=(replace(article, claims=claims),), pairs=())
    assert isinstance(checker.to_markdown(report), str)
    assert isinstance(checker.to_json(report), str)


def test_summed_weights_do_not_depend_on_the_order_of_their_terms() -> None:
    # A set's order changes with the hash seed; a plain sum of 0.1, 0.2 and 0.3 gives
    # 0.6000000000000001 in one order and 0.6 in the other, which tips ties between equal
    # shares, so one input gave two reports.
    weights = {"flood": 0.1, "levee": 0.2, "river": 0.3}
    index = build_index(["a text"], ())
    index.idf = weights
    concept_weights = ConceptWeights(weights, 1.0)
    for weigh in (index.weight, concept_weights.of):
        assert weigh(["flood", "levee", "river"]) == weigh(["river", "levee", "flood"]) == 0.6
