"""Importing published tables (text, Excel, Word, PDF) and exporting tables in their layout.

Owns `import_table` (a published table read into rows, laid out as a ladder or a targets table,
every repair a finding and a reading of the table file) and `export_table` (a table written
back out in its published layout). Word and PDF parsers are imported inside functions (the
``import`` extra).

May import: the ground, `perfscore.notation`, `perfscore.ladders` and `perfscore.tables`.

>>> from perfscore.importing import import_table, Imported, ImportFinding
"""

from ._export import FORMATS, export_table, exportable
from ._findings import ImportFinding, Place
from ._importer import Imported, ImportFailed, import_table
from ._ladder_headers import LAYOUTS

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "ImportFailed",
    "ImportFinding",
    "Imported",
    "Place",
    "export_table",
    "exportable",
    "import_table",
]
