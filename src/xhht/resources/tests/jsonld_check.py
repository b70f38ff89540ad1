"""Reading a page's LearningResource JSON-LD the way a harvester does (``extruct``, the
metadata extractor) and checking what LRMI needs; shared by the client and browser tests."""

from __future__ import annotations

from typing import Any

from extruct.jsonld import JsonLdExtractor  # type: ignore[import-untyped]  # ships no types

#: What the catalogue promises every resource page carries.
REQUIRED = (
    "name",
    "description",
    "learningResourceType",
    "educationalLevel",
    "audience",
    "inLanguage",
    "license",
    "about",
    "url",
    "dateModified",
    "isAccessibleForFree",
    "provider",
    "publisher",
    "identifier",
)


def learning_resources(html: str) -> list[dict[str, Any]]:
    """Every LearningResource object in the page's JSON-LD blocks (parsed with ``json``)."""
    found = JsonLdExtractor().extract(html)
    return [item for item in found if item.get("@type") == "LearningResource"]


def check(item: dict[str, Any]) -> None:
    assert item["@context"] in ("https://schema.org", "https://schema.org/")
    missing = [name for name in REQUIRED if name not in item]
    assert not missing, missing
    assert item["audience"]["@type"] == "EducationalAudience"
    assert item["isAccessibleForFree"] is True
    assert item["provider"]["@type"] == "Organization"
    for topic in item["about"]:
        assert topic["@type"] == "DefinedTerm" and topic["name"]
