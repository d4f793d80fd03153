"""The version of tthc, in one place: the package metadata and ``tthc --version`` read it."""

__version__ = "0.1.0"
