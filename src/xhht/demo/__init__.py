"""The demo province (``xhht seed_demo``, ``make demo``): logins for every role, the seed plans and
a small synthetic population. The top layer: it may import any app, and no app imports it."""
