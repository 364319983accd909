"""Extracting many sources on every core.

Extraction is CPU-bound pure Python (regular expressions over sentences), so a large batch
is split into chunks handed to forked worker processes; results come back in source order.
Small batches, or platforms without ``fork``, run in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from compare.ingest import Outcome, ingest_many

# Below this many sources, starting workers costs more than it saves.
PARALLEL_FROM = 64
CHUNK = 32


def _chunk(sources: Sequence[str], options: dict) -> list[Outcome]:
    return list(ingest_many(sources, **options))


def extract_all(sources: Sequence[str], **options) -> Iterator[list[Outcome]]:
    """Yield the outcomes of ``sources`` chunk by chunk, in order (for progress bars)."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, 8)
    chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
    if (
        len(sources) < PARALLEL_FROM
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for chunk in chunks:
            yield _chunk(chunk, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from pool.map(_chunk, chunks, [options] * len(chunks))
