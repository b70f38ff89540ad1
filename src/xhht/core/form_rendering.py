"""Forms render their errors with the field's label: "Mã hộ: Trường này là bắt buộc.", below
the field it is about, never a bare "Trường này là bắt buộc." above the next label.

``settings.FORM_RENDERER`` names ``LabelledErrorsRenderer``: Django's own renderer, with its
``p.html`` and ``field.html`` (used by ``as_p``, ``as_div``, ``{{ form }}`` and
``as_field_group``) replaced by ``core/forms/…``.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates

#: Django's form templates and ours in their place.
REPLACED = {
    "django/forms/p.html": "core/forms/p.html",
    "django/forms/field.html": "core/forms/field.html",
}


class LabelledErrorsRenderer(DjangoTemplates):
    def get_template(self, template_name: str) -> Any:
        return super().get_template(REPLACED.get(template_name, template_name))
