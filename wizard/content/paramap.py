"""Load policies/<slug>/paragraphs.md, the paragraph map, and check it against the policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, model_validator

from wizard.content.frontmatter import Document
from wizard.content.messages import did_you_mean
from wizard.content.problems import Problem
from wizard.core.paragraphs import DIMENSIONS, PLACES, Entry, ParagraphMap, plain
from wizard.core.policy import Cite, Model, Partnership, Slug, Text

MAP_FILE = "paragraphs.md"
Loc = tuple[str | int, ...]


def _listed(value: object) -> object:
    """One value or a list of them: 'stage: 2' and 'stage: [2, 3]' both read as a list."""
    return [value] if isinstance(value, str) else value


Values = Annotated[tuple[Text, ...], BeforeValidator(_listed)]


class ConditionMeta(Model):
    """Where an entry applies: one place (stage or route), optionally narrowed."""

    stage: Values = ()
    route: Values = ()
    agency: Values = ()
    child: Values = ()

    @model_validator(mode="after")
    def _one_place(self) -> ConditionMeta:
        named = [name for name in PLACES if getattr(self, name)]
        if len(named) != 1:
            raise ValueError(
                "name where this applies with 'stage' or 'route' (one of them: "
                "list a stage and a route as two conditions)"
            )
        return self


class _Attach(Model):
    """What paragraph and form entries share: where they apply, or why nowhere."""

    applies: tuple[ConditionMeta, ...] = ()
    procedure_only: Text | None = None

    @model_validator(mode="after")
    def _applies_or_why_not(self) -> _Attach:
        if bool(self.applies) == bool(self.procedure_only):
            raise ValueError(
                "give either 'applies' (the outcomes that show it) or 'procedure_only' "
                "(why no outcome does), not both or neither"
            )
        return self


class ParagraphMeta(_Attach):
    """A paragraph, or words of it, and where it shows."""

    paragraph: Cite
    part: Text | None = None
    tell: Text | None = None


class FormMeta(_Attach):
    """A form's fields (all of them, or those listed) and where they show."""

    form: Slug
    fields: Values = ()


class MapMeta(Model):
    """The front matter of paragraphs.md."""

    paragraphs: tuple[ParagraphMeta, ...] = ()
    forms: tuple[FormMeta, ...] = ()


def build(meta: MapMeta) -> ParagraphMap:
    """The core's map from validated front matter."""
    entries = [
        Entry(
            paragraph=m.paragraph,
            part=m.part,
            applies=_conditions(m.applies),
            procedure_only=m.procedure_only,
            tell=m.tell,
        )
        for m in meta.paragraphs
    ]
    entries += [
        Entry(
            form=m.form,
            fields=m.fields,
            applies=_conditions(m.applies),
            procedure_only=m.procedure_only,
        )
        for m in meta.forms
    ]
    return ParagraphMap(tuple(entries))


def _conditions(items: tuple[ConditionMeta, ...]) -> tuple[dict[str, frozenset[str]], ...]:
    return tuple(
        {name: frozenset(getattr(c, name)) for name in DIMENSIONS if getattr(c, name)}
        for c in items
    )


def problems(
    doc: Document,
    meta: MapMeta,
    p: Partnership,
    texts: dict[str, str],
    anchors: dict[str, int],
    policy: Path,
) -> list[Problem]:
    """Every way the map and the policy disagree, each at its line."""
    found = [Problem(doc.path, doc.where.find(loc), text) for loc, text in _entries(meta, p, texts)]
    found += _unmapped(doc, meta, p, anchors, policy)
    return found


def _entries(meta: MapMeta, p: Partnership, texts: dict[str, str]) -> Iterator[tuple[Loc, str]]:
    seen: set[tuple[str, str | None]] = set()
    for i, m in enumerate(meta.paragraphs):
        loc = ("paragraphs", i)
        if m.paragraph not in texts:
            hint = did_you_mean(m.paragraph, texts) or "."
            yield (
                (*loc, "paragraph"),
                f"the policy has no paragraph '{{#{m.paragraph}}}'{hint} "
                "Name a paragraph by its anchor, exactly",
            )
            continue
        key = (m.paragraph, m.part)
        if key in seen:
            yield (*loc, "paragraph"), f"paragraph '{m.paragraph}' is in the map twice"
        seen.add(key)
        text = texts[m.paragraph]
        if m.part and plain(m.part) not in plain(text):
            yield (
                (*loc, "part"),
                f"these words are not in paragraph '{m.paragraph}' as written: "
                "copy them from the policy text exactly",
            )
        if m.applies and not text:
            yield (
                (*loc, "applies"),
                f"'{m.paragraph}' is a heading with no text of its own: mark it "
                "'procedure_only' and map the paragraphs under it",
            )
        yield from _values(loc, m.applies, p)
    yield from _forms(meta, p)


def _forms(meta: MapMeta, p: Partnership) -> Iterator[tuple[Loc, str]]:
    known = [f.id for f in p.forms]
    for i, m in enumerate(meta.forms):
        loc = ("forms", i)
        form = p.form(m.form)
        if form is None:
            hint = did_you_mean(m.form, known) or f" (the policy's forms: {', '.join(known)})"
            yield (*loc, "form"), f"unknown form '{m.form}'{hint}"
            continue
        fields = [f for s in form.sections for f in s.fields]
        for j, name in enumerate(m.fields):
            if name not in fields:
                hint = did_you_mean(name, fields) or ""
                yield (*loc, "fields", j), f"the form '{m.form}' has no field '{name}'{hint}"
        yield from _values(loc, m.applies, p)


def _values(loc: Loc, conditions: tuple[ConditionMeta, ...], p: Partnership) -> Iterator:
    for c, condition in enumerate(conditions):
        for name, dimension in DIMENSIONS.items():
            allowed = dimension.values(p)
            for v, value in enumerate(getattr(condition, name)):
                if value not in allowed:
                    hint = did_you_mean(value, allowed) or ""
                    yield (
                        (*loc, "applies", c, name, v),
                        f"{name}: '{value}' is not one of {', '.join(allowed)}{hint}",
                    )


def _unmapped(
    doc: Document, meta: MapMeta, p: Partnership, anchors: dict[str, int], policy: Path
) -> list[Problem]:
    """Every paragraph and form field the map does not account for."""
    mapped = {m.paragraph for m in meta.paragraphs}
    found = [
        Problem(
            policy,
            line,
            f"paragraph '{{#{label}}}' is not in the paragraph map ({MAP_FILE}): attach it "
            "to the outcomes it applies to, or mark it 'procedure_only' with a reason",
        )
        for label, line in anchors.items()
        if label not in mapped
    ]
    covered = {(m.form, f) for m in meta.forms for f in m.fields}
    whole = {m.form for m in meta.forms if not m.fields}
    line = doc.where.find(("forms",))
    for form in p.forms:
        for field in dict.fromkeys(f for s in form.sections for f in s.fields):
            if form.id not in whole and (form.id, field) not in covered:
                found.append(
                    Problem(
                        doc.path,
                        line,
                        f"the field '{field}' of the form '{form.id}' is not in the map: "
                        "list the form under 'forms' with where its fields show",
                    )
                )
    return found
