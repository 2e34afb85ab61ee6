"""YAML as a package may hold it, loaded safely: plain data only (``SafeLoader``), no aliases, bounded.

An alias (``*a``) lets a few hundred bytes stand for gigabytes of repeated data (the "billion laughs"); a
package never needs one, so any alias is refused. So are documents longer than ``MAX_CHARS`` and nesting
deeper than ``MAX_DEPTH`` (which would exhaust Python's stack). Errors are ``yaml.YAMLError``s, as the
callers already expect from a document that does not parse.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

MAX_CHARS = 1_000_000
MAX_DEPTH = 50


class _Loader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, "aliases (*name) are not accepted in a plan package",
                                event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                    self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load(text: str) -> Any:
    """The data of one YAML document (``yaml.YAMLError`` for aliases, depth, length or bad syntax)."""
    if len(text) > MAX_CHARS:
        raise yaml.YAMLError(f"the YAML text is longer than {MAX_CHARS} characters")
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
