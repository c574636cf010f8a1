"""The run manifest in each export format: a JSON ``run`` object, a CSV sidecar,
a Markdown or plain-text footer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policyscore.manifest import RunManifest, manifest_dict, manifest_lines
from policyscore.render.formats import Format, code_span, dumps, md
from policyscore.render.text import printable

FOOTER_TITLE = "Reproducibility"


def sidecar_path(path: Path) -> Path:
    """Where a CSV export's manifest goes: ``FILE.run.json`` beside it."""
    return path.with_name(path.name + ".run.json")


def markdown_footer(manifest: RunManifest) -> str:
    """A Markdown section listing the manifest, one fact per bullet."""
    lines = [f"## {FOOTER_TITLE}\n"]
    lines += [f"- {md(label)}: `{code_span(value)}`" for label, value in manifest_lines(manifest)]
    return "\n".join(lines) + "\n"


def text_footer(manifest: RunManifest) -> str:
    """The manifest as plain lines under a table written to a file."""
    lines = [f"{FOOTER_TITLE}:"]
    lines += [
        f"  {printable(label)}: {printable(value)}" for label, value in manifest_lines(manifest)
    ]
    return "\n".join(lines) + "\n"


def attach(content: str, fmt: Format, manifest: RunManifest) -> tuple[str, str | None]:
    """``content`` with the manifest recorded, and the sidecar text (CSV only).

    JSON gains a top-level ``run`` object (after the other keys); CSV stays
    pure data and gets a sidecar; Markdown and plain text get a footer.
    """
    if fmt is Format.JSON:
        data = json.loads(content)
        data["run"] = manifest_dict(manifest)
        return dumps(data), None
    if fmt is Format.CSV:
        return content, dumps(manifest_dict(manifest))
    if fmt is Format.MARKDOWN:
        return content.rstrip("\n") + "\n\n" + markdown_footer(manifest), None
    return content.rstrip("\n") + "\n\n" + text_footer(manifest), None


def run_lines(manifest: RunManifest | None) -> list[tuple[str, str]] | None:
    """The manifest as (label, value) lines (a workbook's Run sheet), or None (stdout)."""
    return None if manifest is None else manifest_lines(manifest)


def run_dict(manifest: RunManifest | None) -> dict[str, Any] | None:
    """The manifest as a JSON ``run`` object, or None (stdout)."""
    return None if manifest is None else manifest_dict(manifest)
