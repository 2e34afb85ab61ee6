"""One district-month of synthetic tickets, built column by column with numpy (no loop over rows).

The random stream of a district-month depends only on (seed, district, year, month), so generating a
half year or a whole year gives the same January. Return visits are assigned by quota: within a
district-month, the counted tickets with a valid visit are ordered by a latent quality (a random draw
plus the 街乡's and the handling unit's own effect), and the best ``round(rate × n)`` are contacted,
solved, satisfied — so the district's three rates are the calibrated ones exactly, while 街乡 and units
differ around them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import zlib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import calibration as cal
from .categories import TOPIC_CATEGORIES, TREE
from .geography import ENTERPRISES, District, community_names

HOURS = np.array([0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 1.6, 3.2, 4.4, 4.6, 4.2,
                  3.3, 3.6, 4.2, 4.3, 4.0, 3.5, 2.8, 2.6, 2.4, 2.0, 1.3, 0.7])
CHANNELS = (("phone", 0.78), ("web", 0.05), ("app", 0.07), ("wechat", 0.08), ("weibo", 0.02))
APPEALS = (("consult", 0.25), ("help", 0.30), ("complaint", 0.35), ("report", 0.05), ("suggestion", 0.05))
COMMUNITIES_PER_STREET = 15
ASSIST_SHARE = 0.05
FREQUENT_CALLERS = 0.10  # tickets from a caller who calls again about the same address
MS = 1000
STREET_SD, MONTH_SD, UNIT_SD = 0.20, 0.10, 0.15
SURGES_PER_MONTH, SURGE_TICKETS = 2, (25, 60)


def _rng(seed: int, *parts: object) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32("/".join(map(str, parts)).encode())])


def _dict(indices: np.ndarray, values: list[str] | np.ndarray) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)), pa.array(list(values), pa.string()))


def _choice(rng: np.random.Generator, pairs: tuple[tuple[str, float], ...], n: int) -> pa.DictionaryArray:
    p = np.array([w for _, w in pairs])
    return _dict(rng.choice(len(pairs), n, p=p / p.sum()), [c for c, _ in pairs])


def _day_weights(year: int, month: int) -> np.ndarray:
    days = calendar.monthrange(year, month)[1]
    w = np.ones(days)
    for d in range(days):
        day = dt.date(year, month, d + 1)
        if day.weekday() >= 5:
            w[d] = 0.72
        if (month, d + 1) in ((1, 1), (5, 1), (10, 1)):
            w[d] = 0.6
    if (year, month) == (2021, 2):
        w[10:17] *= 0.55  # Spring Festival 2021
    return w / w.sum()


def _ms(year: int, month: int) -> int:
    return int(dt.datetime(year, month, 1, tzinfo=dt.UTC).timestamp()) * MS


def injected_surges(district: District, year: int, month: int, seed: int = 2021) -> list[tuple[int, int, int, int]]:
    """The surges planted in a district-month: (street index, category index, first day index (a Monday),
    tickets moved into that category in that street during that week). A test checks the detector finds
    them."""
    rng = _rng(seed, district.code, year, month, "surges")
    days = calendar.monthrange(year, month)[1]
    mondays = [d for d in range(days - 6) if dt.date(year, month, d + 1).weekday() == 0]
    out = []
    for _ in range(SURGES_PER_MONTH if mondays else 0):
        out.append((int(rng.integers(len(district.streets))), int(rng.integers(10, len(TREE.route))),
                    int(rng.choice(mondays)), int(rng.integers(*SURGE_TICKETS))))
    return out


def district_month(district: District, year: int, month: int, scale: float, seed: int = 2021) -> pa.Table:
    n = cal.month_volume(district.code, year, month, scale)
    rng = _rng(seed, district.code, year, month)
    streets = district.streets
    n_streets = len(streets)

    # Where: 街乡 by a fixed long-tailed size, then a community.
    size = _rng(seed, district.code, "sizes").lognormal(0, 0.5, n_streets)
    street = rng.choice(n_streets, n, p=size / size.sum())
    community = street * COMMUNITIES_PER_STREET + rng.integers(0, COMMUNITIES_PER_STREET, n)
    community_codes = [f"{s.code}{i + 1:03d}" for s in streets for i in range(COMMUNITIES_PER_STREET)]
    community_labels = [c for s in streets for c in community_names(s, COMMUNITIES_PER_STREET)]

    # When: a day by weekday profile, an hour by the daily curve, then minutes and seconds.
    day = rng.choice(len(_day_weights(year, month)), n, p=_day_weights(year, month))
    hour = rng.choice(24, n, p=HOURS / HOURS.sum())
    accepted = _ms(year, month) + (day * 86400 + hour * 3600 + rng.integers(0, 3600, n)) * MS
    order = np.argsort(accepted, kind="stable")  # ticket numbers in time order; other draws are independent
    accepted, day = accepted[order], day[order]

    # What: category (seasonal, long-tailed), appeal type, channel.
    cat = rng.choice(len(TREE.route), n, p=TREE.probabilities(month))
    for s_street, s_cat, s_day, s_count in injected_surges(district, year, month, seed):
        during = np.flatnonzero((street == s_street) & (day >= s_day) & (day < s_day + 7))
        cat[during[:s_count]] = s_cat
    appeal = _choice(rng, APPEALS, n)

    # Who handles it: the 街乡, a department, or a city enterprise.
    depts = district.departments()
    dept_index = {code.split("-", 1)[1]: i for i, (code, _) in enumerate(depts)}
    unit_codes = [s.code for s in streets] + [c for c, _ in depts] + [f"ent-{s}" for s, _ in ENTERPRISES]
    unit_names = [s.name for s in streets] + [nm for _, nm in depts] + [nm for _, nm in ENTERPRISES]
    unit_kinds = ["street"] * n_streets + ["department"] * len(depts) + ["enterprise"] * len(ENTERPRISES)
    route = np.array([(-1 if r == "street" else (n_streets + len(depts) + [s for s, _ in ENTERPRISES].index(r[4:]))
                      if r.startswith("ent:") else n_streets + dept_index[r]) for r in TREE.route])
    unit = route[cat]
    unit = np.where(unit < 0, street, unit)

    # Exclusions, then return visits by quota within the district-month.
    u = rng.random(n)
    not_assessed = u < cal.NOT_ASSESSED
    unreasonable = (u >= cal.NOT_ASSESSED) & (u < cal.NOT_ASSESSED + cal.UNREASONABLE)
    appealed = (u >= cal.NOT_ASSESSED + cal.UNREASONABLE) & (u < cal.NOT_ASSESSED + cal.UNREASONABLE + cal.APPEAL_APPROVED)
    counted = ~(not_assessed | unreasonable | appealed)
    valid = rng.random(n) < cal.VALID_VISIT
    # A 街乡's and a unit's own standing (kept across months) and its month's luck move its rates.
    street_effect = _rng(seed, district.code, "street-effect").normal(0, STREET_SD, n_streets)
    street_effect += rng.normal(0, MONTH_SD, n_streets)
    unit_effect = _rng(seed, district.code, "unit-effect").normal(0, UNIT_SD, len(unit_codes))
    quality = rng.standard_normal(n) + street_effect[street] + unit_effect[unit]
    # Order the counted valid tickets by quality, best first; others get their own draws below.
    pool = np.flatnonzero(counted & valid)
    order = pool[np.argsort(-quality[pool], kind="stable")]
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(len(order))
    r_resp, r_solv, r_sat = cal.month_rates(district.code, year, month)
    m = len(order)
    contacted = np.zeros(n, dtype=bool)
    solved = np.zeros(n, dtype=bool)
    sat_level = np.full(n, 2, dtype=np.int8)  # 0 satisfied, 1 basic, 2 unsatisfied
    contacted[order] = pos[order] < np.floor(r_resp * m + 0.5)
    solved[order] = pos[order] < np.floor(r_solv * m + 0.5)
    n_sat = np.floor((r_sat - 0.9 * cal.BASIC_SHARE) * m + 0.5)
    n_basic = np.floor(cal.BASIC_SHARE * m + 0.5)
    sat_level[order] = np.where(pos[order] < n_sat, 0, np.where(pos[order] < n_sat + n_basic, 1, 2))
    rest = np.flatnonzero(~(counted & valid))  # excluded or no valid visit: worse outcomes, drawn
    v = rng.random(len(rest))
    contacted[rest] = v < 0.9
    solved[rest] = v < 0.3
    sat_level[rest] = np.where(v < 0.25, 0, np.where(v < 0.35, 1, 2))
    has_visit = valid

    # Handling times (seconds after acceptance).
    dispatched = accepted + (rng.lognormal(np.log(1800), 0.8, n) * MS).astype(np.int64)
    signed = dispatched + (rng.lognormal(np.log(7200), 1.0, n) * MS).astype(np.int64)
    first_contact = signed + (rng.lognormal(np.log(6 * 3600), 1.0, n) * MS).astype(np.int64)
    consult = np.asarray(pc.equal(appeal.cast(pa.string()), "consult").to_numpy(zero_copy_only=False))
    due = accepted + np.where(consult, 3, 15) * 86400 * MS
    closed = accepted + (np.where(consult, rng.lognormal(np.log(86400), 0.8, n),
                                  rng.lognormal(np.log(3 * 86400), 0.9, n)) * MS).astype(np.int64)

    # Callers: most call once; some call again about the same address.
    frequent = rng.random(n) < FREQUENT_CALLERS
    k = rng.integers(0, 40, n)
    caller = np.where(frequent, 10**9 + street * 1000 + k, 10**12 + (month * 10**8) + np.arange(n))
    building = np.where(frequent, k % 30 + 1, rng.integers(1, 60, n))
    addr_community = np.where(frequent, street * COMMUNITIES_PER_STREET + k % COMMUNITIES_PER_STREET, community)

    seq = (year % 100) * 10**12 + month * 10**10 + district.number * 10**8 + np.arange(1, n + 1)
    tag = np.where(np.isin(TREE.names[2][cat], list(TOPIC_CATEGORIES)) & (rng.random(n) < 0.2), 1,
                   np.where(rng.random(n) < 0.01, 2, 0))
    ts = pa.timestamp("ms")
    cols = {
        "ticket_id": pa.array(seq).cast(pa.string()),
        "accepted_at": pa.array(accepted, ts),
        "channel": _choice(rng, CHANNELS, n),
        "appeal_type": appeal,
        "category1_code": _dict(cat, TREE.codes[0]), "category1": _dict(cat, TREE.names[0]),
        "category2_code": _dict(cat, TREE.codes[1]), "category2": _dict(cat, TREE.names[1]),
        "category3_code": _dict(cat, TREE.codes[2]), "category3": _dict(cat, TREE.names[2]),
        "district_code": _dict(np.zeros(n, np.int32), [district.code]),
        "district": _dict(np.zeros(n, np.int32), [district.name]),
        "street_code": _dict(street, [s.code for s in streets]),
        "street": _dict(street, [s.name for s in streets]),
        "community_code": _dict(community, community_codes),
        "community": _dict(community, community_labels),
        "unit_code": _dict(unit, unit_codes), "unit": _dict(unit, unit_names),
        "unit_kind": _dict(unit, unit_kinds),
        "unit_role": _dict(np.zeros(n, np.int32), ["main", "assist"]),
        "dispatched_at": pa.array(dispatched, ts), "signed_at": pa.array(signed, ts),
        "first_contact_at": pa.array(first_contact, ts, mask=~contacted),
        "due_at": pa.array(due, ts), "closed_at": pa.array(closed, ts),
        "assessed": pa.array(~not_assessed), "unreasonable": pa.array(unreasonable),
        "appeal_approved": pa.array(appealed), "visit_valid": pa.array(has_visit),
        "contacted": pa.array(contacted, mask=~has_visit), "solved": pa.array(solved, mask=~has_visit),
        "satisfaction": pa.DictionaryArray.from_arrays(
            pa.array(sat_level.astype(np.int32), mask=~has_visit), pa.array(["satisfied", "basic", "unsatisfied"])),
        "caller_id": pa.array(caller).cast(pa.string()),
        "address": pc.binary_join_element_wise(
            _dict(addr_community, community_labels).cast(pa.string()), pa.array(building).cast(pa.string()), "号楼", ""),
        "tags": pa.DictionaryArray.from_arrays(pa.array(tag.astype(np.int32), mask=tag == 0),
                                               pa.array(["", "每月一题", "主动治理"])),
    }
    table = pa.table(cols)
    return _with_assists(table, rng, depts, n_streets)


def _with_assists(table: pa.Table, rng: np.random.Generator, depts: list[tuple[str, str]], n_streets: int) -> pa.Table:
    """Some tickets get a helping department (协办): one more row, same ticket, ``unit_role = assist``."""
    n = table.num_rows
    picked = np.flatnonzero(rng.random(n) < ASSIST_SHARE)
    if len(picked) == 0:
        return table
    helper = rng.integers(0, len(depts), len(picked))
    extra = table.take(pa.array(picked))
    codes = [c for c, _ in depts]
    names = [nm for _, nm in depts]
    replace = {
        "unit_code": _dict(helper, codes), "unit": _dict(helper, names),
        "unit_kind": _dict(np.zeros(len(picked), np.int32), ["department"]),
        "unit_role": _dict(np.ones(len(picked), np.int32), ["main", "assist"]),
    }
    for name, arr in replace.items():
        extra = extra.set_column(extra.schema.get_field_index(name), name, arr)
    # A helper equal to the main unit would repeat the key; such rows are dropped.
    same = pc.equal(extra.column("unit_code").cast(pa.string()), table.column("unit_code").take(pa.array(picked)).cast(pa.string()))
    extra = extra.filter(pc.invert(same))
    return pa.concat_tables([table, extra])  # chunks of a dictionary column may have their own dictionaries
