// The whole headless flow through the generated client, against a live server: create a
// session with the demo cart, read its categories and options, choose a pickup option, update
// the cart with the etag, see a stale etag refused with ABORTED (409), complete, print `tos_id`.
//
//   npm run build && HEADLESS_CHECKOUT_URL=http://127.0.0.1:8080 npm run example
//
// HEADLESS_CHECKOUT_API_KEY defaults to the documented demo key.
import { createHeadlessClient, type Schemas } from "../src/headless/index.js";

const DEMO_KEY = "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg";

const client = createHeadlessClient({
  baseUrl: process.env.HEADLESS_CHECKOUT_URL ?? "http://127.0.0.1:8080",
  token: process.env.HEADLESS_CHECKOUT_API_KEY ?? DEMO_KEY,
});

// The README's demo cart: two 1.2 kg pots to Hornsgatan 90, Stockholm.
const demoSession: Schemas["Session"] = {
  purchase: {
    country_code: "SE",
    currency_code: "SEK",
    locales: ["sv-SE"],
    total_value: "45000",
  },
  deliveries: [
    {
      id: "d1",
      line_items: [
        { sku: "POT-12", title: "Terracotta pot", quantity: 2, price: "22500", weight: 1200 },
      ],
      fulfillments: [{ readiness: { earliest_time: "2026-11-23T09:00:00Z" } }],
      recipient_contact: {
        address: {
          country_code: "SE",
          postal_code: "11820",
          city: "Stockholm",
          address_lines: ["Hornsgatan 90"],
          coordinates: { lat: 59.317, lng: 18.046 },
        },
        email: "customer@example.com",
      },
    },
  ],
};

/** Fails with the google.rpc.Status of an unexpected error response. */
function check<T>(result: { data?: T; error?: Schemas["ErrorResponse"]; response: Response }): T {
  if (result.data === undefined) {
    const status = result.error?.error;
    throw new Error(`HTTP ${result.response.status}: ${status?.status} ${status?.message}`);
  }
  return result.data;
}

/** The id of the option chosen for the first delivery, if any. */
function chosenOption(session: Schemas["Session"]): string | undefined {
  const categories = session.deliveries[0]?.delivery_categories ?? [];
  return categories.flatMap((c) => c.delivery_options).find((o) => o.chosen)?.id;
}

// Create a session with the demo cart.
const created = check(await client.POST("/v1/sessions", { body: demoSession }));
const session = created.name?.replace(/^sessions\//, "");
if (session === undefined) throw new Error("the session has no name");
console.log(`created ${created.name} (${created.state}), etag ${created.etag}`);

// The categories and options offered for the delivery.
const delivery = created.deliveries[0];
if (delivery === undefined) throw new Error("no delivery");
for (const category of delivery.delivery_categories ?? []) {
  const options = category.delivery_options.map((o) => `${o.id} ${o.price}`).join(", ");
  console.log(`  ${category.id} "${category.display_name}": ${options}`);
}

// Choose the first pickup option, conditional on the etag just read.
const pickup = delivery.delivery_categories
  ?.find((c) => c.delivery_type === "PICKUP")
  ?.delivery_options[0];
if (pickup === undefined) throw new Error("no pickup option offered");
const path = { session };
const chosen = check(
  await client.POST("/v1/sessions/{session}:chooseDeliveryOptions", {
    params: { path },
    body: {
      etag: created.etag,
      delivery_choices: [{ delivery_id: delivery.id, option_id: pickup.id }],
    },
  }),
);
console.log(`chose ${pickup.id}, etag ${chosen.etag}`);

// Update the cart (a third pot) by sending back the session as read: its etag makes the write
// conditional, and the mask names what changes.
const cart: Schemas["Session"] = structuredClone(chosen);
const pots = cart.deliveries[0]?.line_items[0];
if (pots === undefined) throw new Error("no line item");
pots.quantity = 3;
cart.purchase.total_value = "67500";
const updated = check(
  await client.PATCH("/v1/sessions/{session}", {
    params: { path, query: { update_mask: "deliveries,purchase.total_value" } },
    body: cart,
  }),
);
const stillChosen = chosenOption(updated);
if (stillChosen === undefined) throw new Error("the choice did not survive the update");
console.log(`updated the cart, etag ${updated.etag}, still chosen: ${stillChosen}`);

// A write with the etag from before the update is refused: ABORTED, with the current etag.
const stale = await client.PATCH("/v1/sessions/{session}", {
  params: { path, query: { update_mask: "purchase.vouchers" } },
  body: {
    ...updated,
    etag: chosen.etag,
    purchase: { ...updated.purchase, vouchers: ["FRIFRAKT"] },
  },
});
if (stale.error === undefined) throw new Error("a write with a stale etag was accepted");
if (stale.response.status !== 409 || stale.error.error.status !== "ABORTED") {
  throw new Error(`expected 409 ABORTED, got ${stale.response.status} ${stale.error.error.status}`);
}
let currentEtag: string | undefined;
for (const detail of stale.error.error.details) {
  if (detail["@type"] === "type.googleapis.com/google.rpc.ErrorInfo") {
    currentEtag = detail.metadata["current_etag"];
  }
}
console.log(
  `stale etag refused: ${stale.error.error.code} ${stale.error.error.status}, current etag ${currentEtag}`,
);
if (currentEtag !== updated.etag) throw new Error("the error names another current etag");

// Complete with the current etag; the request id makes a retry safe.
const completed = check(
  await client.POST("/v1/sessions/{session}:complete", {
    params: { path },
    body: {
      etag: updated.etag,
      request_id: `complete-${session}`,
    },
  }),
);
if (completed.state !== "COMPLETED") throw new Error(`completed session is ${completed.state}`);
for (const d of completed.deliveries) {
  if (d.tos_id === undefined) throw new Error("a completed delivery has no tos_id");
  console.log(`tos_id ${d.tos_id}`);
}
