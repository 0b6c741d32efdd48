// The README's TypeScript snippet, run by CI so it cannot rot: create a session, read the answer.
import { createHeadlessClient } from "../src/headless/index.js";

const client = createHeadlessClient({
  baseUrl: process.env.HEADLESS_CHECKOUT_URL ?? "http://127.0.0.1:8080",
  token: process.env.HEADLESS_CHECKOUT_API_KEY ?? "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg",
});
const { data, error } = await client.POST("/v1/sessions", {
  body: {
    purchase: { country_code: "SE", currency_code: "SEK", locales: ["sv-SE"] },
    deliveries: [{
      id: "d1",
      line_items: [{ sku: "POT-12", title: "Terracotta pot", quantity: 2, price: "22500" }],
      recipient_contact: { address: { country_code: "SE", postal_code: "11820", address_lines: [] } },
    }],
  },
});
if (error) throw new Error(`${error.error.status}: ${error.error.message}`); // the ErrorResponse
console.log(data.name, data.state);
