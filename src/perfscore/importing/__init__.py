"""Importing published tables (text, Excel, Word, PDF) and exporting tables in their layout.

>>> from perfscore.importing import import_table, Imported, ImportFinding
"""

from .findings import ImportFinding, Place
from .importer import ImportFailed, Imported, import_table

__all__ = ["ImportFailed", "ImportFinding", "Imported", "Place", "import_table"]
