"""gunicorn settings for the production path: `gunicorn -c gunicorn.conf.py xhht.wsgi`.

The app tier is stateless (sessions and jobs live in the database, files in storage), so several
of these processes can run behind a load balancer.
"""

import os

bind = os.environ.get("XHHT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("XHHT_WORKERS", "2"))
# Sync workers: four threads each (gthread) made a third of the requests fail under load
# (docs/SCALING.md, dashboards).
threads = int(os.environ.get("XHHT_THREADS", "1"))
# Uploaded files are parsed in a child process stopped after XHHT_PARSE_SECONDS (default 30,
# core.uploads): keep that below this timeout, so the user reads why instead of a dead worker.
timeout = int(os.environ.get("XHHT_TIMEOUT", "60"))
max_requests = 2000  # recycle workers now and then so a leak cannot grow without bound
max_requests_jitter = 200
accesslog = os.environ.get("XHHT_ACCESS_LOG", "-")
# Heartbeat files in memory, as gunicorn recommends in containers (a fixed, root-owned path).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: PTH112, S108
