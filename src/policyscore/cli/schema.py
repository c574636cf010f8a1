"""``policyscore schema``: JSON Schema of the YAML files, for editors."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli.common import app, handled


class SchemaKind(StrEnum):
    """Which file the schema describes (mirrors :class:`policyscore.schemas.Kind`)."""

    SCENARIO = "scenario"
    CRITERIA = "criteria"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore schema\n\n"
        "  policyscore schema --kind criteria -o criteria.schema.json\n\n"
        "Point an editor at it with a first line such as\n"
        "# yaml-language-server: $schema=../schema/scenario.schema.json"
    )
)
@handled
def schema(
    *,
    kind: Annotated[
        SchemaKind,
        typer.Option("--kind", "-k", help="The file it describes: a scenario or a criteria set."),
    ] = SchemaKind.SCENARIO,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Print the JSON Schema of scenario or criteria files, for editor checks and help."""
    from policyscore.output import deliver
    from policyscore.render.formats import Format
    from policyscore.schemas import dumps, json_schema

    content = dumps(json_schema(kind.value))
    # No manifest: a schema is no run's result.
    deliver(lambda fmt: content, Format.JSON, output)
