"""GOV.UK Frontend's components (govuk-frontend-jinja), each made once for the same parameters.

Every stage page carries the same date form: its macros were almost half of the page's time.
A component's markup depends only on its parameters and on whether the app marks text, so it
is made once for each and kept.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup

from wizard.web.text.catalogue import marking

# Enough for every distinct form of a live site; a full cache starts again.
ENTRIES = 4096


def _macro_name(component: str) -> str:
    """GOV.UK's macro name for a component: "date-input" is `govukDateInput`."""
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


def _key(value: Any) -> Hashable:
    """The parameters as a key: each text with its type, which says how it is escaped."""
    if isinstance(value, dict):
        return (dict, tuple((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (list, tuple(_key(v) for v in value))
    if isinstance(value, str):
        return (type(value), str(value))
    if value is None or isinstance(value, bool | int | float):
        return (type(value), value)
    raise TypeError(f"a component parameter that cannot be a key: {value!r}")


def component(name: str, params: dict[str, Any]) -> Markup:
    """The markup of GOV.UK's `name` component (`"date-input"`) for these parameters."""
    path = f"govuk_frontend_jinja/components/{name}/macro.html"
    macro = getattr(current_app.jinja_env.get_template(path).module, _macro_name(name))
    try:
        key = (name, marking(), _key(params))
    except TypeError:  # a parameter that is no key (a lazy sentence): made, not kept
        return Markup(macro(params))
    made: dict[Hashable, Markup] = current_app.extensions["components"]
    if key not in made:
        if len(made) >= ENTRIES:
            made.clear()
        made[key] = Markup(macro(params))
    return made[key]


def init_app(app: Flask) -> None:
    """Give the templates `component`, with a store of what it has made."""
    app.extensions["components"] = {}
    app.jinja_env.globals["component"] = component
