from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SectionItem")


@_attrs_define
class SectionItem:
    """
    Attributes:
        icon_uri (str | Unset):
        link_uri (str | Unset):
        text (str | Unset):
    """

    icon_uri: str | Unset = UNSET
    link_uri: str | Unset = UNSET
    text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        icon_uri = self.icon_uri

        link_uri = self.link_uri

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if icon_uri is not UNSET:
            field_dict["icon_uri"] = icon_uri
        if link_uri is not UNSET:
            field_dict["link_uri"] = link_uri
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        icon_uri = d.pop("icon_uri", UNSET)

        link_uri = d.pop("link_uri", UNSET)

        text = d.pop("text", UNSET)

        section_item = cls(
            icon_uri=icon_uri,
            link_uri=link_uri,
            text=text,
        )

        section_item.additional_properties = d
        return section_item

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
