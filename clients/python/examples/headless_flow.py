"""The whole headless flow through the generated client, against a live server: create a session
with the demo cart, read its categories and options, choose a pickup option, update the cart with
the etag, see a stale etag refused with ABORTED (409), complete, print ``tos_id``.

    pip install ./headless-checkout-client
    HEADLESS_CHECKOUT_URL=http://127.0.0.1:8080 python examples/headless_flow.py

HEADLESS_CHECKOUT_API_KEY defaults to the documented demo key.
"""

from __future__ import annotations

import datetime
import os
from typing import TypeVar

from headless_checkout_client import AuthenticatedClient
from headless_checkout_client.api.sessions import (
    choose_delivery_options,
    complete_session,
    create_session,
    update_session,
)
from headless_checkout_client.models import (
    Address,
    ChooseDeliveryOptionsBody,
    CompleteSessionBody,
    Contact,
    Coordinates,
    Delivery,
    DeliveryCategoryDeliveryType,
    DeliveryChoice,
    ErrorDetailErrorInfo,
    ErrorResponse,
    Fulfillment,
    FulfillmentReadiness,
    LineItem,
    Session,
    SessionUpdate,
    SessionPurchase,
    SessionState,
)
from headless_checkout_client.types import UNSET, Response, Unset

DEMO_KEY = "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg"

T = TypeVar("T")


def check(response: Response[ErrorResponse | T]) -> T:
    """The parsed body of a successful response; fails with the google.rpc.Status otherwise."""
    parsed = response.parsed
    if parsed is None or isinstance(parsed, ErrorResponse):
        status = parsed.error if parsed is not None else None
        detail = f"{status.status} {status.message}" if status else response.content.decode()
        raise SystemExit(f"HTTP {response.status_code}: {detail}")
    return parsed


def demo_session() -> Session:
    """The README's demo cart: two 1.2 kg pots to Hornsgatan 90, Stockholm."""
    return Session(
        purchase=SessionPurchase(
            country_code="SE",
            currency_code="SEK",
            locales=["sv-SE"],
            total_value="45000",
        ),
        deliveries=[
            Delivery(
                id="d1",
                line_items=[
                    LineItem(sku="POT-12", title="Terracotta pot", quantity=2, price="22500", weight=1200)
                ],
                fulfillments=[
                    Fulfillment(
                        readiness=FulfillmentReadiness(
                            earliest_time=datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)
                        )
                    )
                ],
                recipient_contact=Contact(
                    address=Address(
                        country_code="SE",
                        postal_code="11820",
                        city="Stockholm",
                        address_lines=["Hornsgatan 90"],
                        coordinates=Coordinates(lat=59.3170, lng=18.0460),
                    ),
                    email="customer@example.com",
                ),
            )
        ],
    )


def chosen_option(session: Session) -> str | None:
    """The id of the option chosen for the first delivery, if any."""
    categories = session.deliveries[0].delivery_categories or []
    for category in categories:
        for option in category.delivery_options:
            if option.chosen:
                return option.id
    return None


def main() -> None:
    client = AuthenticatedClient(
        base_url=os.environ.get("HEADLESS_CHECKOUT_URL", "http://127.0.0.1:8080"),
        token=os.environ.get("HEADLESS_CHECKOUT_API_KEY", DEMO_KEY),
        raise_on_unexpected_status=True,
    )
    with client:
        # Create a session with the demo cart.
        created = check(create_session.sync_detailed(client=client, body=demo_session()))
        assert isinstance(created.name, str), "the session has no name"
        session = created.name.removeprefix("sessions/")
        print(f"created {created.name} ({created.state}), etag {created.etag}")

        # The categories and options offered for the delivery.
        delivery = created.deliveries[0]
        categories = delivery.delivery_categories or []
        for category in categories:
            options = ", ".join(f"{o.id} {o.price}" for o in category.delivery_options)
            print(f'  {category.id} "{category.display_name}": {options}')

        # Choose the first pickup option, conditional on the etag just read.
        pickup = next(
            c.delivery_options[0]
            for c in categories
            if c.delivery_type == DeliveryCategoryDeliveryType.PICKUP and c.delivery_options
        )
        chosen = check(
            choose_delivery_options.sync_detailed(
                session,
                client=client,
                body=ChooseDeliveryOptionsBody(
                    etag=created.etag,
                    delivery_choices=[DeliveryChoice(delivery_id=delivery.id, option_id=pickup.id)],
                ),
            )
        )
        print(f"chose {pickup.id}, etag {chosen.etag}")

        # Update the cart (a third pot) by sending back the session as read (as the update body,
        # whose members are all optional): its etag makes the write conditional, and the mask
        # names what changes.
        # (Copies go through to_dict/from_dict: the models' UNSET does not survive deepcopy.)
        cart = Session.from_dict(chosen.to_dict())
        cart.deliveries[0].line_items[0].quantity = 3
        cart.purchase.total_value = "67500"
        updated = check(
            update_session.sync_detailed(
                session,
                client=client,
                body=SessionUpdate.from_dict(cart.to_dict()),
                update_mask="deliveries,purchase.total_value",
            )
        )
        still_chosen = chosen_option(updated)
        assert still_chosen is not None, "the choice did not survive the update"
        print(f"updated the cart, etag {updated.etag}, still chosen: {still_chosen}")

        # A write with the etag from before the update is refused: ABORTED, with the current etag.
        stale = Session.from_dict(updated.to_dict())
        stale.etag = chosen.etag
        stale.purchase.vouchers = ["FRIFRAKT"]
        refused = update_session.sync_detailed(
            session,
            client=client,
            body=SessionUpdate.from_dict(stale.to_dict()),
            update_mask="purchase.vouchers",
        )
        if not isinstance(refused.parsed, ErrorResponse):
            raise SystemExit(f"a write with a stale etag was answered {refused.status_code}")
        error = refused.parsed.error
        if refused.status_code != 409 or error.status != "ABORTED":
            raise SystemExit(f"expected 409 ABORTED, got {refused.status_code} {error.status}")
        current_etag: str | Unset = UNSET
        for detail in error.details:
            if isinstance(detail, ErrorDetailErrorInfo):
                current_etag = detail.metadata["current_etag"]
        print(f"stale etag refused: {error.code} {error.status}, current etag {current_etag}")
        if current_etag != updated.etag:
            raise SystemExit("the error names another current etag")

        # Complete with the current etag; the request id makes a retry safe.
        completed = check(
            complete_session.sync_detailed(
                session,
                client=client,
                body=CompleteSessionBody(etag=updated.etag, request_id=f"complete-{session}"),
            )
        )
        if completed.state != SessionState.COMPLETED:
            raise SystemExit(f"completed session is {completed.state}")
        for d in completed.deliveries:
            if not isinstance(d.tos_id, str):
                raise SystemExit("a completed delivery has no tos_id")
            print(f"tos_id {d.tos_id}")


if __name__ == "__main__":
    main()
