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

Only values are swapped, never for ones the schema would reject; schemathesis re-validates a
case after these hooks, so its positive/negative verdicts hold. Fixture data: $FUZZ_FIXTURE
(written by fixture.py), credential: $FUZZ_AUTH.
"""

import itertools
import json
import os
import re
import sys

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
    for values in (case.query, case.body if isinstance(case.body, dict) else None):
        if not values:
            continue
        rid = values.get("request_id")
        if isinstance(rid, str) and rid:
            # Schemathesis sends a case again after mutating it: start from what it generated.
            rid = _made_ids.get(rid, rid)
            suffix = f"-{next(_counter)}"
            if len(rid) + len(suffix) <= MAX_REQUEST_ID:
                values["request_id"] = rid + suffix
                _made_ids[rid + suffix] = rid


@schemathesis.hook
def after_call(context, case, response):
    op = _operation_id(case)
    if op in COMPLETING and 200 <= response.status_code < 300:
        where, field = COMPLETING[op]
        values = _container(case, where)
        key = _key(values.get(field)) if values is not None else None
        if key is not None:
            _completed.add(key)
