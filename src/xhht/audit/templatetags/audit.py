"""``{% audit_entry e as row %}``: an audit entry as the current viewer may read it."""

from __future__ import annotations

from django import template

from xhht.audit.display import People, ShownEntry, shown
from xhht.audit.models import AuditEntry

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_entry(context: template.Context, entry: AuditEntry) -> ShownEntry:
    request = context["request"]
    people = context.render_context.get("audit_people")
    if people is None:
        people = context.render_context["audit_people"] = People()
    return shown(entry, request.user, people)
