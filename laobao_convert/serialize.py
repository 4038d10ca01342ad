"""The issue model as plain data (dicts, lists, str, int, bool, None) and back.

This is the JSON output's shape (`laobao-convert/issue@1`, documented field by field in
issue.schema.json). Keys follow the model's field order, so output is stable; fields added to
the model later are carried automatically, because both directions walk the dataclasses.

Departures from a mechanical dump: "warnings" is a list of messages (what a pipeline shows
a person), and the full records are under "warning_details"; the issue's "id" and each
article's "uid" (derived from the model, see Issue.id) are written so that a reader of the
JSON needs no rule to find them, and are ignored when the JSON is read back.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Dict, List, Tuple

from laobao_convert.errors import InputError
from laobao_convert.model import SCHEMA, Issue

_NONE = type(None)


def to_plain(value: Any) -> Any:
    """Any model object as plain data: dataclass → dict (field order), tuple → list. Fields
    marked not to be serialized (model.NOT_IN_JSON: printed lines for METS/ALTO, image bytes)
    are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("serialized", True)}
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    return value


def issue_to_dict(issue: Issue) -> Dict[str, Any]:
    """The JSON document for one issue: schema tag first, then the model's fields."""
    plain = to_plain(issue)
    result: Dict[str, Any] = {"schema": SCHEMA}
    for key, value in plain.items():
        if key == "warnings":
            result["warnings"] = [w.message for w in issue.warnings]
            result["warning_details"] = value
        elif key == "articles":
            result["articles"] = [_with_uid(data, issue.article_uid(article))
                                  for data, article in zip(value, issue.articles)]
        else:
            result[key] = value
    # Last, so that the documented order of the first keys stays as it was.
    result["id"] = issue.id
    return result


def _with_uid(data: Dict[str, Any], uid: str) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "id":
            out["uid"] = uid
    return out


def issue_from_dict(data: Any) -> Issue:
    """Read a document written by issue_to_dict back into the model.

    Raises InputError (one line, naming the field) when the data does not have the shape."""
    if not isinstance(data, dict):
        raise InputError("not a laobao-convert issue: the JSON is not an object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise InputError(f"not a laobao-convert issue: schema is {schema!r}, expected {SCHEMA!r}")
    fields = dict(data)
    fields.pop("schema")
    details = fields.pop("warning_details", None)
    messages = fields.pop("warnings", [])
    if details is None:
        # A document trimmed to the basic shape: only the messages are known.
        details = [{"code": "", "message": m} for m in _list(messages, "warnings")]
    fields["warnings"] = details
    return _build(Issue, fields, "issue")


def _list(value: Any, where: str) -> List[Any]:
    if not isinstance(value, list):
        raise InputError(f"not a laobao-convert issue: {where} is not a list")
    return value


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise InputError(f"not a laobao-convert issue: {where} is not an object")
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            # Missing keys take the model's default (a document from an older writer).
            continue
        kwargs[f.name] = _convert(hints[f.name], data[f.name], f"{where}.{f.name}")
    try:
        return cls(**kwargs)
    except TypeError as error:
        raise InputError(f"not a laobao-convert issue: {where}: {error}") from None


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union:
        if value is None and _NONE in args:
            return None
        inner = [a for a in args if a is not _NONE]
        return _convert(inner[0], value, where)
    if origin in (tuple, Tuple):
        return tuple(_convert(args[0], item, f"{where}[{i}]") for i, item in enumerate(_list(value, where)))
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    if hint is bool:
        if not isinstance(value, bool):
            raise InputError(f"not a laobao-convert issue: {where} is not true/false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"not a laobao-convert issue: {where} is not an integer")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"not a laobao-convert issue: {where} is not a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise InputError(f"not a laobao-convert issue: {where} is not a string")
        return value
    return value

