"""What the snapshots added in git changed: for CI, after a push or in a pull request.

``changes(store, since, until)`` finds and classifies the added versions;
``append_only_violations(store, since, until)`` finds existing files that were edited;
``compare.changes.report`` writes the reports and the channel-sized summaries.
"""

from compare.changes.find import Baseline, ChangedInspection, ChangesReport, Kind, changes
from compare.changes.guard import Violation, append_only_violations

__all__ = [
    "Baseline",
    "ChangedInspection",
    "ChangesReport",
    "Kind",
    "Violation",
    "append_only_violations",
    "changes",
]
