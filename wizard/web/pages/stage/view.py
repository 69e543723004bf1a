"""Page models: the one place that joins engine state, policy facts and prose."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import quote

from wizard.core import outcome
from wizard.core.engine import State
from wizard.core.flow import NOT_SURE, Q, absence, tier
from wizard.core.policy import (
    AMOUNTLESS,
    Absence,
    Contact,
    Fact,
    Form,
    Notification,
    Partnership,
    Send,
    SourceProblem,
    Stage,
    Tier,
    Timescale,
)
from wizard.web.text import quotes
from wizard.web.text.catalogue import gettext
from wizard.web.text.stagewords import stage_heading


@dataclass(frozen=True)
class Role:
    """A role to contact, for one side of the disagreement."""

    side: str  # "you" or "them"
    agency: str
    role: str
    cite: str
    notes: tuple[SourceProblem, ...] = ()


@dataclass(frozen=True)
class DraftEmail:
    """A notification the policy sends to an address it gives, drafted without personal details."""

    who: str
    address: str
    href: str
    cite: str
    notes: tuple[SourceProblem, ...]


@dataclass(frozen=True)
class StandIn:
    """Someone the policy names in place of the stage's own, with the area they belong to."""

    fact: Fact
    area: str | None = None  # the area's name, where the answers did not say which


@dataclass(frozen=True)
class SendView:
    """What the worker sends at this stage, to whom, and the drafted email where there is one."""

    send: Send
    emails: tuple[DraftEmail, ...] = ()  # drafted to the addresses the policy gives for it


@dataclass(frozen=True)
class NextStep:
    """What happens if this stage does not resolve the disagreement."""

    stages: tuple[Stage, ...] = ()
    if_unresolved: Fact | None = None


@dataclass
class StageView:
    """Everything the outcome page shows about the stage to go to now."""

    stage: Stage
    heading: str
    roles: list[Role] = field(default_factory=list)
    role_table: list[tuple[str, str, bool]] = field(default_factory=list)
    timescales: tuple[Timescale, ...] = ()
    notify: list[Notification] = field(default_factory=list)
    notify_if_child: list[Notification] = field(default_factory=list)
    earlier_duties: list[tuple[Stage, Notification]] = field(default_factory=list)
    record: list[Fact] = field(default_factory=list)
    forms: list[tuple[Fact, Form]] = field(default_factory=list)
    rules: list[Fact] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    next: NextStep = NextStep()
    started_unsure: bool = False
    do: list[Fact] = field(default_factory=list)
    you: Role | None = None
    them: Role | None = None
    timescale_notes: list[list[SourceProblem]] = field(default_factory=list)
    emails: list[DraftEmail] = field(default_factory=list)
    secure: list[Fact] = field(default_factory=list)
    adviser: Role | None = None
    skipped: list[Stage] = field(default_factory=list)  # earlier stages with advice if skipped
    later_roles: list[tuple[Stage, str]] = field(default_factory=list)
    tier: Tier | None = None  # the urgency tier whose clock replaces the stage's own
    ordinary: tuple[Timescale, ...] = ()  # the stage's own timescales, set aside by the tier
    how: list[Fact] = field(default_factory=list)  # how the policy says to escalate
    write_down: list[Fact] = field(default_factory=list)  # `record`, less what the page quotes
    untimed: list[SourceProblem] = field(default_factory=list)  # on a stage with no timescale
    senior_quoted: bool = False  # "why" already quotes what the policy says of a senior role
    next_quoted: bool = False  # the page already quotes what the policy says comes next
    why: list[Fact] = field(default_factory=list)  # the quotes that back what to do now
    # The quotes whose gist a row of what to do now or the plan already gives (a timescale,
    # a form's use, someone to tell): in "why", folded.
    why_rows: list[Fact] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)  # what "what to do now" quotes itself
    # The policy's fallbacks where the worker's organisation lacks someone: who stands in
    # for who acts and with whom; the fallbacks' sentences where the answers leave it open;
    # the absence that brought the worker to this stage; what to send, to whom.
    who_now: list[StandIn] = field(default_factory=list)
    with_now: list[StandIn] = field(default_factory=list)
    who_if: list[Fact] = field(default_factory=list)
    with_if: list[Fact] = field(default_factory=list)
    if_labels: dict[str, str] = field(default_factory=dict)  # a fallback's words -> its answer
    moved: Absence | None = None
    send: list[SendView] = field(default_factory=list)

    @property
    def you_notes(self) -> tuple[SourceProblem, ...]:
        """Caveats on the role table entry for the worker's own agency."""
        return self.you.notes if self.you else ()

    @property
    def them_notes(self) -> tuple[SourceProblem, ...]:
        """Caveats on the role table entry for the other agency."""
        return self.them.notes if self.them else ()

    @property
    def same_quote(self) -> bool:
        """Whether the policy's words for who acts and with whom say the same (Islington 4)."""
        who, with_ = self.stage.who, self.stage.with_
        if self.you or self.them or not (who and with_):
            return False
        return quotes.within(who.says, with_.says) or quotes.within(with_.says, who.says)

    @property
    def role_label(self) -> str:
        """What the role table calls its rows' roles, e.g. 'Senior Liaison Officer'."""
        return (self.stage.roles.position if self.stage.roles else None) or "Role"


def stage_view(state: State) -> StageView:
    """Assemble the facts for a stage outcome from the answers given."""
    p, stage, found = state.partnership, state.outcome.stage, outcome.facts(state)
    view = StageView(stage, stage_heading(p, stage), timescales=stage.timescales)
    cite = stage.roles.cite if stage.roles else ""
    view.roles = [Role(r.side, r.agency, r.role, cite, r.notes) for r in found.roles]
    view.role_table = [
        (agency.name, stage.roles.text(agency.id), agency.id in found.chosen)
        for agency in p.agencies
        if stage.roles and agency.id in stage.roles.by_agency
    ]
    if found.adviser and p.adviser:
        row = p.adviser_row()
        a = found.adviser
        view.adviser = Role(a.side, a.agency, a.role, row.cite if row else p.adviser.cite, a.notes)
    view.notify = list(found.notify)
    view.notify_if_child = list(found.notify_if_child)
    by_number = {s.number: s for s in p.stages}
    view.earlier_duties = [(by_number[number], n) for number, n in found.earlier_duties]
    view.you = next((r for r in view.roles if r.side == "you"), None)
    view.them = next((r for r in view.roles if r.side == "them"), None)

    def here(facts: list[Fact]) -> list[Fact]:
        return [f for f in facts if outcome.in_area(f.area, found.area)]

    view.record = here(_unique([*stage.record, *p.record]))
    view.forms = [
        (Fact(says=u.says, cite=u.cite, notes=u.notes), p.form(u.form)) for u in stage.forms
    ]
    stand_ins(state, view, found.area)
    view.send = [SendView(x) for x in stage.send if outcome.in_area(x.area, found.area)]
    rules = [f for f in _unique([*stage.rules, *p.rules]) if travels_with(p, stage, f)]
    once = (here(list(stage.do)), here(rules))
    readers = [pr for pr in stage.problems if pr.readers]
    # A note sits beside the timescale it qualifies (same paragraph); the rest are collected.
    view.timescale_notes = [[n for n in t.notes if n.readers] for t in stage.timescales]
    for pr in readers:
        cites = [t.cite for t in stage.timescales]
        target = view.timescale_notes[cites.index(pr.cite)] if pr.cite in cites else view.problems
        if not stage.timescales and "timescale" in pr.says.lower():
            target = view.untimed  # beside "no timescale", where the page says so
        target.append(pr)
    view.next = _next(p, stage)
    view.emails = drafts(p, view)
    view.secure = [f for f in rules if "securely" in f.says.lower()]
    view.started_unsure = found.started_unsure
    if state.base is not None:
        view.tier = tier(state.base, state.answers)
        ordinary = next(s for s in state.base.stages if s.key == stage.key)
        view.ordinary = ordinary.timescales
    view.later_roles = later_roles(p, stage, view.them)
    view.skipped = [
        s for s in p.stages if s.number < stage.number and s.if_skipped and not s.variant
    ]
    _once(p, view, *once)
    return view


def _once(p: Partnership, view: StageView, do: list[Fact], rules: list[Fact]) -> None:
    """Each of the policy's words once on the page, in reading order.

    What to do now quotes the who and how; "why" the rest that backs it; "more from the
    policy" what is left.
    """
    s = view.stage
    sides = ((s.who, view.you or view.who_now), (s.with_, view.them or view.with_now))
    view.how = list(p.how)
    view.inline = [f.says for f in view.how]
    view.inline += [f.says for f, role in sides if f and not role]
    # Who stands in where someone is missing, and what to send: quoted in what to do now.
    stand_in = [n.fact for n in (*view.who_now, *view.with_now)]
    view.inline += [f.says for f in (*stand_in, *view.who_if, *view.with_if)]
    view.inline += [x.send.says for x in view.send]
    if view.moved is not None:
        view.inline.append(view.moved.says)
    told = [*view.notify, *view.notify_if_child, *(n for _, n in view.earlier_duties)]
    rows = [Fact(says=n.says, cite=n.cite, notes=n.notes) for n in told]
    rows += [use for use, _ in view.forms]
    rows += [Fact(says=t.words, cite=t.cite) for t in s.timescales]
    if not any(span.unit not in AMOUNTLESS for t in s.timescales for span in t.within):
        # No clock of its own: the page leads with the whole procedure's, in its words here.
        rows += [Fact(says=t.words, cite=t.cite) for t in p.overall_timescales]
    # Where roles stand for who and with, the role table's paragraph backs them (cited there).
    kept = quotes.new_only([*do, *rows], view.inline, says=lambda f: f.says)
    summed = {f.says for f in rows}
    said = [(k.says in summed, beside(s, f)) for k in kept for f in _less([k], view.inline)]
    view.why = [f for folded, f in said if not folded]
    view.why_rows = [f for folded, f in said if folded]
    why = [*view.why, *view.why_rows]
    view.senior_quoted = bool(p.more_senior) and any(
        quotes.within(p.more_senior.says, f.says) for f in why
    )
    shown = [*view.inline, *(f.says for f in why)]
    if view.adviser and p.adviser:
        shown.append(p.adviser.says)
    view.write_down = _less(quotes.new_only(view.record, shown, says=lambda f: f.says), shown)
    shown += [f.says for f in view.write_down]
    view.rules = _less(quotes.new_only(rules, shown, says=lambda f: f.says), shown)
    shown += [f.says for f in view.rules]
    after = view.next.if_unresolved
    view.next_quoted = bool(after) and any(quotes.within(after.says, q) for q in shown)
    view.do = []


def _less(facts: list[Fact], shown: list[str]) -> list[Fact]:
    """Each fact less the words the page already quotes, or left out where that is all of it."""
    found = []
    for f in facts:
        left = quotes.rest(f.says, shown)
        if left:
            found.append(f if left == f.says else f.model_copy(update={"says": left}))
    return found


def beside(stage: Stage, f: Fact) -> Fact:
    """A quote with the notes on its paragraph, so they stand beside its first mention."""
    found = [n for t in stage.timescales if t.cite == f.cite for n in t.notes]
    found += [pr for pr in stage.problems if pr.cite == f.cite]
    notes = tuple(n for n in [*f.notes, *found] if n.readers)
    return f.model_copy(update={"notes": tuple(dict.fromkeys(notes))})


def shown_on_stage(p: Partnership, view: StageView) -> list[str]:
    """Every quotation a stage page gives before "more from the policy" quotes paragraphs."""
    s = view.stage
    facts = [
        *view.why,
        *view.why_rows,
        *view.write_down,
        *view.rules,
        s.if_unresolved,
        p.more_senior,
        p.adviser,
    ]
    facts += [e.if_skipped for e in view.skipped]
    roles = [role for _, role, _ in view.role_table]
    return [*view.inline, *(f.says for f in facts if f), *roles]


def stand_ins(state: State, view: StageView, area: str | None) -> None:
    """Who stands in where the worker's organisation lacks someone, as the answers say."""
    p, stage, a = state.partnership, view.stage, state.answers
    gone = absence(p, a)
    chosen = gone or stage.instead
    if chosen is not None:
        view.who_now = [_stand_in(p, f, area) for f in chosen.who if outcome.in_area(f.area, area)]
        view.with_now = [
            _stand_in(p, f, area) for f in chosen.with_ if outcome.in_area(f.area, area)
        ]
    view.moved = gone if gone and gone.to_stage else None
    open_ = a.get(Q.MISSING) == NOT_SURE or view.moved is not None
    for item in stage.missing.items if stage.missing and open_ else ():
        said = Fact(says=item.says, cite=item.cite, notes=item.notes)
        (view.who_if if item.who else view.with_if).append(said)
        view.if_labels[item.says] = item.label


def _stand_in(p: Partnership, fact: Fact, area: str | None) -> StandIn:
    named = p.area(fact.area) if fact.area and area in (None, NOT_SURE) else None
    return StandIn(fact, named.name if named else None)


def later_roles(p: Partnership, stage: Stage, them: Role | None) -> list[tuple[Stage, str]]:
    """The other agency's roles at later stages: the person challenged may be one of them."""
    agency = next((a for a in p.agencies if them and a.name == them.agency), None)
    if agency is None or p.more_senior is None:
        return []
    return [
        (s, s.roles.text(agency.id))
        for s in p.stages
        if s.number > stage.number and s.roles and agency.id in s.roles.by_agency
    ]


def travels_with(p: Partnership, stage: Stage, rule: Fact) -> bool:
    """False for a rule cited to a form's paragraph at a stage that does not use that form."""
    # docs/authoring.md: a form's rule shares its cite ("THIS DOCUMENT MUST BE SENT SECURELY").
    forms = [f for f in p.forms if f.cite == rule.cite]
    used = {u.form for u in stage.forms}
    return not forms or any(f.id in used for f in forms)


def drafts(p: Partnership, view: StageView) -> list[DraftEmail]:
    """A drafted email for each address a notification gives; a sending's go with it."""
    sent = [(x, _drafted(p, view, x.send.to, x.send.contacts)) for x in view.send]
    view.send = [replace(x, emails=emails) for x, emails in sent]
    told = [*view.notify, *view.notify_if_child]
    return [e for n in told for e in _drafted(p, view, n.who, n.contacts)]


def _drafted(
    p: Partnership, view: StageView, who: str, contacts: tuple[Contact, ...]
) -> tuple[DraftEmail, ...]:
    """The drafted emails to the addresses among these contacts, each with its notes."""
    found = []
    for c in (c for c in contacts if c.email):
        notes = tuple(pr for pr in view.stage.problems if pr.cite == c.cite)
        found.append(DraftEmail(who, c.email, mailto(p, view, c.email), c.cite, notes))
    return tuple(found)


def mailto(p: Partnership, view: StageView, address: str) -> str:
    """A mailto: link whose subject and body hold only facts that identify nobody."""
    lines = [
        f"Partnership: {p.partnership.name}",
        f"Policy: {p.document.title}, {p.document.version}",
        f"Stage: {view.heading}",
        "Date: ",
    ]
    if view.you and view.them:
        lines += [gettext("Agency raising the concern: %(agency)s", agency=view.you.agency)]
        lines += [gettext("Other agency: %(agency)s", agency=view.them.agency)]
    lines += [
        "",
        gettext("This email holds no details of any child. Share those only by a secure route."),
    ]
    subject = gettext("Escalation notification: %(stage)s", stage=view.heading)
    return f"mailto:{address}?subject={quote(subject)}&body={quote(chr(10).join(lines))}"


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    return [f for f in facts if not (f.says in seen or seen.add(f.says))]


def _next(p: Partnership, stage: Stage) -> NextStep:
    later = [n for n in p.stage_numbers() if n > stage.number]
    stages = tuple(p.stages_numbered(later[0])) if later else ()
    return NextStep(stages, stage.if_unresolved)
