"""Encodings are detected from the bytes; every supported one gives the same issue."""

from __future__ import annotations

import codecs
from dataclasses import replace

import pytest

from laobao_convert.errors import ConvertError, EncodingError, InputError
from laobao_convert.model import Provenance
from laobao_convert.parse import parse_issue
from laobao_convert.readers.encoding import decode
from laobao_convert.readers.text import read_text

SAMPLE = "本报讯(记者 武唯)4月23日，人社部举行新闻发布会。\n第二行“引号”——破折号\n"


@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
    codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    SAMPLE.encode("gb18030"),
    SAMPLE.encode("gbk"),
    SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    SAMPLE.replace("\n", "\r").encode("gb18030"),
])
def test_decode_every_supported_form(data):
    assert decode(data, "x.txt") == SAMPLE


def test_extension_is_ignored():
    data = SAMPLE.encode("gb18030")
    assert decode(data, "page.utf8.md") == decode(data, "page.txt") == SAMPLE


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,                     # binary junk
    b"\x89PNG\r\n\x1a\n" + bytes(200),         # an image
    b"\x00\x01\x02\x03" * 100,                 # control bytes
    "Ça coûte très cher à Noël".encode("latin-1") * 10,  # neither UTF-8 nor readable GB18030
])
def test_junk_is_a_clean_error(data):
    with pytest.raises(InputError) as raised:
        decode(data, "junk.txt")
    assert "\n" not in str(raised.value)
    assert raised.value.where == "junk.txt"


def test_bom_that_lies_is_an_encoding_error():
    with pytest.raises(EncodingError):
        decode(codecs.BOM_UTF8 + "中文".encode("gb18030") + b"\xff\xfe\xfd", "bad.txt")


def test_empty_input_is_an_input_error():
    with pytest.raises(InputError):
        decode(b"  \n\n", "empty.txt")


def _without_provenance(issue):
    return replace(issue, provenance=Provenance())


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("gb18030"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
], ids=["gb18030", "utf-16-le-bom", "utf-16-be-bom", "utf-8-bom-crlf"])
def test_seed_in_every_encoding_gives_the_same_issue(seed_path, encode):
    text = seed_path.read_text(encoding="utf-8")
    reference = parse_issue([read_text(text.encode("utf-8"), seed_path.name)])
    other = parse_issue([read_text(encode(text), seed_path.name)])
    assert _without_provenance(other) == _without_provenance(reference)
    assert len(other.articles) == 4


def test_errors_are_convert_errors():
    assert issubclass(EncodingError, ConvertError)
