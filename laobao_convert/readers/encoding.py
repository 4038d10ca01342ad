"""Decode text input from its bytes alone: BOM first, then strict decodes judged by plausibility.

The file's name is used for messages only; an extension says nothing about an encoding.
"""

from __future__ import annotations

import codecs
import unicodedata

from laobao_convert.errors import EncodingError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a BOM, UTF-8 is tried first: GB18030 decodes almost any byte string, UTF-8 rarely
# decodes a GB18030 one by accident.
_CANDIDATES = ("utf-8", "gb18030")
_MIN_PLAUSIBLE = 0.9
"""Share of characters that must be CJK, ASCII text or common punctuation."""


def decode(data: bytes, name: str) -> str:
    """Return the text with LF line ends; EncodingError/InputError when it is not text."""
    if not data.strip():
        raise InputError("empty input", where=name)
    text = _decode_with_bom(data, name)
    if text is None:
        if b"\x00" in data:
            text = _decode_utf16_without_bom(data)
            if text is None:
                raise InputError("binary data, not text (NUL bytes)", where=name)
        else:
            text = _decode_by_trial(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if plausibility(text) < _MIN_PLAUSIBLE:
        raise EncodingError("not readable text in any supported encoding "
                            "(UTF-8, UTF-16, GB18030)", where=name)
    return text


def _decode_with_bom(data: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise EncodingError(f"starts with a {encoding.upper()} byte-order mark "
                                    "but is not valid " + encoding.upper(), where=name) from None
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    # Some tools write UTF-16 without a BOM; the zero bytes of ASCII tell the byte order.
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if plausibility(text) >= _MIN_PLAUSIBLE else None


def _decode_by_trial(data: bytes, name: str) -> str:
    best: tuple[float, str] | None = None
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score >= _MIN_PLAUSIBLE:
            return text
        if best is None or score > best[0]:
            best = (score, text)
    raise EncodingError("cannot detect the text encoding (tried UTF-8, UTF-16, GB18030)",
                        where=name)


def plausibility(text: str) -> float:
    """Share of characters a newspaper text is made of: CJK, ASCII, punctuation, spaces."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        if _plausible(ch):
            good += 1
    return good / len(text)


def _plausible(ch: str) -> bool:
    code = ord(ch)
    if ch in "\n\t\f\r":
        return True
    if 0x20 <= code < 0x7F:
        return True
    if code < 0x20 or 0x7F <= code < 0xA0:
        return False
    if 0xE000 <= code <= 0xF8FF or code == 0xFFFD:  # private use, replacement: mojibake
        return False
    category = unicodedata.category(ch)
    if category.startswith("C"):
        return False
    # Text read in the wrong single-byte-ish way lands in Latin-1 and other alphabets; a Chinese
    # daily uses only a few symbols from below U+2000.
    if 0xA0 <= code < 0x2000:
        return ch in _FEW_SYMBOLS or unicodedata.category(ch) == "Zs"
    return True


_FEW_SYMBOLS = "·×÷—–‘’“”…•°±§©®éèàáíóúüÉ"
