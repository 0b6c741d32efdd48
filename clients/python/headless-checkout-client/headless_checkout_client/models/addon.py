from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.addon_type import AddonType

T = TypeVar("T", bound="Addon")


@_attrs_define
class Addon:
    """An extra service offered with the options of a category.

    Attributes:
        addon_type (AddonType):
        chosen (bool):
        display_name (str):
        id (str):
        preselected (bool):
        price (str): Minor units.
    """

    addon_type: AddonType
    chosen: bool
    display_name: str
    id: str
    preselected: bool
    price: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        addon_type = self.addon_type.value

        chosen = self.chosen

        display_name = self.display_name

        id = self.id

        preselected = self.preselected

        price = self.price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "addon_type": addon_type,
                "chosen": chosen,
                "display_name": display_name,
                "id": id,
                "preselected": preselected,
                "price": price,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        addon_type = AddonType(d.pop("addon_type"))

        chosen = d.pop("chosen")

        display_name = d.pop("display_name")

        id = d.pop("id")

        preselected = d.pop("preselected")

        price = d.pop("price")

        addon = cls(
            addon_type=addon_type,
            chosen=chosen,
            display_name=display_name,
            id=id,
            preselected=preselected,
            price=price,
        )

        addon.additional_properties = d
        return addon

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
