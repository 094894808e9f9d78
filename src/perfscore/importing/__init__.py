"""Importing published tables (text, Excel, Word, PDF) and exporting tables in their layout.

>>> from perfscore.importing import import_table, Imported, ImportFinding
"""

from .export import FORMATS, export_table, exportable
from .findings import ImportFinding, Place
from .importer import Imported, ImportFailed, import_table

__all__ = [
    "FORMATS",
    "ImportFailed",
    "ImportFinding",
    "Imported",
    "Place",
    "export_table",
    "exportable",
    "import_table",
]
