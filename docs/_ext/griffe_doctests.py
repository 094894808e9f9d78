"""Render docstring examples as code in the API reference.

perfscore's docstrings carry runnable ``>>>`` examples (pytest runs them as doctests) as plain
paragraphs, not in a fenced block. This griffe extension fences each run of example lines so the
API reference shows them as Python code instead of re-flowed text.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence(text: str) -> str:
    """Wrap each run of ``>>>`` lines and their output in a ```` ```pycon ```` fence."""
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence doctest examples in every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence(obj.docstring.value)
