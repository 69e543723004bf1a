"""The stage overview on a start page: each stage, who, when and its key duties, cited."""

from __future__ import annotations

from dataclasses import dataclass

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


def answers_to(p: Partnership, stage: Stage) -> tuple[str, ...]:
    """The answers that lead to this stage: no immediate risk, a disagreement, earlier tried."""
    numbers = p.stage_numbers()
    at = numbers.index(stage.number)
    progress = "nothing-yet" if at == 0 else f"tried-{numbers[at - 1]}"
    chosen = (stage.variant.id,) if stage.variant else ()
    return ("no", "disagreement", progress, *chosen)


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
            urls.check(p.slug, answers_to(p, s)),
            urls.cite(p.slug, s.cite),
        )
        for s in p.stages
    )
