from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transport_order_state import TransportOrderState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.addon import Addon
    from ..models.contact import Contact
    from ..models.delivery_category_warehouse import DeliveryCategoryWarehouse
    from ..models.delivery_option import DeliveryOption
    from ..models.delivery_promise import DeliveryPromise
    from ..models.line_item import LineItem
    from ..models.price_component import PriceComponent
    from ..models.session_purchase import SessionPurchase
    from ..models.transport_order_category import TransportOrderCategory
    from ..models.transport_order_version import TransportOrderVersion


T = TypeVar("T", bound="TransportOrder")


@_attrs_define
class TransportOrder:
    """A transport order: what the warehouse books and ships for one completed delivery. Its id is
    the delivery's `tos_id`.

        Attributes:
            addons (list[Addon]):
            delivery_category (TransportOrderCategory): The category an order ships in.
            delivery_id (str):
            delivery_option (DeliveryOption): One way to receive the delivery: a carrier product, maybe at a pickup
                location.
            line_items (list[LineItem]):
            price (str): Shipping plus the chosen addons, minor units.
            price_components (list[PriceComponent]):
            purchase (SessionPurchase): What is being bought: destination country, currency, languages, totals and vouchers.
            recipient_contact (Contact):
            session (str): The session whose completion wrote the current version.
            test (bool): `true` for an order of a test session: it books nothing, and only test keys see it.
            version (int): 1 on creation, one more for each amendment.
            create_time (datetime.datetime | Unset):
            etag (str | Unset):
            external_id (str | Unset):
            history (list[TransportOrderVersion] | Unset): Earlier versions, oldest first; not in a `BASIC` list.
            name (str | Unset): `transportOrders/{tos_id}`.
            promise (DeliveryPromise | Unset): What the merchant, the carrier and the customer were promised.
            state (TransportOrderState | Unset):
            update_time (datetime.datetime | Unset):
            warehouse (DeliveryCategoryWarehouse | Unset): The warehouse this category ships from.
    """

    addons: list[Addon]
    delivery_category: TransportOrderCategory
    delivery_id: str
    delivery_option: DeliveryOption
    line_items: list[LineItem]
    price: str
    price_components: list[PriceComponent]
    purchase: SessionPurchase
    recipient_contact: Contact
    session: str
    test: bool
    version: int
    create_time: datetime.datetime | Unset = UNSET
    etag: str | Unset = UNSET
    external_id: str | Unset = UNSET
    history: list[TransportOrderVersion] | Unset = UNSET
    name: str | Unset = UNSET
    promise: DeliveryPromise | Unset = UNSET
    state: TransportOrderState | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    warehouse: DeliveryCategoryWarehouse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        addons = []
        for addons_item_data in self.addons:
            addons_item = addons_item_data.to_dict()
            addons.append(addons_item)

        delivery_category = self.delivery_category.to_dict()

        delivery_id = self.delivery_id

        delivery_option = self.delivery_option.to_dict()

        line_items = []
        for line_items_item_data in self.line_items:
            line_items_item = line_items_item_data.to_dict()
            line_items.append(line_items_item)

        price = self.price

        price_components = []
        for price_components_item_data in self.price_components:
            price_components_item = price_components_item_data.to_dict()
            price_components.append(price_components_item)

        purchase = self.purchase.to_dict()

        recipient_contact = self.recipient_contact.to_dict()

        session = self.session

        test = self.test

        version = self.version

        create_time: str | Unset = UNSET
        if not isinstance(self.create_time, Unset):
            create_time = self.create_time.isoformat()

        etag = self.etag

        external_id = self.external_id

        history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)

        name = self.name

        promise: dict[str, Any] | Unset = UNSET
        if not isinstance(self.promise, Unset):
            promise = self.promise.to_dict()

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        warehouse: dict[str, Any] | Unset = UNSET
        if not isinstance(self.warehouse, Unset):
            warehouse = self.warehouse.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "addons": addons,
                "delivery_category": delivery_category,
                "delivery_id": delivery_id,
                "delivery_option": delivery_option,
                "line_items": line_items,
                "price": price,
                "price_components": price_components,
                "purchase": purchase,
                "recipient_contact": recipient_contact,
                "session": session,
                "test": test,
                "version": version,
            }
        )
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if etag is not UNSET:
            field_dict["etag"] = etag
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if history is not UNSET:
            field_dict["history"] = history
        if name is not UNSET:
            field_dict["name"] = name
        if promise is not UNSET:
            field_dict["promise"] = promise
        if state is not UNSET:
            field_dict["state"] = state
        if update_time is not UNSET:
            field_dict["update_time"] = update_time
        if warehouse is not UNSET:
            field_dict["warehouse"] = warehouse

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.addon import Addon  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.delivery_category_warehouse import DeliveryCategoryWarehouse  # noqa: PLC0415
        from ..models.delivery_option import DeliveryOption  # noqa: PLC0415
        from ..models.delivery_promise import DeliveryPromise  # noqa: PLC0415
        from ..models.line_item import LineItem  # noqa: PLC0415
        from ..models.price_component import PriceComponent  # noqa: PLC0415
        from ..models.session_purchase import SessionPurchase  # noqa: PLC0415
        from ..models.transport_order_category import TransportOrderCategory  # noqa: PLC0415
        from ..models.transport_order_version import TransportOrderVersion  # noqa: PLC0415

        d = dict(src_dict)
        addons = []
        _addons = d.pop("addons")
        for addons_item_data in _addons:
            addons_item = Addon.from_dict(addons_item_data)

            addons.append(addons_item)

        delivery_category = TransportOrderCategory.from_dict(d.pop("delivery_category"))

        delivery_id = d.pop("delivery_id")

        delivery_option = DeliveryOption.from_dict(d.pop("delivery_option"))

        line_items = []
        _line_items = d.pop("line_items")
        for line_items_item_data in _line_items:
            line_items_item = LineItem.from_dict(line_items_item_data)

            line_items.append(line_items_item)

        price = d.pop("price")

        price_components = []
        _price_components = d.pop("price_components")
        for price_components_item_data in _price_components:
            price_components_item = PriceComponent.from_dict(price_components_item_data)

            price_components.append(price_components_item)

        purchase = SessionPurchase.from_dict(d.pop("purchase"))

        recipient_contact = Contact.from_dict(d.pop("recipient_contact"))

        session = d.pop("session")

        test = d.pop("test")

        version = d.pop("version")

        _create_time = d.pop("create_time", UNSET)
        create_time: datetime.datetime | Unset
        if isinstance(_create_time, Unset):
            create_time = UNSET
        else:
            create_time = datetime.datetime.fromisoformat(_create_time)

        etag = d.pop("etag", UNSET)

        external_id = d.pop("external_id", UNSET)

        _history = d.pop("history", UNSET)
        history: list[TransportOrderVersion] | Unset = UNSET
        if _history is not UNSET:
            history = []
            for history_item_data in _history:
                history_item = TransportOrderVersion.from_dict(history_item_data)

                history.append(history_item)

        name = d.pop("name", UNSET)

        _promise = d.pop("promise", UNSET)
        promise: DeliveryPromise | Unset
        if isinstance(_promise, Unset):
            promise = UNSET
        else:
            promise = DeliveryPromise.from_dict(_promise)

        _state = d.pop("state", UNSET)
        state: TransportOrderState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = TransportOrderState(_state)

        _update_time = d.pop("update_time", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        _warehouse = d.pop("warehouse", UNSET)
        warehouse: DeliveryCategoryWarehouse | Unset
        if isinstance(_warehouse, Unset):
            warehouse = UNSET
        else:
            warehouse = DeliveryCategoryWarehouse.from_dict(_warehouse)

        transport_order = cls(
            addons=addons,
            delivery_category=delivery_category,
            delivery_id=delivery_id,
            delivery_option=delivery_option,
            line_items=line_items,
            price=price,
            price_components=price_components,
            purchase=purchase,
            recipient_contact=recipient_contact,
            session=session,
            test=test,
            version=version,
            create_time=create_time,
            etag=etag,
            external_id=external_id,
            history=history,
            name=name,
            promise=promise,
            state=state,
            update_time=update_time,
            warehouse=warehouse,
        )

        transport_order.additional_properties = d
        return transport_order

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
