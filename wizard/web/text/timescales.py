"""A timescale in words, in the reader's language: 'within 2 working days', 'immediately'."""

from __future__ import annotations

from wizard.core.policy import Span, Timescale, Unit
from wizard.web.text.catalogue import gettext, ngettext


def within_text(timescale: Timescale) -> str:
    """'within 2 working days', 'immediately', or each reading joined by 'or'."""
    return gettext(" or ").join(span_text(span) for span in timescale.within)


def span_text(span: Span) -> str:
    """'within 2 working days', 'immediately': one reading of a timescale, whole."""
    n = span.amount or 0
    match span.unit:
        case Unit.WORKING_DAYS:
            return ngettext("within %(num)s working day", "within %(num)s working days", n)
        case Unit.HOURS:
            return ngettext("within %(num)s hour", "within %(num)s hours", n)
        case Unit.WORKING_WEEKS:
            return ngettext("within %(num)s working week", "within %(num)s working weeks", n)
        case Unit.WEEKS:
            return ngettext("within %(num)s week", "within %(num)s weeks", n)
        case Unit.IMMEDIATELY:
            return gettext("immediately")
        case Unit.ASAP:
            return gettext("as soon as possible")
    return span.unit.value  # "none stated": a value pages test for, never shown as it is
