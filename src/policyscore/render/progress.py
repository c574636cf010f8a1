"""A progress bar on stderr for long runs (SMAA's samples)."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class DelayedProgress:
    """A progress bar on stderr that appears only once a run has taken ``delay`` seconds.

    Nothing is drawn unless stderr is a terminal, so pipes and logs stay clean.
    Use as a context manager; call the instance with (done, total).
    """

    def __init__(self, description: str, *, delay: float = 1.0, console: Console | None = None):
        self.description = description
        self.delay = delay
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal
        self.started = time.monotonic()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> DelayedProgress:
        self.started = time.monotonic()
        return self

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:,}/{task.total:,}"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(self.description, total=total)
        assert self.task is not None
        self.progress.update(self.task, completed=done)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()
