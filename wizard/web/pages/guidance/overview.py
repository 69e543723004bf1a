"""The stage overview on a start page: each stage, who, when and its key duties, cited."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.flow import reaching
from wizard.core.policy import Fact, Notification, Partnership, Stage, Timescale
from wizard.web import urls


@dataclass(frozen=True)
class StageStep:
    """One stage as a step of the step-by-step overview."""

    stage: Stage
    who: Fact
    with_: Fact | None
    timescales: tuple[Timescale, ...]
    duties: tuple[Fact, ...]
    notify: tuple[Notification, ...]
    wizard: str
    procedure: str


def stage_steps(p: Partnership) -> tuple[StageStep, ...]:
    """Every stage (and each route of a stage) in order, linked into the wizard and procedure."""
    return tuple(
        StageStep(
            s,
            s.who,
            s.with_,
            s.timescales,
            s.do[:1],
            s.notify,
            urls.situation(p, reaching(p, s)),
            urls.cite(p.slug, s.cite),
        )
        for s in p.stages
    )
