"""Pure domain model of a partnership's escalation policy: stages, timescales, roles, duties.

Every fact keeps the policy's own words (`says`/`words`) and a citation (`cite`) to the
paragraph it comes from. No I/O, no web framework: the loader fills it, the engine reads it.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Cite = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class Model(BaseModel):
    """Immutable, strict about unknown fields, so typos in content are caught."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Fact(Model):
    """Something the policy says, in its words, with the paragraph it says it in."""

    says: Text
    cite: Cite


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


class Timescale(Model):
    """A time limit: what must happen, within what, from when, in the policy's words.

    More than one reading in `within` means the policy's wording allows each
    (for example "48 hours (2 working days)"); none is silently picked. `starts` is the
    policy's words for the event the clock runs from, or 'not stated'; `from_` is that
    event as the tool can count it.
    """

    for_: Text = Field(alias="for")
    within: Annotated[
        tuple[Span, ...],
        BeforeValidator(_spans),
        Field(min_length=1),
        WithJsonSchema(WITHIN_SCHEMA),
    ]
    from_: Clock = Field(alias="from")
    starts: Text
    words: Text
    cite: Cite
    sooner_if_child_at_risk: bool = False
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


class Route(Model):
    """What the policy says to do in a situation, or that it says nothing (`stated: no`)."""

    stated: bool = True
    says: Text | None = None
    cite: Cite | None = None
    contacts: tuple[Contact, ...] = ()
    also: tuple[Fact, ...] = ()
    problems: tuple[SourceProblem, ...] = ()

    @model_validator(mode="after")
    def _stated_means_words(self) -> Route:
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


class RoleRow(Model):
    """One stage's row of a role table: the role to contact in each agency."""

    position: Text | None = None
    by_agency: dict[Slug, Text] = Field(min_length=1)
    cite: Cite


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
    sections: tuple[FormSection, ...] = Field(min_length=1)


class FormUse(Model):
    """A stage's instruction to use a form."""

    form: Slug
    says: Text
    cite: Cite


class Variant(Model):
    """One of two or more alternative routes at the same stage number."""

    id: Slug
    label: Text
    hint: Text | None = None
    question: Text | None = None


class Stage(Model):
    """One stage of escalation, with everything the policy says about it."""

    number: int = Field(ge=1, le=20)
    title: Text
    cite: Cite
    variant: Variant | None = None
    who: Fact
    with_: Fact | None = Field(default=None, alias="with")
    roles: RoleRow | None = None
    do: tuple[Fact, ...] = Field(min_length=1)
    timescales: tuple[Timescale, ...] = ()
    notify: tuple[Notification, ...] = ()
    record: tuple[Fact, ...] = ()
    forms: tuple[FormUse, ...] = ()
    rules: tuple[Fact, ...] = ()
    if_unresolved: Fact | None = None
    problems: tuple[SourceProblem, ...] = ()

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


class Body(Model):
    """The partnership that publishes the policy."""

    name: Text
    short_name: Text
    nation: Nation
    stage_word: Text = "Stage"


class SourceDocument(Model):
    """The document the facts come from, its dates in its own words."""

    title: Text
    version: Text
    review: Text
    review_due: YearMonth = None
    source: Text
    url: Text | None = None


class Branding(Model):
    """How the partnership's pages look."""

    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#1d70b8"
    logo: Text | None = None
    logo_alt: Text | None = None


class Partnership(Model):
    """A partnership's escalation procedure, as structured facts."""

    slug: Slug
    partnership: Body
    document: SourceDocument
    branding: Branding = Branding()
    agencies: tuple[Agency, ...] = ()
    contacts: tuple[Contact, ...] = ()
    emergency: Route
    exits: Exits
    principles: tuple[Fact, ...] = ()
    overall_timescales: tuple[Timescale, ...] = ()
    rules: tuple[Fact, ...] = ()
    record: tuple[Fact, ...] = ()
    forms: tuple[Form, ...] = ()
    stages: tuple[Stage, ...] = Field(min_length=1)
    problems: tuple[SourceProblem, ...] = ()

    def agency(self, agency_id: str) -> Agency | None:
        """The agency with this id, if the policy names it."""
        return next((a for a in self.agencies if a.id == agency_id), None)

    def form(self, form_id: str) -> Form | None:
        """The form with this id, if the policy provides it."""
        return next((f for f in self.forms if f.id == form_id), None)

    def stage_numbers(self) -> list[int]:
        """Distinct stage numbers, in order."""
        return sorted({s.number for s in self.stages})

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
        ]


def review_overdue(document: SourceDocument, today: date) -> bool:
    """True when the document's review date has passed."""
    if document.review_due is None:
        return False
    year, month = map(int, document.review_due.split("-"))
    return (today.year, today.month) > (year, month)
