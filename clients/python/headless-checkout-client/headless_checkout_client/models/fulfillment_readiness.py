from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FulfillmentReadiness")


@_attrs_define
class FulfillmentReadiness:
    """When the goods are ready to ship; delivery promises count from here.

    Attributes:
        earliest_time (datetime.datetime):
        latest_time (datetime.datetime | Unset):
    """

    earliest_time: datetime.datetime
    latest_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        earliest_time = self.earliest_time.isoformat()

        latest_time: str | Unset = UNSET
        if not isinstance(self.latest_time, Unset):
            latest_time = self.latest_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "earliest_time": earliest_time,
            }
        )
        if latest_time is not UNSET:
            field_dict["latest_time"] = latest_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        earliest_time = datetime.datetime.fromisoformat(d.pop("earliest_time"))

        _latest_time = d.pop("latest_time", UNSET)
        latest_time: datetime.datetime | Unset
        if isinstance(_latest_time, Unset):
            latest_time = UNSET
        else:
            latest_time = datetime.datetime.fromisoformat(_latest_time)

        fulfillment_readiness = cls(
            earliest_time=earliest_time,
            latest_time=latest_time,
        )

        fulfillment_readiness.additional_properties = d
        return fulfillment_readiness

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
