"""Production settings for gunicorn: `gunicorn -c gunicorn.conf.py wizard.wsgi:app`."""

import multiprocessing
import os

# Loopback only: nginx (deploy/nginx.conf) is the one client, and it buffers slow ones.
bind = os.environ.get("ESCALATION_WIZARD_BIND", "127.0.0.1:8000")
# Pages come from memory, so the work is CPU-bound: a sync worker per core plus one. Sync
# workers behind a buffering nginx outlast slow clients and serve more than gthread on the
# same cores (docs/decisions/0012-sync-workers-behind-nginx.md, bench/slow_clients.py).
workers = int(os.environ.get("ESCALATION_WIZARD_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "wizard.serving.SecureSyncWorker"  # gunicorn's own errors get the headers
# Load and validate the content once, before forking: invalid content stops the server.
preload_app = True
timeout = 30
graceful_timeout = 20
max_requests = 50000
max_requests_jitter = 5000
# The request line and headers nginx lets through fit well inside these.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# The access log holds the method and the path only, escaped (%(U)s, no query string), and
# never a request body, so no date or other text a practitioner typed can reach a log.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
logger_class = "wizard.serving.SafeLogger"
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = os.environ.get("ESCALATION_WIZARD_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No runtime control socket: nothing on the host should resize or reload the server.
control_socket_disable = True
