from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportPickupPointsResponse")


@_attrs_define
class ImportPickupPointsResponse:
    """
    Attributes:
        imported_count (int): How many points this import brought.
        set_etag (str): The version of the whole set now.
        total_size (int): How many the set holds now.
        update_time (datetime.datetime):
    """

    imported_count: int
    set_etag: str
    total_size: int
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        imported_count = self.imported_count

        set_etag = self.set_etag

        total_size = self.total_size

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "imported_count": imported_count,
                "set_etag": set_etag,
                "total_size": total_size,
                "update_time": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        imported_count = d.pop("imported_count")

        set_etag = d.pop("set_etag")

        total_size = d.pop("total_size")

        update_time = datetime.datetime.fromisoformat(d.pop("update_time"))

        import_pickup_points_response = cls(
            imported_count=imported_count,
            set_etag=set_etag,
            total_size=total_size,
            update_time=update_time,
        )

        import_pickup_points_response.additional_properties = d
        return import_pickup_points_response

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
