"""The one path from a result to the user, and the only code that writes files.

Every command that shows or exports a result ends in :func:`deliver`: the
format chosen (:meth:`Formats.choose`: ``--format``, else the output file's
extension), the result rendered by the command's renderer, then either printed
on stdout or written atomically with its run manifest and a ``wrote FILE``
note on stderr. Renderers (``policyscore.render``) turn results into text and
never touch a file; the writing (a temporary file renamed over the target,
refusing to overwrite an input of the run) is :func:`write_atomic`'s.

Imported inside the commands, never at the top of a command module, so that
``--help`` does not load the renderers.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyscore.errors import OutputError, UsageError
from policyscore.render.formats import Embedded, Format

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest


# -- choosing the format ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Formats:
    """The formats a command offers, and how an output file's extension picks one."""

    offered: tuple[Format, ...]
    extensions: Mapping[str, Format]
    default: Format
    noun: str = "output"
    """What the messages call the output: "cannot tell the output format from ..."."""
    extension_hint: str | None = None
    """The hint for an extension that names no format (default: the extensions known)."""

    def choose(self, fmt: str | None, output: Path | None) -> Format:
        """``--format`` if given, else the output file's extension, else the default."""
        if fmt is not None:
            chosen = fmt.lower()
            if chosen not in self.offered:
                names = [f.value for f in self.offered]
                choices = " or ".join(names) if len(names) == 2 else "one of " + ", ".join(names)
                what = "" if self.noun == "output" else f" for a {self.noun}"
                raise UsageError(f"unknown format {fmt!r}{what}", hint=f"choose {choices}")
            return Format(chosen)
        return self.for_path(output) if output is not None else self.default

    def for_path(self, path: Path) -> Format:
        """The format an output file's extension asks for."""
        try:
            return self.extensions[path.suffix.lower()]
        except KeyError:
            known = ", ".join(self.extensions)
            raise UsageError(
                f"cannot tell the {self.noun} format from {path.name!r}",
                hint=self.extension_hint or f"use one of the extensions {known}, or pass --format",
            ) from None


RESULT = Formats(
    offered=(Format.TABLE, Format.CSV, Format.JSON, Format.MARKDOWN, Format.XLSX),
    extensions={
        ".csv": Format.CSV,
        ".json": Format.JSON,
        ".md": Format.MARKDOWN,
        ".markdown": Format.MARKDOWN,
        ".txt": Format.TABLE,
        ".xlsx": Format.XLSX,
    },
    default=Format.TABLE,
)
"""What ``rank``, ``compare``, ``sensitivity`` and ``scores`` offer."""

BRIEF = Formats(
    offered=(Format.MARKDOWN, Format.HTML),
    extensions={
        ".md": Format.MARKDOWN,
        ".markdown": Format.MARKDOWN,
        ".html": Format.HTML,
        ".htm": Format.HTML,
    },
    default=Format.MARKDOWN,
    noun="report",
    extension_hint="name a .md or .html file, or pass --format markdown|html",
)
"""What ``report`` offers."""

SCREEN = Formats(offered=(Format.TABLE, Format.JSON), extensions={}, default=Format.TABLE)
"""What ``weights`` offers (stdout only)."""


def format_for(path: Path) -> Format:
    """The format an output file's extension asks for, among :data:`RESULT`'s."""
    return RESULT.for_path(path)


# -- the one output routine ---------------------------------------------------------


def deliver(
    render: Callable[[Format], Any],
    fmt: Format,
    output: Path | None,
    *,
    inputs: Sequence[Path] = (),
    manifest: Callable[[], RunManifest] | None = None,
    table_width: int = 120,
) -> None:
    """Render a result in ``fmt`` and show it on stdout, or write it to ``output``.

    ``render`` gives a Rich renderable for ``table`` and text for the other
    formats, or :class:`Embedded` content that records the manifest itself
    (a streamed JSON ranking, a workbook). On stdout a table is drawn for the
    terminal; in a file it is plain text ``table_width`` columns wide. A file gets the run manifest
    (built only then: it hashes the inputs) as
    :func:`policyscore.render.manifest.attach` records it, a CSV file in a
    sidecar; ``manifest=None`` for output that records its own (the brief) or
    is no run's result (a schema). Every target is checked before anything is
    written, so a refused sidecar leaves no half-done export behind.
    """
    content = render(fmt)
    if isinstance(content, Embedded):
        if output is None:
            show(content.build(None))
            return
        check_target(output, inputs)
        write_atomic(output, content.build(manifest() if manifest else None), inputs)
        note(f"wrote {output}")
        return
    if fmt is Format.TABLE:
        from policyscore.render.console import plain_text

        if output is None:
            print_stdout(content)
            return
        content = plain_text(content, width=table_width)
    if output is None:
        write_stdout(content)
        return
    targets = [(output, content)]
    if manifest is not None:
        from policyscore.render.manifest import attach, sidecar_path

        text, sidecar = attach(content, fmt, manifest())
        targets = [(output, text)]
        if sidecar is not None:
            targets.append((sidecar_path(output), sidecar))
    for path, _ in targets:
        check_target(path, inputs)
    for path, text in targets:
        write_atomic(path, text, inputs)
        note(f"wrote {path}")


# -- stdout --------------------------------------------------------------------------


def write_stdout(text: str) -> None:
    """Write data to stdout and flush it; a closed or failing stdout is an OutputError.

    ``> /dev/full`` (no space), a pipe whose reader has gone and a stdout
    closed before the run (``>&-``, which Python shows as ``sys.stdout is
    None``) each end as one ``policyscore: error:`` line and exit code 4,
    never a traceback and never exit 0 with the result lost.
    """
    stream = _stdout()
    try:
        stream.write(text)
        stream.flush()
    except OSError as exc:
        raise _stdout_failed(exc) from exc


def print_stdout(renderable: Any) -> None:
    """Draw a Rich renderable on stdout (the terminal), with :func:`write_stdout`'s checks."""
    from policyscore.render.console import stdout_console

    stream = _stdout()
    try:
        stdout_console(stream).print(renderable)
        stream.flush()
    except OSError as exc:
        raise _stdout_failed(exc) from exc


def _stdout() -> Any:
    if sys.stdout is None:
        raise OutputError(
            "stdout is closed: there is nowhere to write the result",
            hint="run the command with stdout open, or write to a file with -o FILE",
        )
    return sys.stdout


def _stdout_failed(exc: OSError) -> OutputError:
    """The error for a failed write to stdout; stdout is pointed at /dev/null first, so
    that Python's own flush at exit does not fail again (which would exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return OutputError(
        f"stdout: cannot write the result: {exc.strerror or exc}",
        hint="check where stdout goes (a full disk, a closed pipe), "
        "or write to a file with -o FILE",
    )


__all__ = [
    "BRIEF",
    "RESULT",
    "SCREEN",
    "Embedded",
    "Formats",
    "deliver",
    "install_folder",
    "note",
    "print_stdout",
    "show",
    "write_atomic",
    "write_stdout",
]


def show(content: str | bytes | Iterable[str]) -> None:
    """Content on stdout: text, text in chunks, or bytes (never onto a terminal); a
    closed or failing stdout is an OutputError, as for :func:`write_stdout`."""
    stream = _stdout()
    try:
        if isinstance(content, bytes):
            if stream.isatty():
                raise UsageError(
                    "a spreadsheet is binary and is not shown on a terminal",
                    hint="write it to a file: -o FILE.xlsx (or redirect stdout to one)",
                )
            stream.flush()
            stream.buffer.write(content)
            stream.buffer.flush()
            return
        for chunk in [content] if isinstance(content, str) else content:
            stream.write(chunk)
        stream.flush()
    except OSError as exc:
        raise _stdout_failed(exc) from exc


def note(text: str) -> None:
    """A note for the user (never data): stderr, one line, control characters escaped."""
    from policyscore.render.text import printable

    sys.stderr.write(printable(text) + "\n")


# -- files --------------------------------------------------------------------------


def check_target(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse to write over an input of the run, or into a missing folder."""
    try:
        _check_target(path, inputs)
    except (OSError, RuntimeError, ValueError) as exc:  # a name too long, a loop of links
        raise OutputError(
            f"{path}: cannot write: {getattr(exc, 'strerror', None) or exc}",
            hint="choose a shorter name, or another place to write",
        ) from exc


def _check_target(path: Path, inputs: Iterable[Path]) -> None:
    target = path.resolve()
    for source in inputs:
        with contextlib.suppress(OSError):
            if target == source.resolve() or (target.exists() and target.samefile(source)):
                raise OutputError(
                    f"{path}: refusing to overwrite an input file of this run",
                    hint="choose another output name",
                )
    if not target.parent.is_dir():
        raise OutputError(
            f"{path}: the folder {str(path.parent)!r} does not exist",
            hint="create it first, or write somewhere else",
        )
    if target.is_dir():
        raise OutputError(f"{path}: is a folder", hint="name a file to write")
    # Checked by mode bits, not os.access: root may write anything, but a file
    # marked read-only was marked so on purpose.
    if target.exists() and not target.stat().st_mode & 0o222:
        raise OutputError(
            f"{path}: the file is read-only", hint="make it writable, or write somewhere else"
        )


def write_atomic(
    path: Path, content: str | bytes | Iterable[str], inputs: Iterable[Path] = ()
) -> None:
    """Write ``content`` to ``path`` all at once, or not at all.

    ``content`` is text, bytes, or text in chunks (a large JSON export, written
    as it is produced so that memory stays flat).

    The content goes to a temporary file in the same folder, is flushed to disk
    and renamed over the target (``os.replace`` is atomic on POSIX and
    Windows). Any failure, Ctrl-C included, removes the temporary file and
    leaves an existing target untouched.

    A target that is not a regular file (``/dev/stdout``, a named pipe) is
    written in place: renaming over it would replace the device itself.
    """
    check_target(path, inputs)
    chunks = _byte_chunks(content)
    target = path.resolve()
    if target.exists() and not target.is_file():
        _write_in_place(path, target, chunks)
        return
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
        tmp_name = None
    except PermissionError as exc:
        raise OutputError(
            f"{path}: permission denied", hint="write somewhere you may write, or fix permissions"
        ) from exc
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write: {exc.strerror or exc}",
            hint="check that the disk has space and the folder can be written; "
            "an existing file was left as it was",
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _byte_chunks(content: str | bytes | Iterable[str]) -> Iterator[bytes]:
    if isinstance(content, bytes):
        yield content
    elif isinstance(content, str):
        yield content.encode("utf-8")
    else:
        for chunk in content:
            yield chunk.encode("utf-8")


def _write_in_place(path: Path, target: Path, chunks: Iterable[bytes]) -> None:
    try:
        with target.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except PermissionError as exc:
        raise OutputError(
            f"{path}: permission denied", hint="write somewhere you may write, or fix permissions"
        ) from exc
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write: {exc.strerror or exc}",
            hint="check that the device or pipe accepts writing",
        ) from exc


def install_folder(folder: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` (path relative to ``folder`` -> text) all together, or not at all.

    Everything is written first to a temporary folder (beside ``folder`` when
    it does not exist yet, inside it when it does), flushed to disk, then moved
    into place: a missing ``folder`` by one rename; into an existing one file
    by file, each file it replaces set aside until the last is in place. Any
    failure, Ctrl-C included, puts back what was there and removes what was
    new, so a full disk or an obstacle leaves ``folder`` as it was. An
    existing path is replaced by a rename: a symbolic link is replaced, never
    the file it points to.
    """
    created = _make_parents(folder.parent)
    existed = folder.is_dir()
    stage: Path | None = None
    placed: list[Path] = []
    set_aside: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        stage = Path(
            tempfile.mkdtemp(
                prefix=".policyscore-" if existed else f".{folder.name}.",
                suffix=".tmp",
                dir=folder if existed else folder.parent,
            )
        )
        umask = os.umask(0)
        os.umask(umask)
        for name, text in files.items():
            path = stage / "new" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(path, 0o666 & ~umask)
        for sub in sorted({p.parent for p in (stage / "new").rglob("*")}):
            os.chmod(sub, 0o777 & ~umask)
        if not existed:
            os.rename(stage / "new", folder)
            return
        for name in files:
            target = folder / name
            if not target.parent.is_dir():
                target.parent.mkdir()
                made.append(target.parent)
            if os.path.lexists(target):
                aside = stage / "old" / name
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.rename(target, aside)
                set_aside.append((aside, target))
            os.rename(stage / "new" / name, target)
            placed.append(target)
    except BaseException as exc:
        for target in reversed(placed):
            with contextlib.suppress(OSError):
                os.unlink(target)
        for aside, target in reversed(set_aside):
            with contextlib.suppress(OSError):
                os.rename(aside, target)
        for path in reversed([*created, *made]):
            with contextlib.suppress(OSError):
                path.rmdir()
        if not isinstance(exc, OSError):
            raise
        raise OutputError(
            f"{folder}: cannot write: {exc.strerror or exc}",
            hint="nothing was written and existing files were left as they were; "
            "check that the disk has space and the folder can be written",
        ) from exc
    finally:
        if stage is not None and stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders created, outermost first."""
    missing = []
    for path in [folder, *folder.parents]:
        if path.is_dir():
            break
        missing.append(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot create the folder: {exc.strerror or exc}",
            hint="choose a folder you may write to",
        ) from exc
    return list(reversed(missing))
