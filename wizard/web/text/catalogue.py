"""The message catalogue: every sentence the tool says in its own voice, in the reader's language.

The English sentences are the message ids, written whole with named placeholders
(`%(stage)s`), never glued from pieces. `make catalogue` extracts them from Python, the
templates and the browser's scripts into `locale/messages.pot`; a language's translations
are `locale/<lang>/LC_MESSAGES/messages.po`, read as they are (no compiled file to keep in
step). Entries marked fuzzy are a translator's draft: used, and reported by `check`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, Translations
from flask import (
    Flask,
    before_render_template,
    current_app,
    g,
    has_app_context,
    has_request_context,
    template_rendered,
)
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

LOCALE_DIR = Path(__file__).resolve().parents[3] / "locale"
SOURCE = "en"  # the language the message ids are written in
DOMAIN = "messages"
SCRIPTS = LOCALE_DIR.parent / "static" / "js"  # the browser's scripts
# Under the test-only setting MARK_TEXT, each kind of text a page holds is wrapped in its
# own pair of invisible private-use characters, so a test can classify every sentence.
SENTENCE = ("\ue000", "\ue001")  # a sentence from the catalogue
QUOTED = ("\ue002", "\ue003")  # words from the partnership's files: the policy, content
# A policy's words in English on a page in another language (wizard.web.text.english).
ENGLISH = ("\ue004", "\ue005")


class English(str):
    """Words of a policy published in English only, as a page in another language shows them.

    What a page makes of them with the usual string methods ("Stage".lower(), a glossary
    link replaced in) stays English words.
    """

    __slots__ = ()

    def __add__(self, other: str) -> English:
        return English(str.__add__(self, other))

    def __getitem__(self, key) -> English:  # type: ignore[override]
        return English(str.__getitem__(self, key))


def _keeps_english(name: str):
    method = getattr(str, name)
    return lambda self, *args: English(method(self, *args))


for _name in ("lower", "upper", "capitalize", "title", "strip", "lstrip", "rstrip", "replace"):
    setattr(English, _name, _keeps_english(_name))


def po_file(lang: str) -> Path:
    """Where a language's translations live."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> NullTranslations:
    """A language's translations; the source language's are the message ids themselves."""
    if lang == SOURCE or not po_file(lang).is_file():
        return NullTranslations()
    with po_file(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=True)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def language() -> str:
    """The reader's language: the page's, where a request sets it, else the source language."""
    decided = _RENDERING.get()
    return _language_now() if decided is None else decided[1]


def _language_now() -> str:
    return g.get("lang", SOURCE) if has_request_context() else SOURCE


# The message ids looked up while something is recorded (the sign-off pack, page by page).
_heard: ContextVar[set[str] | None] = ContextVar("heard", default=None)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the message ids looked up inside the block (the sentences a page uses)."""
    found: set[str] = set()
    token = _heard.set(found)
    try:
        yield found
    finally:
        _heard.reset(token)


def _hear(message: str) -> str:
    found = _heard.get()
    if found is not None:
        found.add(message)
    return message


def gettext(message: str, **values: object) -> str:
    """A sentence in the reader's language, its named placeholders filled."""
    text = translations(language()).gettext(_hear(message))
    return marked(text % marked_values(values) if values else text)


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """A sentence whose form depends on a number (`%(num)s`), by the language's plural rules."""
    text = translations(language()).ngettext(_hear(singular), plural, n)
    return marked(text % marked_values({"num": n, **values}))


def marked_values(values: Mapping[str, object]) -> dict[str, object]:
    """A sentence's values, each plain text marked as the files' words where text is marked."""
    return {name: quoted(value) for name, value in values.items()}


class Said(str):
    """A sentence of the catalogue whose placeholders the core fills (a question's words).

    Filled with `%` or `format_map`, each plain value is marked as the files' words where
    text is marked, as values given to `gettext` are.
    """

    __slots__ = ()

    def __mod__(self, values: object) -> str:
        found = marked_values(values) if isinstance(values, Mapping) else values
        return str.__mod__(self, found)

    def format_map(self, values: Mapping[str, object]) -> str:  # type: ignore[override]
        return str.format_map(self, marked_values(values))


# Whether text is marked, and the reader's language, decided once as each request starts
# (once `g` holds its language) and as each template starts rendering: a page asks some
# four hundred times, and asking the app and `g` each time was a seventh of its time.
_RENDERING: ContextVar[tuple[bool, str] | None] = ContextVar("while rendering", default=None)


def marking() -> bool:
    """Whether each kind of text is marked: for tests (MARK_TEXT), or to find English words.

    A page in another language marks them, and wizard.web.text.english gives each run of a
    policy's English words lang="en" (then removes every mark).
    """
    decided = _RENDERING.get()
    return _marking_now() if decided is None else decided[0]


def _marking_now() -> bool:
    if not has_app_context():
        return False
    return bool(current_app.config.get("MARK_TEXT") or g.get("english_words"))


def _rendering(*_: object, **__: object) -> None:
    _RENDERING.set((_marking_now(), _language_now()))


def _rendered(*_: object, **__: object) -> None:
    _RENDERING.set(None)


def marked(text: str, pair: tuple[str, str] = SENTENCE) -> str:
    """The text between its kind's markers where the app marks text; else as it is."""
    if not marking():
        return text
    if isinstance(text, Markup):
        return Markup(pair[0]) + text + Markup(pair[1])
    return pair[0] + text + pair[1]


def quoted(value: object) -> object:
    """A value a template prints, marked as the partnership's words if it is plain text."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return marked(value, ENGLISH if isinstance(value, English) else QUOTED)
    return value


def passage(html: str, source: str) -> Markup:
    """A passage rendered from the files' Markdown, marked as their words where text is marked."""
    return Markup(marked(html, ENGLISH if isinstance(source, English) else QUOTED))


@pass_context
def _template_gettext(context: Context, message: str, **values: object) -> str:
    text = marked(translations(language()).gettext(_hear(message)))
    return _filled(context, text, values)


@pass_context
def _template_ngettext(
    context: Context, singular: str, plural: str, num: int, **values: object
) -> str:
    text = marked(translations(language()).ngettext(_hear(singular), plural, num))
    return _filled(context, text, {"num": num, **values})


def _filled(context: Context, text: str, values: dict[str, object]) -> str:
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % marked_values(values)


def lazy_gettext(message: str, **values: object) -> LazyProxy:
    """A sentence translated when it is used, for constants defined before any request."""
    return LazyProxy(gettext, message, enable_cache=False, **values)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 (the name gettext's tools look for)
    """Mark a sentence for the catalogue where it is defined; it is translated where it is said."""
    return message


def for_script(messages: Iterable[str]) -> dict[str, str]:
    """The given messages in the reader's language, for a page's script to read as JSON."""
    return {m: gettext(m) for m in messages}


@cache
def script_sentences() -> tuple[str, ...]:
    """Every sentence the browser's scripts say (`_("…")` in static/js), as Babel finds them."""
    found: list[str] = []
    for path in sorted(SCRIPTS.glob("*.js")):
        with path.open("rb") as script:
            found += [str(m[1]) for m in extract("javascript", script, keywords={"_": None})]
    return tuple(dict.fromkeys(found))


def script_messages() -> dict[str, str]:
    """What the page hands its scripts (`#messages`): their sentences in the reader's language."""
    return for_script(script_sentences())


def init_app(app: Flask) -> None:
    """Give the templates `_`, `gettext` and `ngettext` from the catalogue, in the page's language.

    As Jinja's new-style gettext, they fill the named placeholders themselves and escape
    their values; each plain value is marked as the files' words where text is marked, as a
    printed one is, so a policy's words inside a sentence can be read in their own language.
    """
    app.before_request(_rendering)  # after the address has set the language
    before_render_template.connect(_rendering, app)
    template_rendered.connect(_rendered, app)  # `g` may change before the next (a sign-off pack)
    # What was decided ends with the request or context, even one that failed.
    app.teardown_request(_rendered)
    app.teardown_appcontext(_rendered)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(gettext=_template_gettext, _=_template_gettext)
    app.jinja_env.globals["ngettext"] = _template_ngettext
    app.jinja_env.finalize = quoted  # every printed plain value is the files' words
    # A sentence as the catalogue holds it, its placeholders unfilled (the sign-off pack).
    app.jinja_env.globals["unfilled"] = lambda message: translations(language()).gettext(message)
    app.jinja_env.globals["script_messages"] = script_messages
