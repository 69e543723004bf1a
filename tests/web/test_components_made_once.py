"""A GOV.UK component made once for the same parameters is the markup its macro makes."""

from __future__ import annotations

from babel.support import LazyProxy
from flask import render_template_string

from wizard.web.components import component

MACRO = (
    '{% from "govuk_frontend_jinja/components/input/macro.html" import govukInput %}'
    "{{ govukInput(params) }}"
)


def test_a_kept_component_is_the_macros_markup_for_each_set_of_parameters(app):
    first = {"id": "clock", "name": "clock", "label": {"text": "Time"}, "value": ""}
    typed = {**first, "value": "14:30"}
    with app.test_request_context():
        for params in (first, typed, first):  # the third is the kept one
            assert component("input", params) == render_template_string(MACRO, params=params)
        assert "14:30" in component("input", typed) and "14:30" not in component("input", first)


def test_a_parameter_that_cannot_be_kept_is_still_made(app):
    lazy = {"id": "clock", "name": "clock", "label": {"text": LazyProxy(lambda: "Time")}}
    with app.test_request_context():
        assert 'for="clock"' in component("input", lazy) and "Time" in component("input", lazy)
