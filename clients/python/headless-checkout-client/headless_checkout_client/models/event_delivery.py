from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_delivery_state import EventDeliveryState
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventDelivery")


@_attrs_define
class EventDelivery:
    """The delivery of an event to one webhook endpoint.

    Attributes:
        attempts (int):
        endpoint_id (str):
        next_attempt_time (datetime.datetime): When the next attempt is due, while pending.
        state (EventDeliveryState):
        url (str):
        delivered_time (datetime.datetime | Unset):
        last_error (str | Unset):
    """

    attempts: int
    endpoint_id: str
    next_attempt_time: datetime.datetime
    state: EventDeliveryState
    url: str
    delivered_time: datetime.datetime | Unset = UNSET
    last_error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        endpoint_id = self.endpoint_id

        next_attempt_time = self.next_attempt_time.isoformat()

        state = self.state.value

        url = self.url

        delivered_time: str | Unset = UNSET
        if not isinstance(self.delivered_time, Unset):
            delivered_time = self.delivered_time.isoformat()

        last_error = self.last_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "endpoint_id": endpoint_id,
                "next_attempt_time": next_attempt_time,
                "state": state,
                "url": url,
            }
        )
        if delivered_time is not UNSET:
            field_dict["delivered_time"] = delivered_time
        if last_error is not UNSET:
            field_dict["last_error"] = last_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        endpoint_id = d.pop("endpoint_id")

        next_attempt_time = datetime.datetime.fromisoformat(d.pop("next_attempt_time"))

        state = EventDeliveryState(d.pop("state"))

        url = d.pop("url")

        _delivered_time = d.pop("delivered_time", UNSET)
        delivered_time: datetime.datetime | Unset
        if isinstance(_delivered_time, Unset):
            delivered_time = UNSET
        else:
            delivered_time = datetime.datetime.fromisoformat(_delivered_time)

        last_error = d.pop("last_error", UNSET)

        event_delivery = cls(
            attempts=attempts,
            endpoint_id=endpoint_id,
            next_attempt_time=next_attempt_time,
            state=state,
            url=url,
            delivered_time=delivered_time,
            last_error=last_error,
        )

        event_delivery.additional_properties = d
        return event_delivery

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
