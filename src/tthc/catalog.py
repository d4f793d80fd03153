"""A catalog of procedures: lookup, search, filters, merge and JSON files.

:meth:`Catalog.bundled` ships real commune-level procedures (civil status,
certification, residence, household business), each with its official code,
name, field, processing time (official wording kept and parsed), pause
policy, legal basis and source.

The file format (``format: "tthc.catalog/2"``) is a JSON object with a
``procedures`` list; see ``docs/procedures.md``. Version 2 adds each
procedure's conditional limits (``alternatives``) next to its published text
(``time_limit_text``) and default (``time_limit``); version 1 files still load.

The catalog is core: it turns procedures into plain data and back through a
:class:`ProcedureCodec` that the JSON adapter (:mod:`tthc.serialize`)
registers with :func:`use_codec` when tthc is imported, so this module never
imports an adapter.

Example:
    >>> catalog = Catalog.bundled()
    >>> catalog["1.004873"].name
    'Xác nhận tình trạng hôn nhân'
    >>> [p.code for p in catalog.search("xac nhan tinh trang hon nhan")]
    ['1.004873']
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import attrs

from tthc._text import fold
from tthc.errors import CatalogFormatError, InputTypeError, JsonFormatError, UnknownProcedureError
from tthc.procedure import Level, Procedure

__all__ = ["CATALOG_FORMAT", "Catalog"]  # ProcedureCodec, use_codec: the hook for tthc.serialize

CATALOG_FORMAT = "tthc.catalog/2"
READABLE_FORMATS = ("tthc.catalog/1", CATALOG_FORMAT)


class ProcedureCodec(Protocol):
    """Turns a procedure into plain JSON data and back (provided by :mod:`tthc.serialize`).

    Example:
        >>> codec = _codec()
        >>> p = Catalog.bundled()["1.004873"]
        >>> codec.from_data(codec.to_data(p)) == p
        True
    """

    def to_data(self, procedure: Procedure) -> dict[str, Any]:
        """``procedure`` as plain data."""

    def from_data(self, data: Any) -> Procedure:
        """A procedure from plain data; raises :class:`~tthc.errors.JsonFormatError`."""


_CODECS: list[ProcedureCodec] = []


def use_codec(codec: ProcedureCodec) -> None:
    """Set how catalogs turn procedures into data (tthc sets its JSON codec on import).

    Example:
        >>> previous = _codec()
        >>> use_codec(previous)
    """
    _CODECS[:] = [codec]


def _codec() -> ProcedureCodec:
    if not _CODECS:  # pragma: no cover - importing tthc registers the JSON codec
        raise CatalogFormatError("no procedure codec registered: import tthc first")
    return _CODECS[0]


def _procedures(value: Any) -> tuple[Procedure, ...]:
    items = tuple(value)
    seen: set[str] = set()
    for position, item in enumerate(items):
        if not isinstance(item, Procedure):
            raise InputTypeError(
                f"a catalog holds Procedure values; entry {position} is {type(item).__name__}",
                value=item,
            )
        if item.code in seen:
            raise CatalogFormatError(
                f"duplicate procedure code {item.code!r} (entry {position})",
                entry=item.code,
                field="code",
                value=item.code,
            )
        seen.add(item.code)
    return items


def _level(value: Level | str | None) -> Level | None:
    if value is None or isinstance(value, Level):
        return value
    level: Level = Level.from_value(value)
    return level


@attrs.frozen
class Catalog:
    """An immutable collection of procedures, indexed by code.

    Example:
        >>> catalog = Catalog.bundled()
        >>> "2.000815" in catalog, len(catalog) >= 25
        (True, True)
        >>> catalog.get("9.999999") is None
        True
    """

    procedures: tuple[Procedure, ...] = attrs.field(converter=_procedures)
    name: str | None = None
    _index: dict[str, Procedure] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _folded: tuple[tuple[str, ...], ...] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {p.code: p for p in self.procedures})
        object.__setattr__(
            self, "_folded", tuple(tuple(fold(p.name).split()) for p in self.procedures)
        )

    # -- lookup ---------------------------------------------------------------------

    def __getitem__(self, code: str) -> Procedure:
        try:
            return self._index[code]
        except (KeyError, TypeError):
            raise UnknownProcedureError(
                f"no procedure with code {code!r} in the catalog", value=code
            ) from None

    def get(self, code: str, default: Procedure | None = None) -> Procedure | None:
        """The procedure with ``code``, or ``default``.

        Example:
            >>> Catalog.bundled().get("1.001193").name
            'Đăng ký khai sinh'
        """
        return self._index.get(code, default)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)

    @property
    def codes(self) -> list[str]:
        """Every code, in catalog order.

        Example:
            >>> Catalog.bundled().codes[0]
            '1.001193'
        """
        return list(self._index)

    @property
    def fields(self) -> list[str]:
        """The distinct fields (*lĩnh vực*), in order of first appearance.

        Example:
            >>> Catalog.bundled().fields[:2]
            ['Hộ tịch', 'Chứng thực']
        """
        return list(dict.fromkeys(p.field for p in self.procedures))

    # -- search and filters ---------------------------------------------------------------

    def search(self, query: str, *, limit: int | None = None) -> list[Procedure]:
        """Procedures whose name has every word of ``query`` (diacritics optional).

        Each query word must start a word of the name; a code (or its start)
        finds that procedure. Exact phrase matches come first.

        Example:
            >>> [p.code for p in Catalog.bundled().search("khai tu")]
            ['1.000656', '1.005461']
            >>> [p.name for p in Catalog.bundled().search("chứng thực di chúc")]
            ['Chứng thực di chúc']
        """
        if not isinstance(query, str):
            raise InputTypeError(f"expected a search text, got {type(query).__name__}", value=query)
        words = fold(query).split()
        if not words:
            return []
        phrase = " ".join(words)
        scored: list[tuple[int, int, Procedure]] = []
        for position, (procedure, name) in enumerate(
            zip(self.procedures, self._folded, strict=True)
        ):
            if procedure.code.startswith(phrase):
                scored.append((0, position, procedure))
            elif all(any(w.startswith(q) for w in name) for q in words):
                joined = " ".join(name)
                rank = 1 if joined == phrase else 2 if phrase in joined else 3
                scored.append((rank, position, procedure))
        scored.sort(key=lambda item: (item[0], item[1]))
        found = [p for _, _, p in scored]
        return found[:limit] if limit is not None else found

    def filter(
        self,
        *,
        level: Level | str | None = None,
        field: str | None = None,
        office: str | None = None,
    ) -> Catalog:
        """A catalog of the procedures matching every given criterion.

        ``field`` and ``office`` compare without diacritics or case; ``office``
        matches a part of the office's name.

        Example:
            >>> len(Catalog.bundled().filter(field="chung thuc")) >= 10
            True
        """
        wanted_level = _level(level)
        field_key = fold(field) if field is not None else None
        office_key = fold(office) if office is not None else None
        kept = [
            p
            for p in self.procedures
            if (wanted_level is None or p.level is wanted_level)
            and (field_key is None or fold(p.field) == field_key)
            and (office_key is None or office_key in fold(p.office))
        ]
        return Catalog(kept, name=self.name)

    def merge(self, local: Catalog | Iterable[Procedure]) -> Catalog:
        """This catalog with ``local`` laid over it: same codes replaced, new ones added.

        A province publishes its own catalog (local codes, local times);
        merging it over the national one gives what its offices apply.

        Example:
            >>> national = Catalog.bundled()
            >>> faster = attrs.evolve(national["1.004873"], time_limit=tthc.WorkingDays(2))
            >>> merged = national.merge([faster])
            >>> merged["1.004873"].time_limit, len(merged) == len(national)
            (WorkingDays(days=2, cutoff=None), True)
        """
        overrides = {p.code: p for p in local}
        merged = [overrides.pop(p.code, p) for p in self.procedures]
        merged.extend(overrides.values())
        return Catalog(merged, name=self.name)

    # -- files ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The catalog as JSON-ready data.

        Example:
            >>> Catalog.bundled().to_dict()["format"]
            'tthc.catalog/2'
        """
        codec = _codec()
        data: dict[str, Any] = {"format": CATALOG_FORMAT}
        if self.name is not None:
            data["name"] = self.name
        data["procedures"] = [codec.to_data(p) for p in self.procedures]
        return data

    def to_json(self) -> str:
        """The catalog as JSON text.

        Example:
            >>> Catalog.from_json(Catalog.bundled().to_json()) == Catalog.bundled()
            True
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any) -> Catalog:
        """A catalog from JSON-ready data; every problem names the entry and field.

        Example:
            >>> Catalog.from_dict({"format": "tthc.catalog/2", "procedures": [
            ...     {"code": "1.004873", "name": "x", "level": "commune", "field": "Hộ tịch",
            ...      "office": "UBND xã", "time_limit": "03 ngày làm việc", "fees": [{}]}]})
            Traceback (most recent call last):
            ...
            tthc.errors.CatalogFormatError: entry 0 (1.004873), field $.fees[0].amount: required field missing
        """
        codec = _codec()
        if not isinstance(data, dict):
            raise CatalogFormatError("a catalog file holds a JSON object", value=data)
        unknown = sorted(set(data) - {"format", "name", "procedures"})
        if unknown:
            raise CatalogFormatError(
                f"unknown keys in the catalog file: {unknown}", field=f"$.{unknown[0]}"
            )
        if data.get("format") not in READABLE_FORMATS:
            raise CatalogFormatError(
                f"the catalog format must be one of {list(READABLE_FORMATS)}, "
                f"got {data.get('format')!r}",
                field="$.format",
                value=data.get("format"),
            )
        entries = data.get("procedures")
        if not isinstance(entries, list):
            raise CatalogFormatError(
                "the catalog file needs a 'procedures' list", field="$.procedures"
            )
        name = data.get("name")
        if name is not None and not isinstance(name, str):
            raise CatalogFormatError("the catalog name must be text", field="$.name", value=name)
        procedures = []
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise CatalogFormatError(
                    f"entry {position}: a procedure is a JSON object, got {entry!r}",
                    entry=position,
                    field=f"$.procedures[{position}]",
                    value=entry,
                )
            code = entry.get("code")
            label = f"entry {position}" + (f" ({code})" if isinstance(code, str) else "")
            try:
                procedures.append(codec.from_data(entry))
            except JsonFormatError as error:
                message = str(error).removeprefix(f"{error.path}: ")
                raise CatalogFormatError(
                    f"{label}, field {error.path}: {message}",
                    entry=code if isinstance(code, str) else position,
                    field=error.path,
                    value=entry,
                ) from error
        return cls(procedures, name=name)

    @classmethod
    def from_json(cls, text: str) -> Catalog:
        """A catalog from JSON text.

        Example:
            >>> Catalog.from_json('{"format": "tthc.catalog/2", "procedures": []}').procedures
            ()
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CatalogFormatError(f"the catalog is not valid JSON: {error}") from None
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> Catalog:
        """A catalog from a JSON file.

        Example:
            >>> import tempfile, pathlib
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "catalog.json"
            >>> Catalog.bundled().save(path)
            >>> Catalog.load(path) == Catalog.bundled()
            True
        """
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def save(self, path: str | Path) -> None:
        """Write the catalog to a JSON file (UTF-8).

        Example:
            >>> import tempfile, pathlib
            >>> Catalog.bundled().save(pathlib.Path(tempfile.mkdtemp()) / "c.json")
        """
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def bundled(cls) -> Catalog:
        """The catalog of real commune-level procedures shipped with tthc.

        Example:
            >>> Catalog.bundled()["2.000815"].time_limit
            SameDay(cutoff=datetime.time(15, 0))
        """
        return _bundled()


@functools.cache
def _bundled() -> Catalog:
    text = resources.files("tthc").joinpath("data/catalog.json").read_text("utf-8")
    return Catalog.from_json(text)
