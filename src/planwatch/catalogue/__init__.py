"""The indicator catalogue: statistical indicators by their official names, with their variants.

``indicators.yaml`` (beside this module) lists the indicators of Chinese development plans and execution
reports as the statistics bureaus name them (地区生产总值, 规模以上工业增加值 …), each with a code, an
English name, the usual unit, whether it is a level, a rate or an index, how it aggregates, whether its
growth is at comparable prices, whether higher is better, and the abbreviations and variants reports use
(规上工业增加值, 社零额, GDP). ``docs/catalogue.md`` documents it.

``Catalogue.match(name)`` finds the indicator a name stands for: the whole name after region and level
words (全市, 我区, 区级 …) are taken off the front is the official name or an alias, compared without
spaces, brackets or quotation marks. ``Catalogue.find(text)`` finds the indicator names inside a longer
text (the nearest to its end first). ``load(path)`` adds a catalogue of one's own to the shipped one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from planwatch.core.errors import PlanwatchError
from planwatch.core.model import Aggregation, IndicatorKind

HERE = Path(__file__).parent
DEFAULT_PATH = HERE / "indicators.yaml"

# words before an indicator's name that say whose or which part of the year it is, not what it is
QUALIFIER = re.compile(
    r"^((全|我|本|该)(区|县|市|省|州|旗)|全国|全体|区级|市级|省级|县级|本级|地方|全年|年度|当年|今年|上半年|"
    r"前三季度|一季度|年末|年底|累计|初步核算|预计|完成|实现|达到)+"
)
LEVEL_WORD = re.compile(r"^(区级|市级|省级|县级)")
_NOISE = re.compile(r"[\s\u3000“”\"'‘’「」《》]")
_FIELDS = ("code", "name")


class CatalogueError(PlanwatchError):
    """A catalogue file that cannot be read or holds a bad entry (which file, which entry, why)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One indicator of the catalogue."""

    code: str
    name: str
    name_en: str = ""
    unit: str = ""
    kind: IndicatorKind = IndicatorKind.LEVEL
    aggregation: Aggregation = Aggregation.CUMULATIVE
    comparable: bool = False
    higher_is_better: bool = True
    aliases: tuple[str, ...] = ()
    area: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Match:
    """An indicator found for a name: the entry, and the level word written before it (区级) if any."""

    entry: Entry
    written: str  # the name as the text wrote it (without region words)
    level: str = ""  # 区级, 市级 …: kept in the indicator's name (区级一般公共预算收入)

    @property
    def display_name(self) -> str:
        return f"{self.level}{self.entry.name}"


def squeeze(name: str) -> str:
    """A name compared without spaces, quotation marks and with ASCII brackets."""
    return _NOISE.sub("", name).replace("（", "(").replace("）", ")")


class Catalogue:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = list(entries)
        self.by_code = {e.code: e for e in self.entries}
        self._names: dict[str, Entry] = {}
        for e in self.entries:
            for n in e.names:
                self._names.setdefault(squeeze(n), e)
                if "(" in squeeze(n):  # found in text as written: 细颗粒物（PM2.5）年均浓度
                    self._names.setdefault(squeeze(n).replace("(", "（").replace(")", "）"), e)
        longest_first = sorted(self._names, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(n) for n in longest_first)) if longest_first else None

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, name: str) -> Match | None:
        """The indicator ``name`` is, when the whole name (after region and level words) is one of its names."""
        s = squeeze(name)
        level = LEVEL_WORD.match(QUALIFIER.sub(lambda m: _level_only(m.group()), s))
        bare = QUALIFIER.sub("", s)
        entry = self._names.get(bare)
        if entry is None:
            return None
        return Match(entry, bare, level.group() if level else "")

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Every indicator name inside ``text`` as (start, end, entry), longest names first where they overlap."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._names[m.group()]) for m in self._pattern.finditer(text)]

    def lookup(self, name: str) -> Entry | None:
        """The entry a name found by ``find`` stands for."""
        return self._names.get(name) or self._names.get(squeeze(name))

    def merged(self, other: Catalogue) -> Catalogue:
        """This catalogue with ``other``'s entries added; an entry of ``other`` replaces one with its code."""
        codes = {e.code for e in other.entries}
        return Catalogue([e for e in self.entries if e.code not in codes] + other.entries)


def _level_only(prefix: str) -> str:
    m = re.search(r"(区级|市级|省级|县级)", prefix)
    return m.group() if m else ""


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: an entry must be a mapping (code, name, …), not {type(raw).__name__}")
    for key in _FIELDS:
        if not str(raw.get(key) or "").strip():
            raise CatalogueError(f"{where}: missing {key}")
    code = str(raw["code"]).strip()
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        raise CatalogueError(f"{where}: code {code!r} must be lowercase letters, digits and _ (starting with a letter)")
    try:
        kind = IndicatorKind(str(raw.get("kind") or "level"))
        aggregation = Aggregation(str(raw.get("aggregation") or "cumulative"))
    except ValueError as exc:
        raise CatalogueError(f"{where} ({code}): {exc}") from exc
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        raise CatalogueError(f"{where} ({code}): aliases must be a list")
    for flag in ("comparable", "higher_is_better"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise CatalogueError(f"{where} ({code}): {flag} must be true or false")
    return Entry(
        code=code, name=str(raw["name"]).strip(), name_en=str(raw.get("name_en") or ""),
        unit=str(raw.get("unit") or ""), kind=kind, aggregation=aggregation,
        comparable=bool(raw.get("comparable", False)), higher_is_better=bool(raw.get("higher_is_better", True)),
        aliases=tuple(str(a).strip() for a in aliases if str(a).strip()), area=str(raw.get("area") or ""),
    )


def read(path: str | Path) -> Catalogue:
    """A catalogue file on its own (YAML with a list ``indicators``)."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"{p}: cannot read the catalogue ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{p}: not valid YAML ({exc})") from exc
    rows = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise CatalogueError(f"{p}: expected a mapping with a list 'indicators'")
    entries = [_entry(raw, f"{p}: indicators[{i}]") for i, raw in enumerate(rows)]
    seen: set[str] = set()
    for e in entries:
        if e.code in seen:
            raise CatalogueError(f"{p}: code {e.code!r} appears twice")
        seen.add(e.code)
    return Catalogue(entries)


@cache
def default() -> Catalogue:
    """The catalogue shipped with planwatch."""
    return read(DEFAULT_PATH)


def load(path: str | Path | None = None) -> Catalogue:
    """The shipped catalogue, with the entries of ``path`` added (an entry with a shipped code replaces it)."""
    base = default()
    return base.merged(read(path)) if path else base
