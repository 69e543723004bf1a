"""The versioned JSON export of every partnership's facts, and the front-matter schema."""

from __future__ import annotations

from typing import Any

from wizard.content import Site, anchor_id
from wizard.core.policy import Partnership

FORMAT = "escalation-wizard/policies"
VERSION = 1


def document(site: Site) -> dict[str, Any]:
    """The export: a format name, its version, and each partnership's facts."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "partnerships": [partnership(p, site) for p in site.partnerships.values()],
    }


def partnership(policy: Partnership, site: Site) -> dict[str, Any]:
    """One partnership's facts, as written in its front matter, plus paragraph anchors."""
    data = policy.model_dump(mode="json", by_alias=True, exclude_none=True)
    anchors = site.procedures[policy.slug].anchors
    data["paragraphs"] = {label: anchor_id(label) for label in anchors}
    return data


def schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a policy file's front matter, for editors."""
    result = Partnership.model_json_schema(by_alias=True, mode="validation")
    result["properties"].pop("slug", None)
    result["required"] = [r for r in result.get("required", []) if r != "slug"]
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "Escalation policy front matter"
    return result
