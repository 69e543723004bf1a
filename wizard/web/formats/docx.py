"""Word documents (.docx) of the escalation record and the partnership's forms, left blank.

Built with python-docx from the same page models the printable pages read. Nothing a
practitioner types reaches the server, so every space for their details is blank here.
A document is described as a tuple of blocks first, so one rendering serves every address
with the same content (a static build has a record for each of 1,400+ stage outcomes).
"""

from __future__ import annotations

import copy
import threading
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt

from wizard.core.policy import Fact, Partnership, Stage, StagePart
from wizard.web.pages.record import FormPage, RecordPage
from wizard.web.pages.stage.view import Role
from wizard.web.text.catalogue import SOURCE, gettext, language
from wizard.web.text.timescales import within_text

MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINE = "_" * 60
ADDRESS = "@@address@@"  # replaced by the page's own address in the finished file
BODY = "word/document.xml"
SECTION = qn("w:sectPr")
# Every part is dated the zip format's first day, so the same content gives the same bytes
# and a rebuild leaves unchanged files unchanged for tools that upload only what changed.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_THREAD = threading.local()
WORD_LANGUAGE = {"en": "en-GB", "cy": "cy-GB"}
MADE_BLOCKS = 4096  # distinct blocks kept per thread: the bundled site's Word files hold 344

Block = tuple[str, ...]  # ("h1"|"h2"|"p"|"strong", text), ("label", label, value), ("blank", ...)


def _cited(label: str) -> str:
    return f"(para {label})" if label[:1].isdigit() else f"({label})"


def _quote(fact: Fact, lead: str = "") -> Block:
    return ("p", f"{lead}“{fact.says}” {_cited(fact.cite)}")


def _policy(p: Partnership) -> list[Block]:
    document = p.document
    return [
        ("label", gettext("Partnership"), p.partnership.name),
        (
            "label",
            gettext("Policy"),
            gettext("%(title)s, %(version)s", title=document.title, version=document.version),
        ),
        ("label", gettext("Policy review date"), document.review),
    ]


@dataclass
class _Blank:
    """A blank document, parsed once per thread: a record or form changes only its body."""

    doc: DocxDocument
    headings: dict[str, str]  # "h1" -> the style id python-docx's add_heading would look up
    others: bytes  # a zip of every part but the body, compressed once
    made: dict[Block, list[BaseOxmlElement]] = field(default_factory=dict)


def _blank(lang: str = SOURCE) -> _Blank:
    """The blank document of the running thread: python-docx objects are not thread-safe."""
    blanks = _THREAD.__dict__.setdefault("blanks", {})
    if lang not in blanks:
        blanks[lang] = _new_blank(lang)
    return blanks[lang]


def _new_blank(lang: str) -> _Blank:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    # Word's spelling and a screen reader take the text to be in the page's language.
    spoken = OxmlElement("w:lang")
    spoken.set(qn("w:val"), WORD_LANGUAGE[lang])
    doc.styles["Normal"].element.get_or_add_rPr().append(spoken)
    doc.core_properties.language = WORD_LANGUAGE[lang]
    saved, others = BytesIO(), BytesIO()
    doc.save(saved)
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(others, "w") as dest:
        for info in src.infolist():
            if info.filename != BODY:
                dest.writestr(_member(info.filename), src.read(info))
    headings = {f"h{n}": doc.styles[f"Heading {n}"].style_id for n in (1, 2)}
    return _Blank(doc, headings, others.getvalue())


def _member(name: str) -> zipfile.ZipInfo:
    """A part's entry as ZipFile.writestr makes it, but dated once for all (reproducible)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


@lru_cache(maxsize=256)
def _body(blocks: tuple[Block, ...]) -> bytes:
    """The document's body part (word/document.xml) for these blocks."""
    blank = _blank()
    made = [paragraph for block in blocks for paragraph in _made(blank, block)]
    section = _cleared(blank).find(SECTION)
    for paragraph in made:
        section.addprevious(copy.deepcopy(paragraph))
    return blank.doc.part.blob


def _made(blank: _Blank, block: Block) -> list[BaseOxmlElement]:
    """The paragraphs python-docx makes of a block: made once per thread, then copied.

    Records repeat the same quotes and labels thousands of times, and python-docx builds
    each run's text a character at a time.
    """
    found = blank.made.get(block)
    if found is None:
        if len(blank.made) >= MADE_BLOCKS:
            blank.made.clear()
        body = _cleared(blank)
        _add(blank, block[0], list(block[1:]))
        found = blank.made[block] = [child for child in body if child.tag != SECTION]
        for child in found:
            body.remove(child)
    return found


def _cleared(blank: _Blank) -> BaseOxmlElement:
    """The blank's body, holding only its page settings again."""
    body = blank.doc.element.body
    for child in list(body):
        if child.tag != SECTION:
            body.remove(child)
    return body


def _add(blank: _Blank, kind: str, text: list[str]) -> None:
    doc = blank.doc
    if kind in ("h1", "h2"):
        # add_heading's style lookup scans all of styles.xml per call: its id is known.
        doc.add_paragraph(text[0])._p.style = blank.headings[kind]
    elif kind == "label":
        para = doc.add_paragraph()
        para.add_run(f"{text[0]}: ").bold = True
        para.add_run(text[1])
    elif kind == "strong":
        doc.add_paragraph().add_run(text[0]).bold = True
    elif kind == "blank":
        doc.add_paragraph().add_run(text[0]).bold = True
        for _ in range(int(text[1])):
            doc.add_paragraph(LINE)
    else:
        doc.add_paragraph(text[0])


def _docx(blocks: tuple[Block, ...], address: str) -> bytes:
    """The Word file: the blank's parts as compressed once, then the body with its address."""
    body = _body(blocks).replace(ADDRESS.encode(), escape(address).encode())
    out = BytesIO(_blank(language()).others)
    with zipfile.ZipFile(out, "a") as docx_file:
        docx_file.writestr(_member(BODY), body)
    return out.getvalue()


def record_blocks(p: Partnership, page: RecordPage) -> list[Block]:
    """The escalation record, block by block, its blanks left to fill in."""
    view = page.view
    heading = gettext("Escalation record: %(heading)s", heading=view.heading)
    blocks: list[Block] = [("h1", heading), *_policy(p)]
    blocks += [("label", gettext("Stage"), view.heading)]
    blocks += [("label", gettext("Address of this record"), ADDRESS)]
    blocks += _roles(page) + _deadlines(page) + _duties(page)
    blocks.append(("h2", gettext("Your details")))
    blocks += [("blank", b.label, "3" if b.multiline else "1") for b in page.blanks]
    return blocks


def record(p: Partnership, page: RecordPage) -> bytes:
    """The escalation record as a Word document."""
    return _docx(tuple(record_blocks(p, page)), page.address)


def _roles(page: RecordPage) -> list[Block]:
    view, stage = page.view, page.view.stage
    blocks: list[Block] = [("h2", gettext("Who to contact"))]
    if view.who_now:
        blocks += [_quote(n.fact, _who_acts(n.area)) for n in view.who_now]
    elif view.you:
        blocks.append(("label", gettext("Your side"), _role(view.you)))
    elif stage.who:
        blocks.append(_quote(stage.who, _who_acts(None)))
    else:
        blocks.append(("p", _who_acts(None) + _not_available(stage)))
    if view.with_now:
        blocks += [_quote(n.fact, _with(n.area)) for n in view.with_now]
    elif view.them:
        blocks.append(("label", gettext("The other agency"), _role(view.them)))
    elif stage.with_:
        blocks.append(_quote(stage.with_, _with(None)))
    sent = [(x.send, Fact(says=x.send.says, cite=x.send.cite)) for x in view.send]
    blocks += [
        _quote(fact, gettext("Send %(what)s to %(to)s: ", what=s.what, to=s.to)) for s, fact in sent
    ]
    return blocks


def _role(side: Role) -> str:
    """'Team manager (Police) (para 3.2)': a role, its agency and its paragraph."""
    cited = _cited(side.cite)
    return gettext(
        "%(role)s (%(agency)s) %(cited)s", role=side.role, agency=side.agency, cited=cited
    )


def _who_acts(area: str | None) -> str:
    if area:
        return gettext("Who acts in %(area)s: ", area=area)
    return gettext("Who acts: ")


def _with(area: str | None) -> str:
    return gettext("With in %(area)s: ", area=area) if area else gettext("With: ")


def _not_available(stage: Stage) -> str:
    # Missing from the copy we have is not the same as absent from the policy.
    why = stage.not_available.says if stage.not_available else ""
    return gettext(
        "The policy's text for this is not available in the copy we have: %(says)s", says=why
    )


def _deadlines(page: RecordPage) -> list[Block]:
    blocks: list[Block] = [("h2", gettext("Deadlines"))]
    if not page.view.timescales:
        unknown = page.view.stage.unknown(StagePart.TIMESCALES)
        none = gettext("The policy gives no timescale for this stage.")
        blocks.append(("p", _not_available(page.view.stage) if unknown else none))
    for t in page.view.timescales:
        what = gettext(
            "%(what)s: %(within)s. “%(words)s” %(cited)s",
            what=t.for_, within=within_text(t), words=t.words, cited=_cited(t.cite),
        )  # fmt: skip
        blocks.append(("p", what))
        blocks.append(("p", gettext("Date due: %(line)s", line=LINE[:30])))
    return blocks


def _duties(page: RecordPage) -> list[Block]:
    blocks: list[Block] = [("h2", gettext("Who must be told"))]
    if not page.told:
        unknown = page.view.stage.unknown(StagePart.NOTIFY)
        none = gettext("No one else is named at this stage.")
        blocks.append(("p", _not_available(page.view.stage) if unknown else none))
    for who, n in page.told:
        told = gettext("Told on (date): %(line)s", line=LINE[:30])
        blocks += [_quote(n, f"{who}: "), ("p", told)]
    blocks.append(("h2", gettext("What the policy says to record")))
    if not page.view.record:
        unknown = page.view.stage.unknown(StagePart.RECORD)
        none = gettext("The policy says nothing about recording at this stage.")
        blocks.append(("p", _not_available(page.view.stage) if unknown else none))
    blocks += [_quote(f) for f in page.view.record]
    blocks += [
        _quote(link.use, gettext("Form: %(title)s. ", title=link.form.title)) for link in page.forms
    ]
    return blocks


def form_blocks(p: Partnership, page: FormPage) -> list[Block]:
    """One of the partnership's forms, block by block: its fields in order, left blank."""
    form = page.form
    blocks: list[Block] = [("h1", form.title), *_policy(p)]
    blocks.append(("label", gettext("Form"), f"{form.title} {_cited(form.cite)}"))
    blocks += [("strong", f"“{r.says}” {_cited(r.cite)}") for r in page.rules]
    for part in page.parts:
        blocks.append(("h2", part.title))
        if part.completed_by:
            blocks.append(("p", part.completed_by))
        blocks += [("blank", f.label, "2") for f in part.fields]
    blocks.append(("label", gettext("Address of this form"), ADDRESS))
    return blocks


def form(p: Partnership, page: FormPage) -> bytes:
    """One of the partnership's forms as a Word document."""
    return _docx(tuple(form_blocks(p, page)), page.address)
