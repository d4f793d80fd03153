"""Importing an optional dependency with a clear error when its extra is missing (private)."""

from __future__ import annotations

import importlib
from types import ModuleType

from tthc.errors import MissingDependencyError


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingDependencyError` naming ``extra``.

    Example:
        >>> require("json", "none").__name__
        'json'
        >>> require("no_such_module_here", "pdf")
        Traceback (most recent call last):
        ...
        tthc.errors.MissingDependencyError: no_such_module_here is not installed: pip install 'tthc[pdf]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        root = module.split(".")[0]
        raise MissingDependencyError(
            f"{root} is not installed: pip install 'tthc[{extra}]'", extra=extra, value=root
        ) from None
