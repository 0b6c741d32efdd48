"""Test data for the contract fuzzing in tests/fuzz/run, so that generated requests reach the
handlers instead of ending at 404.

The published request examples name a session and a transport order that do not exist
(crates/api/src/examples.rs). Schemathesis cannot create them itself: only the headless spec
lets it follow responses, and a session that is completed stays frozen. So, before a spec is
fuzzed, this creates real objects through the spec's own create operation with its own
example, gives each operation that names a session its own few sessions (completing one
freezes it, and the other operations should not see that), and then

  * writes a copy of the served spec in which only *example values* change: the placeholder
    ids in request-body examples, and an `example` on each id parameter. No schema, constraint
    or status code is touched, so the contract under test is the served one;
  * writes a schemathesis.toml that binds those id fields to dictionaries of the real ids, so
    the coverage and fuzzing phases also draw real ids most of the time (probability below),
    and random ones the rest.

Usage: fixture.py BASE_URL SPEC_NAME SERVED_SPEC OUT_SPEC OUT_CONFIG   (Authorization: $FUZZ_AUTH)
Standard library only.
"""

import json
import os
import sys
import urllib.error
import urllib.request

# Fresh sessions per operation that names one. Each successful completion freezes one.
SESSIONS_PER_OPERATION = 3
# How often a generated id field takes a real id rather than a generated string.
PROBABILITY = 0.8

# Per operation: which field takes which kind of real value.
#   session   a fresh session of this surface, in the surface's own spelling of its id
#   order     a transport order id (ULID); order_name the headless `transportOrders/<id>`
#   reopened  a session re-opened from an order, with that order as reopened_order
#   event     an event id
BINDINGS = {
    # headless
    "getSession": {"path.session": "session"},
    "updateSession": {"path.session": "session"},
    "chooseDeliveryOptions": {"path.session": "session"},
    "completeSession": {"path.session": "session"},
    "refreshSession": {"path.session": "session"},
    "createSessionFromTransportOrder": {"body.transport_order": "order_name"},
    "getTransportOrder": {"path.transport_order": "order"},
    "getEvent": {"path.event": "event"},
    "redeliverEvent": {"path.event": "event"},
    # COS
    "cosSearchLocations": {"query.id": "session"},
    "cosGetSession": {"query.id": "session"},
    "cosUpdateSession": {"body.id": "session"},
    "cosAddLocationToSession": {"body.id": "session"},
    "cosCompleteSession": {"body.id": "session"},
    "cosCompleteSessionAndPromote": {"body.id": "session"},
    "cosCreateSessionFromOrder": {"body.tos_id": "order"},
    "cosCompleteSessionAndUpdateOrder": {"body.id": "reopened", "body.tos_id": "reopened_order"},
    # SIW
    "siwGetSession": {"query.id": "session"},
    "siwUpdateSession": {"body.id": "session"},
    "siwCompleteSession": {"body.id": "session"},
    # Delivery Checkout
    "deliveryCheckoutGetSession": {"query.checkout_session_id": "session"},
    "deliveryCheckoutPullSession": {"query.checkout_session_id": "session"},
    "deliveryCheckoutUpdateSession": {"body.checkout_session_id": "session"},
    "deliveryCheckoutCompleteSession": {"body.checkout_session_id": "session"},
}

# Each surface's create operation and where its answer keeps the session id.
CREATE = {
    "headless": ("createSession", lambda r: r["name"].split("/", 1)[1]),
    "cos": ("cosCreateSession", lambda r: r["session"]["id"]),
    "siw": ("siwCreateSession", lambda r: r["session"]["id"]),
    "delivery-checkout": ("deliveryCheckoutCreateSession", lambda r: r["session"]["checkout_session_id"]),
}

# The headless create example makes the sessions that are completed into transport orders.
HEADLESS_SESSION = {
    "purchase": {"country_code": "SE", "currency_code": "SEK", "locales": ["sv-SE"], "total_value": "45000"},
    "deliveries": [{
        "id": "d1",
        "line_items": [{"sku": "POT-12", "title": "Terracotta pot", "quantity": 2, "price": "22500", "weight": 1200}],
        "recipient_contact": {
            "address": {"country_code": "SE", "postal_code": "11820", "city": "Stockholm",
                        "address_lines": ["Hornsgatan 90"]},
            "email": "customer@example.com",
        },
    }],
}


class Api:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.auth = os.environ["FUZZ_AUTH"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", self.auth)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as e:
            sys.exit(f"fixture: {method} {path} answered {e.code}: {e.read()[:500]!r}")

    def order(self):
        """A transport order: a headless session with the demo cart, completed."""
        s = self.call("POST", "/v1/sessions", HEADLESS_SESSION)
        done = self.call("POST", f"/v1/{s['name']}:complete", {})
        return done["deliveries"][0]["tos_id"]


def operations(spec):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                yield path, method, op


def main():
    base, name, served, out_spec, out_config = sys.argv[1:6]
    api = Api(base)
    spec = json.load(open(served))
    by_id = {op["operationId"]: (path, method, op) for path, method, op in operations(spec)}

    create_id, id_of = CREATE[name]
    create_path, create_method, create_op = by_id[create_id]
    create_body = next(iter(create_op["requestBody"]["content"].values()))["example"]

    def fresh_session():
        return id_of(api.call(create_method.upper(), create_path, create_body))

    events = []
    dictionaries = {}
    bindings = {}
    for op_id, fields in BINDINGS.items():
        if op_id not in by_id:
            continue
        _, _, op = by_id[op_id]
        values = {}
        for kind in set(fields.values()):
            if kind == "session":
                values[kind] = [fresh_session() for _ in range(SESSIONS_PER_OPERATION)]
            elif kind in ("order", "order_name"):
                orders = [api.order() for _ in range(SESSIONS_PER_OPERATION)]
                values[kind] = orders if kind == "order" else [f"transportOrders/{o}" for o in orders]
            elif kind == "reopened":
                # One pair: the two fields are drawn independently, so only one keeps them matched.
                order = api.order()
                reopened = api.call("POST", "/v1/cos/session.createFromOrder", {"tos_id": order})
                values["reopened"] = [reopened["session"]["id"]]
                values["reopened_order"] = [order]
            elif kind == "event":
                if not events:
                    api.order()  # completing a session records events
                    page = api.call("GET", "/v1/events?page_size=10")
                    events = [e["name"].split("/", 1)[1] for e in page["events"]]
                values[kind] = events
        for field, kind in fields.items():
            where, key = field.split(".", 1)
            dictionary = f"{op_id}.{key}"
            dictionaries[dictionary] = values[kind]
            bindings.setdefault(op_id, {})[field] = dictionary
            first = values[kind][0]
            if where == "body":
                for media in op.get("requestBody", {}).get("content", {}).values():
                    if isinstance(media.get("example"), dict):
                        media["example"][key] = first
            else:
                for param in op.get("parameters", []):
                    if param["in"] == where and param["name"] == key:
                        param["example"] = first

    with open(out_spec, "w") as f:
        json.dump(spec, f, indent=1)
    # What hooks.py needs to make fresh sessions while the run goes on.
    with open(os.path.join(os.path.dirname(out_config), "fixture.json"), "w") as f:
        json.dump({"base": base, "surface": name, "create": [create_method.upper(), create_path, create_body]}, f)

    q = json.dumps  # a JSON string of ASCII is a TOML basic string
    lines = [
        "# Written by tests/fuzz/fixture.py for one run: real ids for the id fields.",
        "",
        "# No state across runs (schemathesis would replay earlier failures): a run depends on its seed.",
        "[cache]",
        "enabled = false",
        "",
        "# The specs state once, in their description, that no text may hold NUL (U+0000): JSON",
        "# Schema has no way to say it of every string and member name short of a pattern on each.",
        "# The server's refusal of NUL has its own tests (tests/it/abuse.rs).",
        "[generation]",
        "allow-x00 = false",
        "",
        "[dictionaries]",
    ]
    for dictionary, values in dictionaries.items():
        lines.append(f"{q(dictionary)} = {{ values = [{', '.join(q(v) for v in values)}] }}")
    for op_id, fields in bindings.items():
        lines += ["", "[[operations]]", f"include-operation-id = {q(op_id)}", "[operations.parameters]"]
        for field, dictionary in fields.items():
            lines.append(f"{q(field)} = {{ dictionary = {q(dictionary)}, probability = {PROBABILITY} }}")
    with open(out_config, "w") as f:
        f.write("\n".join(lines) + "\n")
    total = sum(len(v) for v in dictionaries.values())
    print(f"fixture: {name}: {total} real ids for {len(bindings)} operations")


if __name__ == "__main__":
    main()
