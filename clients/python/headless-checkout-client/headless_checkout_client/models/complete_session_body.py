from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

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
        etag (None | str | Unset):
        request_id (None | str | Unset): Makes a retry safe: the same id returns the first completion's result.
    """

    delivery_choices: list[DeliveryChoice] | Unset = UNSET
    etag: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        delivery_choices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.delivery_choices, Unset):
            delivery_choices = []
            for delivery_choices_item_data in self.delivery_choices:
                delivery_choices_item = delivery_choices_item_data.to_dict()
                delivery_choices.append(delivery_choices_item)

        etag: None | str | Unset
        if isinstance(self.etag, Unset):
            etag = UNSET
        else:
            etag = self.etag

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}

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

        def _parse_etag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        etag = _parse_etag(d.pop("etag", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        complete_session_body = cls(
            delivery_choices=delivery_choices,
            etag=etag,
            request_id=request_id,
        )

        return complete_session_body
