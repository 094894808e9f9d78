"""Node matching: one level's nodes of several scorecards lined up across the cards.

[compare][perfscore.comparison.compare] builds one [Node][perfscore.comparison.Node] per node of
each card and calls [match_nodes][perfscore.comparison.match_nodes] per level; every match that
is not by both id and name is a [Finding][perfscore.tables.Finding].
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from perfscore.grades import Grade
from perfscore.tables._findings import Finding, Severity

__all__ = ["MatchedRow", "Node", "match_nodes"]


@dataclass(frozen=True)
class Node:
    """One node of one card, as a comparison sees it.

    Attributes:
        id: The node's id (``"1.1"``); ``""`` for a card's whole.
        name: The node's name.
        parent: The id of the node above it (``""`` at the top).
        score: Its exact score, or None when it has none.
        grade: Its grade, or None.
        value: The indicator's actual value, where the level shows it.
    """

    id: str
    name: str
    parent: str
    score: Fraction | None
    grade: Grade | None
    value: Any = None


@dataclass
class MatchedRow:
    """One row of a level: a node matched across cards (card index → node)."""

    nodes: dict[int, Node]

    def latest(self) -> Node:
        """The node of the last card that has this row."""
        return self.nodes[max(self.nodes)]


def match_nodes(
    cards: list[list[Node]], labels: list[str], findings: list[Finding]
) -> list[MatchedRow]:
    """Rows of one level: each card's nodes matched to the previous card's.

    First by id where the names agree too; then, among the nodes left, by a name unique on both
    sides (renumbered: a finding); then by id alone (renamed: a finding). A node still left is
    new, and a previous node still unmatched is absent: findings both.

    Args:
        cards: Each card's nodes of one level, in card order.
        labels: Each card's label, used in the findings' messages.
        findings: Where the findings are appended.

    Returns:
        The matched rows: those of the first card's nodes, then each new node's.

    Examples:
        >>> a = [Node("1", "就业", "", None, None)]
        >>> b = [Node("2", "就业", "", None, None)]
        >>> found: list[Finding] = []
        >>> rows = match_nodes([a, b], ["2018", "2019"], found)
        >>> [sorted(row.nodes) for row in rows]
        [[0, 1]]
        >>> found[0].message
        'matched by name: 1 in 2018 is 2 in 2019'
    """
    rows = [MatchedRow({0: node}) for node in cards[0]]
    for k, nodes in enumerate(cards[1:], start=1):
        before, now = labels[k - 1], labels[k]
        open_rows = [row for row in rows if k - 1 in row.nodes]

        def note(node: Node, message: str) -> None:
            findings.append(Finding(Severity.WARNING, message, indicator=node.id, name=node.name))

        exact = {(row.latest().id, row.latest().name): row for row in open_rows}
        left = []
        for node in nodes:
            row = exact.pop((node.id, node.name), None)
            if row is None:
                left.append(node)
            else:
                row.nodes[k] = node
        rows_left = [row for row in open_rows if k not in row.nodes]
        old_names = [row.latest().name for row in rows_left]
        new_names = [node.name for node in left]
        by_name = {row.latest().name: row for row in rows_left
                   if old_names.count(row.latest().name) == 1}  # fmt: skip
        still: list[Node] = []
        for node in left:
            row = by_name.get(node.name) if new_names.count(node.name) == 1 else None
            if row is None:
                still.append(node)
                continue
            note(
                node,
                f"matched by name: {row.latest().id} in {before} is {node.id} in {now}",
            )
            row.nodes[k] = node
        by_id = {row.latest().id: row for row in rows_left if k not in row.nodes}
        for node in still:
            row = by_id.pop(node.id, None)
            if row is None:
                rows.append(MatchedRow({k: node}))
                note(node, f"new in {now} (no node of {before} has its id or name)")
                continue
            note(node, f"renamed from {row.latest().name!r} ({before}); matched by id")
            row.nodes[k] = node
        for row in rows_left:
            if k not in row.nodes:
                note(row.latest(), f"in {before}, absent from {now}")
    return rows
