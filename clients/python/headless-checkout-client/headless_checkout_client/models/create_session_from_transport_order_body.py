from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSessionFromTransportOrderBody")


@_attrs_define
class CreateSessionFromTransportOrderBody:
    """Body of `sessions:createFromTransportOrder`.

    Attributes:
        transport_order (str): The order to change, `transportOrders/{tos_id}`.
        request_id (str | Unset): Makes a retry safe: the same id returns the first result.
    """

    transport_order: str
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transport_order = self.transport_order

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        request_id = d.pop("request_id", UNSET)

        create_session_from_transport_order_body = cls(
            transport_order=transport_order,
            request_id=request_id,
        )

        create_session_from_transport_order_body.additional_properties = d
        return create_session_from_transport_order_body

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
