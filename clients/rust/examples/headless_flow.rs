//! The whole headless flow through the generated client, against a live server: create a
//! session with the demo cart, read its categories and options, choose a pickup option, update
//! the cart with the etag, see a stale etag refused with ABORTED (409), complete, print `tos_id`.
//!
//! ```sh
//! HEADLESS_CHECKOUT_URL=http://127.0.0.1:8080 cargo run --example headless_flow
//! ```
//!
//! `HEADLESS_CHECKOUT_API_KEY` defaults to the documented demo key.

use headless_checkout_client::types::{
    self, ChooseDeliveryOptionsBody, CompleteSessionBody, DeliveryCategoryDeliveryType,
    DeliveryChoice, ErrorDetail, SessionState,
};
use headless_checkout_client::{with_token, Error};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const DEMO_KEY: &str = "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let base_url =
        std::env::var("HEADLESS_CHECKOUT_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let api_key = std::env::var("HEADLESS_CHECKOUT_API_KEY").unwrap_or_else(|_| DEMO_KEY.into());
    let client = with_token(&base_url, &api_key)?;

    // Create a session with the demo cart: two terracotta pots to Stockholm.
    let created = client
        .create_session()
        .body(demo_session()?)
        .send()
        .await?
        .into_inner();
    let name = created.name.clone().ok_or("the session has no name")?;
    let session = name
        .strip_prefix("sessions/")
        .ok_or("not a session name")?
        .to_owned();
    let state = created.state.map(|s| s.to_string()).unwrap_or_default();
    println!("created {name} ({state}), etag {}", text(&created.etag));

    // The categories and options offered for the delivery.
    let delivery = created.deliveries.first().ok_or("no delivery")?;
    for category in &delivery.delivery_categories {
        let options: Vec<String> = category
            .delivery_options
            .iter()
            .map(|o| format!("{} {}", o.id, o.price))
            .collect();
        println!(
            "  {} \"{}\": {}",
            category.id,
            category.display_name,
            options.join(", ")
        );
    }

    // Choose the first pickup option, conditional on the etag just read.
    let pickup = delivery
        .delivery_categories
        .iter()
        .find(|c| c.delivery_type == DeliveryCategoryDeliveryType::Pickup)
        .and_then(|c| c.delivery_options.first())
        .ok_or("no pickup option offered")?;
    let choice = DeliveryChoice {
        delivery_id: delivery.id.clone(),
        option_id: pickup.id.clone(),
        addon_ids: Vec::new(),
    };
    let chosen = client
        .choose_delivery_options()
        .session(&session)
        .body(
            ChooseDeliveryOptionsBody::builder()
                .etag(created.etag.clone())
                .delivery_choices(vec![choice]),
        )
        .send()
        .await?
        .into_inner();
    println!("chose {}, etag {}", pickup.id, text(&chosen.etag));

    // Update the cart (a third pot) by sending back the session as read (as the update body,
    // whose members are all optional): its etag makes the write conditional, and the mask names
    // what changes.
    let mut cart = chosen.clone();
    let pots = cart
        .deliveries
        .first_mut()
        .and_then(|d| d.line_items.first_mut());
    pots.ok_or("no line item")?.quantity = 3;
    cart.purchase.total_value = Some("67500".into());
    let updated = client
        .update_session()
        .session(&session)
        .update_mask("deliveries,purchase.total_value")
        .body(as_update(&cart)?)
        .send()
        .await?
        .into_inner();
    let still_chosen = chosen_option(&updated).ok_or("the choice did not survive the update")?;
    println!(
        "updated the cart, etag {}, still chosen: {still_chosen}",
        text(&updated.etag)
    );

    // A write with the etag from before the update is refused: ABORTED, with the current etag.
    let mut stale = updated.clone();
    stale.etag = chosen.etag.clone();
    stale.purchase.vouchers = vec!["FRIFRAKT".into()];
    match client
        .update_session()
        .session(&session)
        .update_mask("purchase.vouchers")
        .body(as_update(&stale)?)
        .send()
        .await
    {
        Err(Error::ErrorResponse(response))
            if response.status().as_u16() == 409 && response.error.status == "ABORTED" =>
        {
            let current_etag = response
                .error
                .details
                .iter()
                .find_map(|detail| match detail {
                    ErrorDetail::ErrorInfo(info) => info.metadata.get("current_etag").cloned(),
                    ErrorDetail::BadRequest(_) => None,
                });
            println!(
                "stale etag refused: {} {}, current etag {}",
                response.error.code,
                response.error.status,
                text(&current_etag)
            );
            if current_etag != updated.etag {
                return Err("the error names another current etag".into());
            }
        }
        Ok(_) => return Err("a write with a stale etag was accepted".into()),
        Err(other) => return Err(other.into()),
    }

    // Complete with the current etag; the request id makes a retry safe.
    let completed = client
        .complete_session()
        .session(&session)
        .body(
            CompleteSessionBody::builder()
                .etag(updated.etag.clone())
                .request_id(format!("complete-{session}")),
        )
        .send()
        .await?
        .into_inner();
    if completed.state != Some(SessionState::Completed) {
        return Err(format!("completed session is {:?}", completed.state).into());
    }
    for delivery in &completed.deliveries {
        let tos_id = delivery
            .tos_id
            .as_deref()
            .ok_or("a completed delivery has no tos_id")?;
        println!("tos_id {tos_id}");
    }
    Ok(())
}

/// The README's demo cart: two 1.2 kg pots to Hornsgatan 90, Stockholm.
fn demo_session() -> Result<types::Session, BoxError> {
    let pots = types::LineItem::builder()
        .sku("POT-12")
        .title("Terracotta pot")
        .quantity(2)
        .price("22500")
        .weight(1200_i64);
    let address = types::Address::builder()
        .country_code("SE")
        .postal_code("11820".to_owned())
        .city("Stockholm".to_owned())
        .address_lines(vec!["Hornsgatan 90".to_owned()])
        .coordinates(types::Coordinates {
            lat: 59.3170,
            lng: 18.0460,
        });
    let delivery = types::Delivery::builder()
        .id("d1")
        .line_items(vec![pots.try_into()?])
        .fulfillments(vec![types::Fulfillment {
            readiness: types::FulfillmentReadiness {
                earliest_time: "2026-11-23T09:00:00Z".parse()?,
                latest_time: None,
            },
        }])
        .recipient_contact(
            types::Contact::builder()
                .address(address)
                .email("customer@example.com".to_owned()),
        );
    let purchase = types::SessionPurchase::builder()
        .country_code("SE")
        .currency_code("SEK")
        .locales(vec!["sv-SE".to_owned()])
        .total_value("45000".to_owned());
    let session = types::Session::builder()
        .purchase(purchase)
        .deliveries(vec![delivery.try_into()?]);
    Ok(session.try_into()?)
}

/// The id of the option chosen for the first delivery, if any.
fn chosen_option(session: &types::Session) -> Option<&str> {
    let delivery = session.deliveries.first()?;
    let option = delivery
        .delivery_categories
        .iter()
        .flat_map(|c| &c.delivery_options)
        .find(|o| o.chosen)?;
    Some(&option.id)
}

/// An optional text member for printing.
fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

/// A session as read, as the body of an update: the same members, each optional there.
fn as_update(session: &types::Session) -> Result<types::SessionUpdate, serde_json::Error> {
    serde_json::from_value(serde_json::to_value(session)?)
}
