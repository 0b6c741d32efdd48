from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.delivery_category import DeliveryCategory
    from ..models.fulfillment import Fulfillment
    from ..models.line_item import LineItem


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """One shipment: its goods, recipient and readiness, and the categories offered for it.

    Attributes:
        id (str): Chosen by the client, unique within the session.
        line_items (list[LineItem]):
        recipient_contact (Contact):
        attributes (list[str] | Unset): Tags that filter and price rules match on, e.g. `bulky`.
        delivery_categories (list[DeliveryCategory] | Unset): Computed by the rule engine: the categories offered, in
            presentation order.
        fulfillments (list[Fulfillment] | Unset): When the goods are ready to ship; ready now when empty.
        no_offer_reasons (list[str] | Unset): When nothing can be offered (`delivery_categories` is empty), why: one
            reason per
            category of the merchant's, such as no price in the purchase currency or no carrier
            product delivering to the country.
        tos_id (str | Unset): The transport order created for this delivery, once the session is completed.
    """

    id: str
    line_items: list[LineItem]
    recipient_contact: Contact
    attributes: list[str] | Unset = UNSET
    delivery_categories: list[DeliveryCategory] | Unset = UNSET
    fulfillments: list[Fulfillment] | Unset = UNSET
    no_offer_reasons: list[str] | Unset = UNSET
    tos_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        line_items = []
        for line_items_item_data in self.line_items:
            line_items_item = line_items_item_data.to_dict()
            line_items.append(line_items_item)

        recipient_contact = self.recipient_contact.to_dict()

        attributes: list[str] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes

        delivery_categories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.delivery_categories, Unset):
            delivery_categories = []
            for delivery_categories_item_data in self.delivery_categories:
                delivery_categories_item = delivery_categories_item_data.to_dict()
                delivery_categories.append(delivery_categories_item)

        fulfillments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fulfillments, Unset):
            fulfillments = []
            for fulfillments_item_data in self.fulfillments:
                fulfillments_item = fulfillments_item_data.to_dict()
                fulfillments.append(fulfillments_item)

        no_offer_reasons: list[str] | Unset = UNSET
        if not isinstance(self.no_offer_reasons, Unset):
            no_offer_reasons = self.no_offer_reasons

        tos_id = self.tos_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "line_items": line_items,
                "recipient_contact": recipient_contact,
            }
        )
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if delivery_categories is not UNSET:
            field_dict["delivery_categories"] = delivery_categories
        if fulfillments is not UNSET:
            field_dict["fulfillments"] = fulfillments
        if no_offer_reasons is not UNSET:
            field_dict["no_offer_reasons"] = no_offer_reasons
        if tos_id is not UNSET:
            field_dict["tos_id"] = tos_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.delivery_category import DeliveryCategory  # noqa: PLC0415
        from ..models.fulfillment import Fulfillment  # noqa: PLC0415
        from ..models.line_item import LineItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        line_items = []
        _line_items = d.pop("line_items")
        for line_items_item_data in _line_items:
            line_items_item = LineItem.from_dict(line_items_item_data)

            line_items.append(line_items_item)

        recipient_contact = Contact.from_dict(d.pop("recipient_contact"))

        attributes = cast(list[str], d.pop("attributes", UNSET))

        _delivery_categories = d.pop("delivery_categories", UNSET)
        delivery_categories: list[DeliveryCategory] | Unset = UNSET
        if _delivery_categories is not UNSET:
            delivery_categories = []
            for delivery_categories_item_data in _delivery_categories:
                delivery_categories_item = DeliveryCategory.from_dict(delivery_categories_item_data)

                delivery_categories.append(delivery_categories_item)

        _fulfillments = d.pop("fulfillments", UNSET)
        fulfillments: list[Fulfillment] | Unset = UNSET
        if _fulfillments is not UNSET:
            fulfillments = []
            for fulfillments_item_data in _fulfillments:
                fulfillments_item = Fulfillment.from_dict(fulfillments_item_data)

                fulfillments.append(fulfillments_item)

        no_offer_reasons = cast(list[str], d.pop("no_offer_reasons", UNSET))

        tos_id = d.pop("tos_id", UNSET)

        delivery = cls(
            id=id,
            line_items=line_items,
            recipient_contact=recipient_contact,
            attributes=attributes,
            delivery_categories=delivery_categories,
            fulfillments=fulfillments,
            no_offer_reasons=no_offer_reasons,
            tos_id=tos_id,
        )

        return delivery
