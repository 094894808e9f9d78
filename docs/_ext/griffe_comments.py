"""Read ``#:`` comments as the docstrings of the attributes they stand above.

perfscore documents its constants and fields the Sphinx way, with ``#:`` comment lines right
above the assignment (``GRADES``, ``perfscore.ureg``, ``METHODS`` …). Griffe reads only string
docstrings, so without this extension those names, many of them in a face's ``__all__``, are
left out of the API reference and cross-references to them do not resolve.
"""

from __future__ import annotations

import ast
from typing import Any

import griffe


def comment_above(lines: list[str], lineno: int) -> str | None:
    """The text of the ``#:`` lines right above line ``lineno`` (1-based), or ``None``."""
    found: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#:"):
        found.append(lines[index].lstrip()[2:].removeprefix(" "))
        index -= 1
    return "\n".join(reversed(found)) or None


class CommentDocstrings(griffe.Extension):
    """Give an attribute without a docstring the ``#:`` comment above it."""

    def on_attribute_instance(
        self, *, node: ast.AST | griffe.ObjectNode, attr: griffe.Attribute, **kwargs: Any
    ) -> None:
        if attr.docstring is not None or attr.lineno is None or not isinstance(node, ast.AST):
            return
        text = comment_above(attr.lines_collection[attr.filepath], attr.lineno)
        if text is not None:
            attr.docstring = griffe.Docstring(
                text, lineno=attr.lineno - text.count("\n") - 1, parent=attr
            )
