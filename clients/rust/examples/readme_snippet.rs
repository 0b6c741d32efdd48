//! The README's Rust snippet, run by CI so it cannot rot: create a session from JSON.

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let base_url =
        std::env::var("HEADLESS_CHECKOUT_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let api_key = std::env::var("HEADLESS_CHECKOUT_API_KEY")
        .unwrap_or_else(|_| "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg".into());
    let cart: headless_checkout_client::types::Session = serde_json::from_value(
        serde_json::json!({
            "purchase": {"country_code": "SE", "currency_code": "SEK", "locales": ["sv-SE"]},
            "deliveries": [{
                "id": "d1",
                "line_items": [{"sku": "POT-12", "title": "Terracotta pot", "quantity": 2, "price": "22500"}],
                "recipient_contact": {"address": {"country_code": "SE", "postal_code": "11820", "address_lines": []}}
            }]
        }),
    )?;
    let client = headless_checkout_client::with_token(&base_url, &api_key)?;
    let session = client
        .create_session()
        .body(cart)
        .send()
        .await?
        .into_inner();
    // A declared error is Err(Error::ErrorResponse(r)): r.status() and the google.rpc.Status in r.error.
    println!("{:?} {:?}", session.name, session.state);
    Ok(())
}
