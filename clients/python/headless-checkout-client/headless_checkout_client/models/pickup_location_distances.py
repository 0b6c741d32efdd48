from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distance import Distance


T = TypeVar("T", bound="PickupLocationDistances")


@_attrs_define
class PickupLocationDistances:
    """
    Attributes:
        driving (Distance | Unset): Estimated from the great-circle distance (see the README for the factors).
        walking (Distance | Unset): Estimated from the great-circle distance (see the README for the factors).
    """

    driving: Distance | Unset = UNSET
    walking: Distance | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        driving: dict[str, Any] | Unset = UNSET
        if not isinstance(self.driving, Unset):
            driving = self.driving.to_dict()

        walking: dict[str, Any] | Unset = UNSET
        if not isinstance(self.walking, Unset):
            walking = self.walking.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if driving is not UNSET:
            field_dict["driving"] = driving
        if walking is not UNSET:
            field_dict["walking"] = walking

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.distance import Distance  # noqa: PLC0415

        d = dict(src_dict)
        _driving = d.pop("driving", UNSET)
        driving: Distance | Unset
        if isinstance(_driving, Unset):
            driving = UNSET
        else:
            driving = Distance.from_dict(_driving)

        _walking = d.pop("walking", UNSET)
        walking: Distance | Unset
        if isinstance(_walking, Unset):
            walking = UNSET
        else:
            walking = Distance.from_dict(_walking)

        pickup_location_distances = cls(
            driving=driving,
            walking=walking,
        )

        pickup_location_distances.additional_properties = d
        return pickup_location_distances

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
