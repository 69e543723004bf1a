"""The message catalogue: complete, up to date, and what pages say in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import g, render_template_string

from wizard.web.text import catalogue, extract

WELSH = """msgid ""
msgstr ""
"Language: cy\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);\\n"

msgid "Continue"
msgstr "Parhau"

msgid "%(num)s working day"
msgid_plural "%(num)s working days"
msgstr[0] "%(num)s diwrnod gwaith (0)"
msgstr[1] "%(num)s diwrnod gwaith (1)"
msgstr[2] "%(num)s ddiwrnod gwaith (2)"
msgstr[3] "%(num)s diwrnod gwaith (3)"
msgstr[4] "%(num)s diwrnod gwaith (6)"
msgstr[5] "%(num)s diwrnod gwaith (other)"
"""


def test_the_committed_template_holds_every_sentence_extracted_now(tmp_path):
    fresh = tmp_path / "messages.pot"
    extract.extract(fresh)
    assert fresh.read_text() == extract.TEMPLATE.read_text(), "run `make catalogue`"


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch):
    po = tmp_path / "cy" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(WELSH)
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    catalogue.translations.cache_clear()
    yield
    catalogue.translations.cache_clear()


def test_templates_and_code_read_the_readers_language(app, welsh):
    with app.test_request_context():
        assert render_template_string('{{ _("Continue") }}') == "Continue"
        g.lang = "cy"
        assert render_template_string('{{ _("Continue") }}') == "Parhau"
        assert catalogue.gettext("Continue") == "Parhau"
        assert catalogue.gettext("Not yet translated") == "Not yet translated"


@pytest.mark.parametrize(
    ("n", "form"), [(0, "(0)"), (1, "(1)"), (2, "(2)"), (3, "(3)"), (6, "(6)")]
)
def test_plurals_follow_the_languages_own_rules(app, welsh, n, form):
    with app.test_request_context():
        g.lang = "cy"
        said = catalogue.ngettext("%(num)s working day", "%(num)s working days", n)
        assert said.startswith(str(n)) and said.endswith(form)
        template = (
            "{% trans num=n %}{{ num }} working day{% pluralize %}"
            "{{ num }} working days{% endtrans %}"
        )
        assert render_template_string(template, n=n).endswith(form)


def test_a_placeholder_value_is_escaped_in_a_template(app):
    with app.test_request_context():
        html = render_template_string('{{ _("Go to %(stage)s", stage="<b>2</b>") }}')
        assert html == "Go to &lt;b&gt;2&lt;/b&gt;"
