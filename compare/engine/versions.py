"""Two versions of one inspection: field-level changes. The only module that uses deepdiff.

deepdiff is imported inside ``field_changes`` (importing it costs 100-350 ms, and it pulls
in pandas when installed), and its tree of DiffLevel objects is turned into our own
FieldChange records here, so nothing past this module sees a deepdiff type and a deepdiff
upgrade touches this file only.

Lists whose order means nothing are made dicts before diffing: judgments keyed by
``body/area`` and findings by id. A positional diff of those lists would report every item
after an insertion as changed, and ``ignore_order=True`` is quadratic on long lists.
``threshold_to_diff_deeper=0`` makes deepdiff always descend into a changed dict instead of
reporting it replaced wholesale when most of its keys differ.
"""

from __future__ import annotations

import msgspec

from compare.engine.changeset import FieldChange, FindingChange, FindingGroup
from compare.engine.cite import finding_refs, themes_label
from compare.model import Snapshot, content, version_kind

_ADDED = ("dictionary_item_added", "iterable_item_added", "attribute_added", "set_item_added")
_REMOVED = (
    "dictionary_item_removed",
    "iterable_item_removed",
    "attribute_removed",
    "set_item_removed",
)
_CHANGED = ("values_changed", "type_changes")
_KEYED = ("judgments", "findings")


def label(a: Snapshot, b: Snapshot) -> str:
    """Why version b differs from version a (``compare.model.version_kind``), or
    ``identical`` for two versions with the same content."""
    if content(a) == content(b):
        return "identical"
    return version_kind(a, b)


def _plain(snap: Snapshot) -> dict:
    data = msgspec.to_builtins(content(snap), order="deterministic")
    data.pop("version", None)
    data.pop("predecessor", None)
    data["judgments"] = {f"{j['body']}/{j['area']}": j for j in data["judgments"]}
    data["findings"] = {f["id"]: f for f in data["findings"]}
    return data


def _path(parts: list) -> str:
    out = ""
    for n, part in enumerate(parts):
        if isinstance(part, int) or (n > 0 and parts[n - 1] in _KEYED and n == 1):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _json(value: object) -> str:
    return msgspec.json.encode(value, order="deterministic").decode("utf-8")


def field_changes(a: Snapshot, b: Snapshot) -> tuple[FieldChange, ...]:
    """Every field that differs between two versions, sorted by path."""
    from deepdiff import DeepDiff

    diff = DeepDiff(_plain(a), _plain(b), threshold_to_diff_deeper=0, view="tree")
    records: list[tuple[tuple, FieldChange]] = []
    for report, levels in diff.tree.items():
        if report in _ADDED:
            kind = "added"
        elif report in _REMOVED:
            kind = "removed"
        elif report in _CHANGED:
            kind = "changed"
        else:  # moves and repetitions exist only with ignore_order, which is never used
            raise AssertionError(f"unexpected deepdiff report {report!r}")
        for level in levels:
            parts = level.path(output_format="list")
            change = FieldChange(
                path=_path(parts),
                kind=kind,
                before=None if kind == "added" else _json(level.t1),
                after=None if kind == "removed" else _json(level.t2),
            )
            key = tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in parts)
            records.append((key, change))
    records.sort(key=lambda r: (r[0], r[1].kind))
    return tuple(c for _, c in records)


STATUS_ORDER = ("added", "removed", "changed")
HEADINGS = {"added": "Added", "removed": "Removed", "changed": "Changed"}


def finding_groups(
    a: Snapshot, b: Snapshot, changes: tuple[FieldChange, ...]
) -> tuple[FindingGroup, ...]:
    """Findings added, removed or changed (by id), read off the field changes."""
    before = {f.id: f for f in finding_refs(a)}
    after = {f.id: f for f in finding_refs(b)}
    fields: dict[str, set[str]] = {}
    for c in changes:
        if not c.path.startswith("findings["):
            continue
        fid, _, rest = c.path[len("findings[") :].partition("]")
        name = rest.lstrip(".").split("[")[0]
        fields.setdefault(fid, set()).add(name)
    out = []
    for fid in sorted(fields):
        x, y = before.get(fid), after.get(fid)
        if x is None and y is not None:
            status, themes, text = "added", y.themes, "added"
        elif y is None and x is not None:
            status, themes, text = "removed", x.themes, "removed"
        elif x is not None and y is not None:
            status, themes = "changed", tuple(sorted(set(x.themes) | set(y.themes)))
            text = f"changed: {', '.join(sorted(fields[fid]))}"
        else:
            continue
        out.append(
            FindingChange(
                status=status,
                score=None,
                themes=themes,
                themes_label=themes_label(themes),
                a=x,
                b=y,
                text=text,
            )
        )
    from compare.engine.repeat import group

    return group(out, STATUS_ORDER, HEADINGS)
