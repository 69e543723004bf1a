"""The caveats about a whole policy that the banner on each of its pages carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.core.policy import Partnership, review_overdue
from wizard.web.text.catalogue import gettext, ngettext


@dataclass(frozen=True)
class NoticeView:
    """A caveat about the whole policy, for the banner on every page of the partnership."""

    says: str
    cite: str | None = None
    href: str | None = None
    link_text: str | None = None


def notices(p: Partnership, today: date) -> list[NoticeView]:
    """Whole-policy caveats: replaced, past its review date, and what the author declared."""
    found = []
    newer = p.document.superseded_by
    if newer:
        found.append(
            NoticeView(
                gettext(
                    "This policy has been replaced by %(title)s (%(date)s).",
                    title=newer.title,
                    date=newer.date,
                ),
                href=newer.url,
                link_text=gettext("Read %(title)s", title=newer.title),
            )
        )
    if review_overdue(p.document, today):
        found.append(
            NoticeView(
                gettext(
                    "This policy's review date (%(review)s) has passed. "
                    "Check with the partnership that it is still current.",
                    review=p.document.review,
                )
            )
        )
    found += [NoticeView(n.says, n.cite) for n in p.notices]
    return found


def notices_headline(found: list[NoticeView]) -> str:
    """The banner's one line: what kind of caution the notes below ask for."""
    if any(n.href for n in found):
        return gettext("This policy has been replaced: read before you rely on it")
    return ngettext(
        "Check this policy is current before you rely on it (%(num)s note)",
        "Check this policy is current before you rely on it (%(num)s notes)",
        len(found),
    )
