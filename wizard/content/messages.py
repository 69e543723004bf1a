"""Turn pydantic validation errors into messages a content author can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from enum import Enum

from pydantic import BaseModel
from pydantic_core import ErrorDetails

# A suggestion must never turn a word into its opposite: 'agreement' is not 'disagreement'.
NEGATING_PREFIXES = ("dis", "non", "un", "in", "im", "ir", "il", "mis")
NEGATING_WORDS = frozenset({"no", "not", "non", "never", "without", "none", "nothing"})
WORD = re.compile(r"[a-z0-9]+")
CUTOFF = 0.8


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """A ' did you mean …?' hint naming a close spelling of the same words, or ''."""
    options = [str(c) for c in choices]
    ranked = difflib.get_close_matches(str(word), options, n=max(1, len(options)), cutoff=CUTOFF)
    close = next((c for c in ranked if same_words(str(word), c)), None)
    return f"; did you mean '{close}'?" if close else ""


def same_words(typed: str, choice: str) -> bool:
    """True when `choice` is `typed` spelt right: the same words, none negated or added."""
    typed_words, choice_words = WORD.findall(typed.lower()), WORD.findall(choice.lower())
    return len(typed_words) == len(choice_words) and all(
        _same_word(a, b) for a, b in zip(typed_words, choice_words, strict=True)
    )


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if any(c.isdigit() for c in a + b):
        return False  # '2.22' is another paragraph and 'stage 2' another stage, not a typo
    if (a in NEGATING_WORDS) != (b in NEGATING_WORDS) or _negates(a, b) or _negates(b, a):
        return False
    return _one_edit(a, b) or difflib.SequenceMatcher(None, a, b).ratio() >= CUTOFF


def _negates(a: str, b: str) -> bool:
    """True when `b` is `a` (or a misspelling of it) with a negating prefix added."""
    return any(
        b.startswith(p) and not a.startswith(p) and _close(a, b[len(p) :])
        for p in NEGATING_PREFIXES
    )


def _close(a: str, b: str) -> bool:
    return a == b or _one_edit(a, b) or difflib.SequenceMatcher(None, a, b).ratio() >= CUTOFF


def _one_edit(a: str, b: str) -> bool:
    """True when one letter added, dropped, changed or two swapped turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return swapped or a[i + 1 :] in (b[i + 1 :], b[i:]) or a[i:] == b[i + 1 :]


def describe(loc: tuple[str | int, ...]) -> str:
    """A readable path to a field: 'stages 3 › timescales 1 › within' (items count from 1)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) and parts:
            parts[-1] += f" {part + 1}"
        else:
            parts.append(str(part))
    return " › ".join(parts) if parts else "front matter"


def message(error: ErrorDetails, root: type[BaseModel]) -> str:
    """One author-facing message for one validation error."""
    loc = _clean(error["loc"])
    kind, value, field = error["type"], error.get("input"), loc[-1] if loc else ""
    where = describe(loc)
    if kind == "missing":
        return f"{describe(loc[:-1])}: the field '{field}' is missing{_missing_hint(field)}"
    if kind == "extra_forbidden":
        allowed = _fields_at(root, loc[:-1])
        return f"{where}: unknown field '{field}'{did_you_mean(str(field), allowed)}" + (
            "" if not allowed else f" (allowed here: {', '.join(sorted(allowed))})"
        )
    if kind == "enum":
        choices = _enum_values(root, loc)
        return f"{where}: '{value}' is not one of {_quoted(choices)}{did_you_mean(value, choices)}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        low, high = _bounds(root, loc)
        return f"{where}: {value} is out of range: use a whole number from {low} to {high}"
    if kind in {"int_parsing", "int_type"}:
        return f"{where}: expected a whole number here, got '{value}'"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{where}: write 'yes' or 'no', not '{value}'"
    if kind in {"string_type", "string_too_short"} and field == "colour":
        return f"{where}: '' {_pattern_help(field, '')}"
    if kind in {"string_type", "string_too_short"}:
        return f"{where}: {_expected_text(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"} and value is None:
        return f"{where}: this is empty: write its fields on the lines below, indented under it"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{where}: expected 'field: value' lines here, got {_shape(value)}"
    if kind in {"tuple_type", "list_type"} and value is None:
        return f"{where}: this is empty: write its items on the lines below, each starting '- '"
    if kind in {"tuple_type", "list_type"}:
        return f"{where}: expected a list here (lines starting '- '), got {_shape(value)}"
    return _rarer(error, root, loc, where)


def _rarer(error: ErrorDetails, root: type[BaseModel], loc: tuple, where: str) -> str:
    """Messages for the rarer kinds; never pydantic's own wording ("Input should be ...")."""
    kind, value, field = error["type"], error.get("input"), loc[-1] if loc else ""
    ctx = error.get("ctx") or {}
    if kind == "too_short" and isinstance(value, dict):
        return f"{where}: this needs at least one 'field: value' line"
    if kind == "too_short":
        return f"{where}: this list needs at least one item"
    if kind == "string_pattern_mismatch":
        return f"{where}: '{value}' {_pattern_help(field, value)}"
    if kind == "string_too_long" and field == "cite":
        return f"{where}: a citation is a paragraph reference like '3.10', not a sentence"
    if kind == "string_too_long":
        return f"{where}: this is too long: write at most {ctx.get('max_length')} characters"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{where}: '{value}' is not one of {_quoted(choices)}{did_you_mean(value, choices)}"
    if kind in {"value_error", "assertion_error"}:
        # Our own validators' words, written for authors.
        text = str(error["msg"]).removeprefix("Value error, ")
        return f"{where}: {text.removeprefix('Assertion failed, ')}"
    expected = next((v for k, v in EXPECTED.items() if kind.startswith(k)), None)
    if expected:
        return f"{where}: this should be {expected}, not {_shape(value)}"
    return (
        f"{where}: {_shape(value)} cannot be used here: see '{field}' in docs/reference.md, "
        "section 1"
    )


# What a field of each remaining type takes, by the start of pydantic's error kind.
EXPECTED = {
    "float": "a number",
    "decimal": "a number",
    "datetime": "a date and time, such as 2025-03-31 17:00",
    "date": "a date written as YYYY-MM-DD, such as 2025-03-31",
    "time": "a time, such as 17:00",
    "url": "a web address that starts with https://",
    "dict": "'field: value' lines",
    "model": "'field: value' lines",
    "string": "text",
}


def _clean(loc: tuple) -> tuple[str | int, ...]:
    # pydantic adds validator names ("function-after[...]", "literal['x']") and, inside a
    # union, the model tried ("Fact") to locations; an author wrote neither.
    models = _model_names(BaseModel)
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and p not in models))


def _model_names(base: type) -> set[str]:
    names = set()
    for sub in base.__subclasses__():
        names |= {sub.__name__, *_model_names(sub)}
    return names


def _missing_hint(field: str | int) -> str:
    if field == "cite":
        return '; every fact needs a citation to its paragraph, such as cite: "3.10"'
    return ""


def _expected_text(value: object) -> str:
    if value in ("", None):
        return "this must not be empty"
    return f"expected text here, got {_shape(value)}"


def _shape(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _quoted(values: list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _pattern_help(field: str | int, value: object = None) -> str:
    if field == "colour" and value == "":
        return (
            'is empty: put the colour in quotes, as colour: "#1d70b8" '
            "(without quotes, # starts a comment)"
        )
    if field == "colour":
        return "is not a colour: write it as # and six hex digits, such as '#1d70b8'"
    return (
        "is not a valid id: use lower-case letters, digits and hyphens, such as 'health-visiting'"
    )


def _bounds(root: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[object, object]:
    parent = _annotation_at(root, loc[:-1])
    field = getattr(parent, "model_fields", {}).get(str(loc[-1])) if loc else None
    low = high = "?"
    for rule in getattr(field, "metadata", []):
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


def _annotation_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> object:
    """Walk a model's field types along a location; None when the walk leaves the model."""
    current: object = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = next((f for n, f in current.model_fields.items() if part in (n, f.alias)), None)
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (tuple, list) and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: object) -> object:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _fields_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    model = _annotation_at(root, loc)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or n for n, f in model.model_fields.items() if n != "slug"]
    return []


def _enum_values(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    enum = _annotation_at(root, loc)
    if isinstance(enum, type) and issubclass(enum, Enum):
        return [str(m.value) for m in enum]
    return []
