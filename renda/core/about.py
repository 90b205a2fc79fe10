"""What Renda says about itself (footer, 关于 page, GET /api/v1/about/): its name, version and licence.

The version is kept in one place, `version` in pyproject.toml, and read here from the installed package's
metadata (`pip install -e .` writes it), so a release changes that one line and CHANGELOG.md. The licence is
read from the same metadata (pyproject's `license`)."""

import functools
from importlib import metadata

NAME = "renda"
UNKNOWN = "unknown"  # run from a checkout that was never installed: no metadata to read


@functools.cache
def version() -> str:
    """The installed version, e.g. "0.1.0" (read once per process)."""
    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN


@functools.cache
def licence() -> str:
    """The licence as an SPDX identifier, e.g. "AGPL-3.0-or-later"."""
    try:
        meta = metadata.metadata(NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN
    for field in ("License-Expression", "License"):  # the newer SPDX field first, then pyproject's `license`
        values = meta.get_all(field)
        if values:
            return str(values[0])
    return UNKNOWN
