"""Loading a file again and again keeps no memory of earlier loads (found by the long fuzz run).

PyYAML's ``construct_object`` caches every node it builds in a dict on the
constructor; the loader's walker shares one constructor, so that cache grew by
every scalar of every file ever loaded (a leak in a long ``--watch`` session).
"""

from __future__ import annotations

from policyscore.loading import load
from policyscore.loading.reader import _Walker
from tests.conftest import BASE


def test_repeated_loads_do_not_accumulate_nodes() -> None:
    for _ in range(3):
        load(BASE)
    assert len(_Walker._constructor.constructed_objects) == 0
