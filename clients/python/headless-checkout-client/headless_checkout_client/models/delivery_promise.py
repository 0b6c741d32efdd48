from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeliveryPromise")


@_attrs_define
class DeliveryPromise:
    """What the merchant, the carrier and the customer were promised.

    Attributes:
        carrier_transit_days_max (int):
        carrier_transit_days_min (int):
        customer_earliest_time (datetime.datetime):
        customer_latest_time (datetime.datetime):
        merchant_pickup_time (datetime.datetime): When the carrier collects the parcel from the warehouse.
    """

    carrier_transit_days_max: int
    carrier_transit_days_min: int
    customer_earliest_time: datetime.datetime
    customer_latest_time: datetime.datetime
    merchant_pickup_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        carrier_transit_days_max = self.carrier_transit_days_max

        carrier_transit_days_min = self.carrier_transit_days_min

        customer_earliest_time = self.customer_earliest_time.isoformat()

        customer_latest_time = self.customer_latest_time.isoformat()

        merchant_pickup_time = self.merchant_pickup_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "carrier_transit_days_max": carrier_transit_days_max,
                "carrier_transit_days_min": carrier_transit_days_min,
                "customer_earliest_time": customer_earliest_time,
                "customer_latest_time": customer_latest_time,
                "merchant_pickup_time": merchant_pickup_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        carrier_transit_days_max = d.pop("carrier_transit_days_max")

        carrier_transit_days_min = d.pop("carrier_transit_days_min")

        customer_earliest_time = datetime.datetime.fromisoformat(d.pop("customer_earliest_time"))

        customer_latest_time = datetime.datetime.fromisoformat(d.pop("customer_latest_time"))

        merchant_pickup_time = datetime.datetime.fromisoformat(d.pop("merchant_pickup_time"))

        delivery_promise = cls(
            carrier_transit_days_max=carrier_transit_days_max,
            carrier_transit_days_min=carrier_transit_days_min,
            customer_earliest_time=customer_earliest_time,
            customer_latest_time=customer_latest_time,
            merchant_pickup_time=merchant_pickup_time,
        )

        delivery_promise.additional_properties = d
        return delivery_promise

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
