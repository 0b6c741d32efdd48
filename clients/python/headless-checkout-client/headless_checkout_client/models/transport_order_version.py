from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TransportOrderVersion")


@_attrs_define
class TransportOrderVersion:
    """An earlier version of an order.

    Attributes:
        delivery_option_id (str):
        price (str): Shipping plus addons, minor units.
        session (str): The session whose completion wrote this version.
        update_time (datetime.datetime):
        version (int):
    """

    delivery_option_id: str
    price: str
    session: str
    update_time: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_option_id = self.delivery_option_id

        price = self.price

        session = self.session

        update_time = self.update_time.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_option_id": delivery_option_id,
                "price": price,
                "session": session,
                "update_time": update_time,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_option_id = d.pop("delivery_option_id")

        price = d.pop("price")

        session = d.pop("session")

        update_time = datetime.datetime.fromisoformat(d.pop("update_time"))

        version = d.pop("version")

        transport_order_version = cls(
            delivery_option_id=delivery_option_id,
            price=price,
            session=session,
            update_time=update_time,
            version=version,
        )

        transport_order_version.additional_properties = d
        return transport_order_version

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
