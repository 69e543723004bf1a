"""A new partnership's starting point: a commented policy that passes `check`, invents nothing."""

from __future__ import annotations

from pathlib import Path

from wizard.content.loader import FOLDER_NAME, POLICY_FILE
from wizard.content.paramap import MAP_FILE

# Every value is either the format's own word for "not known" or 'not available'. Where the
# format has no such word (nation, 'stated'), a comment says the value is a placeholder.
TEMPLATE = """\
---
# {slug}: a skeleton escalation policy, written by 'escalation-wizard new'.
# Nothing in this file comes from a policy yet. Fill it in from the partnership's own
# document, following docs/authoring.md (a tutorial) and docs/reference.md (every field),
# and run 'escalation-wizard check' after each change.
#
# REQUIRED marks what 'check' needs; 'REQUIRED unless' says when it can be left out, and
# 'Optional' what may be deleted. 'not available' marks a value nobody has entered yet:
# replace each with the policy's own words. Never add a contact, role, timescale or duty the
# policy does not give. Where the format has no way to say "not known yet", this file uses
# its nearest honest form, and a comment beside it says so.

# REQUIRED: the partnership that publishes the policy.
partnership:
  # REQUIRED: the partnership's full name.
  name: not available
  # REQUIRED: the short name used in headings, such as "NSCP escalation policy".
  short_name: not available
  # REQUIRED: whose bank holidays count as non-working days: england, wales, scotland or
  # northern-ireland. The format has no "not known": england is a placeholder until you set it.
  nation: england
  # Optional: what the policy calls a stage, such as Stage or Step (Stage if left out).
  stage_word: Stage

# REQUIRED: the document the facts come from.
document:
  # REQUIRED: the document's title, as written.
  title: not available
  # REQUIRED: its version or date, in its own words.
  version: not available
  # REQUIRED: its review date in its own words, or 'none stated'. Add review_due: YYYY-MM
  # only if the policy states a review date.
  review: none stated
  # REQUIRED: where you got the document: a file name or a short description.
  source: not available

# Optional sections, left out until the policy gives them (docs/reference.md, section 1):
# branding, agencies, contacts, principles, overall_timescales, rules, record, forms.
# A timescale is never guessed: where the policy gives none, leave 'timescales' out.

# REQUIRED: what the policy says to do if a child is at risk of immediate harm.
# 'stated: no' means "the policy says nothing about this". Here it is a placeholder: replace
# it with 'says' and 'cite' if the policy covers it; keep it only if the policy is silent.
emergency:
  stated: no

# REQUIRED, all four: where the policy sends concerns this procedure does not cover.
# Each 'stated: no' is a placeholder in the same way as the emergency route's.
exits:
  conduct:
    stated: no
  complaint:
    stated: no
  whistleblowing:
    stated: no
  policy:
    stated: no

# REQUIRED: at least one stage, in order.
stages:
  # REQUIRED: the stage's number, counting from 1, in order and with no gaps.
  - number: 1
    # Optional: the stage's heading in the policy, without "Stage 1". Delete this line if
    # the policy gives the stage no heading of its own: pages then say just "Stage 1".
    title: not available
    # REQUIRED: the anchor on the stage's heading in the text below.
    cite: Stage 1
    # REQUIRED unless 'not_available' says the policy's text for it cannot be read: who
    # acts at this stage, in the policy's words.
    who:
      says: not available
      cite: Stage 1
    # REQUIRED unless 'not_available' says the policy's text for it cannot be read: at least
    # one thing to do at this stage, in the policy's words.
    do:
      - says: not available
        cite: Stage 1

# Optional: problems with the policy as a whole. Delete this one once nothing above is a
# placeholder: until then 'check' warns about it, and readers see it on the procedure page.
problems:
  - kind: missing
    says: "A skeleton from 'escalation-wizard new': nothing in it comes from the policy yet."
    cite: Skeleton
---

# not available

{{#Skeleton}} The policy's own text goes here, in place of this paragraph, with an anchor
at the start of each paragraph a fact is quoted from (docs/authoring.md, section 3).

### Stage 1: not available {{#Stage 1}}
"""


MAP_TEMPLATE = """\
---
# {slug}: the paragraph map, written by 'escalation-wizard new'. Every paragraph anchor
# ({{#...}}) of the text in policy.md is either attached to the outcomes it applies to
# ('applies') or marked 'procedure_only' with a reason (docs/reference.md, section 17, "The
# paragraph map"). Replace these two entries as you paste in the policy's text.

paragraphs:
  - paragraph: Skeleton
    procedure_only: A placeholder from 'escalation-wizard new', not the policy's text.
  - paragraph: Stage 1
    procedure_only: A placeholder heading from 'escalation-wizard new'.
---
"""


class RefusedError(Exception):
    """The skeleton was not written; the message says why, in one line."""


def write(site: Path, slug: str, reserved: frozenset[str]) -> Path:
    """Write policies/<slug>/policy.md under `site`; refuse a bad, reserved or taken name."""
    folder = site / "policies" / slug
    if not FOLDER_NAME.fullmatch(slug):
        raise RefusedError(
            f"'{slug}' cannot be a web address: use lower-case letters, digits and hyphens, "
            "such as 'north-somerset'"
        )
    if slug in reserved:
        raise RefusedError(f"'{slug}' is used by the site itself: choose another name")
    if folder.exists():
        raise RefusedError(f"{folder} already exists: nothing was written")
    folder.mkdir(parents=True)
    path = folder / POLICY_FILE
    path.write_text(TEMPLATE.format(slug=slug), encoding="utf-8")
    (folder / MAP_FILE).write_text(MAP_TEMPLATE.format(slug=slug), encoding="utf-8")
    return path
