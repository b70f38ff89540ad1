"""What the registry tells the apps above it, which it does not import."""

from __future__ import annotations

from django.dispatch import Signal

#: Sent inside the writing transaction after a bulk write that bypassed the model signals (an
#: import), with ``province``: the place whose counts the apps above (indicators) recount.
bulk_written = Signal()
