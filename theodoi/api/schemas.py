"""Text enters the API here, once.

- `Parser` reads the JSON body and refuses a lone surrogate ("\\ud800" in JSON: half of a
  UTF-16 pair, no character at all; it made the database or the response fail with a
  500): the API answers 400 in Vietnamese (api_v1's handler for ninja's HttpError).
- `Schema`, the base of every area's schemas, sends every str of the input through
  core.text.clean_text (control characters and NUL dropped, line breaks made \\n, NFC)
  before any field is validated, so an area's schema never sees them."""

import json
import re
from datetime import date
from typing import Annotated, Any

from ninja import Schema as NinjaSchema
from ninja.parser import Parser as NinjaParser
from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from theodoi.core.text import clean_text


class LoneSurrogate(ValueError):
    """A JSON string holds half of a UTF-16 surrogate pair."""


def _check(value: Any) -> None:
    if isinstance(value, str):
        if not value.isascii() and any("\ud800" <= ch <= "\udfff" for ch in value):
            raise LoneSurrogate(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check(k)
            _check(v)
    elif isinstance(value, list):
        for v in value:
            _check(v)


class Parser(NinjaParser):
    def parse_body(self, request):
        data = json.loads(request.body)
        _check(data)
        return data


def clean_input(value: Any) -> Any:
    """`value` with every str inside (dict values and keys, list items) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_input(k): clean_input(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_input(v) for v in value]
    return value


class Schema(NinjaSchema):
    """Use instead of ninja.Schema in every area's api.py."""

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        return clean_input(value)


# -- What the OpenAPI schema says about an input (so that a generated client works) ------

DECIMAL_PATTERN = r"^-?[0-9]{1,14}([.][0-9]{1,6})?$"


def _string_branch(schema: dict) -> dict:
    if schema.get("type") == "string":
        return schema
    return next((s for s in schema.get("anyOf", []) if s.get("type") == "string"), schema)


def model_field(model, name: str, default: Any = ..., **kwargs) -> Any:
    """A schema field documented from the model's own field: its choices as an enum and its
    max_length (the checks stay the service's and core.lengths', with Vietnamese messages)."""
    f = model._meta.get_field(name)
    extra: dict = {}
    if f.choices:
        extra["enum"] = [value for value, _label in f.flatchoices]
    if getattr(f, "max_length", None):
        extra["maxLength"] = f.max_length

    def document(schema: dict) -> None:
        _string_branch(schema).update(extra)

    return Field(default, json_schema_extra=document, **kwargs)


def decimal_field(default: Any = None, **kwargs) -> Any:
    """A figure: documented as a string in plain notation ("6265.5", at most 6 decimals),
    as the API answers figures (core.numbers.to_plain); a JSON number is read too."""

    def document(schema: dict) -> None:
        nullable = any(s.get("type") == "null" for s in schema.get("anyOf", []))
        schema.pop("anyOf", None)
        schema.update({"type": "string", "pattern": DECIMAL_PATTERN, "examples": ["6265.5"]})
        if nullable:
            schema["type"] = ["string", "null"]

    return Field(default, json_schema_extra=document, **kwargs)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD (what the schema says): pydantic alone reads "0" as 01/01/1970."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_format", "date must be YYYY-MM-DD")
    return value


# A date in a request (query parameter or body): "2021-06-15", nothing else.
ApiDate = Annotated[date, BeforeValidator(_iso_date)]
