from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.line_item_dimensions import LineItemDimensions


T = TypeVar("T", bound="LineItem")


@_attrs_define
class LineItem:
    """
    Attributes:
        price (str): Price of one item after discounts, minor units, non-negative.
        quantity (int): At least 1.
        sku (str):
        title (str):
        attributes (list[str] | Unset):
        dimensions (LineItemDimensions | Unset): Millimetres, each above 0.
        discount (None | str | Unset): Discount on this line, minor units, non-negative.
        image_uri (None | str | Unset):
        weight (int | None | Unset): Grams per item, above 0.
    """

    price: str
    quantity: int
    sku: str
    title: str
    attributes: list[str] | Unset = UNSET
    dimensions: LineItemDimensions | Unset = UNSET
    discount: None | str | Unset = UNSET
    image_uri: None | str | Unset = UNSET
    weight: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        price = self.price

        quantity = self.quantity

        sku = self.sku

        title = self.title

        attributes: list[str] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes

        dimensions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dimensions, Unset):
            dimensions = self.dimensions.to_dict()

        discount: None | str | Unset
        if isinstance(self.discount, Unset):
            discount = UNSET
        else:
            discount = self.discount

        image_uri: None | str | Unset
        if isinstance(self.image_uri, Unset):
            image_uri = UNSET
        else:
            image_uri = self.image_uri

        weight: int | None | Unset
        if isinstance(self.weight, Unset):
            weight = UNSET
        else:
            weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price": price,
                "quantity": quantity,
                "sku": sku,
                "title": title,
            }
        )
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if dimensions is not UNSET:
            field_dict["dimensions"] = dimensions
        if discount is not UNSET:
            field_dict["discount"] = discount
        if image_uri is not UNSET:
            field_dict["image_uri"] = image_uri
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_item_dimensions import LineItemDimensions  # noqa: PLC0415

        d = dict(src_dict)
        price = d.pop("price")

        quantity = d.pop("quantity")

        sku = d.pop("sku")

        title = d.pop("title")

        attributes = cast(list[str], d.pop("attributes", UNSET))

        _dimensions = d.pop("dimensions", UNSET)
        dimensions: LineItemDimensions | Unset
        if isinstance(_dimensions, Unset):
            dimensions = UNSET
        else:
            dimensions = LineItemDimensions.from_dict(_dimensions)

        def _parse_discount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        discount = _parse_discount(d.pop("discount", UNSET))

        def _parse_image_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_uri = _parse_image_uri(d.pop("image_uri", UNSET))

        def _parse_weight(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        weight = _parse_weight(d.pop("weight", UNSET))

        line_item = cls(
            price=price,
            quantity=quantity,
            sku=sku,
            title=title,
            attributes=attributes,
            dimensions=dimensions,
            discount=discount,
            image_uri=image_uri,
            weight=weight,
        )

        return line_item
