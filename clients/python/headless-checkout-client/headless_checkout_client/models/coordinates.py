from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Coordinates")


@_attrs_define
class Coordinates:
    """WGS84 degrees.

    Attributes:
        lat (float): -90 to 90.
        lng (float): -180 to 180.
    """

    lat: float
    lng: float

    def to_dict(self) -> dict[str, Any]:
        lat = self.lat

        lng = self.lng

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lng": lng,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lat = d.pop("lat")

        lng = d.pop("lng")

        coordinates = cls(
            lat=lat,
            lng=lng,
        )

        return coordinates
