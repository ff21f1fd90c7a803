"""Pydantic models of the ninjs API's responses, for validation and the OpenAPI description.

They describe the subset of IPTC ninjs 2.2 that Dateline emits (see ``ninjs.py``);
absent values are left out of the JSON, never sent as ``null``, as ninjs requires.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, model_serializer


def _drop_null_alternatives(schema: dict[str, Any]) -> None:
    """Describe optional members as absent-or-typed, never ``null`` (ninjs allows no nulls)."""
    for member in schema.get("properties", {}).values():
        alternatives = member.get("anyOf")
        if alternatives and {"type": "null"} in alternatives:
            rest = [alternative for alternative in alternatives if alternative != {"type": "null"}]
            del member["anyOf"]
            member.pop("default", None)
            if len(rest) == 1:
                member.update(rest[0])
            else:
                member["anyOf"] = rest


class NinjsObject(Schema):
    """Base of the ninjs models: drops ``None`` members when serialised."""

    model_config = ConfigDict(json_schema_extra=_drop_null_alternatives)

    @model_serializer(mode="wrap")
    def _drop_none(self, handler):
        # No return annotation: the OpenAPI description then lists the fields.
        return {key: value for key, value in handler(self).items() if value is not None}


class TextValue(NinjsObject):
    """A headline, description or body: a ``value`` with an optional role and media type."""

    role: str | None = None
    contenttype: str | None = None
    charcount: int | None = None
    wordcount: int | None = None
    value: str


class Concept(NinjsObject):
    """A subject or organisation: a name, its relation to the item, its URI or literal code."""

    name: str | None = None
    rel: str | None = None
    uri: str | None = None
    literal: str | None = None


class InfoSource(NinjsObject):
    """A party that supplied the content (the source agency)."""

    name: str | None = None
    role: str | None = None
    uri: str | None = None


class Rendition(NinjsObject):
    """One rendition of an item: a web page or an image size (width and height in pixels)."""

    name: str
    href: str | None = None
    contenttype: str | None = None
    title: str | None = None
    width: int | None = None
    height: int | None = None


class AltId(NinjsObject):
    """An alternative identifier (``dateline-id``: the id for ``/api/ninjs/{id}``; ``wire-id``)."""

    role: str | None = None
    value: str | None = None


class Standard(NinjsObject):
    """The standard the item follows: ninjs 2.2 and its schema's URI."""

    name: str | None = None
    version: str | None = None
    schema_: str | None = Field(default=None, alias="schema")  # sent as "schema" (by_alias)


class NinjsItemBase(NinjsObject):
    """The ninjs properties shared by items and their associations."""

    uri: str
    type: str | None = None
    representationtype: str | None = None
    headlines: list[TextValue] | None = None
    descriptions: list[TextValue] | None = None
    renditions: list[Rendition] | None = None
    copyrightholder: str | None = None
    by: str | None = Field(default=None, description="Author, photographer or agency (a picture's credit)")


class Association(NinjsItemBase):
    """An associated object: the lead image (``leadimage``) or the original story (``source``)."""

    name: str


class NinjsItem(NinjsItemBase):
    """An article as an IPTC ninjs 2.2 news item (see https://iptc.org/std/ninjs/ninjs-schema_2.2.json)."""

    profile: str | None = None
    standard: Standard | None = None
    version: str | None = None
    firstcreated: str | None = Field(default=None, description="ISO 8601 date-time with offset")
    versioncreated: str | None = Field(default=None, description="ISO 8601 date-time with offset")
    pubstatus: str | None = Field(default=None, description="usable, or canceled for a withdrawn article")
    urgency: int | None = Field(default=None, description="1 flash, 3 urgent, 5 normal (IPTC scale 1–9)")
    ednote: str | None = Field(default=None, description="Corrections and updates, or the reason of a withdrawal")
    embargoed: str | None = Field(
        default=None, description="ISO 8601 date-time before which the item must not be published"
    )
    language: str | None = Field(default=None, description="BCP 47 language tag: en or ru")
    bodies: list[TextValue] | None = None
    subjects: list[Concept] | None = None
    organisations: list[Concept] | None = None
    infosources: list[InfoSource] | None = None
    located: str | None = None
    slugline: str | None = None
    associations: list[Association] | None = None
    altids: list[AltId] | None = None


class NinjsPage(Schema):
    """One page of the list: the total count, links to the neighbouring pages, the items."""

    count: int = Field(description="Number of items matching the filters, on all pages")
    next: str | None = Field(description="Absolute URL of the next page, null on the last")
    previous: str | None = Field(description="Absolute URL of the previous page, null on the first")
    items: list[NinjsItem]


class ErrorDetail(Schema):
    """A machine-readable ``code`` and a human-readable ``message`` (in the request's language)."""

    code: str
    message: str


class ErrorBody(Schema):
    """The body of every error response: ``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorDetail
