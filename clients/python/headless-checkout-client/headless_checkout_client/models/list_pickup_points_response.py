from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pickup_point import PickupPoint


T = TypeVar("T", bound="ListPickupPointsResponse")


@_attrs_define
class ListPickupPointsResponse:
    """
    Attributes:
        next_page_token (str): Pass as `page_token` for the next page; empty on the last page.
        pickup_points (list[PickupPoint]): By id.
        set_etag (str): The version of the whole set, for a conditional `:import` (its `set_etag`).
        total_size (int): How many points the set holds.
    """

    next_page_token: str
    pickup_points: list[PickupPoint]
    set_etag: str
    total_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_page_token = self.next_page_token

        pickup_points = []
        for pickup_points_item_data in self.pickup_points:
            pickup_points_item = pickup_points_item_data.to_dict()
            pickup_points.append(pickup_points_item)

        set_etag = self.set_etag

        total_size = self.total_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next_page_token": next_page_token,
                "pickup_points": pickup_points,
                "set_etag": set_etag,
                "total_size": total_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pickup_point import PickupPoint  # noqa: PLC0415

        d = dict(src_dict)
        next_page_token = d.pop("next_page_token")

        pickup_points = []
        _pickup_points = d.pop("pickup_points")
        for pickup_points_item_data in _pickup_points:
            pickup_points_item = PickupPoint.from_dict(pickup_points_item_data)

            pickup_points.append(pickup_points_item)

        set_etag = d.pop("set_etag")

        total_size = d.pop("total_size")

        list_pickup_points_response = cls(
            next_page_token=next_page_token,
            pickup_points=pickup_points,
            set_etag=set_etag,
            total_size=total_size,
        )

        list_pickup_points_response.additional_properties = d
        return list_pickup_points_response

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
