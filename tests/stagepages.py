"""Every stage outcome of every bundled partnership, and one of each kind of page among them.

Outcomes are found by walking the flow (never a typed path). Two outcomes are the same kind
of page when their facts differ only in which agencies' roles they name: the page then reads
the same but for a role's words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import bundled

from wizard.core import outcome
from wizard.core.engine import OutcomeKind, State, walk
from wizard.web import urls


@dataclass(frozen=True)
class StageOutcome:
    """A stage outcome's address, its stage and how many outcomes read like it."""

    slug: str
    stage: str
    path: str
    like: int = 1


def kind(state: State) -> tuple:
    """What a page shows but for the roles' words: outcomes alike in it read alike."""
    f = outcome.facts(state)
    roles = tuple((r.side, bool(r.notes)) for r in f.roles)
    adviser = (f.adviser.side, bool(f.adviser.notes)) if f.adviser else None
    plain = replace(f, roles=(), adviser=None, chosen=frozenset())
    return state.partnership.slug, plain, roles, adviser


def _states() -> list[State]:
    site = bundled.site()
    return [
        s
        for p in site.partnerships.values()
        for s in walk(site.flow, p)
        if s.outcome is not None and s.outcome.kind is OutcomeKind.STAGE
    ]


@cache
def every_stage_outcome() -> tuple[StageOutcome, ...]:
    """Every stage outcome of every bundled partnership, in the walk's order."""
    app = bundled.app()
    with app.test_request_context():
        return tuple(
            StageOutcome(
                s.partnership.slug, s.outcome.stage.key, urls.check(s.partnership.slug, s.segments)
            )
            for s in _states()
        )


@cache
def one_of_each_kind() -> tuple[StageOutcome, ...]:
    """The first outcome of each kind of stage page, with how many outcomes it stands for."""
    found: dict[tuple, list[State]] = {}
    for s in _states():
        found.setdefault(kind(s), []).append(s)
    app = bundled.app()
    with app.test_request_context():
        return tuple(
            StageOutcome(
                group[0].partnership.slug,
                group[0].outcome.stage.key,
                urls.check(group[0].partnership.slug, group[0].segments),
                len(group),
            )
            for group in found.values()
        )


@cache
def one_outcome_per_stage() -> list[str]:
    """The first path to each stage (and variant) of every bundled partnership."""
    paths, seen = [], set()
    site = bundled.site()
    for slug, p in site.partnerships.items():
        for state in walk(site.flow, p):
            outcome = state.outcome
            if outcome is None or outcome.kind is not OutcomeKind.STAGE:
                continue
            if (slug, outcome.stage.key) not in seen:
                seen.add((slug, outcome.stage.key))
                paths.append("/".join((slug, "check", *state.segments)) + "/")
    return paths
