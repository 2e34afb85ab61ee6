"""The hotline's SQL, written once in DuckDB's dialect over the view ``tickets`` (Spark gets it through
SQLGlot). Every query returns counts, codes, names and dates only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .errors import HotlineError
from .rules import RuleSet, Segment

# level → (code column, name column). "city" is everything in scope as one row.
LEVELS: dict[str, tuple[str, str]] = {
    "city": ("'city'", "'全市'"),
    "district": ("district_code", "district"),
    "street": ("street_code", "street"),
    "community": ("community_code", "community"),
    "unit": ("unit_code", "unit"),
    "category1": ("category1_code", "category1"),
    "category2": ("category2_code", "category2"),
    "category3": ("category3_code", "category3"),
}
LEVEL_ALIASES = {"category": "category1", "department": "unit"}


def level_columns(level: str) -> tuple[str, str]:
    level = LEVEL_ALIASES.get(level, level)
    if level not in LEVELS:
        raise HotlineError(f"未知分组 {level!r} / unknown grouping {level!r} (use {', '.join(LEVELS)})")
    return LEVELS[level]


def ts(value: dt.datetime) -> str:
    return f"CAST('{value:%Y-%m-%d %H:%M:%S}' AS TIMESTAMP)"


def quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def bucket_sql(every: str | None, column: str = "accepted_at") -> str:
    if every is None:
        return "0"
    return {
        "day": f"CAST({column} AS DATE)",
        "week": f"CAST(date_trunc('week', {column}) AS DATE)",
        "month": f"year({column}) * 100 + month({column})",
        "quarter": f"year({column}) * 10 + quarter({column})",
        "half": f"year({column}) * 10 + CASE WHEN month({column}) <= 6 THEN 1 ELSE 2 END",
        "year": f"year({column})",
    }[every]


def included_sql(rules: RuleSet) -> str:
    """The tickets that count in the rates under ``rules`` (the exclusions leave the denominators)."""
    terms = []
    if rules.exclude_not_assessed:
        terms.append("assessed")
    if rules.exclude_unreasonable:
        terms.append("NOT unreasonable")
    if rules.exclude_appeal_approved:
        terms.append("NOT appeal_approved")
    return "(" + " AND ".join(terms) + ")" if terms else "TRUE"


def _by_segment(segments: Sequence[Segment], pick: list[str]) -> str:
    """A CASE choosing ``pick[i]`` for tickets accepted during segment i."""
    if len(set(pick)) == 1:
        return pick[0]
    whens = " ".join(f"WHEN accepted_at < {ts(s.end)} THEN {p}" for s, p in zip(segments[:-1], pick[:-1], strict=True))
    return f"(CASE {whens} ELSE {pick[-1]} END)"


def where_sql(start: dt.datetime, end: dt.datetime, filters: dict[str, str] | None = None, main_only: bool = True) -> str:
    parts = [f"accepted_at >= {ts(start)}", f"accepted_at < {ts(end)}"]
    if main_only:
        parts.append("unit_role = 'main'")
    for column, value in sorted((filters or {}).items()):
        parts.append(f"{column} = {quote(value)}")
    return " AND ".join(parts)


def counts_sql(level: str, segments: Sequence[Segment], every: str | None = None,
               filters: dict[str, str] | None = None) -> str:
    """Per (code, bucket, rule segment): tickets and the return-visit counts the rates are made of."""
    code, name = level_columns(level)
    seg = _by_segment(segments, [str(i) for i in range(len(segments))])
    incl = _by_segment(segments, [included_sql(s.rules) for s in segments])
    v = f"{incl} AND visit_valid"
    return f"""
SELECT {code} AS code, max({name}) AS name, {bucket_sql(every)} AS bucket, {seg} AS seg,
  count(*) AS tickets,
  sum(CASE WHEN {incl} THEN 1 ELSE 0 END) AS counted,
  sum(CASE WHEN {v} THEN 1 ELSE 0 END) AS valid,
  sum(CASE WHEN {v} AND contacted THEN 1 ELSE 0 END) AS contacted,
  sum(CASE WHEN {v} AND solved THEN 1 ELSE 0 END) AS solved,
  sum(CASE WHEN {v} AND satisfaction = 'satisfied' THEN 1 ELSE 0 END) AS satisfied,
  sum(CASE WHEN {v} AND satisfaction = 'basic' THEN 1 ELSE 0 END) AS basic,
  sum(CASE WHEN unreasonable THEN 1 ELSE 0 END) AS unreasonable,
  sum(CASE WHEN appeal_approved THEN 1 ELSE 0 END) AS appeal_approved,
  sum(CASE WHEN NOT assessed THEN 1 ELSE 0 END) AS not_assessed
FROM tickets
WHERE {where_sql(segments[0].start, segments[-1].end, filters)}
GROUP BY 1, 3, 4
ORDER BY 1, 3, 4"""


def category_counts_sql(level: int, group: str, start: dt.datetime, end: dt.datetime, every: str,
                        filters: dict[str, str] | None = None) -> str:
    """Tickets per (group code, category, bucket): the input of topics and surges."""
    gcode, gname = level_columns(group)
    return f"""
SELECT {gcode} AS gcode, max({gname}) AS gname, category{level}_code AS ccode, max(category{level}) AS cname,
  {bucket_sql(every)} AS bucket, count(*) AS tickets
FROM tickets
WHERE {where_sql(start, end, filters)}
GROUP BY 1, 3, 5
ORDER BY 1, 3, 5"""


def overdue_sql(start: dt.datetime, end: dt.datetime, as_of: dt.datetime, filters: dict[str, str] | None = None,
                limit: int | None = None) -> str:
    """Tickets accepted in the span that were closed after their deadline or are open past it at ``as_of``."""
    late = (f"due_at IS NOT NULL AND ((closed_at IS NOT NULL AND closed_at > due_at) OR "
            f"(closed_at IS NULL AND due_at < {ts(as_of)}))")
    return f"""
SELECT ticket_id, accepted_at, due_at, closed_at, district_code, street_code, street, unit_code, unit,
  category3, appeal_type
FROM tickets
WHERE {where_sql(start, end, filters)} AND {late}
ORDER BY due_at, ticket_id{f' LIMIT {int(limit)}' if limit else ''}"""


def overdue_counts_sql(level: str, start: dt.datetime, end: dt.datetime, as_of: dt.datetime,
                       filters: dict[str, str] | None = None) -> str:
    code, name = level_columns(level)
    late = (f"due_at IS NOT NULL AND ((closed_at IS NOT NULL AND closed_at > due_at) OR "
            f"(closed_at IS NULL AND due_at < {ts(as_of)}))")
    return f"""
SELECT {code} AS code, max({name}) AS name, count(*) AS tickets,
  sum(CASE WHEN {late} THEN 1 ELSE 0 END) AS overdue
FROM tickets
WHERE {where_sql(start, end, filters)}
GROUP BY 1
ORDER BY 1"""


def repeat_sql(level: str, start: dt.datetime, end: dt.datetime, days: int, filters: dict[str, str] | None = None) -> str:
    """Complaints from a caller about an address that the same caller raised within ``days`` before.

    The look-back reaches ``days`` before the span, so a repeat early in the span is found."""
    code, name = level_columns(level)
    lookback = start - dt.timedelta(days=days)
    return f"""
WITH c AS (
  SELECT {code} AS code, {name} AS name, accepted_at, ticket_id,
    lag(accepted_at) OVER (PARTITION BY caller_id, address ORDER BY accepted_at, ticket_id) AS previous_at
  FROM tickets
  WHERE {where_sql(lookback, end, filters)} AND appeal_type = 'complaint'
    AND caller_id IS NOT NULL AND address IS NOT NULL
)
SELECT code, max(name) AS name, count(*) AS complaints,
  sum(CASE WHEN previous_at IS NOT NULL AND previous_at >= accepted_at - INTERVAL {int(days)} DAY THEN 1 ELSE 0 END)
    AS repeats
FROM c
WHERE accepted_at >= {ts(start)}
GROUP BY 1
ORDER BY 1"""
