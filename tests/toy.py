"""Small partnerships built in code, for engine and presenter tests, on the bundled flow alone."""

from __future__ import annotations

from functools import cache
from typing import Any

from wizard.content import BUNDLED_SITE, load_flow
from wizard.core.engine import State, answer
from wizard.core.flow import Flow
from wizard.core.policy import Partnership

FACT = {"says": "words", "cite": "1"}


@cache
def flow() -> Flow:
    """The bundled question flow, loaded from its own files only when a test first asks."""
    return load_flow(BUNDLED_SITE)


def ask(p: Partnership, **answers: str) -> State:
    """The state a partnership reaches on the bundled flow from answers named by question."""
    return answer(flow(), p, {k.replace("_", "-"): v for k, v in answers.items()})


def stage(number: int, **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "title": f"Title {number}",
        "cite": "1",
        "who": FACT,
        "do": [FACT],
        **extra,
    }


def toy(**overrides: Any) -> Partnership:
    data: dict[str, Any] = {
        "slug": "toy",
        "partnership": {"name": "Toy Partnership", "short_name": "TP", "nation": "england"},
        "document": {
            "title": "Toy policy",
            "version": "1",
            "review": "none stated",
            "source": "toy.txt",
        },
        "emergency": {"stated": "no"},
        "exits": {
            k: {"stated": "no"} for k in ("conduct", "complaint", "whistleblowing", "policy")
        },
        "stages": [stage(1), stage(2), stage(3)],
    }
    data.update(overrides)
    return Partnership.model_validate(data)
