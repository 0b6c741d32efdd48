from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RefreshSessionBody")


@_attrs_define
class RefreshSessionBody:
    """Body of `:refresh`.

    Attributes:
        etag (None | str | Unset):
    """

    etag: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        etag: None | str | Unset
        if isinstance(self.etag, Unset):
            etag = UNSET
        else:
            etag = self.etag

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if etag is not UNSET:
            field_dict["etag"] = etag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_etag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        etag = _parse_etag(d.pop("etag", UNSET))

        refresh_session_body = cls(
            etag=etag,
        )

        return refresh_session_body
