"""The tool's own words for the routes out of the escalation procedure, by route.

Each route (a concern about a professional's conduct, a complaint, whistleblowing, a policy
matter) has a title, why the procedure does not cover it, general advice where the policy says
nothing, and how to reach the route where the policy names no contact. Each is marked `N_`
here and translated where it is said.
"""

from __future__ import annotations

from wizard.web.text.catalogue import N_

EXIT_TITLES = {
    "conduct": N_("Concerns about a professional's conduct"),
    "complaint": N_("Complaints"),
    "whistleblowing": N_("Whistleblowing"),
    "policy": N_("Policy or strategic matters"),
}
EXIT_NOT_COVERED = {
    "conduct": N_(
        "This escalation procedure is for disagreements between agencies about a "
        "child's safety. A concern about a professional's behaviour or conduct goes elsewhere."
    ),
    "complaint": N_(
        "This escalation procedure is for disagreements between agencies about a "
        "child's safety, not for complaints about a service."
    ),
    "whistleblowing": N_(
        "This escalation procedure is for disagreements between agencies about a "
        "child's safety, not for reporting wrongdoing at work."
    ),
    "policy": N_(
        "This escalation procedure is for disagreements about an individual child's "
        "safety. Policy or strategic matters are raised differently."
    ),
}

# Where a policy says nothing about an exit: general advice, always labelled as not from the
# policy, and never routed through someone who may be the subject of the concern.
GENERAL_ADVICE = {
    "conduct": N_(
        "A concern that someone who works with children may have harmed a child, or "
        "may be unsuitable to work with children, goes to the Local Authority Designated Officer "
        "(LADO) for the area where the child lives. Your agency's safeguarding lead can tell you "
        "how to reach them; if your concern is about your safeguarding lead or your manager, go to "
        "someone more senior in your organisation, or contact the LADO yourself."
    ),
    "complaint": N_(
        "Your own agency's complaints procedure applies. Your agency's complaints or "
        "customer relations team can tell you how to use it."
    ),
    "whistleblowing": N_(
        "Use your organisation's whistleblowing procedure. It names who to go "
        "to, including someone other than your line manager if the concern is about them."
    ),
    "policy": N_(
        "Your agency's safeguarding lead, or its representative on the safeguarding "
        "partnership, can tell you how to raise it with the partnership."
    ),
}


# Where an exit's route names no contact details: how to find them, by advice that never
# sends the worker through someone the concern may be about.
HOW_TO_REACH = {
    "conduct": N_(
        "Your agency's safeguarding lead can tell you how to reach the Local Authority "
        "Designated Officer (LADO). If your concern is about your safeguarding lead or your "
        "manager, ask someone more senior in your organisation, or find the LADO for the area "
        "where the child lives on that council's website."
    ),
    "complaint": N_(
        "Your agency's complaints or customer relations team can tell you how to use its "
        "complaints procedure."
    ),
    "whistleblowing": N_(
        "Your organisation's whistleblowing procedure names who to go to, including someone "
        "other than your line manager if the concern is about them."
    ),
    "policy": N_(
        "Your agency's safeguarding lead, or its representative on the safeguarding "
        "partnership, can tell you who to raise it with."
    ),
}
