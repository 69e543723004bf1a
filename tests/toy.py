"""Small partnerships built in code, for engine and presenter tests."""

from __future__ import annotations

from typing import Any

from wizard.content import BUNDLED_SITE, load_site
from wizard.core.policy import Partnership

FLOW = load_site(BUNDLED_SITE).flow  # the bundled question flow, for toy partnerships too

FACT = {"says": "words", "cite": "1"}


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
