"""Text enters the API here, once.

- `Parser` reads the JSON body and refuses a lone surrogate ("\\ud800" in JSON: half of a
  UTF-16 pair, no character at all; it made the database or the response fail with a
  500): the API answers 400 in Vietnamese (api_v1's handler for ninja's HttpError).
- `Schema`, the base of every area's schemas, sends every str of the input through
  core.text.clean_text (control characters and NUL dropped, line breaks made \\n, NFC)
  before any field is validated, so an area's schema never sees them."""

import json
from typing import Any

from ninja import Schema as NinjaSchema
from ninja.parser import Parser as NinjaParser
from pydantic import field_validator

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
