//! The session service on an in-memory repository, without HTTP or a database: the rules of
//! the commands, the write conditions, and properties of random input.

extern crate checkout_service as service;

mod memory;
mod properties;
mod sessions;

use std::sync::Arc;

use domain::{
    Address, Cart, CartItem, CartSplit, Contact, Coordinates, CountryCode, Customer, DeliveryDraft,
    Fulfillment, Grams, LineItem, Money, NamedAddress, Purchase, SessionDraft, TransportOrder,
};
use engine::Catalog;
use memory::Memory;
use ports::EventRenderer;
use service::events::EventFactory;
use service::{CartCheckout, CartInput, Clock, SessionService};
use time::macros::datetime;
use time::OffsetDateTime;

pub const MERCHANT: &str = "demo";
/// A Monday morning in Stockholm, before the warehouses' cutoffs.
pub const NOW: OffsetDateTime = datetime!(2026-11-23 08:00 UTC);

/// Webhook bodies in tests only need to exist.
struct Ids;

impl EventRenderer for Ids {
    fn session(&self, session: &domain::Session) -> serde_json::Value {
        serde_json::json!({ "name": session.id.resource_name() })
    }
    fn transport_order(&self, order: &TransportOrder) -> serde_json::Value {
        serde_json::json!({ "name": order.resource_name() })
    }
}

/// The service over a fresh in-memory repository, at `now`.
pub fn service_at(now: OffsetDateTime) -> (Arc<SessionService>, Arc<Memory>) {
    let config = config_file::demo();
    let repo = Memory::new();
    let clock: Clock = Arc::new(move || now);
    let catalog = Arc::new(Catalog::build(&config).expect("the demo configuration prepares"));
    let service = SessionService::new(
        repo.clone(),
        catalog.clone(),
        Arc::new(EventFactory::new(catalog, Arc::new(Ids))),
        clock,
    );
    (Arc::new(service), repo)
}

pub fn service() -> (Arc<SessionService>, Arc<Memory>) {
    service_at(NOW)
}

pub fn sweden() -> CountryCode {
    "SE".parse().unwrap()
}

pub fn stockholm() -> Address {
    Address {
        postal_code: Some("11820".into()),
        city: Some("Stockholm".into()),
        address_lines: vec!["Hornsgatan 90".into()],
        coordinates: Some(Coordinates {
            lat: 59.3170,
            lng: 18.0460,
        }),
        ..Address::in_country(sweden())
    }
}

pub fn pot(quantity: i32, price: i64) -> LineItem {
    LineItem {
        sku: "POT-12".into(),
        title: "Terracotta pot".into(),
        quantity,
        weight: Some(Grams::new(1200)),
        dimensions: None,
        discount: None,
        price: Money::from_minor(price),
        image_uri: None,
        attributes: vec![],
    }
}

/// A Stockholm customer buying two pots, as the headless API states it.
pub fn draft() -> SessionDraft {
    SessionDraft {
        purchase: Purchase {
            country_code: sweden(),
            currency_code: "SEK".parse().unwrap(),
            total_discount: None,
            total_value: None,
            vouchers: vec![],
            locales: vec!["sv-SE".parse().unwrap()],
        },
        deliveries: vec![DeliveryDraft {
            id: "d1".into(),
            line_items: vec![pot(2, 22_500)],
            fulfillments: vec![Fulfillment {
                ready_earliest: NOW,
                ready_latest: None,
            }],
            recipient_contact: Contact {
                address: stockholm(),
                email: Some("kund@example.com".into()),
                phone_number: None,
            },
            attributes: vec![],
        }],
        search_address: None,
        external_id: None,
        checkout: None,
    }
}

pub fn cart_item(sku: &str, price: i64, site: Option<&str>) -> CartItem {
    CartItem {
        sku: sku.into(),
        quantity: 1,
        price: Some(Money::from_minor(price)),
        weight: Some(Grams::new(500)),
        site_external_id: site.map(Into::into),
        ..Default::default()
    }
}

pub fn cart(items: Vec<CartItem>) -> CartInput {
    CartInput {
        cart: Cart {
            cart_id: "cart-1".into(),
            total_value: Money::from_minor(45_000),
            items,
            ..Default::default()
        },
        field: "cart",
        problems: vec![],
    }
}

/// A cart checkout around a Stockholm postal code.
pub fn checkout(cart: CartInput, split: CartSplit) -> CartCheckout {
    CartCheckout {
        country_code: sweden(),
        currency_code: "SEK".parse().unwrap(),
        locales: vec!["sv-SE".parse().unwrap()],
        cart,
        split,
        customer: None,
        search_address: Some(domain::AddressDraft::from(Address {
            postal_code: Some("11239".into()),
            ..Address::in_country(sweden())
        })),
        external_id: None,
        snippet: None,
    }
}

pub fn customer() -> Customer {
    Customer {
        address: Some(NamedAddress {
            name: Some("Kund".into()),
            care_of: None,
            attn: None,
            door_code: None,
            address: stockholm(),
        }),
        email: Some("kund@example.com".into()),
        phone: Some("0701234567".into()),
    }
}

/// The field paths of an INVALID_ARGUMENT error.
pub fn fields(e: &service::ServiceError) -> Vec<String> {
    match e {
        service::ServiceError::InvalidArgument { violations, .. } => {
            violations.iter().map(|v| v.field.clone()).collect()
        }
        other => panic!("not INVALID_ARGUMENT: {other:?}"),
    }
}
