"""The ``plan`` and ``report`` sheets of a workbook: YAML as key/value rows.

A header row ``key | value``, then one row per leaf of the YAML document: the key is the dotted path
(``region.name``, ``settings.thresholds.yellow_pp``) and the value is the leaf written as YAML
(``2021``, ``朝阳区``, ``[a, b]``, ``'true'`` for the text "true"). Lists are kept whole in one cell.
A sheet whose cell A1 holds a whole YAML document (several lines) is also accepted.
"""

from __future__ import annotations

from typing import Any

import yaml

from . import safeyaml
from .issues import PackageIssue


def _leaf_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            same = safeyaml.load(value) == value  # a stored text is never expanded (no aliases)
        except yaml.YAMLError:
            same = False
        if same and "\n" not in value:
            return value
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    text = text.removesuffix("\n...\n").rstrip("\n")
    return text


def flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.extend(flatten(value, path + "."))
        else:
            out.append((path, _leaf_text(value)))
    return out


def yaml_to_rows(data: dict[str, Any]) -> list[list[str]]:
    return [["key", "value"], *([k, v] for k, v in flatten(data))]


def sheet_to_yaml(rows: list[list[str]], label: str, issues: list[PackageIssue]) -> Any:
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return None
    first = rows[0]
    if len(rows) == 1 and len(first) == 1 and ("\n" in first[0] or ":" in first[0]):
        try:
            return safeyaml.load(first[0])
        except yaml.YAMLError as exc:
            issues.append(PackageIssue(label, 1, "", f"YAML 格式错误: {exc}", f"YAML does not parse: {exc}", "bad_yaml"))
            return None
    start = 1 if [c.strip().lower() for c in first[:2]] == ["key", "value"] else 0
    data: dict[str, Any] = {}
    for i, row in enumerate(rows[start:], start=start + 1):
        key = row[0].strip() if row else ""
        text = row[1] if len(row) > 1 else ""
        if not key:
            issues.append(PackageIssue(label, i, "key", "键为空", "the key is blank", "required"))
            continue
        try:
            value = safeyaml.load(text) if text.strip() else None
        except yaml.YAMLError as exc:
            if "alias" in str(exc) or "nested" in str(exc) or "longer" in str(exc):
                issues.append(PackageIssue(label, i, key, f"YAML 不可接受: {exc}", f"YAML not accepted: {exc}",
                                           "bad_yaml"))
                continue
            value = text
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                issues.append(PackageIssue(label, i, "key", f"键“{key}”与上面的键冲突", f"key {key!r} conflicts with an earlier key", "bad_key"))
                break
            node = child
        else:
            node[parts[-1]] = value
    return data
