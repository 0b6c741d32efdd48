from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactPhoneNumber")


@_attrs_define
class ContactPhoneNumber:
    """
    Attributes:
        country_code (str): ISO 3166-1 alpha-2 region of the number.
        number (str):
        extension (None | str | Unset):
    """

    country_code: str
    number: str
    extension: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        number = self.number

        extension: None | str | Unset
        if isinstance(self.extension, Unset):
            extension = UNSET
        else:
            extension = self.extension

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country_code": country_code,
                "number": number,
            }
        )
        if extension is not UNSET:
            field_dict["extension"] = extension

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country_code = d.pop("country_code")

        number = d.pop("number")

        def _parse_extension(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        extension = _parse_extension(d.pop("extension", UNSET))

        contact_phone_number = cls(
            country_code=country_code,
            number=number,
            extension=extension,
        )

        return contact_phone_number
