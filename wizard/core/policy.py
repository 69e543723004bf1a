"""Pure domain model of a partnership's escalation policy: stages, timescales, roles, duties.

Every fact keeps the policy's own words (`says`/`words`) and a citation (`cite`) to the
paragraph it comes from. No I/O, no web framework: the loader fills it, the engine reads it.
"""

from __future__ import annotations

import re
from datetime import date
from difflib import get_close_matches
from enum import Enum, StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)


def _keep_class(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    """Text given as a subclass of str keeps its class (the web layer's words in English)."""
    found = handler(value)
    if isinstance(value, str) and type(value) is not str and not isinstance(value, Enum):
        return type(value)(found)
    return found


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), WrapValidator(_keep_class)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Cite = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class Model(BaseModel):
    """Immutable, strict about unknown fields, so typos in content are caught."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ProblemKind(StrEnum):
    """What is wrong with the source, so publishers can judge it."""

    CONFLICT = "conflict"
    UNCLEAR = "unclear"
    STALE = "stale"
    TYPO = "typo"
    MISSING = "missing"
    EXTRACTION = "extraction"


class SourceProblem(Model):
    """A recorded problem in the source policy, kept as written, never silently fixed."""

    kind: ProblemKind
    says: Text
    cite: Cite
    readers: bool = True


Notes = tuple[SourceProblem, ...]


class Fact(Model):
    """Something the policy says, in its words, with the paragraph it says it in."""

    says: Text
    cite: Cite
    area: Slug | None = None
    notes: Notes = ()


class Unreadable(Model):
    """A paragraph the copy we have lost: whole, or after its last readable words."""

    says: Text  # why, for publishers
    cite: Cite
    # Where the paragraph is cut off part way: its last words that can be read. Facts may
    # quote it up to there, and every citation of it says the rest is not available.
    readable_to: Text | None = None
    area: Slug | None = None
    notes: Notes = ()


class Unit(StrEnum):
    """How a timescale is measured."""

    WORKING_DAYS = "working days"
    HOURS = "hours"
    WORKING_WEEKS = "working weeks"
    WEEKS = "weeks"
    IMMEDIATELY = "immediately"
    ASAP = "as soon as possible"
    NONE_STATED = "none stated"


AMOUNTLESS = {Unit.IMMEDIATELY, Unit.ASAP, Unit.NONE_STATED}


class Clock(StrEnum):
    """What a timescale's clock starts from, as the tool can count it.

    `starts` on the timescale holds the policy's own words for that event.
    """

    DISAGREEMENT = "disagreement"
    STAGE_START = "stage start"
    PREVIOUS_STAGE = "previous stage"
    OUTCOME = "outcome agreed"
    NOT_STATED = "not stated"


SPAN_PATTERN = re.compile(
    r"^(?P<amount>\d+)\s+(?P<unit>working days?|hours?|working weeks?|weeks?)$"
)
SPAN_HELP = (
    "write a number in digits and a unit, such as '2 working days', '24 hours', "
    "'1 working week' or '1 week', or one of 'immediately', 'as soon as possible', "
    "'none stated'"
)


class Span(Model):
    """One reading of a timescale: an amount of a unit, or a unit that needs no amount."""

    amount: int | None = None
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Span:
        """Read '2 working days', '24 hours', 'immediately' and the like."""
        cleaned = " ".join(str(text).lower().split())
        if cleaned in {u.value for u in AMOUNTLESS}:
            return cls(unit=Unit(cleaned))
        match = SPAN_PATTERN.match(cleaned)
        if not match:
            raise ValueError(f"the timescale '{text}' does not parse: {SPAN_HELP}")
        unit = match["unit"] if match["unit"].endswith("s") else match["unit"] + "s"
        return cls(amount=int(match["amount"]), unit=Unit(unit))

    def __str__(self) -> str:
        """Render as it would be written in content, e.g. '2 working days'."""
        if self.amount is None:
            return self.unit.value
        unit = self.unit.value[:-1] if self.amount == 1 else self.unit.value
        return f"{self.amount} {unit}"


SPAN_TEXT = {
    "type": "string",
    "pattern": r"^(\d+ (working days?|hours?|working weeks?|weeks?)|immediately"
    r"|as soon as possible|none stated)$",
}
WITHIN_SCHEMA = {"anyOf": [SPAN_TEXT, {"type": "array", "items": SPAN_TEXT, "minItems": 1}]}


def _spans(value: object) -> object:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [Span.parse(v) for v in value]
    return value


class BankHolidays(StrEnum):
    """Whether the policy's working days leave out bank holidays."""

    EXCLUDED = "excluded"
    NOT_STATED = "not stated"


class WorkingDay(Model):
    """What the policy says a working day is, for a timescale in working days."""

    says: Text
    cite: Cite
    bank_holidays: BankHolidays = BankHolidays.NOT_STATED


NOT_STATED = "not stated"


CLOCK_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _clock_start(value: object) -> object:
    """One clear error for a `from` that is no kind of start, event or clock."""
    names = value if isinstance(value, list) else [value]
    kinds = {c.value for c in Clock}
    listed = ", ".join(f"'{c.value}'" for c in Clock)
    near = get_close_matches(str(value), kinds, n=1, cutoff=0.8)
    # A slug may name a declared event ('agreement' is not a misspelt 'disagreement'):
    # `check` tells an unknown one from a known one, with the events in hand.
    if isinstance(value, str) and value not in kinds and near and not CLOCK_NAME.match(value):
        raise ValueError(f"'{value}' is not one of {listed}; did you mean '{near[0]}'?")
    if all(isinstance(v, str) and (v in kinds or CLOCK_NAME.match(v)) for v in names):
        return tuple(value) if isinstance(value, list) else value
    raise ValueError(
        f"'{value}' is not one of {listed}, nor the id of an event in 'events' or of "
        "another clock of this stage (lower-case letters, digits and hyphens)"
    )


class Event(Model):
    """An event the worker records that a clock runs from, labelled in the policy's words."""

    id: Slug
    label: Text  # the policy's words for the event, asked for on the date form
    cite: Cite


BUILT_IN_EVENTS = ("disagreement", "outcome")  # the events every policy can name


class Timescale(Model):
    """A time limit: what must happen, within what, from when, in the policy's words.

    More than one reading in `within` means the policy's wording allows each
    (for example "48 hours (2 working days)"); none is silently picked. `starts` is the
    policy's words for the event the clock runs from, or 'not stated'; `from_` is that
    event as the tool can count it.
    """

    id: Slug | None = None  # so another clock of the stage can run from its end
    for_: Text = Field(alias="for")
    within: Annotated[
        tuple[Span, ...],
        BeforeValidator(_spans),
        Field(min_length=1),
        WithJsonSchema(WITHIN_SCHEMA),
    ]
    # A kind of start, or what it runs from: another clock of the stage (its `id`), an event
    # the policy declares (its `id` in `events`), or a list of two events (the earlier).
    from_: Annotated[Clock | Slug | tuple[Slug, ...], BeforeValidator(_clock_start)] = Field(
        alias="from", union_mode="left_to_right"
    )
    starts: Text
    words: Text
    cite: Cite
    sooner_if_child_at_risk: bool = False
    notes: Notes = ()
    working_day: WorkingDay | None = None

    @model_validator(mode="after")
    def _start_in_words(self) -> Timescale:
        silent = self.starts.lower() == NOT_STATED
        if silent != (self.from_ is Clock.NOT_STATED):
            raise ValueError(
                "'starts' and 'from' disagree: where the policy does not say when the time "
                "starts, write 'starts: not stated' and 'from: not stated'; otherwise quote "
                "the policy's words for the start in 'starts' and choose the 'from' they mean"
            )
        return self

    @property
    def ambiguous(self) -> bool:
        """True when the policy's words allow more than one reading."""
        return len(self.within) > 1

    @property
    def named(self) -> tuple[str, ...]:
        """The events or clock this timescale names in `from`; () for a kind of start."""
        if isinstance(self.from_, Clock):
            return ()
        return (self.from_,) if isinstance(self.from_, str) else self.from_

    @property
    def start_stated(self) -> bool:
        """Whether the policy says when the time starts."""
        return self.from_ is not Clock.NOT_STATED

    @property
    def bank_holidays_unstated(self) -> bool:
        """Whether the policy defines a working day without saying if bank holidays count."""
        return self.working_day is not None and (
            self.working_day.bank_holidays is BankHolidays.NOT_STATED
        )


class Contact(Model):
    """A named route to a team or office, exactly as the policy gives it."""

    name: Text
    email: Text | None = None
    phone: Text | None = None
    web: Text | None = None
    cite: Cite
    area: Slug | None = None
    notes: Notes = ()

    @model_validator(mode="after")
    def _has_a_route(self) -> Contact:
        if not (self.email or self.phone or self.web):
            raise ValueError("a contact needs at least one of 'email', 'phone' or 'web'")
        if self.email and "@" not in self.email:
            raise ValueError(f"'{self.email}' is not an email address")
        return self


class Condition(StrEnum):
    """When a notification applies."""

    ALWAYS = "always"
    CP_OR_LOOKED_AFTER = "child protection plan or looked after"


class Notification(Model):
    """Someone who must be told at a stage, and when."""

    who: Text
    when: Condition = Condition.ALWAYS
    says: Text
    cite: Cite
    contacts: tuple[Contact, ...] = ()
    outside: tuple[Slug, ...] = ()
    area: Slug | None = None
    in_your_agency: bool = False  # someone the worker can reach without contact details
    notes: Notes = ()


class Route(Model):
    """What the policy says to do in a situation, or that it says nothing (`stated: no`)."""

    stated: bool = True
    says: Text | None = None
    cite: Cite | None = None
    contacts: tuple[Contact, ...] = ()
    outside: tuple[Slug, ...] = ()
    in_your_agency: bool = False  # the route goes to someone in the worker's own agency
    also: tuple[Fact, ...] = ()
    problems: tuple[SourceProblem, ...] = ()
    # With `stated: no`: why the copy we have cannot be read here, so the page never
    # claims the policy says nothing.
    not_available: Text | None = None

    @model_validator(mode="after")
    def _stated_means_words(self) -> Route:
        if self.stated and self.not_available:
            raise ValueError("'not_available' goes with 'stated: no': the text cannot be read")
        if self.stated and not (self.says and self.cite):
            raise ValueError(
                "give the policy's words in 'says' and their paragraph in 'cite', "
                "or write 'stated: no' if the policy says nothing about this"
            )
        if not self.stated and (self.says or self.contacts):
            raise ValueError("'stated: no' means the policy says nothing: remove 'says'/'contacts'")
        return self


class Exits(Model):
    """Situations this procedure does not cover, and where the policy sends them."""

    conduct: Route
    complaint: Route
    whistleblowing: Route
    policy: Route


class Agency(Model):
    """An agency as the policy's role table names it."""

    id: Slug
    name: Text
    see_also: tuple[Slug, ...] = ()
    notes: Notes = ()


class Side(StrEnum):
    """Which side of the disagreement a role applies to."""

    BOTH = "both"
    YOURS = "yours"
    THEIRS = "theirs"


class RoleCell(Model):
    """One agency's entry in a role table, in the table's words, with its caveats."""

    says: Text
    side: Side = Side.BOTH
    area: Slug | None = None
    notes: Notes = ()


NOTE_SCHEMA = {
    "type": "object",
    "properties": {
        "kind": {"enum": [k.value for k in ProblemKind]},
        "says": {"type": "string", "minLength": 1},
        "cite": {"type": "string", "minLength": 1},
        "readers": {"type": "boolean"},
    },
    "required": ["kind", "says", "cite"],
    "additionalProperties": False,
}
_CELL = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                "says": {"type": "string", "minLength": 1},
                "side": {"enum": ["both", "yours", "theirs"]},
                "area": {"type": "string"},
                "notes": {"type": "array", "items": NOTE_SCHEMA},
            },
            "required": ["says"],
            "additionalProperties": False,
        },
    ]
}
BY_AGENCY_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {"anyOf": [_CELL, {"type": "array", "items": _CELL, "minItems": 1}]},
}


def _cells(value: object) -> object:
    # A cell may be written as plain text, as one mapping, or as a list of either.
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        out = {}
        for key, cell in value.items():
            items = cell if isinstance(cell, list) else [cell]
            out[key] = [{"says": c} if isinstance(c, str) else c for c in items]
        return out
    return value


class RoleRow(Model):
    """One stage's row of a role table: the role to contact in each agency."""

    position: Text | None = None
    by_agency: Annotated[
        dict[Slug, tuple[RoleCell, ...]],
        BeforeValidator(_cells),
        Field(min_length=1),
        WithJsonSchema(BY_AGENCY_SCHEMA),
    ]
    cite: Cite
    # Whose agency the wizard asks for to read this row: both sides, or only one where the
    # stage's own words already name the other (Staffordshire: "their line managers").
    ask: Side = Side.BOTH

    def asks(self, side: Side) -> bool:
        """True when the wizard asks for this side's agency to read the row."""
        return self.ask in (Side.BOTH, side)

    def cells(self, agency: str, side: Side, area: str | None = None) -> tuple[RoleCell, ...]:
        """The entries for an agency that apply to this side and area (all areas if unknown)."""
        return tuple(
            c
            for c in self.by_agency.get(agency, ())
            if c.side in (Side.BOTH, side) and (area is None or c.area in (None, area))
        )

    def text(self, agency: str) -> str:
        """Every entry for the agency, joined, as the table gives them."""
        return "; ".join(c.says for c in self.by_agency.get(agency, ()))


class FormSection(Model):
    """A section of a form, with its fields in the form's own words."""

    title: Text
    completed_by: Text | None = None
    fields: tuple[Text, ...] = Field(min_length=1)


class Form(Model):
    """A form the policy provides."""

    id: Slug
    title: Text
    cite: Cite
    use: Text | None = None
    # Empty where the policy names the form but its fields are not available to us.
    sections: tuple[FormSection, ...] = ()
    notes: Notes = ()

    @property
    def by_name_only(self) -> bool:
        """True when the policy names the form but its fields are not known."""
        return not self.sections


class FormUse(Model):
    """A stage's instruction to use a form."""

    form: Slug
    says: Text
    cite: Cite
    notes: Notes = ()


class Variant(Model):
    """One of two or more alternative routes at the same stage number."""

    id: Slug
    label: Text
    hint: Text | None = None
    question: Text | None = None


class Instead(Model):
    """Who the policy names in place of someone a worker's organisation does not have.

    `says` is the policy's sentence, condition and all; `who` and `with` stand in the
    stage's own in "What to do now", each in the policy's words, by area where they differ.
    """

    says: Text
    cite: Cite
    who: tuple[Fact, ...] = ()
    with_: tuple[Fact, ...] = Field(default=(), alias="with")
    notes: Notes = ()

    @model_validator(mode="after")
    def _names_someone(self) -> Instead:
        if not (self.who or self.with_):
            raise ValueError(
                "say who stands in, in the policy's words: 'who' (in place of who acts), "
                "'with' (in place of who they take it to), or both"
            )
        return self


class Absence(Instead):
    """An answer that says the worker's organisation lacks someone the stage names."""

    id: Slug
    label: Text
    hint: Text | None = None
    # The stage the policy sends the worker to instead (Staffordshire: no senior tiers, so
    # "before escalating to their Board representative", Stage 5).
    to_stage: int | None = Field(default=None, ge=1, le=20)


# The missing question's own answers: an absence, asked beside them, needs another id.
PRESENT_ANSWERS = ("yes", "not-sure")


class Missing(Model):
    """The question that asks whether someone a stage names is missing, and its answers."""

    question: Text
    hint: Text | None = None
    present: Text  # the answer "yes": the people the stage names are there
    items: tuple[Absence, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_are_free(self) -> Missing:
        ids = [a.id for a in self.items]
        taken = [i for i in ids if i in PRESENT_ANSWERS or ids.count(i) > 1]
        if taken:
            raise ValueError(
                f"the answer id '{taken[0]}' is used twice, or is one of the question's own "
                f"answers ({', '.join(PRESENT_ANSWERS)}): give each absence an id of its own"
            )
        return self

    def item(self, answer: str | None) -> Absence | None:
        """The absence this answer names, if any."""
        return next((a for a in self.items if a.id == answer), None)


class Send(Model):
    """Something the worker sends at this stage, and to whom, with the policy's words."""

    what: Text  # e.g. "The details of the dispute"
    to: Text  # e.g. "the relevant LSCB manager", or the address the policy gives
    says: Text
    cite: Cite
    form: Slug | None = None
    contacts: tuple[Contact, ...] = ()
    area: Slug | None = None
    notes: Notes = ()


class StagePart(StrEnum):
    """A part of a stage whose text may be missing from the copy we have."""

    ALL = "all"
    WHO = "who"
    WITH = "with"
    DO = "do"
    TIMESCALES = "timescales"
    NOTIFY = "notify"
    RECORD = "record"
    FORMS = "forms"
    NEXT = "next"


class NotAvailable(Model):
    """Parts of the source we cannot read: the page says so instead of claiming 'none'."""

    parts: tuple[StagePart, ...] = (StagePart.ALL,)
    says: Text

    def covers(self, part: StagePart) -> bool:
        """True when this part of the stage's text is not available."""
        return StagePart.ALL in self.parts or part in self.parts


class Stage(Model):
    """One stage of escalation, with everything the policy says about it."""

    number: int = Field(ge=1, le=20)
    title: Text | None = None
    cite: Cite
    variant: Variant | None = None
    who: Fact | None = None
    with_: Fact | None = Field(default=None, alias="with")
    roles: RoleRow | None = None
    do: tuple[Fact, ...] = ()
    timescales: tuple[Timescale, ...] = ()
    notify: tuple[Notification, ...] = ()
    record: tuple[Fact, ...] = ()
    forms: tuple[FormUse, ...] = ()
    rules: tuple[Fact, ...] = ()
    if_unresolved: Fact | None = None
    # What the worker sends, to whom; who stands in where this route lacks someone (a
    # variant for organisations without a line manager); and the question that asks
    # whether someone the stage names is missing, with the policy's fallback for each.
    send: tuple[Send, ...] = ()
    instead: Instead | None = None
    missing: Missing | None = None
    # How a worker says this stage has been tried, in the policy's words (Brent: "I have
    # consulted a supervisor/manager"); and what the policy says to a worker who skipped it.
    done: Text | None = None
    if_skipped: Fact | None = None
    # How to reach the people this stage names, wherever in the policy it gives them.
    contacts: tuple[Contact, ...] = ()
    outside: tuple[Slug, ...] = ()
    not_available: NotAvailable | None = None
    problems: tuple[SourceProblem, ...] = ()

    @model_validator(mode="after")
    def _who_and_do_unless_unreadable(self) -> Stage:
        for part, value in ((StagePart.WHO, self.who), (StagePart.DO, self.do)):
            if not value and not self.unknown(part):
                raise ValueError(
                    f"a stage needs '{part.value}' in the policy's words, or "
                    f"'not_available' with parts [{part.value}] and why it cannot be read"
                )
        return self

    def unknown(self, part: StagePart) -> bool:
        """True when the policy's text for this part of the stage is not available."""
        return self.not_available is not None and self.not_available.covers(part)

    def label(self, word: str = "Stage") -> str:
        """'Stage 2: Line manager', or 'Stage 2' where the policy gives the stage no title."""
        return f"{word} {self.number}: {self.title}" if self.title else f"{word} {self.number}"

    def variant_note(self) -> str | None:
        """The variant's label, where the title does not already say it."""
        if self.variant and self.variant.label not in (self.title or ""):
            return self.variant.label
        return None

    def stand_ins(self) -> tuple[Instead, ...]:
        """Every fallback the stage names: its own, then each answer's to the missing question."""
        return (
            *((self.instead,) if self.instead else ()),
            *(self.missing.items if self.missing else ()),
        )

    @property
    def key(self) -> str:
        """A stable identifier, unique within the partnership: '2' or '4-urgent'."""
        return f"{self.number}-{self.variant.id}" if self.variant else str(self.number)


def _year_month(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(f"'{value}' is not a year and month: write it as YYYY-MM, e.g. 2017-12")
    return value


YearMonth = Annotated[str | None, AfterValidator(_year_month)]


class Nation(StrEnum):
    """Where bank holidays come from."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class Language(StrEnum):
    """A language the guidance can be read in; the policy files' own language comes first."""

    ENGLISH = "en"
    WELSH = "cy"


class Body(Model):
    """The partnership that publishes the policy."""

    name: Text
    short_name: Text
    nation: Nation
    stage_word: Text = "Stage"
    # The languages its guidance is published in: policy.md is in English, the first; a
    # policy.<lang>.md beside it gives the policy's own words in another.
    languages: tuple[Language, ...] = (Language.ENGLISH,)

    @field_validator("languages")
    @classmethod
    def _english_first(cls, languages: tuple[Language, ...]) -> tuple[Language, ...]:
        if languages[:1] != (Language.ENGLISH,) or len(set(languages)) != len(languages):
            raise ValueError(
                "languages must start with en (policy.md is in English) and name each "
                "language once, such as [en, cy]"
            )
        return languages


class Superseded(Model):
    """The document that replaced this one, as its publisher names it."""

    title: Text
    date: Text
    url: Text | None = None


class SourceDocument(Model):
    """The document the facts come from, its dates in its own words."""

    title: Text
    version: Text
    review: Text
    review_due: YearMonth = None
    source: Text
    url: Text | None = None
    superseded_by: Superseded | None = None


class Branding(Model):
    """How the partnership's pages look."""

    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#1d70b8"
    logo: Text | None = None
    logo_alt: Text | None = None


class Area(Model):
    """A place within a partnership where some facts differ (Staffordshire, Stoke-on-Trent)."""

    id: Slug
    name: Text


class Areas(Model):
    """The areas a partnership covers and how to ask which one applies."""

    question: Text
    hint: Text | None = None
    items: tuple[Area, ...] = Field(min_length=2)


class OutsideContact(Model):
    """A contact from outside the policy, labelled with where it comes from and when checked."""

    id: Slug
    name: Text
    for_: Text = Field(alias="for")
    email: Text | None = None
    phone: Text | None = None
    web: Text | None = None
    source: Text
    checked: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    area: Slug | None = None


class Notice(Model):
    """A caveat about the whole policy, shown on every page of the partnership.

    With `mentions`, its short form (`beside`) also stands beside every quote that names
    one of those bodies, such as a Board that no longer exists.
    """

    kind: ProblemKind
    says: Text
    cite: Cite | None = None
    mentions: tuple[Text, ...] = ()
    beside: Text | None = None

    def applies_to(self, text: str) -> bool:
        """True when the text names a body this notice is about."""
        return any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text) for m in self.mentions)


class Tier(Model):
    """A level of urgency between immediate harm and the ordinary stages, with its own clock."""

    id: Slug
    label: Text
    hint: Text | None = None
    timescale: Timescale


# The first question's own answers: a tier, asked beside them, needs another id.
RISK_ANSWERS = ("yes", "no", "not-sure")


class Urgency(Model):
    """The policy's levels of urgency, offered as answers to the first question."""

    ordinary: Text  # the hint under 'No': what applies when no tier does
    tiers: tuple[Tier, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _tier_ids_are_free(self) -> Urgency:
        taken = [t.id for t in self.tiers if t.id in RISK_ANSWERS]
        if taken:
            raise ValueError(
                f"a tier's id '{taken[0]}' is already an answer to the first question "
                f"({', '.join(RISK_ANSWERS)}): choose another, such as 'at-risk'"
            )
        return self


class Adviser(Model):
    """A role the policy ties advice to at every stage (Lincolnshire: 'your SLO will advise')."""

    says: Text
    cite: Cite
    table: int  # the stage number whose role table names the role


class Partnership(Model):
    """A partnership's escalation procedure, as structured facts."""

    slug: Slug
    partnership: Body
    document: SourceDocument
    branding: Branding = Branding()
    agencies: tuple[Agency, ...] = ()
    areas: Areas | None = None
    contacts: tuple[Contact, ...] = ()
    outside_contacts: tuple[OutsideContact, ...] = ()
    # Events the worker records that clocks run from ("the day it was raised", "the meeting").
    events: tuple[Event, ...] = ()
    # Paragraphs whose text the copy we have lost: every citation of one says so.
    unreadable: tuple[Unreadable, ...] = ()
    notices: tuple[Notice, ...] = ()
    adviser: Adviser | None = None
    urgency: Urgency | None = None
    # What the policy says when the professional you challenge sits higher in its role table.
    more_senior: Fact | None = None
    emergency: Route
    exits: Exits
    principles: tuple[Fact, ...] = ()
    # How the policy says to escalate, at every stage ("via telephone, face-to-face or
    # internet meeting"): shown with what to do now, not among the rules.
    how: tuple[Fact, ...] = ()
    overall_timescales: tuple[Timescale, ...] = ()
    rules: tuple[Fact, ...] = ()
    record: tuple[Fact, ...] = ()
    forms: tuple[Form, ...] = ()
    stages: tuple[Stage, ...] = Field(min_length=1)
    problems: tuple[SourceProblem, ...] = ()

    def agency(self, agency_id: str) -> Agency | None:
        """The agency with this id, if the policy names it."""
        return next((a for a in self.agencies if a.id == agency_id), None)

    def area(self, area_id: str | None) -> Area | None:
        """The area with this id, if the partnership declares areas."""
        items = self.areas.items if self.areas else ()
        return next((a for a in items if a.id == area_id), None)

    def beside(self, text: str) -> list[str]:
        """Short whole-body caveats for a quote that names a body they are about."""
        return [n.beside or n.says for n in self.notices if n.applies_to(text)]

    def tier(self, tier_id: str | None) -> Tier | None:
        """The urgency tier with this id, if the policy has one."""
        tiers = self.urgency.tiers if self.urgency else ()
        return next((t for t in tiers if t.id == tier_id), None)

    def on_tier_clock(self, tier: Tier) -> Partnership:
        """A copy of the policy with every stage but the last on the tier's clock.

        The tier's clock is the time to reach the next level: the last stage has none, so it
        keeps its own timescales (and none is invented for it).
        """
        last = self.stage_numbers()[-1]
        stages = tuple(
            s if s.number == last else s.model_copy(update={"timescales": (tier.timescale,)})
            for s in self.stages
        )
        return self.model_copy(update={"stages": stages})

    def unreadable_paragraph(self, label: str) -> Unreadable | None:
        """Why a paragraph's text is not available, where the copy we have lost it."""
        return next((f for f in self.unreadable if f.cite == label), None)

    def outside_named(self, ids: tuple[str, ...]) -> list[OutsideContact]:
        """The outside contacts with these ids, in order."""
        return [c for c in self.outside_contacts if c.id in ids]

    def outside(self, contact_id: str) -> OutsideContact | None:
        """The outside contact with this id."""
        return next((c for c in self.outside_contacts if c.id == contact_id), None)

    def adviser_row(self) -> RoleRow | None:
        """The role table that names the adviser, if the policy ties advice to one."""
        if self.adviser is None:
            return None
        return next((s.roles for s in self.stages_numbered(self.adviser.table) if s.roles), None)

    def form(self, form_id: str) -> Form | None:
        """The form with this id, if the policy provides it."""
        return next((f for f in self.forms if f.id == form_id), None)

    def stage_numbers(self) -> list[int]:
        """Distinct stage numbers, in order."""
        return sorted({s.number for s in self.stages})

    def partly_read(self) -> bool:
        """True when the copy we have cannot be read somewhere: a paragraph, a stage, a route."""
        routes = (self.emergency, *(getattr(self.exits, name) for name in Exits.model_fields))
        return bool(
            self.unreadable
            or any(s.not_available for s in self.stages)
            or any(r.not_available for r in routes)
        )

    def stage_count_known(self) -> bool:
        """False when the text after the last stage we have cannot be read: more may follow."""
        return not any(
            s.unknown(StagePart.NEXT) for s in self.stages if s.number == self.stages[-1].number
        )

    def stages_numbered(self, number: int) -> list[Stage]:
        """The stage, or its variants, with this number."""
        return [s for s in self.stages if s.number == number]

    def has_conditional_notifications(self) -> bool:
        """True if any stage's notifications depend on the child's status."""
        return any(n.when is Condition.CP_OR_LOOKED_AFTER for s in self.stages for n in s.notify)

    def routes(self) -> dict[str, Route]:
        """The emergency route and each exit, by name."""
        return {"emergency": self.emergency, **dict(self.exits)}

    def all_problems(self) -> list[SourceProblem]:
        """Every recorded source problem: partnership-wide, then routes, then stages."""
        return [
            *self.problems,
            *(p for r in self.routes().values() for p in r.problems),
            *(p for s in self.stages for p in s.problems),
            *self.attached_notes(),
        ]

    def attached_notes(self) -> list[SourceProblem]:
        """Notes attached to single facts: agencies, role entries, timescales, forms, contacts."""
        found = [n for a in self.agencies for n in a.notes]
        found += [n for f in self.forms for n in f.notes]
        found += [n for c in self.contacts for n in c.notes]
        for s in self.stages:
            cells = [c for row in (s.roles.by_agency.values() if s.roles else ()) for c in row]
            found += [n for c in cells for n in c.notes]
            found += [n for t in s.timescales for n in t.notes]
            found += [n for u in s.forms for n in u.notes]
            found += [n for m in s.notify for n in m.notes]
            found += [n for x in s.send for n in x.notes]
            found += [n for i in s.stand_ins() for n in i.notes]
            found += [n for i in s.stand_ins() for f in (*i.who, *i.with_) for n in f.notes]
        return found


def review_overdue(document: SourceDocument, today: date) -> bool:
    """True when the document's review date has passed."""
    if document.review_due is None:
        return False
    year, month = map(int, document.review_due.split("-"))
    return (today.year, today.month) > (year, month)
