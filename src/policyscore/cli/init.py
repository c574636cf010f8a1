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
    unless --force is given.
    """
    from policyscore.output import write_atomic

    files = planned_files()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder", hint="name a folder to write into")
    existing = [name for name in files if (folder / name).exists()]
    if existing and not force:
        raise OutputError(
            f"{folder}: {len(existing)} of the files init writes already exist",
            problems=[Problem(f"{folder / name} exists") for name in existing],
            hint="pass --force to overwrite them, or choose another folder",
        )
    try:
        (folder / "schema").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot create the folder: {exc.strerror or exc}",
            hint="choose a folder you may write to",
        ) from exc
    for name, content in files.items():
        write_atomic(folder / name, content)
        message(f"wrote {folder / name}")
    scenario = folder / "scenario.yaml"
    message(
        f"\nNext: read {scenario} (every line is explained), then run\n"
        f"  policyscore validate {scenario}\n"
        f"  policyscore rank {scenario}\n"
        f"and replace the example with your own question."
    )
