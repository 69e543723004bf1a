"""Thin views by page family: guidance pages, the wizard's questions and outcomes, errors.

Every view finds the partnership, resolves the path, builds a page model and renders it.
The families share one blueprint, so every endpoint is `wizard.<name>`.
"""

from wizard.web.views import guidance, journey, learning, record  # noqa: F401  (registers their routes)
from wizard.web.views.common import bp
from wizard.web.views.errors import register_errors

__all__ = ["bp", "register_errors"]
