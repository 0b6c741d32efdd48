from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coordinates import Coordinates


T = TypeVar("T", bound="Address")


@_attrs_define
class Address:
    """
    Attributes:
        address_lines (list[str]):
        country_code (str): ISO 3166-1 alpha-2.
        city (None | str | Unset):
        coordinates (Coordinates | Unset): WGS84 degrees.
        postal_code (None | str | Unset):
        region_code (None | str | Unset): ISO 3166-2 subdivision without the country prefix.
        street (None | str | Unset):
        street_number (None | str | Unset):
    """

    address_lines: list[str]
    country_code: str
    city: None | str | Unset = UNSET
    coordinates: Coordinates | Unset = UNSET
    postal_code: None | str | Unset = UNSET
    region_code: None | str | Unset = UNSET
    street: None | str | Unset = UNSET
    street_number: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address_lines = self.address_lines

        country_code = self.country_code

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        coordinates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.coordinates, Unset):
            coordinates = self.coordinates.to_dict()

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        region_code: None | str | Unset
        if isinstance(self.region_code, Unset):
            region_code = UNSET
        else:
            region_code = self.region_code

        street: None | str | Unset
        if isinstance(self.street, Unset):
            street = UNSET
        else:
            street = self.street

        street_number: None | str | Unset
        if isinstance(self.street_number, Unset):
            street_number = UNSET
        else:
            street_number = self.street_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address_lines": address_lines,
                "country_code": country_code,
            }
        )
        if city is not UNSET:
            field_dict["city"] = city
        if coordinates is not UNSET:
            field_dict["coordinates"] = coordinates
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if street is not UNSET:
            field_dict["street"] = street
        if street_number is not UNSET:
            field_dict["street_number"] = street_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coordinates import Coordinates  # noqa: PLC0415

        d = dict(src_dict)
        address_lines = cast(list[str], d.pop("address_lines"))

        country_code = d.pop("country_code")

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        _coordinates = d.pop("coordinates", UNSET)
        coordinates: Coordinates | Unset
        if isinstance(_coordinates, Unset):
            coordinates = UNSET
        else:
            coordinates = Coordinates.from_dict(_coordinates)

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postal_code", UNSET))

        def _parse_region_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region_code = _parse_region_code(d.pop("region_code", UNSET))

        def _parse_street(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        street = _parse_street(d.pop("street", UNSET))

        def _parse_street_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        street_number = _parse_street_number(d.pop("street_number", UNSET))

        address = cls(
            address_lines=address_lines,
            country_code=country_code,
            city=city,
            coordinates=coordinates,
            postal_code=postal_code,
            region_code=region_code,
            street=street,
            street_number=street_number,
        )

        return address
