"""Shell-completion helpers: values read from the scenario named on the command line.

Completion runs on every Tab press, so a helper must be quick and silent: a
scenario that does not load simply offers nothing.
"""

from pathlib import Path

import typer

from policyscore.errors import PolicyscoreError


def _scenario(ctx: typer.Context) -> object | None:
    # While completing an option's value Click may not have bound the
    # positional argument yet; it is then among the leftover args.
    candidates = [ctx.params.get("scenario"), *ctx.args]
    paths = [Path(c) for c in candidates if isinstance(c, Path | str) and Path(c).is_file()]
    if not paths:
        return None
    from policyscore.loading import load_scenario

    try:
        return load_scenario(paths[0])
    except PolicyscoreError:
        return None


def profiles(ctx: typer.Context, incomplete: str) -> list[str]:
    """The profile ids of the scenario given earlier on the line."""
    scenario = _scenario(ctx)
    names = getattr(scenario, "profiles", {})
    return [name for name in names if name.startswith(incomplete)]


def weight_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """``criterion_id=`` for each criterion of the scenario given earlier on the line."""
    scenario = _scenario(ctx)
    criteria = getattr(getattr(scenario, "criteria", None), "criteria", {})
    return [f"{cid}=" for cid in criteria if f"{cid}=".startswith(incomplete)]


def option_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The option ids of the scenario given earlier on the line."""
    scenario = _scenario(ctx)
    options = getattr(scenario, "options", {})
    return [oid for oid in options if oid.startswith(incomplete)]


def future_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The future ids of the scenario given earlier on the line."""
    scenario = _scenario(ctx)
    futures = getattr(scenario, "futures", {})
    return [fid for fid in futures if fid.startswith(incomplete)]


def analyst_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The analyst ids of the panel of the scenario given earlier on the line."""
    panel = getattr(_scenario(ctx), "panel", None)
    analysts = getattr(panel, "analysts", {}) if panel is not None else {}
    return [aid for aid in analysts if aid.startswith(incomplete)]
