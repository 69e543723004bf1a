"""The production WSGI entry point: `gunicorn -c gunicorn.conf.py wizard.wsgi:app`."""

import os

from wizard.web.app import create_app

# Behind HTTPS in production, so browsers are told to use nothing else.
app = create_app(
    {
        "HSTS": os.environ.get("ESCALATION_WIZARD_HSTS", "1") == "1",
        "SITE_DIR": os.environ.get("ESCALATION_WIZARD_SITE") or None,
    }
)
