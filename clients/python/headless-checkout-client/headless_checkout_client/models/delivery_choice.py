from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryChoice")


@_attrs_define
class DeliveryChoice:
    """The option (and addons) chosen for one delivery.

    Attributes:
        delivery_id (str):
        option_id (str):
        addon_ids (list[str] | Unset):
    """

    delivery_id: str
    option_id: str
    addon_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        delivery_id = self.delivery_id

        option_id = self.option_id

        addon_ids: list[str] | Unset = UNSET
        if not isinstance(self.addon_ids, Unset):
            addon_ids = self.addon_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "delivery_id": delivery_id,
                "option_id": option_id,
            }
        )
        if addon_ids is not UNSET:
            field_dict["addon_ids"] = addon_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_id = d.pop("delivery_id")

        option_id = d.pop("option_id")

        addon_ids = cast(list[str], d.pop("addon_ids", UNSET))

        delivery_choice = cls(
            delivery_id=delivery_id,
            option_id=option_id,
            addon_ids=addon_ids,
        )

        return delivery_choice
