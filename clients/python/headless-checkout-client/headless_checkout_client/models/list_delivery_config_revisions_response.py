from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.delivery_config_revision import DeliveryConfigRevision


T = TypeVar("T", bound="ListDeliveryConfigRevisionsResponse")


@_attrs_define
class ListDeliveryConfigRevisionsResponse:
    """
    Attributes:
        next_page_token (str): Pass as `page_token` for the next page; empty on the last page.
        revisions (list[DeliveryConfigRevision]): Newest first.
    """

    next_page_token: str
    revisions: list[DeliveryConfigRevision]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_page_token = self.next_page_token

        revisions = []
        for revisions_item_data in self.revisions:
            revisions_item = revisions_item_data.to_dict()
            revisions.append(revisions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next_page_token": next_page_token,
                "revisions": revisions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_config_revision import DeliveryConfigRevision  # noqa: PLC0415

        d = dict(src_dict)
        next_page_token = d.pop("next_page_token")

        revisions = []
        _revisions = d.pop("revisions")
        for revisions_item_data in _revisions:
            revisions_item = DeliveryConfigRevision.from_dict(revisions_item_data)

            revisions.append(revisions_item)

        list_delivery_config_revisions_response = cls(
            next_page_token=next_page_token,
            revisions=revisions,
        )

        list_delivery_config_revisions_response.additional_properties = d
        return list_delivery_config_revisions_response

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
