"""A resource described as schema.org ``LearningResource`` (LRMI) in JSON-LD, the form
search engines and national repositories read from its public page.

The block is data, not a script: ``<script type="application/ld+json">`` is never executed, so
the strict Content-Security-Policy (no inline script) does not apply to it; ``<``, ``>`` and
``&`` are written as ``\\u003C``… so a title holding ``</script>`` cannot end it.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from xhht.resources.models import Resource

#: ``learningResourceType`` per kind (LRMI's terms, in English as the vocabulary writes them).
RESOURCE_TYPES: dict[str, str] = {
    Resource.Kind.VIDEO: "video",
    Resource.Kind.DOCUMENT: "document",
    Resource.Kind.COURSE: "course",
    Resource.Kind.AUDIO: "audio recording",
    Resource.Kind.BOOK: "book",
    Resource.Kind.WEBSITE: "website",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def learning_resource(
    resource: Resource, *, page_url: str, file_url: str = "", provider_place: str = ""
) -> dict[str, Any]:
    """The JSON-LD object of ``resource`` (its topics prefetched or one query)."""
    contributor = resource.contributor
    provider: dict[str, Any] = {"@type": "Organization", "name": str(contributor or "")}
    if provider_place:
        provider["address"] = {"@type": "PostalAddress", "addressRegion": provider_place}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "@id": page_url,
        "identifier": f"urn:uuid:{resource.uid}",
        "name": resource.title,
        "description": resource.description,
        "learningResourceType": RESOURCE_TYPES.get(resource.kind, resource.kind),
        "educationalLevel": {
            "@type": "DefinedTerm",
            "name": resource.get_level_display(),
            "termCode": resource.level,
        },
        "audience": {
            "@type": "EducationalAudience",
            "educationalRole": "learner",
            "audienceType": resource.get_audience_display(),
        },
        "inLanguage": resource.language,
        "license": resource.licence_url or resource.get_licence_display(),
        "about": [
            {"@type": "DefinedTerm", "name": topic.name, "termCode": topic.code}
            for topic in resource.topics.all()
        ],
        "url": page_url,
        "dateModified": resource.updated_at.isoformat(),
        "isAccessibleForFree": True,
        "provider": provider,
        "publisher": {"@type": "Organization", "name": resource.publisher or provider["name"]},
    }
    if resource.author:
        data["author"] = {"@type": "Person", "name": resource.author}
    if resource.published_at is not None:
        data["datePublished"] = resource.published_at.date().isoformat()
    content_url = file_url or resource.url
    if content_url:
        encoding: dict[str, Any] = {"@type": "MediaObject", "contentUrl": content_url}
        if file_url and resource.file_type:
            encoding["encodingFormat"] = resource.file_type
            encoding["contentSize"] = str(resource.file_size)
        data["encoding"] = encoding
    return data


def script_block(data: dict[str, Any]) -> SafeString:
    """``data`` as the body of a ``<script type="application/ld+json">`` block, safe to embed."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - the JSON's <, > and & are escaped above
