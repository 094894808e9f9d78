"""Table files (表格文件): loading a table of either kind from YAML or JSON, and its schema.

[load_table][perfscore.tables.load_table] reads a path, a bundled table's name or a parsed
mapping, refusing a repeated key (a later value would silently replace the first), picks the
model by the file's ``kind`` ([Table][perfscore.tables.Table] for ladders,
[TargetsTable][perfscore.tables.TargetsTable] for targets) and turns each validation problem
into a [TableError][perfscore.errors.TableError] with its field path
(``duties[8].activities[1].indicators[0].cells.良``). [json_schema][perfscore.tables.json_schema]
is the schema of both kinds.

>>> data, label = read_table_data("zanhuang-hrss-2018")
>>> label, data["year"]
('zanhuang-hrss-2018', 2018)
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import yaml
from pydantic import ValidationError

from perfscore.errors import PerfscoreError, TableError, clip

from ._models import Table
from ._targets_table import TargetsTable

__all__ = [
    "BUNDLED_NAME",
    "bundled_tables",
    "json_schema",
    "load_table",
    "read_table",
    "read_table_data",
    "table_error",
    "table_errors",
    "table_model",
]

#: What a bundled table's name looks like (and a table's ``name`` field): ``<place>-<department>-
#: <year>`` in lower-case letters, digits and hyphens.
BUNDLED_NAME: Final = re.compile(r"[a-z0-9][a-z0-9-]*")


def bundled_tables() -> list[str]:
    """The names of the tables that ship with perfscore.

    >>> "zanhuang-hrss-2018" in bundled_tables()
    True
    """
    return sorted(
        entry.name.rsplit(".", 1)[0]
        for entry in _bundle().iterdir()
        if entry.name.endswith((".yaml", ".yml", ".json"))
    )


def _bundle() -> Traversable:
    return files("perfscore").joinpath("indicators")


def read_table_data(source: str | Path | Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    """The parsed, not yet validated content of a table file and the label it is reported by."""
    if isinstance(source, Mapping):
        return source, "<mapping>"
    if not isinstance(source, str | Path):
        raise TableError(
            "a table is loaded from a path, a bundled table's name or a mapping, "
            f"not {type(source).__name__}"
        )
    text, label, suffix = _read(source)
    kind = "JSON" if suffix == ".json" else "YAML"
    try:
        data = (
            json.loads(text, object_pairs_hook=_json_object)
            if suffix == ".json"
            else _load_yaml(text)
        )
    except (_RepeatedKey, _Alias) as exc:
        raise TableError(f"not valid {kind}: {exc.args[0]}").located(file=label) from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise TableError(f"not valid {kind}: {exc}").located(file=label) from None
    except RecursionError:
        raise TableError(f"not valid {kind}: nested too deeply to read").located(
            file=label
        ) from None
    except ValueError as exc:  # Python's limit on the digits of an integer read from text
        if "digits" not in str(exc):
            raise
        raise TableError(f"not valid {kind}: a number of more than 4300 digits").located(
            file=label
        ) from None
    if not isinstance(data, Mapping):
        raise TableError("a table file holds a mapping at the top level").located(file=label)
    return data, label


class _RepeatedKey(Exception):
    """A key written twice in one mapping: the later value would silently replace the first."""


class _RefuseRepeatedKeys(yaml.constructor.SafeConstructor):
    """A mapping that repeats a key is refused (mixed into both loaders below)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                seen = first.get(key)
            except TypeError:  # an unhashable key: the base loader reports it
                break
            if seen is not None:
                raise _RepeatedKey(
                    f"the key {key!r} is repeated at line {line} (first at line {seen})"
                )
            first[key] = line
        return super().construct_mapping(node, deep=deep)


class _Alias(Exception):
    """An anchor or alias in a table file (a few lines of aliases can expand to millions of
    nodes)."""


class _UniqueKeyLoader(_RefuseRepeatedKeys, yaml.SafeLoader):
    """The safe YAML loader, refusing a mapping that repeats a key, and anchors and aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # A table file spells each value out: anchors (&a) and aliases (*a) are refused before
        # they are expanded, so a small file cannot fan out into millions of indicators.
        event: yaml.Event | None = (
            self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the PyYAML stubs
            if self.check_event(yaml.NodeEvent)
            else None
        )
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            alias = isinstance(event, yaml.AliasEvent)
            mark = f"an alias (*{clip(event.anchor, 20)})" if alias else "an anchor"
            if not alias:
                mark += f" (&{clip(event.anchor, 20)})"
            raise _Alias(
                f"{mark} at line {line}: table files spell every value out, without YAML "
                "anchors and aliases"
            )
        return super().compose_node(parent, index)


_STR = "tag:yaml.org,2002:str"


def _load_yaml(text: str) -> Any:
    """``text`` read by the safe loader, refusing repeated keys.

    With libyaml (every PyYAML wheel has it) the text is parsed in C and plain mappings,
    sequences and texts are built straight from its events, without the intermediate tree of
    nodes; any other scalar goes through the safe loader's own constructor. Anything unusual (an
    explicit tag on a mapping, a merge key, an unhashable key, any fault at all) sends the whole
    text to the pure Python loader, so every answer and every error message is that loader's.
    """
    # Text with & or * may hold an anchor or alias: the pure loader reads it, refusing them by
    # line (any anchor or alias the fast path meets all the same also sends the text there).
    if _CSafeLoader is not None and "&" not in text and "*" not in text:
        loader = _CSafeLoader(text)
        try:
            return _document(loader)
        except Exception:  # the pure loader reads it again and words the fault
            pass
        finally:
            loader.dispose()
    return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader


_CSafeLoader: type[Any] | None = getattr(yaml, "CSafeLoader", None)

#: Each plain scalar's tag, by its text and implicit flags: a province's files repeat the same
#: ids, cells and units thousands of times (shared on purpose, bounded).
_TAGS: dict[tuple[str, Any], str] = {}


class _Unusual(Exception):
    """An event the fast builder leaves to the pure loader."""


def _document(loader: Any) -> Any:
    # The events of one document, as the composer's get_single_node takes them.
    get = loader.get_event
    if type(get()) is not yaml.StreamStartEvent:
        raise _Unusual
    event = get()
    if type(event) is yaml.StreamEndEvent:
        return None
    if type(event) is not yaml.DocumentStartEvent:
        raise _Unusual
    data = _node(loader, get, get())
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unusual  # a second document: the pure loader refuses it
    return data


def _node(loader: Any, get: Any, event: Any) -> Any:
    kind = type(event)
    if kind is yaml.ScalarEvent:
        return _scalar(loader, event)
    # An anchor, an alias or an explicit tag on a collection: the pure loader's rules.
    if event.anchor is not None or event.tag not in (None, "!"):
        raise _Unusual
    if kind is yaml.MappingStartEvent:
        out: dict[str, Any] = {}
        while True:
            event = get()
            if type(event) is not yaml.ScalarEvent:
                if type(event) is yaml.MappingEndEvent:
                    return out
                raise _Unusual  # a collection as a key
            key = _scalar(loader, event)
            if type(key) is not str or key in out:
                raise _Unusual  # numbers as keys, merge keys …, a repeated key
            out[key] = _node(loader, get, get())
    if kind is yaml.SequenceStartEvent:
        items: list[Any] = []
        while True:
            event = get()
            if type(event) is yaml.SequenceEndEvent:
                return items
            items.append(_node(loader, get, event))
    raise _Unusual  # an alias


def _scalar(loader: Any, event: Any) -> Any:
    if event.anchor is not None:
        raise _Unusual
    value, tag = event.value, event.tag
    if tag is None or tag == "!":  # the composer resolves these from the text
        key = (value, event.implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
            if len(value) <= 64 and len(_TAGS) < 100_000:
                _TAGS[key] = tag
    if tag == _STR:
        return value
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    return loader.construct_object(node, deep=True)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            named = dict(pairs).get("id")
            within = f" in the object with id {named!r}" if isinstance(named, str) else ""
            raise _RepeatedKey(f"the key {key!r} is repeated{within}")
        out[key] = value
    return out


def _read(source: str | Path) -> tuple[str, str, str]:
    path = Path(source)
    label = str(path) if str(path).isprintable() else repr(str(path))
    name = str(source)
    try:
        # A file path names a file (a folder of the same name as a bundled table does not
        # shadow it); a name without a table suffix that is no file is a bundled table's.
        if path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file():
            if path.is_dir():
                raise TableError("a folder, not a table file").located(file=label)
            return path.read_text(encoding="utf-8-sig"), label, path.suffix.lower()
        if not BUNDLED_NAME.fullmatch(name):
            # Only a plain name reaches the bundle: ../ or a folder cannot lead out of it.
            raise TableError(
                f"no table file {clip(name)!r}, and a bundled table's name is lower-case "
                "letters, digits and hyphens (zanhuang-hrss-2018)"
            )
        for suffix in (".yaml", ".yml", ".json"):
            entry = _bundle().joinpath(name + suffix)
            if entry.is_file():
                return entry.read_text(encoding="utf-8"), name, suffix
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, PerfscoreError):
            raise
        # ValueError: a null byte in the name; OSError: a name the system refuses (too long)
        raise TableError(f"cannot read the table file: {exc}").located(file=label) from None
    close = difflib.get_close_matches(name, bundled_tables(), n=3)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise TableError(
        f"no table file {name!r} and no bundled table of that name{hint} "
        f"(bundled: {', '.join(bundled_tables())})"
    )


def table_error(exc: ValidationError, label: str) -> TableError:
    """The first problem pydantic found, saying how many more there are."""
    errors = table_errors(exc, label)
    error = errors[0]
    more = len(errors) - 1
    if more:
        error.reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return error


def table_errors(exc: ValidationError, label: str) -> list[TableError]:
    """Every problem pydantic found, each as a [TableError][perfscore.errors.TableError] with
    its field path."""
    return [_one_error(error, label) for error in exc.errors(include_url=False)]


def _one_error(problem: Any, label: str) -> TableError:
    path = _field_path(problem["loc"])
    cause = (problem.get("ctx") or {}).get("error")
    if isinstance(cause, PerfscoreError):
        where = cause.where
        if where.cell is not None:
            # A ladder's cells sit under `cells`; a targets table's target is its own field.
            field = where.cell if where.cell == "target" else f"cells.{where.cell}"
            path = f"{path}.{field}" if path else field
            where = dataclasses.replace(where, cell=None)
        error = TableError(cause.reason, where=where, detail=cause.details())
    else:
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = f"unknown field {problem['loc'][-1]!r}"
        elif problem["type"] == "tuple_type":  # the models keep lists as tuples (frozen)
            message = "Input should be a list"
        elif problem["type"] == "string_type" and problem["loc"][-1] == "id":
            # YAML reads 10.10 as the number 10.1: ids are text, never coerced.
            message = f'an id is text: quote it ("{problem["input"]}")'
        error = TableError(message)
    error.located(file=label, path=path or None)
    return error


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a table file, as committed in ``docs/table.schema.json``.

    Regenerate the committed file with ``perfscore schema > docs/table.schema.json``.

    >>> schema = json_schema()
    >>> schema["title"], schema["$defs"]["Indicator"]["properties"]["cells"]["required"]
    ('perfscore table', ['优', '良', '中', '差'])
    """
    from pydantic import TypeAdapter

    schema = TypeAdapter(Table | TargetsTable).json_schema()
    for model in (Table, TargetsTable):
        # A field that is a bare reference to another model loses its description; restore it.
        properties = schema["$defs"][model.__name__]["properties"]
        for name, info in model.model_fields.items():
            if "description" not in properties[name] and info.description:
                properties[name]["description"] = info.description
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "perfscore table",
        "description": "A department's table for one year: a ladder table "
        "部门职责-工作活动绩效目标 (duties, activities and indicators with their published "
        "grading cells) or, with kind: targets, a goal or self-evaluation table (projects "
        "and indicators with one published target each); see docs/data-files.md and "
        "docs/targets.md.",
    }


# -- loading -------------------------------------------------------------------------------------


def load_table(source: str | Path | Mapping[str, Any]) -> Table | Any:
    """Load a table from a path (YAML or JSON), a bundled table's name, or a parsed mapping.

    A file with ``kind: targets`` is a [TargetsTable][perfscore.tables.TargetsTable] (one target
    per indicator); any other is a ladder [Table][perfscore.tables.Table] (``kind: ladders``, the
    default).
    Which one is known only once the file is read, so the result is typed ``Table | Any`` (code
    written for ladder tables keeps working; code for targets tables narrows with
    ``isinstance``); [read_table][perfscore.tables.read_table] is the same function typed
    ``Table | TargetsTable``.

    Raises [TableError][perfscore.errors.TableError] naming the file, the field path and the
    reason.
    """
    return read_table(source)


def read_table(source: str | Path | Mapping[str, Any]) -> Table | TargetsTable:
    """[load_table][perfscore.tables.load_table], typed as the union of the two kinds of table.

    Raises [TableError][perfscore.errors.TableError] as ``load_table`` does.
    """
    data, label = read_table_data(source)
    try:
        model = table_model(data)
    except TableError as error:
        raise error.located(file=label) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise table_error(exc, label) from None


def table_model(data: Mapping[str, Any]) -> type[Table] | type[TargetsTable]:
    """The model a table file's mapping is validated by, from its ``kind``.

    Raises [TableError][perfscore.errors.TableError] for a kind other than ``ladders`` and
    ``targets``.

    >>> table_model({}).__name__, table_model({"kind": "targets"}).__name__
    ('Table', 'TargetsTable')
    """
    kind = data.get("kind", "ladders")
    if kind == "targets":
        return TargetsTable
    if kind != "ladders":
        raise TableError(f"kind is 'ladders' (the default) or 'targets', not {kind!r}").located(
            path="kind"
        )
    return Table
