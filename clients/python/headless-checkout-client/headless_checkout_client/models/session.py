from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.session_state import SessionState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.delivery import Delivery
    from ..models.session_purchase import SessionPurchase


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A checkout session: the purchase, its deliveries and what each delivery is offered.

    Attributes:
        deliveries (list[Delivery]):
        purchase (SessionPurchase): What is being bought: destination country, currency, languages, totals and vouchers.
        config_revision (str | Unset): The revision of the merchant's delivery configuration the offer was computed
            with;
            `refresh` computes it again with the current one.
        create_time (datetime.datetime | Unset):
        etag (str | Unset): The version of this session. Send it back on update and on custom methods to make the
            write conditional: a stale etag is refused with ABORTED (409).
        expire_time (datetime.datetime | Unset): When the offered options stop being valid; refresh the session after
            it.
        external_id (None | str | Unset): The merchant's own reference for this checkout, e.g. a cart or order id.
        name (str | Unset): Resource name, `sessions/{session_id}`.
        search_address (Address | Unset):
        source_transport_order (str | Unset): For a session re-opened from a transport order: that order, which
            completing amends.
        state (SessionState | Unset): The life-cycle state of a session.
        test (bool | Unset): `true` for a session made with a test key: only test keys see it, its events say
            `test`, and its transport orders are test orders that no live key, list or webhook
            ever shows.
        update_time (datetime.datetime | Unset):
    """

    deliveries: list[Delivery]
    purchase: SessionPurchase
    config_revision: str | Unset = UNSET
    create_time: datetime.datetime | Unset = UNSET
    etag: str | Unset = UNSET
    expire_time: datetime.datetime | Unset = UNSET
    external_id: None | str | Unset = UNSET
    name: str | Unset = UNSET
    search_address: Address | Unset = UNSET
    source_transport_order: str | Unset = UNSET
    state: SessionState | Unset = UNSET
    test: bool | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        purchase = self.purchase.to_dict()

        config_revision = self.config_revision

        create_time: str | Unset = UNSET
        if not isinstance(self.create_time, Unset):
            create_time = self.create_time.isoformat()

        etag = self.etag

        expire_time: str | Unset = UNSET
        if not isinstance(self.expire_time, Unset):
            expire_time = self.expire_time.isoformat()

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        name = self.name

        search_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.search_address, Unset):
            search_address = self.search_address.to_dict()

        source_transport_order = self.source_transport_order

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        test = self.test

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliveries": deliveries,
                "purchase": purchase,
            }
        )
        if config_revision is not UNSET:
            field_dict["config_revision"] = config_revision
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if etag is not UNSET:
            field_dict["etag"] = etag
        if expire_time is not UNSET:
            field_dict["expire_time"] = expire_time
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if name is not UNSET:
            field_dict["name"] = name
        if search_address is not UNSET:
            field_dict["search_address"] = search_address
        if source_transport_order is not UNSET:
            field_dict["source_transport_order"] = source_transport_order
        if state is not UNSET:
            field_dict["state"] = state
        if test is not UNSET:
            field_dict["test"] = test
        if update_time is not UNSET:
            field_dict["update_time"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.delivery import Delivery  # noqa: PLC0415
        from ..models.session_purchase import SessionPurchase  # noqa: PLC0415

        d = dict(src_dict)
        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = Delivery.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        purchase = SessionPurchase.from_dict(d.pop("purchase"))

        config_revision = d.pop("config_revision", UNSET)

        _create_time = d.pop("create_time", UNSET)
        create_time: datetime.datetime | Unset
        if isinstance(_create_time, Unset):
            create_time = UNSET
        else:
            create_time = datetime.datetime.fromisoformat(_create_time)

        etag = d.pop("etag", UNSET)

        _expire_time = d.pop("expire_time", UNSET)
        expire_time: datetime.datetime | Unset
        if isinstance(_expire_time, Unset):
            expire_time = UNSET
        else:
            expire_time = datetime.datetime.fromisoformat(_expire_time)

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        name = d.pop("name", UNSET)

        _search_address = d.pop("search_address", UNSET)
        search_address: Address | Unset
        if isinstance(_search_address, Unset):
            search_address = UNSET
        else:
            search_address = Address.from_dict(_search_address)

        source_transport_order = d.pop("source_transport_order", UNSET)

        _state = d.pop("state", UNSET)
        state: SessionState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = SessionState(_state)

        test = d.pop("test", UNSET)

        _update_time = d.pop("update_time", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        session = cls(
            deliveries=deliveries,
            purchase=purchase,
            config_revision=config_revision,
            create_time=create_time,
            etag=etag,
            expire_time=expire_time,
            external_id=external_id,
            name=name,
            search_address=search_address,
            source_transport_order=source_transport_order,
            state=state,
            test=test,
            update_time=update_time,
        )

        return session
