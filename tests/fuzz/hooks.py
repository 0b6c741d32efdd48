"""Schemathesis hooks for tests/fuzz/run: keep state that one request uses up from turning the
next valid request into a failure that is the fuzzer's, not the server's.

* Completing a session freezes it: every later valid request on it is rightly refused (400
  FAILED_PRECONDITION), and schemathesis would report that as "valid data rejected". So a
  request to a completing operation whose id is a real-looking session id gets a session of
  its own, made just before the call (the COS re-opened-order completion gets a fresh order and
  its re-opened session). Invalid ids are left alone, so negative cases stay negative.
  A session completed that way comes back in the answer, and schemathesis reuses ids from
  answers: a later request naming it gets a fresh session too.
* `request_id` is an idempotency key: sent again with another request it is rightly refused.
  A valid one gets a counter appended, so each request has its own.

* What the server checks against its own state, its configuration or the clock, which no
  schema can state, is met in positive cases only (`_meet_state`): a choice names an option the
  session offers (the request then leaves the cart and address alone, so the offer it chooses
  from is the one read), a page token is one the server issued for that filter, an added
  location is one a search found, a warehouse is one the demo merchant has, a cart is in the
  purchase currency, a date is within the two-year horizon and a readiness window is not
  reversed, delivery ids are unique, a completing customer lives in the country the demo
  merchant ships to, and an `update_mask` names what the body carries. Negative cases are left
  as generated, so what makes them negative stays.

Only values are swapped, never for ones the schema would reject; schemathesis re-validates a
case after these hooks, so its positive/negative verdicts hold. Fixture data: $FUZZ_FIXTURE
(written by fixture.py), credential: $FUZZ_AUTH.
"""

import datetime
import itertools
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib

import schemathesis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture  # noqa: E402

# Operations that complete the session they name: (where, field).
COMPLETING = {
    "completeSession": ("path", "session"),
    "cosCompleteSession": ("body", "id"),
    "cosCompleteSessionAndPromote": ("body", "id"),
    "cosCompleteSessionAndUpdateOrder": ("body", "id"),
    "siwCompleteSession": ("body", "id"),
    "deliveryCheckoutCompleteSession": ("body", "checkout_session_id"),
}
SESSION_ID = re.compile(
    r"^(sessions/)?([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
    r"|VM2-[0-9a-fA-F]{32})$"
)
ORDER_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
MAX_REQUEST_ID = 128

# Every field that names a session of this surface, by operation (fixture.BINDINGS).
SESSION_FIELDS = {
    op: [tuple(field.split(".", 1)) for field, kind in fields.items() if kind in ("session", "reopened")]
    for op, fields in fixture.BINDINGS.items()
}

_state = {}
_counter = itertools.count(1)
_completed = set()  # sessions that hooks made and schemathesis completed
_made_ids = {}  # request_id this hook sent -> the one schemathesis generated


def _fixture():
    if not _state:
        with open(os.environ["FUZZ_FIXTURE"]) as f:
            data = json.load(f)
        _state["api"] = fixture.Api(data["base"])
        _state["create"] = data["create"]
        _state["id_of"] = fixture.CREATE[data["surface"]][1]
    return _state["api"], _state["create"]


def _fresh_session():
    api, (method, path, body) = _fixture()
    return _state["id_of"](api.call(method, path, body))


def _key(value):
    """A session id in any spelling (`sessions/<uuid>`, `<uuid>`, `VM2-<hex>`) as 32 hex digits."""
    if not isinstance(value, str) or not SESSION_ID.match(value):
        return None
    return re.sub(r"^(sessions/|VM2-)|-", "", value).lower()


def _operation_id(case):
    return case.operation.definition.raw.get("operationId")


def _container(case, where):
    if where == "path":
        return case.path_parameters
    if where == "query":
        return case.query
    return case.body if isinstance(case.body, dict) else None


@schemathesis.hook
def before_call(context, case, **kwargs):
    op = _operation_id(case)
    for where, field in SESSION_FIELDS.get(op, ()):
        values = _container(case, where)
        if values is not None and _key(values.get(field)) in _completed:
            values[field] = _fresh_session()
    if op in COMPLETING:
        where, field = COMPLETING[op]
        values = _container(case, where)
        if values is not None and isinstance(values.get(field), str) and SESSION_ID.match(values[field]):
            api, _ = _fixture()
            if op == "cosCompleteSessionAndUpdateOrder":
                order = api.order()
                reopened = api.call("POST", "/v1/cos/session.createFromOrder", {"tos_id": order})
                values[field] = reopened["session"]["id"]
                if isinstance(values.get("tos_id"), str) and ORDER_ID.match(values["tos_id"]):
                    values["tos_id"] = order
            else:
                values[field] = _fresh_session()
    _meet_state(case, op)
    for values in (case.query, case.body if isinstance(case.body, dict) else None):
        if not values:
            continue
        rid = values.get("request_id")
        if isinstance(rid, str) and rid:
            # Schemathesis sends a case again after mutating it: start from what it generated.
            rid = _made_ids.get(rid, rid)
            suffix = f"-{next(_counter)}"
            made = rid[: MAX_REQUEST_ID - len(suffix)] + suffix
            values["request_id"] = made
            _made_ids[made] = rid


@schemathesis.hook
def after_call(context, case, response):
    op = _operation_id(case)
    if op in COMPLETING and 200 <= response.status_code < 300:
        where, field = COMPLETING[op]
        values = _container(case, where)
        key = _key(values.get(field)) if values is not None else None
        if key is not None:
            _completed.add(key)


# ---- state the schema cannot state, met in positive cases ----

# The demo merchant's warehouses (config/demo.toml) and the country its sessions ship in.
WAREHOUSES = ["sto-central", "gbg-west"]
SHIP_COUNTRY = "SE"
# Dates past this are refused (two years, less a margin for the run's own clock).
HORIZON = datetime.timedelta(days=700)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_tokens = {}  # (operation, filter) -> page tokens the server issued


def _is_positive(case):
    # The stateful phase's follow-up requests carry no metadata; they are positive.
    meta = case.meta
    return meta is None or meta.generation.mode.is_positive


def _get(path):
    """GET `path` as the merchant; None when it is not answered 200."""
    api, _ = _fixture()
    req = urllib.request.Request(api.base + path)
    req.add_header("Authorization", api.auth)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.load(resp)
    except (urllib.error.URLError, ValueError):
        return None


def _pick(items, seed):
    """One of `items`, the same one for the same generated value."""
    return items[zlib.crc32(json.dumps(seed, sort_keys=True, default=str).encode()) % len(items)]


def _within_horizon(text):
    """`text` (a date or an RFC 3339 time) moved back into the horizon when it is past it."""
    if not isinstance(text, str):
        return text
    now = datetime.datetime.now(datetime.timezone.utc)
    try:
        if DAY.match(text):
            if datetime.date.fromisoformat(text) > (now + HORIZON).date():
                return (now + datetime.timedelta(days=1)).date().isoformat()
        elif RFC3339.match(text):
            if datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) > now + HORIZON:
                return (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        pass
    return text


def _cart(cart, currency):
    """A cart in `currency`, with its dates within the horizon."""
    if not isinstance(cart, dict):
        return
    if isinstance(cart.get("currency"), str) and cart["currency"].strip() and currency:
        cart["currency"] = currency
    if "shipping_date" in cart:
        cart["shipping_date"] = _within_horizon(cart["shipping_date"])
    for item in cart.get("items") or []:
        if isinstance(item, dict) and "shipping_date" in item:
            item["shipping_date"] = _within_horizon(item["shipping_date"])


def _deliveries(deliveries):
    """Unique delivery ids, readiness within the horizon and not reversed."""
    if not isinstance(deliveries, list):
        return
    seen = set()
    for i, d in enumerate(deliveries):
        if not isinstance(d, dict):
            continue
        if isinstance(d.get("id"), str):
            while d["id"] in seen:
                d["id"] = f"{d['id']}-{i}"[-4096:]
            seen.add(d["id"])
        for f in d.get("fulfillments") or []:
            r = f.get("readiness") if isinstance(f, dict) else None
            if not isinstance(r, dict):
                continue
            for key in ("earliest_time", "latest_time"):
                if key in r:
                    r[key] = _within_horizon(r[key])
            try:
                early = datetime.datetime.fromisoformat(r["earliest_time"].replace("Z", "+00:00"))
                late = datetime.datetime.fromisoformat(r["latest_time"].replace("Z", "+00:00"))
                if late < early:
                    r["latest_time"] = r["earliest_time"]
            except (KeyError, AttributeError, TypeError, ValueError):
                pass


def _shipping_customer(body):
    """A completing customer in the country the sessions ship to (the demo merchant's offer)."""
    for key in ("customer", "customer_info"):
        address = (body.get(key) or {}).get("address") if isinstance(body.get(key), dict) else None
        if isinstance(address, dict) and isinstance(address.get("country"), str):
            address["country"] = SHIP_COUNTRY


def _implicit_mask(body):
    """The paths a body carries, as `update_mask` would name them."""
    paths = []
    for key, value in body.items():
        if key == "purchase" and isinstance(value, dict):
            paths += [f"purchase.{k}" for k in value]
        elif key in ("deliveries", "search_address", "external_id"):
            paths.append(key)
    return paths


def _options(delivery):
    return [o for c in delivery.get("delivery_categories", []) for o in c["delivery_options"]]


def _headless_choices(case, body):
    session = _get(f"/v1/sessions/{case.path_parameters.get('session')}")
    if not session:
        return
    # Nothing can be chosen where nothing is offered (a session the stateful phase made from
    # generated data, in a currency the merchant has no prices in): choose on a fixture session.
    if not any(_options(d) for d in session.get("deliveries") or []):
        case.path_parameters["session"] = _fresh_session()
        session = _get(f"/v1/sessions/{case.path_parameters['session']}") or {}
    deliveries = [d for d in session.get("deliveries") or [] if _options(d)]
    if not deliveries:
        return
    chosen = []
    kept = []
    for i, choice in enumerate(body.get("delivery_choices") or []):
        if not isinstance(choice, dict):
            kept.append(choice)
            continue
        ids = [d["id"] for d in deliveries]
        if isinstance(choice.get("delivery_id"), str) and choice["delivery_id"] not in ids:
            choice["delivery_id"] = ids[i % len(ids)]
        if choice.get("delivery_id") in chosen:
            continue
        chosen.append(choice.get("delivery_id"))
        delivery = next((d for d in deliveries if d["id"] == choice.get("delivery_id")), None)
        options = _options(delivery or {})
        if not options:
            kept.append(choice)
            continue
        by_id = {o["id"]: o for o in options}
        if isinstance(choice.get("option_id"), str) and choice["option_id"] not in by_id:
            choice["option_id"] = _pick(list(by_id), choice["option_id"])
        option = by_id.get(choice.get("option_id"))
        if option is not None and isinstance(choice.get("addon_ids"), list):
            choice["addon_ids"] = [a for a in choice["addon_ids"] if a in option["supported_addon_ids"]]
        kept.append(choice)
    if "delivery_choices" in body:
        body["delivery_choices"] = kept


def _page_token(case, op):
    query = case.query or {}
    token = query.get("page_token")
    if not isinstance(token, str) or not token:
        return
    filter_text = query.get("filter") or ""
    issued = _tokens.get((op, filter_text))
    if issued is None:
        path = {"listSessions": "/v1/sessions", "listTransportOrders": "/v1/transportOrders",
                "listEvents": "/v1/events",
                "listDeliveryConfigRevisions": "/v1/merchants/demo/deliveryConfig/revisions",
                "listAuditEvents": "/v1/merchants/demo/auditEvents",
                "listApiKeys": "/v1/merchants/demo/apiKeys",
                "listPickupPoints": "/v1/merchants/demo/pickupPoints"}[op]
        page = _get(f"{path}?page_size=1&filter={urllib.parse.quote(filter_text)}") or {}
        issued = [page["next_page_token"]] if page.get("next_page_token") else []
        _tokens[(op, filter_text)] = issued
    if token not in issued:
        query["page_token"] = issued[0] if issued else ""


def _legacy_choice(case, op, body):
    """A user choice the session offers now, on an offer the request leaves alone."""
    choice = body.get("user_choice")
    if not isinstance(choice, dict) or not isinstance(choice.get("shipping_method"), str):
        return
    for key in ("cart", "search_address"):
        body.pop(key, None)
    if op == "cosUpdateSession":
        got = _get(f"/v1/cos/session.get?id={urllib.parse.quote(str(body.get('id')))}")
        offered = (got or {}).get("session", {}).get("choices") or []
        if offered:
            body["user_choice"] = dict(_pick(offered, choice))
    else:
        got = _get(f"/v1/siw/session.get?id={urllib.parse.quote(str(body.get('id')))}")
        result = (got or {}).get("session", {}).get("result")
        if result:
            shipping = result["shipping"]
            body["user_choice"] = {"shipping_method": shipping["shipping_method"],
                                   "shipping_category_ref": result["category"]["id"]}
            if shipping.get("location"):
                body["user_choice"]["location_ref"] = shipping["location"]["external_id"]


def _group_choices(body):
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        return
    for key in ("cart", "carts", "search_address"):
        body.pop(key, None)
    got = _get(f"/v1/delivery_checkout/session.get?checkout_session_id="
               f"{urllib.parse.quote(str(body.get('checkout_session_id')))}")
    groups = (got or {}).get("session", {}).get("delivery_groups") or []
    if not groups:
        return
    kept, seen = [], set()
    for i, choice in enumerate(choices):
        if not isinstance(choice, dict):
            kept.append(choice)
            continue
        group = groups[i % len(groups)]
        if group["id"] in seen:
            continue
        seen.add(group["id"])
        for key in ("shipping_category_ref", "location_ref", "time_slot_ref"):
            choice.pop(key, None)
        choice["delivery_group_id"] = group["id"]
        choice["shipping_method"] = group["shipping"]["shipping_method"]
        choice["shipping_category_ref"] = group["category"]["id"]
        kept.append(choice)
    body["choices"] = kept


CONFIG_OPERATIONS = (
    "getDeliveryConfig",
    "updateDeliveryConfig",
    "listDeliveryConfigRevisions",
    "listAuditEvents",
    "getDeliveryConfigRevision",
    "previewDeliveryConfig",
    "createApiKey",
    "listApiKeys",
    "revokeApiKey",
    "importPickupPoints",
    "listPickupPoints",
    "getPickupPoint",
)
# A point every import may add: the demo's carrier, coordinates and hours the server accepts.
# Positive imports add (UPSERT) this one point, so they leave the demo's offer as it is.
FUZZ_POINT = {
    "id": "fuzz-locker-1", "carrier": "Instabox", "external_id": "FUZZ-1",
    "location_type": "LOCKER", "title": "Fuzz Locker",
    "address": {"country_code": "SE", "postal_code": "98499", "city": "Pajala",
                "address_lines": ["Fuzzgatan 1"], "coordinates": {"lat": 67.21, "lng": 23.37}},
    "opening_hours": {"monday": ["08:00-20:00"]},
}
FUZZ_CSV = ("id,carrier,title,location_type,country_code,lat,lng\n"
            "fuzz-locker-2,Instabox,Fuzz Locker Two,LOCKER,SE,67.22,23.38\n")
# Display names a positive update may set: a change that any configuration accepts and that
# leaves what the other operations are offered as it is.
SHOP_NAMES = ["Demo Garden Shop", "Demo Garden Shop (fuzzed)"]


def _config_case(case, op):
    """The demo merchant's own configuration (another merchant's is refused, by design), an
    existing revision, and for an update a change the file's rules accept: the schema states
    only that the configuration is an object, the rules live in the server."""
    if case.path_parameters is not None and "merchant" in case.path_parameters:
        case.path_parameters["merchant"] = "demo"
    if op == "getDeliveryConfigRevision" and case.path_parameters is not None:
        case.path_parameters["revision"] = "1"
    if op == "getPickupPoint" and case.path_parameters is not None:
        case.path_parameters["pickup_point"] = "pn-sto-007"
    if op == "importPickupPoints":
        if case.query is not None:
            case.query.pop("set_etag", None)
            case.query["mode"] = "UPSERT"
        if isinstance(case.body, dict):
            case.body.clear()
            case.body["pickup_points"] = [dict(FUZZ_POINT)]
        elif isinstance(case.body, (str, bytes)):
            case.body = FUZZ_CSV if isinstance(case.body, str) else FUZZ_CSV.encode()
    body = case.body if isinstance(case.body, dict) else None
    if op == "updateDeliveryConfig" and body is not None:
        name = body.get("config", {}).get("name") if isinstance(body.get("config"), dict) else None
        body.clear()
        body["config"] = {"name": _pick(SHOP_NAMES, name if isinstance(name, str) else "")}
        if case.query is not None:
            case.query["update_mask"] = "config.name"
    if op == "createApiKey" and body is not None:
        # A scope the server can issue: SCOPE_UNSPECIFIED is the enum's required zero value.
        scopes = [x for x in body.get("scopes") or [] if x in ("CHECKOUT", "ADMIN")]
        body["scopes"] = scopes or ["CHECKOUT"]
    if op == "previewDeliveryConfig" and body is not None:
        body.pop("config", None)
        session = body.get("session")
        if isinstance(session, dict):
            _deliveries(session.get("deliveries"))


def _meet_state(case, op):
    if not _is_positive(case):
        return
    body = case.body if isinstance(case.body, dict) else None
    if op in ("listSessions", "listTransportOrders", "listEvents", "listDeliveryConfigRevisions",
              "listAuditEvents", "listApiKeys", "listPickupPoints"):
        _page_token(case, op)
    if op in CONFIG_OPERATIONS:
        _config_case(case, op)
    if body is None:
        return
    if op in ("createSession", "updateSession"):
        _deliveries(body.get("deliveries"))
    if op == "updateSession" and case.query is not None:
        paths = _implicit_mask(body)
        if not paths:
            case.query["update_mask"] = "external_id"
        elif case.query.get("update_mask"):
            case.query["update_mask"] = ",".join(paths)
    if op in ("chooseDeliveryOptions", "completeSession"):
        _headless_choices(case, body)
    if op in ("cosCreateSession", "siwCreateSession", "deliveryCheckoutCreateSession"):
        currency = body.get("purchase_currency")
        _cart(body.get("cart"), currency.strip() if isinstance(currency, str) else None)
    if op in ("cosUpdateSession", "siwUpdateSession", "deliveryCheckoutUpdateSession"):
        # The fixture's sessions are bought in SEK (the create examples).
        _cart(body.get("cart"), "SEK")
        _cart(body.get("carts"), "SEK")
    if op in ("cosUpdateSession", "siwUpdateSession"):
        _legacy_choice(case, op, body)
    if op == "deliveryCheckoutUpdateSession":
        _group_choices(body)
    if op in COMPLETING and op != "completeSession":
        _shipping_customer(body)
    if isinstance(body.get("warehouse_id"), str) and body["warehouse_id"] not in WAREHOUSES:
        body["warehouse_id"] = _pick(WAREHOUSES, body["warehouse_id"])
    if op == "cosAddLocationToSession":
        found = _get(f"/v1/cos/location.search?id={urllib.parse.quote(str(body.get('id')))}&limit=10")
        locations = (found or {}).get("locations") or []
        if locations and isinstance(body.get("location_ref"), str):
            location = _pick(locations, body["location_ref"])
            body["shipping_method"] = location["shipping_method"]
            body["location_ref"] = location["external_id"]
