from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_option_carrier_meta import DeliveryOptionCarrierMeta


T = TypeVar("T", bound="DeliveryOptionCarrier")


@_attrs_define
class DeliveryOptionCarrier:
    """
    Attributes:
        external_id (str): The merchant's id for this carrier product.
        meta (DeliveryOptionCarrierMeta):
        name (str):
        product_id (str): Shipping-method id, e.g. `pnl-mpc`.
        product_name (str):
        sort_order (int | Unset):
    """

    external_id: str
    meta: DeliveryOptionCarrierMeta
    name: str
    product_id: str
    product_name: str
    sort_order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        meta = self.meta.to_dict()

        name = self.name

        product_id = self.product_id

        product_name = self.product_name

        sort_order = self.sort_order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "external_id": external_id,
                "meta": meta,
                "name": name,
                "product_id": product_id,
                "product_name": product_name,
            }
        )
        if sort_order is not UNSET:
            field_dict["sort_order"] = sort_order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_option_carrier_meta import DeliveryOptionCarrierMeta  # noqa: PLC0415

        d = dict(src_dict)
        external_id = d.pop("external_id")

        meta = DeliveryOptionCarrierMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        product_id = d.pop("product_id")

        product_name = d.pop("product_name")

        sort_order = d.pop("sort_order", UNSET)

        delivery_option_carrier = cls(
            external_id=external_id,
            meta=meta,
            name=name,
            product_id=product_id,
            product_name=product_name,
            sort_order=sort_order,
        )

        delivery_option_carrier.additional_properties = d
        return delivery_option_carrier

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
