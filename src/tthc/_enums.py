"""Enumerations with a Vietnamese label and a National Public Service Portal code (private)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Self

from tthc.errors import InputTypeError, UnknownPortalCodeError


class Labelled(Enum):
    """An enumeration whose members carry a Vietnamese label and a portal code."""

    label: str
    portal_code: int | None

    if TYPE_CHECKING:  # what callers see: ``Channel("online")`` looks a member up by value

        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value, label, portal_code=None):  # builds the members
            member = object.__new__(cls)
            member._value_ = value
            member.label = label
            member.portal_code = portal_code
            return member

    @classmethod
    def from_value(cls, value: str) -> Self:
        """The member whose value is ``value`` (e.g. ``"online"``).

        Example:
            >>> import tthc
            >>> tthc.Channel.from_value("online")
            <Channel.ONLINE: 'online'>
        """
        for member in cls:
            if member.value == value:
                return member
        raise InputTypeError(
            f"{cls.__name__} must be one of {[m.value for m in cls]}, got {value!r}", value=value
        )

    @classmethod
    def from_portal_code(cls, code: int) -> Self:
        """The member with this National Public Service Portal code.

        Example:
            >>> import tthc
            >>> tthc.Channel.from_portal_code(2)
            <Channel.ONLINE: 'online'>
        """
        for member in cls:
            if member.portal_code == code:
                return member
        raise UnknownPortalCodeError(
            f"unknown {cls.__name__} code {code!r} of the National Public Service Portal",
            value=code,
        )
