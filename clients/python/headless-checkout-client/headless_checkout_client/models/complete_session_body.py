from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_choice import DeliveryChoice


T = TypeVar("T", bound="CompleteSessionBody")


@_attrs_define
class CompleteSessionBody:
    """Body of `:complete`.

    Attributes:
        delivery_choices (list[DeliveryChoice] | Unset): Final choices; a delivery without one completes with its
            preselected option.
        etag (str | Unset):
        request_id (str | Unset): Makes a retry safe: the same id returns the first completion's result.
    """

    delivery_choices: list[DeliveryChoice] | Unset = UNSET
    etag: str | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_choices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.delivery_choices, Unset):
            delivery_choices = []
            for delivery_choices_item_data in self.delivery_choices:
                delivery_choices_item = delivery_choices_item_data.to_dict()
                delivery_choices.append(delivery_choices_item)

        etag = self.etag

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delivery_choices is not UNSET:
            field_dict["delivery_choices"] = delivery_choices
        if etag is not UNSET:
            field_dict["etag"] = etag
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_choice import DeliveryChoice  # noqa: PLC0415

        d = dict(src_dict)
        _delivery_choices = d.pop("delivery_choices", UNSET)
        delivery_choices: list[DeliveryChoice] | Unset = UNSET
        if _delivery_choices is not UNSET:
            delivery_choices = []
            for delivery_choices_item_data in _delivery_choices:
                delivery_choices_item = DeliveryChoice.from_dict(delivery_choices_item_data)

                delivery_choices.append(delivery_choices_item)

        etag = d.pop("etag", UNSET)

        request_id = d.pop("request_id", UNSET)

        complete_session_body = cls(
            delivery_choices=delivery_choices,
            etag=etag,
            request_id=request_id,
        )

        complete_session_body.additional_properties = d
        return complete_session_body

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
