from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.price_component_type import PriceComponentType

T = TypeVar("T", bound="PriceComponent")


@_attrs_define
class PriceComponent:
    """One part of an order's price.

    Attributes:
        amount (str): Minor units; negative for discounts.
        reference (str): What it stems from: `base`, `weight_tier`, `product_price`, `free_shipping`, a voucher
            code, an addon id.
        type_ (PriceComponentType):
    """

    amount: str
    reference: str
    type_: PriceComponentType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reference = self.reference

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "reference": reference,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        reference = d.pop("reference")

        type_ = PriceComponentType(d.pop("type"))

        price_component = cls(
            amount=amount,
            reference=reference,
            type_=type_,
        )

        price_component.additional_properties = d
        return price_component

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
