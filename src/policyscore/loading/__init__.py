"""YAML files -> validated models, with ``file:line:col`` in every error.

The loader is the only part of policyscore that reads YAML. Its modules, in
the order a scenario passes through them:

* :mod:`~policyscore.loading.files`: paths as the user reads them, text read
  safely within a size limit, checks of the files a scenario names;
* :mod:`~policyscore.loading.reader`: YAML text -> plain data and the
  position of every value and key (duplicate keys, YAML 1.1 surprises,
  unknown tags and alias bombs refused);
* :mod:`~policyscore.loading.extends`: ``extends:``, deep-merged, cycles
  refused; ``criteria:`` and ``from_csv:`` paths resolved;
* :mod:`~policyscore.loading.validation`: pydantic's errors and the
  cross-reference findings (:mod:`policyscore.checks`) mapped to
  ``file:line:col`` with a hint;
* :mod:`~policyscore.loading.sources`: local ``file#pN`` sources resolved
  to the cited paragraph;
* :mod:`~policyscore.loading.scenario`: the entry points below, which tie
  the others together.

Names with a leading underscore are private to the package: its modules
share them, nothing outside it imports them.
"""

from policyscore.loading.files import (
    MAX_CSV_BYTES,
    MAX_FILE_BYTES,
    display_path,
    read_text,
    resolve_path,
)
from policyscore.loading.reader import MAX_DEPTH, MAX_VALUES, Mark, Positions, compose, read_yaml
from policyscore.loading.scenario import (
    LoadedScenario,
    Validation,
    check_file,
    find_variants,
    load,
    load_criteria,
    load_scenario,
    prose_cut_warnings,
    validate_file,
)
from policyscore.loading.sources import paragraphs

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "LoadedScenario",
    "Mark",
    "Positions",
    "Validation",
    "check_file",
    "compose",
    "display_path",
    "find_variants",
    "load",
    "load_criteria",
    "load_scenario",
    "paragraphs",
    "prose_cut_warnings",
    "read_text",
    "read_yaml",
    "resolve_path",
    "validate_file",
]
