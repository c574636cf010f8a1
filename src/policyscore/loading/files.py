"""The files a scenario names: paths as the user reads them, text read safely, file checks.

:func:`read_text` reads any text input (a scenario, a criteria file, a CSV,
a cited source) as UTF-8 within a size limit, and turns every way of failing
(missing, a folder, unreadable, too large, not UTF-8) into a
:class:`~policyscore.errors.ScenarioError`. :func:`_check_named_file` refuses
a file a scenario names (``criteria:``, ``from_csv:``) that is missing, cannot
be looked at, or is a folder, at the place that names it.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policyscore.errors import Location, ScenarioError

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest input file read (10 MiB); larger files are refused, not truncated."""

MAX_CSV_BYTES = 1024 * 1024 * 1024
"""Largest CSV of options read (1 GiB: some 30 million scores written in full precision)."""


def resolve_path(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()``, or the absolute path where the system cannot resolve it.

    A loop of symbolic links makes ``resolve`` raise RuntimeError (Python 3.11)
    and a NUL character ValueError; the absolute path then fails where the file
    is opened, as an input error that names it.
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def display_path(path: Path) -> str:
    """A path as the user should read it: relative to the working folder if inside it."""
    try:
        return str(resolve_path(path).relative_to(Path.cwd()))
    except ValueError:  # outside the working folder
        return str(path)


PROJECT_MARKERS = ("seeds", ".git")
"""A folder holding one of these (``seeds/`` the texts a case cites, ``.git`` a
repository) is the root of the project of the scenarios below it."""


def project_root(scenario: str | os.PathLike[str]) -> Path:
    """The project of a scenario file: the folder tree its files may name.

    The nearest folder, from the one holding the scenario upwards, that holds
    a ``seeds/`` folder or a ``.git``; the search stops below the user's home
    folder and the root of the file system (neither is ever a project, so a
    repository of dotfiles in the home folder opens nothing). Without such a
    folder, the folder that holds the scenario.
    """
    folder = resolve_path(scenario).parent
    try:
        home: Path | None = Path.home().resolve()
    except (OSError, RuntimeError, KeyError):  # no home folder (KeyError: no passwd entry)
        home = None
    for candidate in (folder, *folder.parents):
        if candidate == home or candidate.parent == candidate:
            break
        if (candidate / "seeds").is_dir() or (candidate / ".git").exists():
            return candidate
    return folder


@dataclass(frozen=True, slots=True)
class Confinement:
    """Where the files a scenario names (``extends:``, ``criteria:``, ``from_csv:``,
    ``sources:``) may lie: inside its project (:func:`project_root`) or inside a
    folder allowed by name (``--allow-path``). Paths are compared after symbolic
    links are resolved, so a link inside the project cannot lead out of it."""

    root: Path
    allowed: tuple[Path, ...] = ()

    @classmethod
    def around(
        cls, scenario: str | os.PathLike[str], allowed: Iterable[str | os.PathLike[str]] = ()
    ) -> Confinement:
        return cls(project_root(scenario), tuple(resolve_path(a) for a in allowed))

    def admits(self, path: Path) -> bool:
        target = resolve_path(path)
        return any(target.is_relative_to(folder) for folder in (self.root, *self.allowed))

    def refusal(self, key: str, path: Path) -> tuple[str, str]:
        """The message (after ``file:line:col:``) and hint for a path outside."""
        return (
            f"{key} names {display_path(path)}, which is outside the scenario's project "
            f"({self.root})",
            "a scenario may name files only inside its project: the folder that holds it, "
            "or the nearest folder above it with seeds/ or .git; to read a file elsewhere, "
            "pass --allow-path with its folder",
        )

    def check(self, key: str, path: Path, mark: object) -> None:
        """Raise a ScenarioError at ``mark`` when ``path`` is outside."""
        if not self.admits(path):
            message, hint = self.refusal(key, path)
            raise ScenarioError(f"{mark}: {message}", hint=hint)


def read_text(path: Path, *, what: str = "file", limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text input (a byte-order mark is accepted) or raise ScenarioError."""
    shown = display_path(path)
    try:
        if path.is_dir():
            raise ScenarioError(
                f"{shown}: is a folder, not a {what}", hint=f"name a {what} inside it"
            )
        _refuse_special(shown, path.stat().st_mode, what)
        # Non-blocking, so that a file swapped for a pipe after the check cannot hang the
        # open; fstat then checks what was opened (O_NONBLOCK changes nothing for files).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            _refuse_special(shown, os.fstat(handle.fileno()).st_mode, what)
            raw = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise ScenarioError(
            f"{shown}: no such {what}",
            hint="check the path (relative paths start at the file that names them)",
        ) from exc
    except PermissionError as exc:
        raise ScenarioError(
            f"{shown}: permission denied", hint="make the file readable (chmod +r)"
        ) from exc
    except OSError as exc:
        raise ScenarioError(f"{shown}: cannot read: {exc.strerror or exc}") from exc
    except ValueError as exc:  # a NUL character in the name
        raise ScenarioError(
            f"{shown}: cannot read: {exc}", hint="a file name cannot hold a NUL character"
        ) from exc
    if len(raw) > limit:
        raise ScenarioError(
            f"{shown}: file is larger than {limit // (1024 * 1024)} MiB",
            hint="split it, or read large performance matrices from CSV",
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScenarioError(
            f"{shown}:1:1: the file is saved as UTF-16, not UTF-8",
            hint="save the file as UTF-8",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(
            f"{shown}:{line}:{column}: byte 0x{raw[exc.start]:02x} is not UTF-8 text",
            hint="save the file as UTF-8",
        ) from exc


_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is, or None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return _SPECIAL.get(stat.S_IFMT(mode), "not a regular file")


def _refuse_special(shown: str, mode: int, what: str) -> None:
    """A pipe, device or socket is never opened for reading: it could block forever
    (a FIFO with no writer), never end (``/dev/zero``) or act on being opened."""
    kind = special_kind(mode)
    if kind is not None:
        raise ScenarioError(
            f"{shown}: is {kind}, not a regular file",
            hint=f"name a {what} saved on disk",
        )


def _kind(path: Path) -> str | OSError:
    """``"file"``, ``"folder"``, ``"missing"`` or what a special file is (``"a named
    pipe (FIFO)"``, see :func:`special_kind`); the OSError for a path the system
    refuses to look at (a name too long, a loop of symbolic links).

    ``Path.exists()`` would call a loop of links "missing"; ``stat`` says why.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
        return "missing"
    except OSError as exc:
        return exc
    if stat.S_ISDIR(mode):
        return "folder"
    return special_kind(mode) or "file"


def _unreadable_hint(error: OSError, otherwise: str) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link on this path leads round in a loop: point it at the real file"
    return otherwise


def _check_named_file(path: Path, mark: Location, key: str, what: str, kind_of_file: str) -> None:
    """Refuse the file a scenario names under ``key`` (``criteria:``, ``from_csv:``)
    when it is missing, cannot be looked at, or is a folder."""
    relative = "the path is relative to the scenario file that names it"
    kind = _kind(path)
    if isinstance(kind, OSError):
        raise ScenarioError(
            f"{mark}: {what} cannot be read: {kind.strerror or kind}",
            hint=_unreadable_hint(kind, relative),
        )
    if kind == "missing":
        raise ScenarioError(f"{mark}: {what} {display_path(path)} does not exist", hint=relative)
    if kind == "folder":
        raise ScenarioError(
            f"{mark}: {key} names a folder ({display_path(path)}), not a file",
            hint=f"name the {kind_of_file} inside it",
        )
    if kind != "file":
        raise ScenarioError(
            f"{mark}: {key} names {display_path(path)}, which is {kind}, not a regular file",
            hint=f"name a {kind_of_file} saved on disk",
        )
