"""Vietnamese text folding, shared by the parsers and the catalog search (private)."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, no diacritics (đ -> d), single spaces: "Xác nhận" -> "xac nhan"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text.lower()).strip()


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 stage", "2 stages"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
