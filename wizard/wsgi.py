"""The production WSGI entry point: `gunicorn -c gunicorn.conf.py wizard.wsgi:app`."""

import os
from urllib.parse import urlsplit

from wizard.web.app import create_app


def _base_url() -> str:
    """The service's public address; required, so no page is ever built from a request's Host."""
    url = os.environ.get("ESCALATION_WIZARD_BASE_URL", "")
    if not urlsplit(url).hostname or urlsplit(url).scheme not in ("http", "https"):
        raise SystemExit(
            "set ESCALATION_WIZARD_BASE_URL to the service's address, e.g. https://wizard.example.org/"
        )
    return url


def _trusted_hosts(base_url: str) -> list[str]:
    """The base URL's host, and any others listed (e.g. for a load balancer's health checks)."""
    extra = os.environ.get("ESCALATION_WIZARD_TRUSTED_HOSTS", "")
    return [urlsplit(base_url).hostname, *(h.strip() for h in extra.split(",") if h.strip())]


BASE_URL = _base_url()
# Behind HTTPS in production, so browsers are told to use nothing else.
app = create_app(
    {
        "HSTS": os.environ.get("ESCALATION_WIZARD_HSTS", "1") == "1",
        "SITE_DIR": os.environ.get("ESCALATION_WIZARD_SITE") or None,
        "BASE_URL": BASE_URL,
        "TRUSTED_HOSTS": _trusted_hosts(BASE_URL),
        "PRODUCTION": True,  # refuses what production must never do, such as reloading
    }
)
