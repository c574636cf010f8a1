"""The run manifest: the reproducibility facts every export records.

One builder for every command and format, so a JSON file's ``run`` object, a
CSV file's ``FILE.run.json`` sidecar and a Markdown or HTML footer all say the
same: the policyscore version, each input file with its SHA-256, the method,
the normalisation, the profile, any ``--weight`` overrides and the random
seed (None for a run that draws no random numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input of the run as the user names it, and the SHA-256 of its bytes."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class RunManifest:
    """What it takes to reproduce an output."""

    policyscore: str
    command: str
    inputs: tuple[InputFile, ...]
    method: str
    normalization: str
    profile: str | None
    weights: dict[str, float] = field(default_factory=dict)
    """``--weight`` overrides (raw values, as given), applied after the profile."""
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Facts particular to one command (for example the lenses compared)."""


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (read in blocks; the file was read once already)."""
    import hashlib  # here, not at the top: a command that writes no file builds no manifest

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def shown_path(path: Path) -> str:
    """An input path as the user reads it: relative to the working folder if inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def build_manifest(
    command: str,
    inputs: Iterable[Path],
    *,
    method: str,
    normalization: str,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    seed: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> RunManifest:
    """The manifest of one run; ``inputs`` in the order read, duplicates dropped."""
    from policyscore import __version__

    unique = dict.fromkeys(Path(p).resolve() for p in inputs)
    return RunManifest(
        policyscore=__version__,
        command=command,
        inputs=tuple(InputFile(shown_path(p), sha256(p)) for p in unique),
        method=method,
        normalization=normalization,
        profile=profile,
        weights=dict(weights or {}),
        seed=seed,
        extra=dict(extra or {}),
    )


def manifest_dict(manifest: RunManifest) -> dict[str, Any]:
    """The manifest as the ``run`` object of a JSON export (and a CSV sidecar)."""
    data: dict[str, Any] = {
        "policyscore": manifest.policyscore,
        "command": manifest.command,
        "inputs": [{"path": i.path, "sha256": i.sha256} for i in manifest.inputs],
        "method": manifest.method,
        "normalization": manifest.normalization,
        "profile": manifest.profile,
        "weights": manifest.weights,
        "seed": manifest.seed,
    }
    data.update(manifest.extra)
    return data


def manifest_lines(manifest: RunManifest) -> list[tuple[str, str]]:
    """The manifest as (label, plain text) pairs for a footer; escaping is the caller's."""
    weights = ", ".join(f"{k}={v:g}" for k, v in manifest.weights.items()) or "none"
    lines = [
        ("policyscore", manifest.policyscore),
        ("command", manifest.command),
        ("method", manifest.method),
        ("normalisation", manifest.normalization),
        ("profile", manifest.profile or "base weights"),
        ("weight overrides", weights),
        ("seed", "none (no random draws)" if manifest.seed is None else str(manifest.seed)),
    ]
    for key, value in manifest.extra.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        lines.append((key.replace("_", " "), shown))
    lines += [(f"sha256 {i.path}", i.sha256) for i in manifest.inputs]
    return lines
