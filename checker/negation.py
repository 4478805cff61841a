"""Claim text + Vocabulary -> the negation cues of a claim."""

from __future__ import annotations

from checker.tokens import lexicon_cues
from checker.vocabulary import Vocabulary


def find_negations(lexical: str, shown: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Return the negation cues of a claim, each once, as written in `shown`."""
    return lexicon_cues(vocabulary.negations, lexical, shown)
