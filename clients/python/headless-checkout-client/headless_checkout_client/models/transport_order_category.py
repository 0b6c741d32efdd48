from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_category_delivery_type import DeliveryCategoryDeliveryType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TransportOrderCategory")


@_attrs_define
class TransportOrderCategory:
    """The category an order ships in.

    Attributes:
        delivery_type (DeliveryCategoryDeliveryType):
        display_name (str):
        id (str):
        external_id (str | Unset):
    """

    delivery_type: DeliveryCategoryDeliveryType
    display_name: str
    id: str
    external_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_type = self.delivery_type.value

        display_name = self.display_name

        id = self.id

        external_id = self.external_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_type": delivery_type,
                "display_name": display_name,
                "id": id,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_type = DeliveryCategoryDeliveryType(d.pop("delivery_type"))

        display_name = d.pop("display_name")

        id = d.pop("id")

        external_id = d.pop("external_id", UNSET)

        transport_order_category = cls(
            delivery_type=delivery_type,
            display_name=display_name,
            id=id,
            external_id=external_id,
        )

        transport_order_category.additional_properties = d
        return transport_order_category

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
