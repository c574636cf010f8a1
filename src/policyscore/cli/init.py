"""``policyscore init``: a small, commented, working scenario to start from."""

from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli.common import app, handled, message
from policyscore.errors import OutputError, Problem

TEMPLATES = ("scenario.yaml", "criteria.yaml", "notes.txt")
"""Files copied from the package's ``templates/`` folder, in the order they are listed."""


def planned_files() -> dict[str, str]:
    """Relative path -> content of every file ``init`` writes."""
    from importlib import resources

    from policyscore.schemas import SCHEMA_FILES, Kind, dumps, json_schema

    folder = resources.files("policyscore") / "templates"
    files = {name: (folder / name).read_text(encoding="utf-8") for name in TEMPLATES}
    for kind in Kind:
        files[f"schema/{SCHEMA_FILES[kind]}"] = dumps(json_schema(kind))
    return files


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore init mycase\n\n"
        "  policyscore init mycase --force\n\n"
        "Then: policyscore rank mycase/scenario.yaml"
    )
)
@handled
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="The folder to write into; created if missing.", show_default=False, metavar="DIR"
        ),
    ],
    *,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Write a small commented scenario and criteria file to start from.

    Writes DIR/scenario.yaml, DIR/criteria.yaml, DIR/notes.txt (the evidence
    they cite) and DIR/schema/*.schema.json (what editors check them against).
    If any of these files exists, nothing is written and the exit code is 4,
    unless --force is given. All or nothing: the files are written to a
    temporary folder first and moved into place together; on any failure
    DIR is left as it was.
    """
    from policyscore.output import install_folder

    files = planned_files()
    existing = _obstacles(folder, files, force)
    if existing and not force:
        raise OutputError(
            f"{folder}: {len(existing)} of the files init writes already "
            + ("exists" if len(existing) == 1 else "exist"),
            problems=[Problem(f"{folder / name} exists") for name in existing],
            hint="pass --force to overwrite them, or choose another folder",
        )
    install_folder(folder, files)
    for name in files:
        message(f"wrote {folder / name}")
    scenario = folder / "scenario.yaml"
    message("")
    message(f"Next: read {scenario} (every line is explained), then run")
    message(f"  policyscore validate {scenario}")
    message(f"  policyscore rank {scenario}")
    message("and replace the example with your own question.")


def _obstacles(folder: Path, files: dict[str, str], force: bool) -> list[str]:
    """The files init would replace; raise for what it must never replace.

    ``DIR`` must be a folder or missing, and so must ``DIR/schema``; a file
    init writes may exist only as a file or a symbolic link (replaced with
    ``--force``: the link itself, never what it points to), not as a folder.
    A link that points nowhere still counts as existing.
    """
    if _kind(folder) != "missing" and not folder.is_dir():  # a link to a folder is a folder
        raise OutputError(f"{folder}: is a file, not a folder", hint="name a folder to write into")
    subfolders = sorted({str(Path(name).parent) for name in files} - {"."})
    for sub in subfolders:
        kind = _kind(folder / sub)
        if kind not in {"missing", "folder"}:
            raise OutputError(
                f"{folder / sub}: is {kind}, where init writes a folder",
                hint="move or rename it, or choose another folder",
            )
    existing = []
    for name in files:
        kind = _kind(folder / name)
        if kind == "folder":
            raise OutputError(
                f"{folder / name}: is a folder, where init writes a file",
                hint="move or rename it, or choose another folder",
            )
        if kind != "missing":
            existing.append(name)
    return existing


def _kind(path: Path) -> str:
    """``missing``, ``folder`` (a real one, not a link), ``a symbolic link`` or ``a file``."""
    import stat

    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot look at it: {exc.strerror or exc}", hint="choose another folder"
        ) from exc
    if stat.S_ISDIR(mode):
        return "folder"
    return "a symbolic link" if stat.S_ISLNK(mode) else "a file"
