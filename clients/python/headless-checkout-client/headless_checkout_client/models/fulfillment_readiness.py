from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FulfillmentReadiness")


@_attrs_define
class FulfillmentReadiness:
    """When the goods are ready to ship; delivery promises count from here.

    Attributes:
        earliest_time (datetime.datetime):
        latest_time (datetime.datetime | None | Unset):
    """

    earliest_time: datetime.datetime
    latest_time: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        earliest_time = self.earliest_time.isoformat()

        latest_time: None | str | Unset
        if isinstance(self.latest_time, Unset):
            latest_time = UNSET
        elif isinstance(self.latest_time, datetime.datetime):
            latest_time = self.latest_time.isoformat()
        else:
            latest_time = self.latest_time

        field_dict: dict[str, Any] = {}

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

        def _parse_latest_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_time_type_0 = datetime.datetime.fromisoformat(data)

                return latest_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        latest_time = _parse_latest_time(d.pop("latest_time", UNSET))

        fulfillment_readiness = cls(
            earliest_time=earliest_time,
            latest_time=latest_time,
        )

        return fulfillment_readiness
