"""laobao-convert: turn an issue of 中国劳动保障报 into a book people can read and archives can keep."""

__version__ = "0.1.0"
