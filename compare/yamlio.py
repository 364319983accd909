"""Strict YAML reading: libyaml's safe loader, no anchors or aliases, no duplicate keys, and
no implicit type guessing beyond null, true/false and plain integers.

YAML 1.1 turns ``no`` into False, ``12:30:00`` into 45000 and ``1.10`` into 1.1; here they
stay the strings that were written, so nothing is silently converted.
"""

from __future__ import annotations

import re
from typing import ClassVar

import yaml

from compare.errors import SnapshotInvalid

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers: ClassVar[dict] = {}

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                ) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""]
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str
)


def load_text(text: str, where: str) -> object:
    """Parse one YAML document strictly; raise SnapshotInvalid naming ``where``."""
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SnapshotInvalid(f"{where}: YAML anchors and aliases are not allowed")
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as err:
        line = ""
        mark = getattr(err, "problem_mark", None)
        if mark is not None:
            line = f" (line {mark.line + 1})"
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SnapshotInvalid(f"{where}: invalid YAML{line}: {problem}") from None
