"""docs/hotline.md shows the ticket schema as the code declares it."""

from pathlib import Path

from planwatch.hotline.schema import schema_table_markdown


def test_the_documented_schema_is_the_code_schema() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "hotline.md").read_text(encoding="utf-8")
    assert schema_table_markdown() in doc
