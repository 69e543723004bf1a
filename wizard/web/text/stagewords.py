"""What a stage outcome page says in the tool's own voice, and the notes it has shown.

Each sentence is whole, with named placeholders, never glued from pieces, so that a message
catalogue can take them over as they are: each is marked `N_` where it is defined and
translated where it is said. Templates call `say(key, **values)`; a value that
is markup (a date the browser's script fills in, a link) is passed as markup and kept, any
other is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from wizard.core.policy import Partnership, Stage
from wizard.web.text.catalogue import N_, English, gettext, marked_values

# The prefix of a note's id on a stage page (note-1, note-2 ...): a policy may not take it.
NOTE_ID = "note"

STAGE_WORDS = {
    # What to do now: the one next deadline.
    "then": N_("Then: %(what)s"),
    "overall_label": N_(
        "This %(stage)s gives no date of its own. The policy's timescale for the whole procedure:"
    ),
    "overall_undated": N_("It counts from the date the disagreement began: %(link)s."),
    "overall_undated_link": N_("give that date below"),
    "no_timescale": N_("The policy gives no timescale for this %(stage)s."),
    "counted_from": N_("%(start)s, when this %(stage)s started. %(link)s"),
    "change_start": N_("Change when it started"),
    "email_safety": N_(
        "Do not put a child's name or any details about a child in an email that is not secure."
    ),
    "draft_email": N_("Draft the email to %(address)s"),
    # Notes said once, wherever the dates need them.
    "midnight": N_(
        "Clocks in hours count from the start of the day. Give a time for an exact deadline."
    ),
    "weekends": N_(
        "Where a clock in hours ends on a weekend or bank holiday, the next working day is "
        "shown too: the policy does not say whether those days count."
    ),
    "bank_holidays": N_(
        "Two readings: the policy says what a working day is %(cite)s but not whether bank "
        "holidays count, so both dates are shown, the earlier first."
    ),
    "why_two": N_("Why two dates"),
    "note_again": N_("See note above"),
    "outcome_undated": N_("It counts from the date the outcome was agreed: give that date below."),
    "event_from": N_("Counted from %(event)s."),
    "events_from": N_("Counted from whichever came first: %(first)s or %(second)s."),
    "event_give": N_("Give that date below to see the deadline."),
    "events_give": N_("Give both dates below to see the deadline."),
    "after_clock": N_("Counted from the end of: %(what)s."),
    "plan_unstated": N_(
        "A timescale with no start in the policy counts from its %(stage)s's start."
    ),
    "plan_as_above": N_("As above"),
    # Why: the quotes behind the rows above, folded.
    "why_rows": N_("The policy's words behind “What to do now”"),
    # Later stages.
    "plan_intro": N_("Each later %(stage)s starts when the one before runs out."),
    "plan_after": N_("From %(start)s, when %(stage)s %(number)s runs out"),
    "plan_moved_undated": N_("When you move to it"),
    "plan_moved": N_("When you move to it: from %(start)s at the earliest"),
    "plan_moved_why": N_(
        "Where a %(stage)s gives no date it runs out, the next starts when you move to it."
    ),
    "plan_no_timescale": N_("No timescale in the policy."),
    "plan_after_undated": N_("When %(stage)s %(number)s runs out"),
    "plan_now": N_("Now"),
    "plan_now_other": N_("The other timescales of this %(stage)s"),
    "how_dates_kept": N_("How the dates you enter are kept"),
    # More from the policy, folded.
    "more": N_("More from the policy"),
}


def say(key: str, **values: object) -> Markup:
    """One of the page's own sentences, its placeholders filled (markup kept, text escaped)."""
    return Markup(escape(gettext(STAGE_WORDS[key]))) % marked_values(values)


class NoteBook:
    """The notes a page has shown: each stands once, beside its first mention.

    A page renders top to bottom as it is read, so the first time a note's text is placed
    it is printed there with an id, and every later mention links to it.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def texts(self) -> list[str]:
        """The notes that already stand on the page."""
        return list(self._ids)

    def place(self, text: str) -> tuple[str, bool]:
        """The note's id, and whether this is its first mention on the page."""
        if text in self._ids:
            return self._ids[text], False
        self._ids[text] = f"{NOTE_ID}-{len(self._ids) + 1}"
        return self._ids[text], True


def stage_heading(p: Partnership, stage: Stage) -> str:
    """'Stage 2: Line Manager', in the partnership's own words (English ones stay so)."""
    word = p.partnership.stage_word
    return English(stage.label(word)) if isinstance(word, English) else stage.label(word)
