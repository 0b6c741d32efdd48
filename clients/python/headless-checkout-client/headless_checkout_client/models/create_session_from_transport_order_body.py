from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSessionFromTransportOrderBody")


@_attrs_define
class CreateSessionFromTransportOrderBody:
    """Body of `sessions:createFromTransportOrder`.

    Attributes:
        transport_order (str): The order to change, `transportOrders/{tos_id}`.
        request_id (None | str | Unset): Makes a retry safe: the same id returns the first result.
    """

    transport_order: str
    request_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        transport_order = self.transport_order

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "transport_order": transport_order,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        transport_order = d.pop("transport_order")

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        create_session_from_transport_order_body = cls(
            transport_order=transport_order,
            request_id=request_id,
        )

        return create_session_from_transport_order_body
