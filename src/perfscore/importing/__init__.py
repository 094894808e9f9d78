"""Importing published tables (text, web pages, Excel, Word, PDF); exporting them in their layout.

Owns `import_table` (a published table read into rows, laid out as a ladder or a targets table,
every repair a finding and a reading of the table file), `read_source` and `read_text` (a file
or a text read into the rows the layouts take: its cells, prose lines, pages and lines) and
`export_table` (a table written back out in its published layout). The parsers of Word, PDF,
web pages and ``.xls`` are imported inside functions (the ``import`` extra).

May import: the ground, `perfscore.notation`, `perfscore.ladders` and `perfscore.tables`.

>>> from perfscore.importing import import_table, Imported, ImportFinding
"""

from ._export import FORMATS, export_table, exportable
from ._findings import ImportFinding, Place
from ._importer import Imported, ImportFailed, import_table
from ._ladder_headers import LAYOUTS
from ._rows import Source, SourceRow
from ._sources import read_source, read_text

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "ImportFailed",
    "ImportFinding",
    "Imported",
    "Place",
    "Source",
    "SourceRow",
    "export_table",
    "exportable",
    "import_table",
    "read_source",
    "read_text",
]
