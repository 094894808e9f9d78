"""What the ladder tests share: the grades and directions by short names, and cells from a row."""

from __future__ import annotations

from perfscore import Direction, Grade

E, G, F, P = Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR
HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
BAND = Direction.TARGET_BAND
LABELS = Direction.CATEGORICAL


def cells(row: str) -> dict[str, str | None]:
    """A row written as the CLI takes it: '优 / 良 / 中 / 差', '-' for a blank cell."""
    texts = [t.strip() for t in row.split("/")]
    return {g: (None if t == "-" else t) for g, t in zip("优良中差", texts, strict=True)}
