"""``python -m planwatch.catalogue``: the catalogue as the Markdown table of docs/catalogue.md."""

from __future__ import annotations

from . import default


def table() -> str:
    rows = ["| code | 名称 | English | unit | kind | aggregation | comparable | lower is better | also written as |",
            "|---|---|---|---|---|---|---|---|---|"]
    for e in default().entries:
        rows.append(f"| `{e.code}` | {e.name} | {e.name_en} | {e.unit or '—'} | {e.kind.value} | {e.aggregation.value} | "
                    f"{'yes' if e.comparable else ''} | {'yes' if not e.higher_is_better else ''} | {'、'.join(e.aliases)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
