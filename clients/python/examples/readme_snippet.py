"""The README's Python snippet, run by CI so it cannot rot: create a session from a plain dict."""

import os

from headless_checkout_client import AuthenticatedClient
from headless_checkout_client.api.sessions import create_session
from headless_checkout_client.models import Session

cart = {
    "purchase": {"country_code": "SE", "currency_code": "SEK", "locales": ["sv-SE"]},
    "deliveries": [{
        "id": "d1",
        "line_items": [{"sku": "POT-12", "title": "Terracotta pot", "quantity": 2, "price": "22500"}],
        "recipient_contact": {"address": {"country_code": "SE", "postal_code": "11820", "address_lines": []}},
    }],
}
client = AuthenticatedClient(
    base_url=os.environ.get("HEADLESS_CHECKOUT_URL", "http://127.0.0.1:8080"),
    token=os.environ.get("HEADLESS_CHECKOUT_API_KEY", "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg"),
)
session = create_session.sync(client=client, body=Session.from_dict(cart))  # Session or ErrorResponse
assert isinstance(session, Session), session
print(session.name, session.state)
