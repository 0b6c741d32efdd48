from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pickup_point_location import PickupPointLocation


T = TypeVar("T", bound="PickupPoint")


@_attrs_define
class PickupPoint:
    """One of the merchant's pickup points.

    Attributes:
        location (PickupPointLocation): The point as a configuration file's `pickup_locations` hold it
            (`PickupLocationConfig`
            in `openapi/merchant-config.schema.json`): `id`, `carrier`, `external_id`,
            `location_type`, `title`, `address` with `coordinates`, `opening_hours`.
        name (str): `merchants/{merchant}/pickupPoints/{id}`.
    """

    location: PickupPointLocation
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location.to_dict()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "location": location,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pickup_point_location import PickupPointLocation  # noqa: PLC0415

        d = dict(src_dict)
        location = PickupPointLocation.from_dict(d.pop("location"))

        name = d.pop("name")

        pickup_point = cls(
            location=location,
            name=name,
        )

        pickup_point.additional_properties = d
        return pickup_point

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
