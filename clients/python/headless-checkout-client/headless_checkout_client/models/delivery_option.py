from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_option_carrier import DeliveryOptionCarrier
    from ..models.etd import ETD
    from ..models.pickup_location import PickupLocation


T = TypeVar("T", bound="DeliveryOption")


@_attrs_define
class DeliveryOption:
    """One way to receive the delivery: a carrier product, maybe at a pickup location.

    Attributes:
        carrier (DeliveryOptionCarrier):
        chosen (bool):
        etd (ETD): Estimated time of delivery, relative, absolute, or as text.
        id (str): Stable while the same carrier product and location are offered, so a choice survives
            recomputation.
        preselected (bool):
        price (str): Minor units of the purchase currency.
        expire_time (datetime.datetime | Unset):
        pickup_location (PickupLocation | Unset):
        supported_addon_ids (list[str] | Unset): In a session's offer, the ids of the category's addons this option's
            carrier performs:
            only these can be chosen with it. Empty in a transport order.
    """

    carrier: DeliveryOptionCarrier
    chosen: bool
    etd: ETD
    id: str
    preselected: bool
    price: str
    expire_time: datetime.datetime | Unset = UNSET
    pickup_location: PickupLocation | Unset = UNSET
    supported_addon_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        carrier = self.carrier.to_dict()

        chosen = self.chosen

        etd = self.etd.to_dict()

        id = self.id

        preselected = self.preselected

        price = self.price

        expire_time: str | Unset = UNSET
        if not isinstance(self.expire_time, Unset):
            expire_time = self.expire_time.isoformat()

        pickup_location: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pickup_location, Unset):
            pickup_location = self.pickup_location.to_dict()

        supported_addon_ids: list[str] | Unset = UNSET
        if not isinstance(self.supported_addon_ids, Unset):
            supported_addon_ids = self.supported_addon_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "carrier": carrier,
                "chosen": chosen,
                "etd": etd,
                "id": id,
                "preselected": preselected,
                "price": price,
            }
        )
        if expire_time is not UNSET:
            field_dict["expire_time"] = expire_time
        if pickup_location is not UNSET:
            field_dict["pickup_location"] = pickup_location
        if supported_addon_ids is not UNSET:
            field_dict["supported_addon_ids"] = supported_addon_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_option_carrier import DeliveryOptionCarrier  # noqa: PLC0415
        from ..models.etd import ETD  # noqa: PLC0415
        from ..models.pickup_location import PickupLocation  # noqa: PLC0415

        d = dict(src_dict)
        carrier = DeliveryOptionCarrier.from_dict(d.pop("carrier"))

        chosen = d.pop("chosen")

        etd = ETD.from_dict(d.pop("etd"))

        id = d.pop("id")

        preselected = d.pop("preselected")

        price = d.pop("price")

        _expire_time = d.pop("expire_time", UNSET)
        expire_time: datetime.datetime | Unset
        if isinstance(_expire_time, Unset):
            expire_time = UNSET
        else:
            expire_time = datetime.datetime.fromisoformat(_expire_time)

        _pickup_location = d.pop("pickup_location", UNSET)
        pickup_location: PickupLocation | Unset
        if isinstance(_pickup_location, Unset):
            pickup_location = UNSET
        else:
            pickup_location = PickupLocation.from_dict(_pickup_location)

        supported_addon_ids = cast(list[str], d.pop("supported_addon_ids", UNSET))

        delivery_option = cls(
            carrier=carrier,
            chosen=chosen,
            etd=etd,
            id=id,
            preselected=preselected,
            price=price,
            expire_time=expire_time,
            pickup_location=pickup_location,
            supported_addon_ids=supported_addon_ids,
        )

        delivery_option.additional_properties = d
        return delivery_option

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
