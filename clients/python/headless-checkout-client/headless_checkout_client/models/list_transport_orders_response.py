from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transport_order import TransportOrder


T = TypeVar("T", bound="ListTransportOrdersResponse")


@_attrs_define
class ListTransportOrdersResponse:
    """
    Attributes:
        next_page_token (str): Pass as `page_token` for the next page; empty on the last page.
        transport_orders (list[TransportOrder]):
    """

    next_page_token: str
    transport_orders: list[TransportOrder]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_page_token = self.next_page_token

        transport_orders = []
        for transport_orders_item_data in self.transport_orders:
            transport_orders_item = transport_orders_item_data.to_dict()
            transport_orders.append(transport_orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next_page_token": next_page_token,
                "transport_orders": transport_orders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transport_order import TransportOrder  # noqa: PLC0415

        d = dict(src_dict)
        next_page_token = d.pop("next_page_token")

        transport_orders = []
        _transport_orders = d.pop("transport_orders")
        for transport_orders_item_data in _transport_orders:
            transport_orders_item = TransportOrder.from_dict(transport_orders_item_data)

            transport_orders.append(transport_orders_item)

        list_transport_orders_response = cls(
            next_page_token=next_page_token,
            transport_orders=transport_orders,
        )

        list_transport_orders_response.additional_properties = d
        return list_transport_orders_response

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
