"""The progress dashboards: a plan's targets (``xhht.plans``) against the counts kept by
``xhht.indicators``, as pages, exports, maps and the progress API. Above both apps, which never
import it. URL names ``progress:*`` under /indicators/; templates and static files keep their
``indicators/`` names."""
