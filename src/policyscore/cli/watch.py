"""Re-run a command whenever one of its input files is saved (``rank --watch``).

:func:`watch_loop` is the loop, with the waiting injected so that tests drive
it with scripted "saves" and no clock; :func:`wait_for_change` is the real
waiter, backed by watchfiles (Rust ``notify``: inotify, FSEvents,
ReadDirectoryChangesW, with polling as a fallback).
"""

import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from policyscore.errors import PolicyscoreError, ScenarioError

Wait = Callable[[Sequence[Path]], bool]
"""Block until one of the paths changes: True, or False when watching should stop."""


def watch_loop(
    render: Callable[[], Sequence[Path]],
    first: Sequence[Path],
    *,
    wait: Wait,
    on_error: Callable[[PolicyscoreError], None],
    on_idle: Callable[[Sequence[Path]], None] = lambda paths: None,
) -> None:
    """Render, wait for a save of an input, render again, until ``wait`` says stop.

    ``render`` returns the files its result was read from; after each
    successful render exactly those are watched (an ``extends:`` or a
    ``criteria:`` added by the save is followed from then on). A failed render
    is reported with ``on_error`` and the files watched so far stay watched,
    together with ``first``, so the fix is seen too. KeyboardInterrupt is left
    to the caller.
    """
    first = tuple(Path(p).resolve() for p in first)
    watched = first
    while True:
        try:
            watched = tuple(Path(p).resolve() for p in render())
        except PolicyscoreError as error:
            on_error(error)
            watched = tuple(dict.fromkeys((*watched, *first)))
        on_idle(watched)
        if not wait(watched):
            return


def watch_command(
    run: Callable[[], object], scenario: Path, allow: list[Path] | None = None
) -> None:
    """Run a command now and after every save of one of the scenario's input files.

    ``run`` is the command itself with ``--watch`` off, raising
    :class:`PolicyscoreError` as usual; the files to watch are asked of the
    loader after each successful run (``allow``: the ``--allow-path``
    folders). Ctrl-C ends the loop and the command exits 0.
    """
    from policyscore.cli.common import load, message, report
    from policyscore.render.console import stdout_console

    console = stdout_console()

    def render() -> tuple[Path, ...]:
        console.clear()  # only on a terminal: piped output is never cleared
        try:
            run()
        finally:
            sys.stdout.flush()  # a reader at the end of a pipe sees each result at once
        return load(scenario, allow).inputs

    try:
        watch_loop(
            render,
            (scenario,),
            wait=lambda paths: wait_for_change(paths),
            on_error=report,
            on_idle=lambda paths: message(status(paths)),
        )
    except KeyboardInterrupt:
        message("stopped watching")


def wait_for_change(paths: Sequence[Path], stop: threading.Event | None = None) -> bool:
    """Block until one of ``paths`` is written, created, replaced or deleted.

    The folders holding the files are watched, not the files: editors often
    save by writing a new file and renaming it over the old one, which a watch
    on the file itself would lose. Returns False if ``stop`` is set first.
    """
    import watchfiles

    targets = {Path(p).resolve() for p in paths}
    folders = sorted({t.parent for t in targets if t.parent.is_dir()})
    if not folders:
        shown = ", ".join(str(p) for p in paths) or "no files"
        raise ScenarioError(
            f"nothing to watch: the folders of {shown} do not exist", hint="check the path"
        )

    def relevant(change: watchfiles.Change, path: str) -> bool:
        return Path(path).resolve() in targets

    for _ in watchfiles.watch(
        *folders, watch_filter=relevant, stop_event=stop, recursive=False, raise_interrupt=True
    ):
        return True
    return False


def status(paths: Sequence[Path]) -> str:
    """The line under a watched result: when, how many files, how to stop."""
    count = len(paths)
    files = "1 file" if count == 1 else f"{count} files"
    return f"[{datetime.now():%H:%M:%S}] watching {files} for changes; Ctrl-C to stop"
