from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LineItemDimensions")


@_attrs_define
class LineItemDimensions:
    """Millimetres, each above 0.

    Attributes:
        height (int):
        length (int):
        width (int):
    """

    height: int
    length: int
    width: int

    def to_dict(self) -> dict[str, Any]:
        height = self.height

        length = self.length

        width = self.width

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "height": height,
                "length": length,
                "width": width,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        height = d.pop("height")

        length = d.pop("length")

        width = d.pop("width")

        line_item_dimensions = cls(
            height=height,
            length=length,
            width=width,
        )

        return line_item_dimensions
