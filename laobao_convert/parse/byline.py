"""Rule `byline`: the author line under the headline (本报记者 X, 记者 X 通讯员 Y, an author
with a post title) is taken out of the body. A dateline (本报讯(记者 X)…) is not a byline: it
stays at the start of the first paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import Part, State, Unit

_LOOK = 2
"""Bylines stand among the first units under the headline."""


def is_byline(unit: Unit) -> bool:
    if unit.role == "byline":
        return True
    # A byline may fill its line to the column's edge, and so come from the reader as body
    # text running on: one line that reads as a byline is one all the same.
    if unit.role not in (None, "body") or unit.heading or not unit.lines or (unit.role and len(unit.lines) > 1):
        return False
    text = " ".join(line.strip() for line in unit.lines)
    if len(text) > 60 or V.DATELINE.match(text):
        return False
    if V.BYLINE.match(text):
        return True
    return author_line(text) is not None


def author_line(text: str) -> "str | None":
    """An author with a post title, as `post name`; also when a narrow column wrapped the
    name onto the post's line without a space (…社会保障厅副厅长许倩); else None."""
    match = V.AUTHOR_LINE.match(text)
    if match and any(title in match["post"] for title in V.POST_TITLES):
        return text.strip()
    solid = text.strip()
    if len(solid) > 45 or any(c in solid for c in "，。；！？ "):
        return None
    for size in (2, 3):
        post, name = solid[:-size], solid[-size:]
        if post.endswith(V.POST_TITLES) and len(post) >= 4 and V.AUTHOR_LINE.match(post + " " + name):
            return post + " " + name
    return None


def apply(state: State) -> State:
    return replace(state, parts=tuple(_part(p) for p in state.parts))


def _part(part: Part) -> Part:
    if part.continuation and not part.head:
        return part
    units = list(part.units)
    names = []
    i = 0
    while i < len(units) and i < _LOOK + len(names):
        if i + 1 < len(units) and _post_then_name(units[i], units[i + 1]):
            # An author line the extraction broke after the post title.
            names.append(units[i].text.strip() + " " + units[i + 1].text.strip())
            del units[i:i + 2]
            continue
        if i + 1 < len(units) and _label_then_name(units[i], units[i + 1]):
            # 本报记者 X 通讯员 / Y: the last name went to the next line.
            names.append(units[i].text.strip() + " " + units[i + 1].text.strip())
            del units[i:i + 2]
            continue
        if is_byline(units[i]):
            text = " ".join(line.strip() for line in units.pop(i).lines)
            names.append(author_line(text) or text)
            continue
        if units[i].role == "caption":
            i += 1
            continue
        break
    if not names:
        return part
    return replace(part, byline=" ".join(names), units=tuple(units),
                   why=part.why + (("byline", "a reporter's or author's line among the first under the headline"),))


def _post_then_name(post: Unit, name: Unit) -> bool:
    if post.role is not None or name.role is not None or len(post.lines) != 1 or len(name.lines) != 1:
        return False
    text = post.text.strip()
    return (len(text) <= 40 and text.endswith(V.POST_TITLES) and not any(c in text for c in "，。；！？")
            and bool(V.AUTHOR_LINE.match("职务 " + name.text.strip())) and len(name.text.strip()) <= 5)


def _label_then_name(first: Unit, name: Unit) -> bool:
    if first.role is not None or name.role is not None or len(name.lines) != 1 or len(name.text) > 5:
        return False
    joined = " ".join(line.strip() for line in first.lines) + " " + name.text.strip()
    return not is_byline(first) and bool(V.BYLINE.match(joined))
