"""Show each object once: a public name at its package's face, a private module's own names there.

A package's face (``perfscore/ladders/__init__.py``) exports names defined in its private modules
(``_ladder.py`` ...), so mkdocstrings would render ``Ladder`` twice, at ``perfscore.ladders.Ladder``
on the API page and at ``perfscore.ladders._ladder.Ladder`` on the contributors' page, and links
from signatures and base classes, which follow the defining path, would land on the private copy.
This extension marks, in every private module, the objects a face exports and the names the
module only re-exports as not public, and every other name without a leading underscore as
public, whether or not the module's ``__all__`` lists it; with ``filters: public`` the
contributors' page then shows each private module's own internal names, and every link to a
public name goes to its face.
"""

from __future__ import annotations

from typing import Any

import griffe


def _modules(module: griffe.Module) -> list[griffe.Module]:
    found = [module]
    for sub in module.modules.values():
        if not sub.is_alias:
            found += _modules(sub)
    return found


def exported_paths(package: griffe.Module) -> set[str]:
    """The defining paths of the names every public module of ``package`` exports."""
    paths: set[str] = set()
    for module in _modules(package):
        if any(part.startswith("_") and part != "__init__" for part in module.path.split(".")):
            continue
        for name in module.exports or ():
            if not isinstance(name, str):  # ``*_API`` in perfscore/__init__.py, not expanded yet
                continue
            member = module.members.get(name)
            if member is not None and member.is_alias:
                paths.add(member.target_path)
    return paths


class FacesFirst(griffe.Extension):
    """Mark what a private module re-exports, or a face exports, as not public."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        public = exported_paths(pkg)
        for module in _modules(pkg):
            if not module.name.startswith("_") or module.name.startswith("__"):
                continue
            for member in module.members.values():
                if member.is_alias or member.path in public:
                    member.public = False
                elif not member.name.startswith("_"):
                    member.public = True  # a helper the module keeps out of its __all__
