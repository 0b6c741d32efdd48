from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        city (str | Unset):
        coordinates (Coordinates | Unset): WGS84 degrees.
        postal_code (str | Unset):
        region_code (str | Unset): ISO 3166-2 subdivision without the country prefix.
        street (str | Unset):
        street_number (str | Unset):
    """

    address_lines: list[str]
    country_code: str
    city: str | Unset = UNSET
    coordinates: Coordinates | Unset = UNSET
    postal_code: str | Unset = UNSET
    region_code: str | Unset = UNSET
    street: str | Unset = UNSET
    street_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address_lines = self.address_lines

        country_code = self.country_code

        city = self.city

        coordinates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.coordinates, Unset):
            coordinates = self.coordinates.to_dict()

        postal_code = self.postal_code

        region_code = self.region_code

        street = self.street

        street_number = self.street_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        city = d.pop("city", UNSET)

        _coordinates = d.pop("coordinates", UNSET)
        coordinates: Coordinates | Unset
        if isinstance(_coordinates, Unset):
            coordinates = UNSET
        else:
            coordinates = Coordinates.from_dict(_coordinates)

        postal_code = d.pop("postal_code", UNSET)

        region_code = d.pop("region_code", UNSET)

        street = d.pop("street", UNSET)

        street_number = d.pop("street_number", UNSET)

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

        address.additional_properties = d
        return address

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
