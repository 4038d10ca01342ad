"""Writers turn an Issue into bytes on a stream they are given; they never open files.

A writer is any object with `name`, `extension` and `write(issue, stream)`; built-in and
third-party writers are found through the entry-point group `laobao_convert.writers`.
"""
