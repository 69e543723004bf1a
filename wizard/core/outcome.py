"""What an outcome shows that depends on the answers: the facts every page model starts from.

Two outcomes with equal facts show the same page (apart from the answers listed on it),
so a question is worth asking only where its answers lead to different facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from wizard.core.engine import State, walk
from wizard.core.flow import (
    NOT_SURE,
    Flow,
    OutcomeKind,
    Q,
    absence,
    area_facts,
    asked_stage,
    tier,
)
from wizard.core.policy import (
    Condition,
    Notification,
    Partnership,
    RoleRow,
    Side,
    SourceProblem,
    Stage,
)


@dataclass(frozen=True)
class RoleFact:
    """The role a side of the disagreement contacts at this stage, from the role table."""

    side: str  # "you" or "them"
    agency: str
    role: str
    notes: tuple[SourceProblem, ...] = ()


@dataclass(frozen=True)
class Facts:
    """The answer-dependent content of an outcome page."""

    kind: OutcomeKind
    exit: str | None = None
    stage: str | None = None  # the stage's key
    roles: tuple[RoleFact, ...] = ()
    adviser: RoleFact | None = None
    chosen: frozenset[str] = frozenset()  # agencies picked out in the role table
    notify: tuple[Notification, ...] = ()
    notify_if_child: tuple[Notification, ...] = ()
    earlier_duties: tuple[tuple[int, Notification], ...] = ()
    earlier_if_child: bool = False
    started_unsure: bool = False
    risk_unsure: bool = False
    area: str | None = None  # set only where something at the stage differs by area
    tier: str | None = None  # an urgency tier whose clock replaces the stage's own
    missing: str | None = None  # the answer about someone the stage names being missing


def in_area(area: str | None, chosen: str | None) -> bool:
    """True when a fact for `area` applies to the answer given (all of them if not known)."""
    return area is None or chosen in (None, NOT_SURE) or area == chosen


def facts(state: State) -> Facts:
    """The facts of the outcome this state reached."""
    outcome, a = state.outcome, state.answers
    assert outcome is not None
    if outcome.kind is not OutcomeKind.STAGE or outcome.stage is None:
        return Facts(outcome.kind, outcome.exit, risk_unsure=a.get(Q.RISK) == NOT_SURE)
    p, stage, area = state.partnership, outcome.stage, a.get(Q.AREA)
    duties = earlier_duties(p, stage)
    here = [n for n in stage.notify if in_area(n.area, area)]
    picked = {a.get(Q.AGENCY), a.get(Q.OTHER_AGENCY)} & set(
        stage.roles.by_agency if stage.roles else ()
    )
    # The child's status is not asked: a duty that depends on it is shown with its condition.
    return Facts(
        outcome.kind,
        stage=stage.key,
        roles=roles(p, stage, a),
        adviser=adviser(p, a),
        chosen=frozenset(picked),
        notify=tuple(n for n in here if n.when is Condition.ALWAYS),
        notify_if_child=tuple(n for n in here if n.when is not Condition.ALWAYS),
        area=area if any(area_facts(stage, absence(p, a))) else None,
        tier=urgent.id if (urgent := tier(p, a)) else None,
        earlier_duties=duties,
        earlier_if_child=bool(duties),
        started_unsure=a.get(Q.PROGRESS) == NOT_SURE,
        missing=a.get(Q.MISSING) if (asked := asked_stage(p, a)) and asked.missing else None,
    )


def roles(p: Partnership, stage: Stage, a) -> tuple[RoleFact, ...]:
    """Each side's role at this stage, where the role table names one for their agency."""
    if stage.roles is None:
        return ()
    sides = (("you", Q.AGENCY, Side.YOURS), ("them", Q.OTHER_AGENCY, Side.THEIRS))
    area = a.get(Q.AREA)
    found = (role_in(p, stage.roles, name, a.get(qid, ""), side, area) for name, qid, side in sides)
    return tuple(r for r in found if r is not None)


def adviser(p: Partnership, a) -> RoleFact | None:
    """The worker's own adviser at every stage, where the policy ties advice to a role."""
    row = p.adviser_row()
    return role_in(p, row, "you", a.get(Q.AGENCY, ""), Side.YOURS) if row else None


def role_in(
    p: Partnership, row: RoleRow, name: str, agency_id: str, side: Side, area: str | None = None
) -> RoleFact | None:
    """One side's entry in a role table, with any rows the agency's entry says to read too."""
    agency = p.agency(agency_id)
    if agency is None:
        return None
    where = None if area == NOT_SURE else area
    cells = [(agency, c) for c in row.cells(agency.id, side, where)]
    cells += [(p.agency(o), c) for o in agency.see_also for c in row.cells(o, side, where)]
    if not cells:
        return None
    if len(cells) == 1:
        text = cells[0][1].says
    else:
        text = " or ".join(f"{c.says} ({other.name})" for other, c in cells if other)
    notes = (*agency.notes, *(n for _, c in cells for n in c.notes))
    return RoleFact(name, agency.name, text, notes)


def earlier_duties(p: Partnership, stage: Stage) -> tuple[tuple[int, Notification], ...]:
    """Duties of earlier stages that apply if the child is on a plan or looked after, by stage."""
    return tuple(
        (earlier.number, n)
        for earlier in p.stages
        if earlier.number < stage.number
        for n in earlier.notify
        if n.when is Condition.CP_OR_LOOKED_AFTER
    )


def redundant_questions(flow: Flow, p: Partnership) -> Iterator[State]:
    """Question states whose every answer leads to the same outcome facts."""
    # Every state once, by its answers, from one walk: replaying each path from the start,
    # twice, took seven times as long (the bundled and test sites: 2.5 s against 0.3 s).
    states = {state.segments: state for state in walk(flow, p)}
    memo: dict[tuple[str, ...], frozenset[Facts]] = {}

    def below(segments: tuple[str, ...]) -> frozenset[Facts]:
        if segments not in memo:
            state = states[segments]
            if state.question is None:
                memo[segments] = frozenset({facts(state)})
            else:
                memo[segments] = frozenset().union(
                    *(below((*segments, o.slug)) for o in state.question.options)
                )
        return memo[segments]

    todo = [()]
    while todo:
        segments = todo.pop()
        state = states[segments]
        if state.question is None:
            continue
        children = [(*segments, o.slug) for o in state.question.options]
        if len({below(c) for c in children}) < 2:
            yield state
        todo += children
