from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PickupLocationOperationalHours")


@_attrs_define
class PickupLocationOperationalHours:
    """Opening intervals per weekday as `HH:MM-HH:MM`; an empty day is closed.

    Attributes:
        free_text (list[str]):
        friday (list[str]):
        monday (list[str]):
        saturday (list[str]):
        sunday (list[str]):
        thursday (list[str]):
        tuesday (list[str]):
        wednesday (list[str]):
    """

    free_text: list[str]
    friday: list[str]
    monday: list[str]
    saturday: list[str]
    sunday: list[str]
    thursday: list[str]
    tuesday: list[str]
    wednesday: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        free_text = self.free_text

        friday = self.friday

        monday = self.monday

        saturday = self.saturday

        sunday = self.sunday

        thursday = self.thursday

        tuesday = self.tuesday

        wednesday = self.wednesday

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "free_text": free_text,
                "friday": friday,
                "monday": monday,
                "saturday": saturday,
                "sunday": sunday,
                "thursday": thursday,
                "tuesday": tuesday,
                "wednesday": wednesday,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        free_text = cast(list[str], d.pop("free_text"))

        friday = cast(list[str], d.pop("friday"))

        monday = cast(list[str], d.pop("monday"))

        saturday = cast(list[str], d.pop("saturday"))

        sunday = cast(list[str], d.pop("sunday"))

        thursday = cast(list[str], d.pop("thursday"))

        tuesday = cast(list[str], d.pop("tuesday"))

        wednesday = cast(list[str], d.pop("wednesday"))

        pickup_location_operational_hours = cls(
            free_text=free_text,
            friday=friday,
            monday=monday,
            saturday=saturday,
            sunday=sunday,
            thursday=thursday,
            tuesday=tuesday,
            wednesday=wednesday,
        )

        pickup_location_operational_hours.additional_properties = d
        return pickup_location_operational_hours

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
