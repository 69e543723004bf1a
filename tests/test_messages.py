"""'Did you mean' suggests only a close spelling of the same words, never another meaning."""

from __future__ import annotations

import pytest

from wizard.content.messages import did_you_mean

CLOCKS = ["disagreement", "stage start", "previous stage", "outcome agreed", "not stated"]


@pytest.mark.parametrize(
    ("typed", "choices", "suggested"),
    [
        ("disagreemnt", CLOCKS, "disagreement"),  # a letter dropped
        ("dissagreement", CLOCKS, "disagreement"),  # a letter doubled
        ("stage strat", CLOCKS, "stage start"),  # two letters swapped
        ("outcome agred", CLOCKS, "outcome agreed"),
        ("titel", ["title", "version"], "title"),
        ("polise", ["police", "health"], "police"),
        ("escalation-from", ["escalation-form"], "escalation-form"),
        ("brnt", ["brent", "havering"], "brent"),
    ],
)
def test_a_misspelling_gets_the_word_it_misspells(typed, choices, suggested):
    assert did_you_mean(typed, choices) == f"; did you mean '{suggested}'?"


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("after no agreement", CLOCKS),  # close in letters to 'disagreement'; other words
        ("agreement", CLOCKS),  # 'disagreement' adds a negating prefix
        ("stated", CLOCKS),  # 'not stated' adds a negating word
        ("outcome not agreed", CLOCKS),  # 'outcome agreed' drops it
        ("known", ["unknown"]),
        ("unknown", ["known"]),
        ("agreed outcome", CLOCKS),  # the same words in another order may not mean the same
        ("2.22", ["2.2", "2.3"]),  # another paragraph, not a misspelling of this one
    ],
)
def test_nothing_of_a_different_meaning_is_suggested(typed, choices):
    assert did_you_mean(typed, choices) == ""
