from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_pickup_points_request_pickup_points_item import ImportPickupPointsRequestPickupPointsItem


T = TypeVar("T", bound="ImportPickupPointsRequest")


@_attrs_define
class ImportPickupPointsRequest:
    """Points to import, as JSON.

    Attributes:
        pickup_points (list[ImportPickupPointsRequestPickupPointsItem]): Each in the configuration file's
            `pickup_locations` shape.
    """

    pickup_points: list[ImportPickupPointsRequestPickupPointsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pickup_points = []
        for pickup_points_item_data in self.pickup_points:
            pickup_points_item = pickup_points_item_data.to_dict()
            pickup_points.append(pickup_points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pickup_points": pickup_points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_pickup_points_request_pickup_points_item import ImportPickupPointsRequestPickupPointsItem  # noqa: PLC0415

        d = dict(src_dict)
        pickup_points = []
        _pickup_points = d.pop("pickup_points")
        for pickup_points_item_data in _pickup_points:
            pickup_points_item = ImportPickupPointsRequestPickupPointsItem.from_dict(pickup_points_item_data)

            pickup_points.append(pickup_points_item)

        import_pickup_points_request = cls(
            pickup_points=pickup_points,
        )

        import_pickup_points_request.additional_properties = d
        return import_pickup_points_request

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
