"""'Did you mean' suggests only a close spelling of the same words, never another meaning."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import pytest
from pydantic import Field, StringConstraints, ValidationError

from wizard.content.messages import did_you_mean, message
from wizard.core.policy import Model

# pydantic's wording, which an author never wrote and cannot act on.
PYDANTIC_WORDS = ("Input should", "Field required", "Extra inputs", "valid dictionary", "None")
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


# --- every validation message in plain words, never pydantic's own


class Fact(Model):
    """A toy fact, as the policy model writes one."""

    says: str
    cite: Annotated[str, StringConstraints(max_length=60)]


class Toy(Model):
    """A toy front matter with one field of each kind the messages must cover."""

    group: dict[str, str] | None = Field(default=None, min_length=1)
    items: tuple[str, ...] | None = None
    fact: Fact | Literal["not available"] | None = None
    side: Literal["ours", "theirs"] | None = None
    ratio: float | None = None
    on: date | None = None
    note: Annotated[str, StringConstraints(max_length=10)] | None = None
    pair: Annotated[int, Field(multiple_of=2)] | None = None  # a kind no message names


def _messages(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Toy.model_validate(data)
    return [message(e, Toy) for e in caught.value.errors()]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"group": None, "items": None}, None),  # empty optional fields are fine
        ({"group": {}}, "group: this needs at least one 'field: value' line"),
        ({"side": "both"}, "side: 'both' is not one of 'ours', 'theirs'"),
        ({"side": "their"}, "side: 'their' is not one of 'ours', 'theirs'; did you mean 'theirs'?"),
        ({"ratio": "half"}, "ratio: this should be a number, not 'half'"),
        (
            {"on": "31/03/2025"},
            "on: this should be a date written as YYYY-MM-DD, such as 2025-03-31, not '31/03/2025'",
        ),
        ({"note": "far too long a note"}, "note: this is too long: write at most 10 characters"),
        ({"pair": 3}, "pair: '3' cannot be used here: see 'pair' in docs/reference.md, section 1"),
        ({"fact": {"says": "x", "cite": "1.1", "sayz": "y"}}, "fact › sayz: unknown field 'sayz'"),
    ],
)
def test_validation_messages_are_plain(data, expected):
    if expected is None:
        Toy.model_validate(data)
        return
    found = _messages(data)
    assert any(m.startswith(expected) for m in found), found
    for text in found:
        assert not [j for j in PYDANTIC_WORDS if j in text], text


def test_a_union_member_s_name_never_shows_in_a_field_path():
    found = _messages({"fact": {"says": "x"}})

    assert "fact: the field 'cite' is missing" in [m.split(";")[0] for m in found], found
    assert not [m for m in found if "Fact" in m]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"group": None}, "group: this is empty: write its fields on the lines below"),
        ({"items": None}, "items: this is empty: write its items on the lines below"),
    ],
)
def test_an_empty_required_group_or_list_says_it_is_empty(data, expected):
    class Strict(Model):
        group: dict[str, str] = Field(default_factory=lambda: {"a": "b"})
        items: tuple[str, ...] = ()

    with pytest.raises(ValidationError) as caught:
        Strict.model_validate(data)
    [text] = [message(e, Strict) for e in caught.value.errors()]

    assert text.startswith(expected)
    assert "None" not in text
