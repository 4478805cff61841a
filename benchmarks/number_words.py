"""Numbers written in words -> errors and speed of checker's reader against text2num's alpha2digit.

Run from anywhere: `python benchmarks/number_words.py`. The cases are written here: a sentence,
the values a reader must find in it, in text order. text2num is measured when it is installed
(`pip install text2num`) and skipped with a note otherwise. Both readers get the same sentences;
a case is right when the values found equal the values expected.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.numbers import find_numbers  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from checker.vocabulary import vocabulary_of  # noqa: E402

CASES: list[tuple[str, list[str]]] = [
    ("Nineteen people were hurt in the blast.", ["19"]),
    ("Ninety-one per cent of members agreed.", ["91"]),
    ("The firm hired three thousand workers.", ["3000"]),
    ("Police counted a hundred and forty-two cars.", ["142"]),
    ("Fourteen hundred and fifty homes lost power.", ["1450"]),
    ("The fund holds two million three hundred thousand shares.", ["2300000"]),
    ("Seventy-seven ships and twenty three planes left port.", ["77", "23"]),
    ("A dozen boats and a thousand tents arrived.", ["12", "1000"]),
    ("Tens of thousands of residents fled.", ["10000-99999"]),
    ("Hundreds of volunteers came.", ["200-999"]),
    ("She said one of the guards saw no one at one point.", []),
    ("The vote went fourteen votes to thirteen.", ["14:13"]),
    ("Eleven of the twelve judges sat.", ["11", "12"]),
    ("It took forty minutes and sixty-five seconds.", ["40", "65"]),
    ("Three hundred and twelve homes flooded.", ["312"]),
    ("The plant employs nine hundred people.", ["900"]),
    ("He served in Formula One for two seasons.", ["2"]),
    ("A million people watched eighteen matches.", ["1000000", "18"]),
    ("Thirty thousand runners and fifty-one horses took part.", ["30000", "51"]),
    ("Only one prisoner and two guards escaped.", ["1", "2"]),
]
REPEATS = 200  # passes over the cases when timing


def checker_values(vocabulary):
    def read(sentence: str) -> list[str]:
        return [q.value for q in find_numbers(sentence, vocabulary)]

    return read


def text2num_values(sentence: str) -> list[str]:
    from text_to_num import alpha2digit

    converted = alpha2digit(sentence, "en")
    return [m.group().replace(",", "") for m in re.finditer(r"\d+(?:[.,]\d+)*", converted)]


def measure(name: str, read) -> None:
    wrong = [(s, want, read(s)) for s, want in CASES if read(s) != want]
    started = time.perf_counter()
    for _ in range(REPEATS):
        for sentence, _ in CASES:
            read(sentence)
    elapsed = time.perf_counter() - started
    per_sentence = elapsed / (REPEATS * len(CASES)) * 1e6
    print(f"{name}: {len(CASES) - len(wrong)}/{len(CASES)} right, {per_sentence:.1f} us a sentence")
    for sentence, want, got in wrong:
        print(f"  {sentence!r}: want {want}, got {got}")


def main() -> int:
    """Print errors and speed of each reader; return the exit code."""
    measure("checker", checker_values(vocabulary_of(load_rules())))
    try:
        import text_to_num  # noqa: F401
    except ImportError:
        print("text2num: not installed (pip install text2num); skipped")
        return 0
    measure("text2num", text2num_values)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
