"""The JSON writer: the documented shape, faithful round trip, determinism, the shipped schema."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any, List

import pytest

from golden_files import check_golden
from issue_examples import EXAMPLES, full_issue, minimal_issue
from laobao_convert import model
from laobao_convert.errors import ConvertError
from laobao_convert.serialize import issue_from_dict, issue_to_dict
from laobao_convert.writers.json_writer import JsonWriter

SCHEMA_PATH = Path(model.__file__).resolve().parent / "issue.schema.json"


def write(issue: model.Issue) -> bytes:
    stream = io.BytesIO()
    JsonWriter().write(issue, stream)
    return stream.getvalue()


# --- a validator for the subset of JSON Schema the shipped schema uses ------------------

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}
SUPPORTED = {"$schema", "$id", "title", "description", "type", "properties", "required", "items",
             "enum", "const", "pattern", "minimum"}


def validate(value: Any, schema: dict, where: str = "$") -> List[str]:
    """Errors of `value` against `schema`, as 'path: problem' lines."""
    errors = []
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in allowed):
            return [f"{where}: {value!r} is not {allowed}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], f"{where}[{i}]")
    return errors


def keywords(schema: Any) -> set:
    found = set()
    if isinstance(schema, dict):
        found |= set(schema)
        for key, sub in schema.items():
            if key == "properties":
                for prop in sub.values():
                    found |= keywords(prop)
            elif key == "items":
                found |= keywords(sub)
    return found


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_uses_only_what_the_validator_checks(schema):
    assert keywords(schema) <= SUPPORTED, keywords(schema) - SUPPORTED


def test_validator_rejects_wrong_documents(schema):
    good = issue_to_dict(full_issue())
    assert validate(good, schema) == []
    bad = json.loads(json.dumps(good))
    bad["masthead"]["issue_number"] = "7093"
    bad["articles"][0]["blocks"][0]["type"] = "quote"
    del bad["articles"][1]["title"]
    bad["masthead"]["date"] = "2023/11/08"
    problems = "\n".join(validate(bad, schema))
    assert "$.masthead.issue_number" in problems
    assert "$.articles[0].blocks[0].type" in problems
    assert "$.articles[1]: missing title" in problems
    assert "$.masthead.date" in problems


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_output_validates_against_shipped_schema(name, schema):
    document = json.loads(write(EXAMPLES[name]()).decode("utf-8"))
    assert validate(document, schema) == []


def test_output_validates_with_jsonschema_too(schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    for build in EXAMPLES.values():
        jsonschema.validate(json.loads(write(build())), schema, cls=jsonschema.Draft202012Validator)


def _model_fields(cls: type, prefix: str) -> List[str]:
    names = []
    hints = __import__("typing").get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if not f.metadata.get("serialized", True):
            continue  # left out of the JSON (an image's bytes, the cover, printed lines for METS/ALTO)
        names.append(prefix + f.name)
        inner = hints[f.name]
        args = getattr(inner, "__args__", ()) or ()
        for candidate in (inner, *args):
            if dataclasses.is_dataclass(candidate):
                names += _model_fields(candidate, prefix + f.name + ".")
    return names


def test_schema_documents_every_model_field(schema):
    """A field added to the model must be documented for pipeline authors."""

    def described(path: str) -> bool:
        node = schema
        for part in path.split("."):
            if node.get("type") == "array":
                node = node["items"]
            if part not in node.get("properties", {}):
                return False
            node = node["properties"][part]
        return bool(node.get("description"))

    paths = [p.replace("warnings", "warning_details", 1) if p.startswith("warnings") else p
             for p in _model_fields(model.Issue, "")]
    assert [p for p in paths if not described(p)] == []


# --- shape -----------------------------------------------------------------------------

def test_documented_shape_names_and_types():
    document = json.loads(write(full_issue()))
    assert document["schema"] == "laobao-convert/issue@1"
    assert list(document)[:5] == ["schema", "masthead", "pages", "articles", "warnings"]
    masthead = document["masthead"]
    assert masthead["date"] == "2023-11-08" and masthead["weekday"] == "星期三"
    assert masthead["issue_number"] == 7093 and masthead["page_count"] == 4
    assert document["pages"][1] == {"number": 2, "name": "综合新闻", "editor": "王 丽", "date": "2023-11-08",
                                    "source": None, "index": None, "width": None, "height": None}
    chained = document["articles"][1]
    assert chained["pages"] == [1, 2, 4]
    assert chained["jumps"] == [
        {"from_page": 1, "to_page": 2, "resolved": True},
        {"from_page": 2, "to_page": 4, "resolved": True},
    ]
    assert chained["series"] == "人社局长谈稳就业促增收③" and chained["kicker"] is None
    lead = document["articles"][0]
    assert [b["type"] for b in lead["blocks"]] == ["paragraph", "paragraph", "subhead", "paragraph", "paragraph"]
    assert lead["captions"][0]["text"].endswith("摄")
    assert document["articles"][3]["title"] is None
    assert document["warnings"][0].startswith("第1版《一季度社保基金运行总体平稳》")
    assert document["warning_details"][2] == {
        "code": "dropped-text", "message": document["warnings"][2], "page": 4, "level": "info",
    }
    assert document["provenance"]["sources"][0]["name"] == "20231108_01.pdf"
    assert document["conservation"]["input_chars"] == 1234


def test_absent_fields_are_null_not_invented():
    document = json.loads(write(minimal_issue()))
    assert set(document["masthead"].values()) == {None}
    assert document["pages"] == [{"number": 1, "name": None, "editor": None, "date": None,
                                  "source": None, "index": None, "width": None, "height": None}]
    article = document["articles"][0]
    for key in ("series", "kicker", "title", "subtitle", "byline"):
        assert article[key] is None
    assert article["blocks"] == [{"type": "paragraph", "text": "只有正文的一段文字。", "page": None,
                                  "bbox": None, "more": [], "breaks": [], "confidence": None,
                                  "doubtful": []}]


def test_bytes_are_utf8_indented_with_trailing_newline():
    data = write(full_issue())
    text = data.decode("utf-8")
    assert "中国劳动保障报" in text and "\\u" not in text
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '\n  "masthead": {\n    "paper"' in text


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_deterministic(name):
    assert write(EXAMPLES[name]()) == write(EXAMPLES[name]())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_round_trip_model_json_model(name):
    issue = EXAMPLES[name]()
    assert issue_from_dict(json.loads(write(issue))) == issue


def test_reading_the_basic_shape_without_extra_keys():
    document = issue_to_dict(full_issue())
    del document["warning_details"]
    del document["conservation"]
    issue = issue_from_dict(document)
    assert [w.message for w in issue.warnings] == document["warnings"]
    assert issue.conservation == model.Conservation()
    assert issue.articles == full_issue().articles


@pytest.mark.parametrize(
    "mutate, words",
    [
        (lambda d: d.update(schema="other@2"), "schema"),
        (lambda d: d["masthead"].update(issue_number="7093"), "issue.masthead.issue_number"),
        (lambda d: d["articles"][0].update(blocks={}), "issue.articles[0].blocks"),
        (lambda d: d["articles"][0]["jumps"][0].update(resolved="yes"), "resolved"),
        (lambda d: d.update(pages=[{"name": "要闻"}]), "issue.pages[0]"),
    ],
)
def test_wrong_documents_are_one_line_convert_errors(mutate, words):
    document = issue_to_dict(full_issue())
    mutate(document)
    with pytest.raises(ConvertError) as caught:
        issue_from_dict(document)
    assert words in caught.value.message and "\n" not in caught.value.message


def test_not_an_object_is_a_convert_error():
    with pytest.raises(ConvertError):
        issue_from_dict(["not", "an", "issue"])


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_golden(name):
    check_golden(f"json/{name}.json", write(EXAMPLES[name]()).decode("utf-8"))


def test_schema_is_shipped_with_the_package(repo_root):
    setup = (repo_root / "setup.cfg").read_text(encoding="utf-8")
    assert re.search(r"laobao_convert\s*=\s*\*\.json", setup)
    assert SCHEMA_PATH.parent.name == "laobao_convert"
