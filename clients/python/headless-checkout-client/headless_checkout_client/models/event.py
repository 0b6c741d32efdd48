from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_delivery import EventDelivery


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """Something that happened to a merchant's sessions or orders, and where it was sent.

    Attributes:
        create_time (datetime.datetime):
        deliveries (list[EventDelivery]):
        name (str): `events/{event_id}`.
        session (str): The session whose change caused the event.
        test (bool): `true` for an event of test data; its deliveries say so too (`test` in the payload).
        type_ (str): `session.completed`, `transport_order.created` or `transport_order.updated`.
        payload (Any | Unset): The JSON body every delivery attempt sends: `id`, `type`, `create_time`,
            `merchant_id`, `test` and `data` (the resource as the API shows it); not in a `BASIC`
            list.
    """

    create_time: datetime.datetime
    deliveries: list[EventDelivery]
    name: str
    session: str
    test: bool
    type_: str
    payload: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        create_time = self.create_time.isoformat()

        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        name = self.name

        session = self.session

        test = self.test

        type_ = self.type_

        payload = self.payload

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "create_time": create_time,
                "deliveries": deliveries,
                "name": name,
                "session": session,
                "test": test,
                "type": type_,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_delivery import EventDelivery  # noqa: PLC0415

        d = dict(src_dict)
        create_time = datetime.datetime.fromisoformat(d.pop("create_time"))

        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = EventDelivery.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        name = d.pop("name")

        session = d.pop("session")

        test = d.pop("test")

        type_ = d.pop("type")

        payload = d.pop("payload", UNSET)

        event = cls(
            create_time=create_time,
            deliveries=deliveries,
            name=name,
            session=session,
            test=test,
            type_=type_,
            payload=payload,
        )

        event.additional_properties = d
        return event

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
