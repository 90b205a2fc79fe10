"""gunicorn's settings in production (docs/deploy.md, step 5): `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.
Values can be changed without editing this file through GUNICORN_BIND and GUNICORN_WORKERS."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # only the reverse proxy talks to it
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(4, multiprocessing.cpu_count() * 2))))
timeout = 60  # the largest Excel exports and statistics at province scale stay well under this
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then, so a slow leak cannot grow for months
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"  # trust X-Forwarded-* from the proxy on this machine only
accesslog = "-"  # to journald (systemd) or the file the service redirects to
errorlog = "-"
