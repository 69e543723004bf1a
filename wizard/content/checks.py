"""Checks that span fields: citations, agencies, forms, stage order, variants."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from wizard.content.clockchecks import clock_starts
from wizard.content.frontmatter import Document
from wizard.content.messages import did_you_mean
from wizard.content.problems import Problem
from wizard.core.flow import RESERVED_AGENCY_IDS
from wizard.core.policy import Partnership, Stage

Loc = tuple[str | int, ...]
# More wizard pages than this for one partnership, and its static site grows past what
# a partnership can host (docs/authoring.md, section 2, "How big a partnership can be").
STATE_LIMIT = 2000
LABELS_SHOWN = 8  # labels listed when a citation names none of them
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
AUTHOR_ID = re.compile(r"<[A-Za-z][^>]*?\sid\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")


def citations(doc: Document, anchors: dict[str, int]) -> list[Problem]:
    """Every citation that names no paragraph anchor in the procedure text."""
    return [Problem(doc.path, doc.where.find(loc), text) for loc, text in _citations(doc, anchors)]


def cross_check(partnership: Partnership, doc: Document, folder: Path) -> list[Problem]:
    """Every problem that no single field shows on its own."""
    found = [
        *_agencies(partnership),
        *_forms(partnership),
        *_fallbacks(partnership),
        *_stage_order(partnership),
        *_variants(partnership),
        *_duplicate_ids(partnership),
        *_logo(partnership, folder),
        *_references(partnership),
        *clock_starts(partnership),
    ]
    return [Problem(doc.path, doc.where.find(loc), text) for loc, text in found]


def source_warnings(partnership: Partnership, doc: Document) -> list[Problem]:
    """Recorded source problems, as warnings for publishers."""
    located = [(("problems", i), p) for i, p in enumerate(partnership.problems)]
    for name, route in partnership.routes().items():
        base = ("emergency",) if name == "emergency" else ("exits", name)
        located += [((*base, "problems", i), p) for i, p in enumerate(route.problems)]
    for s, stage in enumerate(partnership.stages):
        located += [(("stages", s, "problems", i), p) for i, p in enumerate(stage.problems)]
    found = [
        Problem(
            doc.path,
            doc.where.find(loc),
            f"source problem ({p.kind.value}) at {p.cite}: {p.says}",
            warning=True,
        )
        for loc, p in located
    ]
    return found + _notes(doc) + _gaps(partnership, doc)


def _gaps(partnership: Partnership, doc: Document) -> list[Problem]:
    # Text missing from the copy we have: publishers should look for the published original.
    return [
        Problem(
            doc.path,
            doc.where.find(("stages", s, "not_available")),
            f"text not available at {stage.label(partnership.partnership.stage_word)} "
            f"({', '.join(part.value for part in stage.not_available.parts)}): "
            f"{stage.not_available.says}",
            warning=True,
        )
        for s, stage in enumerate(partnership.stages)
        if stage.not_available
    ] + [
        Problem(
            doc.path,
            doc.where.find(("unreadable", i)),
            f"text not available at {f.cite}: {f.says}",
            warning=True,
        )
        for i, f in enumerate(partnership.unreadable)
    ]


def _notes(doc: Document) -> list[Problem]:
    # Notes on single facts and whole-policy notices: publishers see every caveat too.
    found = []
    for loc, value in _walk(doc.data):
        if len(loc) < 2 or loc[-2] not in ("notes", "notices") or not isinstance(value, dict):
            continue
        kind, cite = value.get("kind", ""), value.get("cite")
        where = f" at {cite}" if cite else ""
        label = "note" if loc[-2] == "notes" else "notice"
        text = f"source {label} ({kind}){where}: {value.get('says', '')}"
        found.append(Problem(doc.path, doc.where.find(loc), text, warning=True))
    return found


def contact_warnings(partnership: Partnership, doc: Document) -> list[Problem]:
    """Everyone a page tells the worker to contact for whom the file gives no way to reach them."""
    return [
        Problem(doc.path, doc.where.find(loc), text, warning=True)
        for loc, text in _no_contact(partnership)
    ]


def _no_contact(p: Partnership) -> Iterator[tuple[Loc, str]]:
    for name, route in p.routes().items():
        base: Loc = ("emergency",) if name == "emergency" else ("exits", name)
        if route.stated and not (route.contacts or route.outside or route.in_your_agency):
            yield (
                base,
                (
                    f"no contact: the {name} route names someone to go to, but the file gives no "
                    "contact details for them; add them under 'contacts' if the policy gives them "
                    "anywhere, declare an outside contact (docs/reference.md, section 8), or write "
                    "'in_your_agency: yes' where it goes to someone in the worker's own agency"
                ),
            )
    word = p.partnership.stage_word
    for s, stage in enumerate(p.stages):
        for n, note in enumerate(stage.notify):
            if not (note.contacts or note.outside or note.in_your_agency):
                yield (
                    ("stages", s, "notify", n),
                    (
                        f"no contact: '{note.who}' ({stage.label(word)}) has no "
                        "contact details anywhere in the file; add them under 'contacts' if the "
                        "policy gives them anywhere, or write 'in_your_agency: yes' for someone in "
                        "the worker's own agency"
                    ),
                )


def _walk(data: object, loc: Loc = ()) -> Iterator[tuple[Loc, object]]:
    yield loc, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*loc, index))


def _citations(doc: Document, anchors: dict[str, int]) -> Iterator[tuple[Loc, str]]:
    for loc, value in _walk(doc.data):
        if loc and loc[-1] == "cite" and isinstance(value, str) and value.strip():
            label = value.strip()
            if label not in anchors:
                yield loc, missing_paragraph(label, anchors)


def missing_paragraph(label: str, anchors: dict[str, int]) -> str:
    """Why a citation names no paragraph: never another paragraph offered in its place."""
    same = [a for a in anchors if _plain_label(a) == _plain_label(label)]
    if same:
        # The same label written another way ('stage 2' for 'Stage 2'): the same paragraph.
        return (
            f"the citation '{label}' does not match the paragraph anchor "
            f'{{#{same[0]}}} on line {anchors[same[0]]} exactly: write cite: "{same[0]}"'
        )
    return (
        f"the citation '{label}' is not a paragraph in the policy text: no paragraph there is "
        f"labelled {{#{label}}}. Check the paragraph's number in the source document and "
        f"correct the citation; label a paragraph {{#{label}}} only if the source itself "
        f"numbers it '{label}'. {_labels_near(label, anchors)}"
    )


def _plain_label(label: str) -> str:
    """A label without capitals, punctuation or a leading 'para': '2.1' for 'Para 2.1.'."""
    words = re.sub(r"[^a-z0-9]+", " ", label.casefold()).split()
    if words and words[0] in ("para", "paragraph", "section", "p"):
        words = words[1:]
    return " ".join(words)


def _labels_near(label: str, anchors: dict[str, int]) -> str:
    """Where the text's labels are: those starting like `label`, or else all of them."""
    if not anchors:
        return "The policy text has no paragraph labels yet."
    cut = max(label.rfind("."), label.rfind(" "))
    start = label[: cut + 1] if cut > 0 else None
    kin = [a for a in anchors if start and a.startswith(start)]
    shown = kin or list(anchors)
    listed = ", ".join(f"'{a}' (line {anchors[a]})" for a in shown[:LABELS_SHOWN])
    more = f" and {len(shown) - LABELS_SHOWN} more" if len(shown) > LABELS_SHOWN else ""
    if kin:
        return f"Labels in the policy text that start '{start.strip()}': {listed}{more}."
    return f"Labels in the policy text: {listed}{more}."


def _agencies(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    known = [a.id for a in partnership.agencies]
    for s, stage in enumerate(partnership.stages):
        if stage.roles is None:
            continue
        for agency in stage.roles.by_agency:
            if agency not in known:
                hint = did_you_mean(agency, known) or (
                    f" (known agencies: {', '.join(known)})"
                    if known
                    else " (list the policy's agencies under 'agencies' first)"
                )
                yield (
                    ("stages", s, "roles", "by_agency", agency),
                    f"unknown agency '{agency}'{hint}",
                )


def _forms(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    known = [f.id for f in partnership.forms]
    for s, stage in enumerate(partnership.stages):
        for f, use in enumerate(stage.forms):
            if use.form not in known:
                hint = did_you_mean(use.form, known) or (
                    f" (known forms: {', '.join(known)})"
                    if known
                    else " (describe it under 'forms' first)"
                )
                yield ("stages", s, "forms", f, "form"), f"unknown form '{use.form}'{hint}"
        for x, sent in enumerate(stage.send):
            where = ("stages", s, "send", x, "form")
            yield from _known(known, (sent.form,) if sent.form else (), where, "form")


def _fallbacks(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    # A fallback sends the worker on, never back: to a later stage the policy has.
    numbers = partnership.stage_numbers()
    for s, stage in enumerate(partnership.stages):
        later = [n for n in numbers if n > stage.number]
        for i, item in enumerate(stage.missing.items if stage.missing else ()):
            if item.to_stage is not None and item.to_stage not in later:
                yield (
                    ("stages", s, "missing", "items", i, "to_stage"),
                    f"'to_stage: {item.to_stage}' must be a later stage of this policy: "
                    f"{', '.join(map(str, later)) or f'stage {stage.number} is the last'}",
                )


def _stage_order(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    expected = 1
    for s, stage in enumerate(partnership.stages):
        previous = partnership.stages[s - 1] if s else None
        if previous is not None and stage.number == previous.number:
            if not (stage.variant and previous.variant):
                yield (
                    ("stages", s, "number"),
                    (
                        f"duplicate stage {stage.number}: two stages may share a number only "
                        "when each is a 'variant' (for example urgent and non-urgent)"
                    ),
                )
            continue
        if stage.number != expected:
            yield (
                ("stages", s, "number"),
                (
                    f"stage {stage.number} is out of order: expected stage {expected} here "
                    "(list stages in order, starting at 1)"
                ),
            )
        expected = stage.number + 1


def _variants(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    groups: dict[int, list[tuple[int, Stage]]] = {}
    for s, stage in enumerate(partnership.stages):
        groups.setdefault(stage.number, []).append((s, stage))
    for number, members in groups.items():
        if len(members) == 1 and members[0][1].variant:
            yield (
                ("stages", members[0][0], "variant"),
                (f"stage {number} is the only stage with its number, so it cannot be a variant"),
            )
        if (len(members) > 1 and not members[0][1].variant) or (
            len(members) > 1 and members[0][1].variant and not members[0][1].variant.question
        ):
            yield (
                ("stages", members[0][0], "variant"),
                (
                    f"stage {number} has variants: the first needs a 'variant' with a 'question' "
                    "that asks which applies"
                ),
            )
        ids = Counter(st.variant.id for _, st in members if st.variant)
        for s, stage in members:
            if stage.variant and ids[stage.variant.id] > 1:
                yield (
                    ("stages", s, "variant", "id"),
                    (f"two variants of stage {number} have the id '{stage.variant.id}'"),
                )


def _duplicate_ids(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    for i, agency in enumerate(partnership.agencies):
        if agency.id in RESERVED_AGENCY_IDS:
            yield (
                ("agencies", i, "id"),
                (
                    f"'{agency.id}' is reserved for the answer 'another agency, or I'm not sure': "
                    "choose another id"
                ),
            )
    for name, items in (("agencies", partnership.agencies), ("forms", partnership.forms)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                yield (name, i, "id"), f"the id '{item.id}' is used twice in '{name}'"
            seen.add(item.id)


def _references(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    # An id that names nothing would drop a contact, role or area from pages without a word.
    outside = [c.id for c in partnership.outside_contacts]
    routes = [(("emergency",), partnership.emergency)]
    routes += [
        (("exits", name), r) for name, r in partnership.routes().items() if name != "emergency"
    ]
    for base, route in routes:
        yield from _known(outside, route.outside, (*base, "outside"), "outside contact")
    for s, stage in enumerate(partnership.stages):
        yield from _known(outside, stage.outside, ("stages", s, "outside"), "outside contact")
        for n, told in enumerate(stage.notify):
            where = ("stages", s, "notify", n, "outside")
            yield from _known(outside, told.outside, where, "outside contact")
    agencies = [a.id for a in partnership.agencies]
    for i, agency in enumerate(partnership.agencies):
        yield from _known(agencies, agency.see_also, ("agencies", i, "see_also"), "agency")
    yield from _areas(partnership)
    adviser = partnership.adviser
    if adviser and partnership.adviser_row() is None:
        yield (
            ("adviser", "table"),
            f"'table: {adviser.table}' must be the number of a stage whose 'roles' names "
            "the adviser in each agency",
        )
    missing = partnership.unreadable or any(s.not_available for s in partnership.stages)
    if not partnership.document.url and missing:
        yield (
            ("document",),
            (
                "some text is marked 'not_available': give the published original's address "
                "as 'url' under 'document', so readers can find it"
            ),
        )


def _areas(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    known = [a.id for a in partnership.areas.items] if partnership.areas else []
    for name, items in (
        ("contacts", partnership.contacts),
        ("outside_contacts", partnership.outside_contacts),
    ):
        for i, item in enumerate(items):
            yield from _known(known, (item.area,) if item.area else (), (name, i, "area"), "area")
    for s, stage in enumerate(partnership.stages):
        for agency, cells in stage.roles.by_agency.items() if stage.roles else ():
            for c, cell in enumerate(cells):
                where = ("stages", s, "roles", "by_agency", agency, c, "area")
                yield from _known(known, (cell.area,) if cell.area else (), where, "area")
        for n, told in enumerate(stage.notify):
            where = ("stages", s, "notify", n, "area")
            yield from _known(known, (told.area,) if told.area else (), where, "area")
        for field in ("do", "rules", "record", "send"):
            for i, fact in enumerate(getattr(stage, field)):
                where = ("stages", s, field, i, "area")
                yield from _known(known, (fact.area,) if fact.area else (), where, "area")
        yield from _stand_in_areas(known, s, stage)


def _stand_in_areas(known: list[str], s: int, stage: Stage) -> Iterator[tuple[Loc, str]]:
    places = [(("stages", s, "instead"), stage.instead)] if stage.instead else []
    items = stage.missing.items if stage.missing else ()
    places += [(("stages", s, "missing", "items", i), item) for i, item in enumerate(items)]
    for base, instead in places:
        for side, facts in (("who", instead.who), ("with", instead.with_)):
            for i, fact in enumerate(facts):
                where = (*base, side, i, "area")
                yield from _known(known, (fact.area,) if fact.area else (), where, "area")


def _known(
    known: list[str], ids: Iterable[str], where: Loc, what: str
) -> Iterator[tuple[Loc, str]]:
    for value in ids:
        if value not in known:
            hint = did_you_mean(value, known) or (
                f" (known: {', '.join(known)})"
                if known
                else f" (none is declared: add the {what} first)"
            )
            yield where, f"unknown {what} '{value}'{hint}"


def _logo(partnership: Partnership, folder: Path) -> Iterator[tuple[Loc, str]]:
    logo = partnership.branding.logo
    if logo and not _plain_name(logo):
        yield (
            ("branding", "logo"),
            f"the logo '{logo}' must be a file name in {folder.name}/, with no folder in it",
        )
        return  # never look outside the policy's folder
    if logo and not (folder / logo).is_file():
        yield ("branding", "logo"), f"the logo file '{logo}' is not in {folder.name}/"
    if logo and not partnership.branding.logo_alt:
        yield ("branding", "logo"), "a logo needs 'logo_alt': the text a screen reader reads"


def urls(doc: Document) -> list[Problem]:
    """Every web address that is not http(s): a document's url is a link, a contact's text."""
    return [Problem(doc.path, doc.where.find(loc), text) for loc, text in _urls(doc.data)]


def _urls(data: dict) -> Iterator[tuple[Loc, str]]:
    for loc, value in _walk(data):
        if not isinstance(value, str) or loc[-1:] not in (("url",), ("web",)):
            continue
        scheme = urlsplit(value.strip()).scheme.lower()
        linked = loc == ("document", "url")
        if scheme in ("http", "https") or (not linked and not SCHEME.match(value.strip())):
            continue
        yield (
            loc,
            f"'{value}' is not a web address: give one that starts with https:// or http://",
        )


COPY_THEM = "copy the last words that can be read from the policy text exactly"
QUOTE_NOTHING = (
    "quote nothing from it, or give 'readable_to' there with the last words that can be read"
)
PART = "quote only the part before its 'readable_to'"


def unread_quotes(partnership: Partnership, doc: Document, text: dict[str, str]) -> list[Problem]:
    """Quotes from text the copy we have cannot read, and cut-off points not in the text."""
    return [
        Problem(doc.path, doc.where.find(loc), message)
        for loc, message in _unread_quotes(partnership, doc.data, text)
    ]


def _unread_quotes(p: Partnership, data: dict, text: dict[str, str]) -> Iterator[tuple[Loc, str]]:
    lost = {u.cite: u for u in p.unreadable}
    readable: dict[str, str] = {}
    for i, u in enumerate(p.unreadable):
        whole = " ".join(text.get(u.cite, "").split())
        if u.readable_to is None:
            continue
        words = " ".join(u.readable_to.split())
        if words not in whole:
            where = ("unreadable", i, "readable_to")
            yield where, f"these words are not in paragraph '{u.cite}' as written: {COPY_THEM}"
            continue
        readable[u.cite] = whole[: whole.index(words) + len(words)]
    for loc, value in _walk(data):
        if not _quotes(loc, value) or value["cite"] not in lost:
            continue
        cite, says = value["cite"], " ".join(str(value["says"]).split())
        if cite not in readable and lost[cite].readable_to is None:
            yield (
                (*loc, "cite"),
                f"paragraph '{cite}' is listed under 'unreadable': {QUOTE_NOTHING}",
            )
        elif cite in readable and says not in readable[cite]:
            yield (
                (*loc, "says"),
                f"these words go past where paragraph '{cite}' can be read: {PART}",
            )


def _quotes(loc: Loc, value: object) -> bool:
    """A fact quoting the policy: `says` and `cite`, not a note or the unreadable list itself."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("says"), str)
        and isinstance(value.get("cite"), str)
        and "kind" not in value
        and loc[:1] != ("unreadable",)
    )


# Fields `check` accepts that no page shows yet, by path ("*": any item of a list), as
# docs/reference.md marks them "nowhere yet": a publisher who fills one in is told so.
NOWHERE = (
    ("contacts", "*", "area"),
    ("outside_contacts", "*", "area"),
    ("unreadable", "*", "area"),
    ("unreadable", "*", "notes"),
)


def unseen(doc: Document) -> list[Problem]:
    """Every field filled in that no page shows, as a warning with its line."""
    return [
        Problem(
            doc.path,
            doc.where.find(loc),
            f"'{' › '.join(str(k) for k in loc if isinstance(k, str))}' is accepted but no "
            "page shows it yet, so readers will not see it: keep it only as a note to "
            "publishers (docs/reference.md, section 1)",
            warning=True,
        )
        for loc, _ in _walk(doc.data)
        if any(_matches(loc, path) for path in NOWHERE)
    ]


def _matches(loc: Loc, path: tuple[str, ...]) -> bool:
    return len(loc) == len(path) and all(p in ("*", k) for k, p in zip(loc, path, strict=True))


def markdown_ids(doc: Document, taken: frozenset[str], anchors: Iterable[str]) -> list[Problem]:
    """Every id set in the Markdown's HTML that the page's own elements or anchors use."""
    own = set(anchors)
    problems = []
    for match in AUTHOR_ID.finditer(doc.body):
        value = next(group for group in match.groups() if group is not None)
        if value in own or any(value == t or value.startswith(t + "-") for t in taken):
            line = doc.body_line + doc.body.count("\n", 0, match.start())
            problems.append(
                Problem(
                    doc.path,
                    line,
                    f"the id '{value}' is one the page itself uses: "
                    "remove it, or choose another id",
                )
            )
    return problems


def state_count(path: Path, slug: str, states: int) -> list[Problem]:
    """A warning when a partnership has more wizard states than a static site should hold."""
    if states <= STATE_LIMIT:
        return []
    return [
        Problem(
            path,
            1,
            f"'{slug}' has {states:,} wizard pages, more than the {STATE_LIMIT:,} a static "
            "site is sized for: a long role table asked for both agencies multiplies them "
            "(see docs/authoring.md, section 2, 'How big a partnership can be')",
            warning=True,
        )
    ]


def _plain_name(name: str) -> bool:
    return name not in (".", "..") and not any(c in name for c in "/\\:") and "\0" not in name


FLOWCHART = "{flowchart}"


def flowchart_marker(doc: Document) -> list[Problem]:
    """`{flowchart}` in the policy text: on a line of its own, and only once."""
    found = [
        (doc.body_line + offset, line.strip())
        for offset, line in enumerate(doc.body.split("\n"))
        if FLOWCHART in line
    ]
    problems = [
        Problem(
            doc.path,
            number,
            f"put '{FLOWCHART}' on a line of its own, with a blank line before and after it: "
            "the generated flowchart goes there",
        )
        for number, line in found
        if line != FLOWCHART
    ]
    problems += [
        Problem(
            doc.path,
            number,
            f"'{FLOWCHART}' is already on line {found[0][0]}: the flowchart goes in one place",
        )
        for number, _ in found[1:]
    ]
    return problems
