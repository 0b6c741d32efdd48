from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_choice import DeliveryChoice


T = TypeVar("T", bound="ChooseDeliveryOptionsBody")


@_attrs_define
class ChooseDeliveryOptionsBody:
    """Body of `:chooseDeliveryOptions`.

    Attributes:
        delivery_choices (list[DeliveryChoice]):
        etag (None | str | Unset): When set, the choice applies only if the session is still at this version.
    """

    delivery_choices: list[DeliveryChoice]
    etag: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        delivery_choices = []
        for delivery_choices_item_data in self.delivery_choices:
            delivery_choices_item = delivery_choices_item_data.to_dict()
            delivery_choices.append(delivery_choices_item)

        etag: None | str | Unset
        if isinstance(self.etag, Unset):
            etag = UNSET
        else:
            etag = self.etag

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "delivery_choices": delivery_choices,
            }
        )
        if etag is not UNSET:
            field_dict["etag"] = etag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_choice import DeliveryChoice  # noqa: PLC0415

        d = dict(src_dict)
        delivery_choices = []
        _delivery_choices = d.pop("delivery_choices")
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

        choose_delivery_options_body = cls(
            delivery_choices=delivery_choices,
            etag=etag,
        )

        return choose_delivery_options_body
