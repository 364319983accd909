"""Test-wide isolation: the tool's per-user caches go to one temporary folder per run, so a
test never reads a developer's cache nor leaves files in it."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INSPDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
    yield
    mp.undo()
