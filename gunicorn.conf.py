"""Production settings for gunicorn: `gunicorn -c gunicorn.conf.py wizard.wsgi:app`."""

import multiprocessing
import os

bind = os.environ.get("ESCALATION_WIZARD_BIND", "127.0.0.1:8000")
# Pages come from memory (a cache of rendered pages), so the work is CPU-bound: a worker per
# core plus one, one thread each. More threads only contend for the GIL: measured on 2 cores,
# 4 threads per worker raised p99 on outcome pages from ~60 ms to ~440 ms (docs/performance.md).
# The load balancer in front buffers slow clients.
workers = int(os.environ.get("ESCALATION_WIZARD_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("ESCALATION_WIZARD_THREADS", 1))
worker_class = "gthread"
# Load and validate the content once, before forking: invalid content stops the server.
preload_app = True
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
# The access log holds the path only (%(U)s, no query string) and never a request body,
# so no date or other text a practitioner typed can reach a log.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = os.environ.get("ESCALATION_WIZARD_FORWARDED_ALLOW_IPS", "127.0.0.1")
