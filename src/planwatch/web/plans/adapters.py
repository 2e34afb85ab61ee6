"""A plan's rows between the core's data classes and the Django models, derived from the one field list.

``planwatch.core.model`` declares each field of a plan once (``col``). Here every such field is mapped to
the model field of the same name: a ``ref`` column (a code naming another table's row in the core) is the
model's foreign key of that name; the task's ``co`` codes are its ``TaskCoDepartment`` rows; ``source``
is the ``PackageRow`` origin fields (file, row, sentence, illustrative); enum fields are their text ("" for
none). A new column is a new field in the core and one model field of the same name: nothing here changes.
``measures.csv`` and ``narrative.csv`` have no model of their own: their rows are kept in ``Plan.extra``
under those names, converted by the same field list.
"""

from __future__ import annotations

import datetime as dt
import gc
import typing
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import connections, models

from planwatch.core import model as core

from . import models as m

SOURCE_FIELDS = ("source", "illustrative", "origin_file", "origin_row")


@dataclass(frozen=True)
class Mapping:
    """How one core data class maps to one model."""

    core: type
    model: type[models.Model]
    scalars: tuple[str, ...]  # fields of the same name on both sides
    enums: dict[str, type[Enum]]  # core field → its enum (text in the database, "" for none)
    refs: dict[str, str]  # core field (a code) → the table it names; the model's foreign key of that name
    codes: tuple[str, ...]  # fields holding several codes (the task's co-departments)
    blanks: dict[str, Any]  # the core default of each field, for a database NULL


def mapping(core_cls: type, model_cls: type[models.Model] | None) -> Mapping:
    hints = typing.get_type_hints(core_cls)
    scalars: list[str] = []
    enums: dict[str, type[Enum]] = {}
    refs: dict[str, str] = {}
    codes: list[str] = []
    blanks: dict[str, Any] = {}
    for f in fields(core_cls):
        if core.COLUMN not in f.metadata:
            continue
        col: core.Column = f.metadata[core.COLUMN]
        blanks[f.name] = f.default if f.default is not MISSING else None
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)] or [hints[f.name]]
        if col.kind == "codes":
            codes.append(f.name)
        elif col.ref:
            refs[f.name] = col.ref
        elif isinstance(args[0], type) and issubclass(args[0], Enum):
            enums[f.name] = args[0]
        else:
            scalars.append(f.name)
    if model_cls is not None:
        names = {fld.name for fld in model_cls._meta.get_fields()}
        missing = [n for n in [*scalars, *enums, *refs] if n not in names]
        if missing:
            raise TypeError(f"{model_cls.__name__} has no field for {core_cls.__name__}.{', '.join(missing)}")
    return Mapping(core_cls, model_cls or models.Model, tuple(scalars), enums, refs, tuple(codes), blanks)


MAPPINGS: dict[str, Mapping] = {
    "departments": mapping(core.Department, m.Department),
    "areas": mapping(core.Area, m.Area),
    "indicators": mapping(core.Indicator, m.Indicator),
    "observations": mapping(core.Observation, m.Observation),
    "targets": mapping(core.Target, m.Target),
    "tasks": mapping(core.Task, m.Task),
    "progress": mapping(core.ProgressRow, m.Submission),
    "projects": mapping(core.Project, m.Project),
    "measures": mapping(core.Measure, None),
    "narrative": mapping(core.Narrative, None),
}
IN_EXTRA = ("measures", "narrative")  # kept in Plan.extra as rows
# a model row's value that the core cannot take, read as: a target with no kind (typed in the admin) is one
# in words
FALLBACKS: dict[str, dict[str, Any]] = {"targets": {"kind": core.TargetKind.QUALITATIVE}}


# --- core → model -----------------------------------------------------------------------------------


def source_fields(source: core.Source) -> dict[str, Any]:
    return {"source": source.quote, "illustrative": source.illustrative,
            "origin_file": source.file, "origin_row": source.row}


def model_values(table: str, obj: Any) -> dict[str, Any]:
    """The model field values of core row ``obj`` of ``table``, foreign keys and co-departments left to the
    caller (they need the rows made before)."""
    mp = MAPPINGS[table]
    out = {n: getattr(obj, n) for n in mp.scalars}
    for n in mp.enums:
        value = getattr(obj, n)
        out[n] = "" if value is None else str(value)
    out.update(source_fields(obj.source))
    return out


def extra_rows(table: str, objs: Iterable[Any]) -> list[dict[str, Any]]:
    """Rows of a table kept in ``Plan.extra`` (measures, narrative) as JSON-ready dicts."""
    mp = MAPPINGS[table]
    return [{**{n: getattr(o, n) for n in (*mp.scalars, *mp.refs)},
             "illustrative": o.source.illustrative, "source": o.source.quote,
             "origin_file": o.source.file, "origin_row": o.source.row} for o in objs]


# --- model → core -----------------------------------------------------------------------------------



def _as_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(value)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _converter(field: Any) -> Callable[[Any], Any] | None:
    """How a raw database value of ``field`` becomes the core's value (None: as it is)."""
    from .fields import PublishedDecimalField

    if isinstance(field, PublishedDecimalField):
        return _as_decimal
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return _as_date
    return None


def maker(table: str, codes: dict[str, dict[int, str]]) -> tuple[list[str], Callable[[tuple[Any, ...]], Any]]:
    """(the model columns to read, a function making the core row from one raw database tuple of them).
    ``codes`` maps each referenced table to {row id: code}. The tuple is the database driver's own (read
    with a plain cursor, no Django converters): decimals kept as text, SQLite's dates and booleans as
    text and integers, are converted here."""
    mp = MAPPINGS[table]
    names = [*mp.scalars, *mp.enums, *(f"{r}_id" for r in mp.refs), *SOURCE_FIELDS]
    meta = mp.model._meta
    convert = [(i, fn) for i, n in enumerate(names)
               if (fn := _converter(meta.get_field(n.removesuffix("_id") if n.endswith("_id") else n))) is not None]
    n_s, n_e = len(mp.scalars), len(mp.enums)
    enum_names, enum_types = list(mp.enums), list(mp.enums.values())
    ref_names, ref_maps = list(mp.refs), [codes[t] for t in mp.refs.values()]
    scalar_names = list(mp.scalars)
    blanks = {**mp.blanks, **FALLBACKS.get(table, {})}
    cls = mp.core
    Source = core.Source

    def make(raw: tuple[Any, ...]) -> Any:
        row = list(raw)
        for i, fn in convert:
            row[i] = fn(row[i])
        kw: dict[str, Any] = {}
        for i, name in enumerate(scalar_names):
            value = row[i]
            kw[name] = blanks[name] if value is None else value
        for j, (name, enum) in enumerate(zip(enum_names, enum_types, strict=True)):
            value = row[n_s + j]
            try:
                kw[name] = enum(value) if value else blanks[name]
            except ValueError:  # a value outside the enum: the fallback, if any, else the blank
                kw[name] = blanks[name]
        base = n_s + n_e
        for k, (name, ids) in enumerate(zip(ref_names, ref_maps, strict=True)):
            ref = row[base + k]
            kw[name] = ids.get(ref, "") if ref is not None else ""
        quote, illustrative, file, line = row[-4:]
        return cls(**kw, source=Source(file=file, row=line, quote=quote, illustrative=bool(illustrative)))

    return names, make


def read_rows(table: str, queryset: models.QuerySet[Any], codes: dict[str, dict[int, str]]) -> list[Any]:
    """The core rows of ``table`` read from ``queryset``: one query with a plain cursor, no model instances
    and no per-value Django converters (a city's hundreds of thousands of observations come back as
    tuples), with the cycle collector paused while the rows are made (they hold no cycles)."""
    names, make = maker(table, codes)
    sql, params = queryset.values_list(*names).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    was = gc.isenabled()
    gc.disable()
    try:
        return [make(r) for r in raw]
    finally:
        if was:
            gc.enable()


def from_extra(table: str, rows: Iterable[dict[str, Any]]) -> list[Any]:
    """The core rows of a table kept in ``Plan.extra`` (measures, narrative)."""
    mp = MAPPINGS[table]
    out = []
    for r in rows:
        kw = {n: r.get(n, mp.blanks[n]) for n in (*mp.scalars, *mp.refs)}
        out.append(mp.core(**kw, source=core.Source(file=r.get("origin_file", ""), row=int(r.get("origin_row", 0)),
                                                     quote=r.get("source", ""),
                                                     illustrative=bool(r.get("illustrative")))))
    return out


__all__ = ["IN_EXTRA", "MAPPINGS", "Mapping", "extra_rows", "from_extra", "maker", "model_values", "read_rows",
           "source_fields"]
