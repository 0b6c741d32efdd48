//! Criterion benchmark of one quote: the demo merchant's offer for a Stockholm session with
//! coordinates (categories, options, nearest pickup locations, preselection).

use criterion::{criterion_group, criterion_main, Criterion};
use headless_checkout::domain::{
    Address, Contact, Coordinates, Delivery, DeliveryDraft, LineItem, Purchase, Session, SessionId,
    SessionState,
};
use headless_checkout::engine::recompute;
use headless_checkout::settings::demo_config;
use time::macros::datetime;

fn demo_session() -> Session {
    let now = datetime!(2026-11-23 10:00:00 UTC);
    Session {
        id: SessionId::new_random(),
        merchant_id: "demo".into(),
        state: SessionState::Active,
        purchase: Purchase {
            country_code: "SE".parse().unwrap(),
            currency_code: "SEK".parse().unwrap(),
            total_discount: None,
            total_value: Some(45_000),
            vouchers: vec![],
            locales: vec!["sv-SE".parse().unwrap()],
        },
        deliveries: vec![Delivery::from_draft(DeliveryDraft {
            id: "d1".into(),
            line_items: vec![LineItem {
                sku: "POT-12".into(),
                title: "Terracotta pot".into(),
                quantity: 2,
                weight: Some(1200),
                dimensions: None,
                discount: None,
                price: 22_500,
                image_uri: None,
                attributes: vec![],
            }],
            fulfillments: vec![],
            recipient_contact: Contact {
                address: Address {
                    country_code: "SE".parse().unwrap(),
                    region_code: None,
                    postal_code: Some("11820".into()),
                    city: Some("Stockholm".into()),
                    address_lines: vec!["Hornsgatan 90".into()],
                    coordinates: Some(Coordinates {
                        lat: 59.317,
                        lng: 18.046,
                    }),
                    street: None,
                    street_number: None,
                },
                email: None,
                phone_number: None,
            },
            attributes: vec![],
        })],
        search_address: None,
        external_id: None,
        create_time: now,
        update_time: now,
        expire_time: None,
        revision: 1,
    }
}

fn quote(c: &mut Criterion) {
    let config = demo_config();
    let merchant = config.merchant("demo").unwrap().clone();
    let session = demo_session();
    let now = datetime!(2026-11-23 10:00:00 UTC);
    c.bench_function("demo_quote", |b| {
        b.iter(|| {
            let mut s = session.clone();
            recompute(&merchant, &mut s, now);
            s
        })
    });
}

criterion_group!(benches, quote);
criterion_main!(benches);
