//! A small demo shop's checkout at `/demo/checkout`, served only while the demo key is on: it
//! creates a SIW session for the demo merchant, embeds the session's snippet (the shipping
//! selector), and has a cart control that walks the documented flow of a checkout page that
//! changes the cart: suspend the selector, update the session from the shop's backend
//! (`/demo/checkout/cart`, standing in for the merchant's server, which holds the API key),
//! resume the selector.

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Html, Json, Query};
use poem::{handler, IntoResponse, Response};
use serde::Deserialize;

use domain::{
    Address, AddressDraft, Cart, CartItem, CartSplit, CountryCode, Grams, Money, SessionId,
};
use service::{
    CartCheckout, CartInput, CheckoutChange, Condition, CreateSession, NewSession, ServiceError,
    SessionChange, SessionService, UpdateSession,
};

use crate::common::ApiError;
use crate::legacy::shared::snippet::html_snippet;

/// What the demo checkout needs: the sessions, the demo merchant, and where browsers reach us.
#[derive(Clone)]
pub struct DemoShop {
    pub sessions: Arc<SessionService>,
    /// The tenant key its sessions are stored under: the demo merchant's test data, where the
    /// demo key's sessions are too.
    pub merchant: String,
    pub public_base_url: String,
}

/// The price of one terracotta pot, öre.
const POT_PRICE: i64 = 22_500;
/// Quantities the cart control offers.
const MAX_QUANTITY: i32 = 20;

fn cart(quantity: i32) -> CartInput {
    CartInput {
        cart: Cart {
            cart_id: "demo-cart".into(),
            total_value: Money::from_minor(POT_PRICE * i64::from(quantity)),
            items: vec![CartItem {
                sku: "POT-12".into(),
                name: Some("Terracotta pot".into()),
                quantity,
                price: Some(Money::from_minor(POT_PRICE)),
                weight: Some(Grams::new(1200)),
                ..Default::default()
            }],
            ..Default::default()
        },
        field: "cart",
        problems: Vec::new(),
    }
}

fn sweden() -> CountryCode {
    "SE".parse().expect("SE is a country code")
}

#[derive(Deserialize)]
pub struct PageQuery {
    /// The page's language: `sv` (the default) or `en`.
    lang: Option<String>,
}

/// The checkout page with a fresh session in it.
#[handler]
pub async fn page(
    shop: Data<&DemoShop>,
    query: Query<PageQuery>,
) -> Result<Html<String>, ApiError> {
    let english = query.lang.as_deref() == Some("en");
    let locale = if english { "en-GB" } else { "sv-SE" };
    let checkout = CartCheckout {
        country_code: sweden(),
        currency_code: "SEK".parse().expect("SEK is a currency code"),
        locales: vec![locale.parse().expect("a locale")],
        cart: cart(1),
        split: CartSplit::Single,
        customer: None,
        search_address: Some(AddressDraft::from(Address {
            postal_code: Some("11820".into()),
            ..Address::in_country(sweden())
        })),
        external_id: Some("demo-order".into()),
        snippet: None,
    };
    let session = shop
        .sessions
        .create(
            &shop.merchant,
            CreateSession {
                id: None,
                content: NewSession::Cart(checkout),
                request: None,
            },
        )
        .await?;
    let snippet = html_snippet(&session, &shop.public_base_url);
    Ok(Html(
        PAGE.replace("{lang}", locale)
            .replace("{session}", &session.id.to_string())
            .replace("{snippet}", &snippet),
    ))
}

#[derive(Deserialize)]
pub struct CartRequest {
    session: String,
    quantity: i32,
}

/// What the shop's backend does when the cart changes: updates the session with the merchant's
/// authority, then the page resumes the selector.
#[handler]
pub async fn update_cart(
    shop: Data<&DemoShop>,
    body: Json<CartRequest>,
) -> Result<Response, ApiError> {
    let id = SessionId::parse(&body.session)
        .map_err(|_| ServiceError::invalid("session", "not a session id"))?;
    if !(1..=MAX_QUANTITY).contains(&body.quantity) {
        return Err(ServiceError::invalid(
            "quantity",
            format!("must be between 1 and {MAX_QUANTITY}"),
        )
        .into());
    }
    let update = UpdateSession {
        change: SessionChange::Checkout(CheckoutChange {
            cart: Some(cart(body.quantity)),
            split: Some(CartSplit::Single),
            ..Default::default()
        }),
        picks: Vec::new(),
    };
    shop.sessions
        .update(&shop.merchant, id, Condition::Unconditional, update)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

const PAGE: &str = r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop: checkout</title>
<link rel="icon" href="data:,">
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f5f2;color:#1d1d1f}
main{max-width:720px;margin:0 auto;padding:24px 16px}
h1{font-size:1.4em;margin:0 0 16px}
.cart{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:16px;margin:0 0 16px;background:#fff;border:1px solid #e3e3e3;border-radius:8px}
.qty{display:flex;align-items:center;gap:8px}
.qty button{width:36px;height:36px;border:1px solid #1d1d1f;border-radius:6px;background:#fff;font-size:18px;cursor:pointer}
.log{margin:16px 0 0;padding:12px;background:#fff;border:1px dashed #bbb;border-radius:8px;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;min-height:3em}
</style>
</head>
<body>
<main>
<h1>Demo shop · Checkout</h1>
<section class="cart" aria-label="Cart">
  <div><strong>Terracotta pot</strong><br><span id="line-total"></span></div>
  <div class="qty">
    <button type="button" id="less" aria-label="One fewer">−</button>
    <output id="quantity" aria-live="polite">1</output>
    <button type="button" id="more" aria-label="One more">+</button>
  </div>
</section>
{snippet}
<div class="log" id="log" aria-live="polite"></div>
</main>
<script>
(function () {
  var session = "{session}";
  var quantity = 1;
  var pending = Promise.resolve();
  var log = document.getElementById("log");
  function note(text) { log.textContent = text + "\n" + log.textContent; }
  _sw(function (api) {
    api.on("loaded", function () { note("selector loaded"); });
    api.on("data_changed", function (d) {
      note("data_changed: " + d.category_name + ", " + d.carrier_product + ", " + d.price + " " + d.currency +
        (d.location ? ", " + d.location.name : ""));
    });
    api.on("no_shipping_options", function () { note("no_shipping_options"); });
  });
  function showTotal() {
    document.getElementById("quantity").textContent = String(quantity);
    document.getElementById("line-total").textContent =
      new Intl.NumberFormat(document.documentElement.lang, { style: "currency", currency: "SEK" }).format(225 * quantity);
  }
  showTotal();
  function setQuantity(next) {
    if (next < 1 || next > 20) return;
    quantity = next;
    showTotal();
    _sw(function (api) { api.suspend(); });
    // One update at a time, in the order the customer clicked, so the last click wins.
    var wanted = quantity;
    pending = pending.then(function () {
      return fetch("/demo/checkout/cart", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ session: session, quantity: wanted })
      });
    }).then(function (response) {
      if (!response.ok) note("the cart could not be updated (" + response.status + ")");
    }, function () {
      note("the shop could not be reached");
    }).then(function () {
      if (wanted === quantity) _sw(function (api) { api.resume(); });
    });
  }
  document.getElementById("less").addEventListener("click", function () { setQuantity(quantity - 1); });
  document.getElementById("more").addEventListener("click", function () { setQuantity(quantity + 1); });
})();
</script>
</body>
</html>
"#;
