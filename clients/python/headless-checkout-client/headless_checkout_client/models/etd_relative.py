from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.etd_time_unit import ETDTimeUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="ETDRelative")


@_attrs_define
class ETDRelative:
    """
    Attributes:
        unit (ETDTimeUnit):
        earliest (int | Unset):
        latest (int | Unset):
    """

    unit: ETDTimeUnit
    earliest: int | Unset = UNSET
    latest: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unit = self.unit.value

        earliest = self.earliest

        latest = self.latest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unit": unit,
            }
        )
        if earliest is not UNSET:
            field_dict["earliest"] = earliest
        if latest is not UNSET:
            field_dict["latest"] = latest

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unit = ETDTimeUnit(d.pop("unit"))

        earliest = d.pop("earliest", UNSET)

        latest = d.pop("latest", UNSET)

        etd_relative = cls(
            unit=unit,
            earliest=earliest,
            latest=latest,
        )

        etd_relative.additional_properties = d
        return etd_relative

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
