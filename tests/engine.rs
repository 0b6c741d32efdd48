//! The rule engine on the demo configuration, with a pinned `now`.

use headless_checkout::domain::{
    Address, Contact, Coordinates, Delivery, DeliveryDraft, LineItem, Purchase, Session, SessionId,
    SessionState,
};
use headless_checkout::engine::recompute;
use headless_checkout::settings::demo_config;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-11-23 10:00:00 UTC);

fn address(postal_code: Option<&str>, at: Option<(f64, f64)>) -> Address {
    Address {
        country_code: "SE".parse().unwrap(),
        region_code: None,
        postal_code: postal_code.map(str::to_owned),
        city: None,
        address_lines: vec![],
        coordinates: at.map(|(lat, lng)| Coordinates { lat, lng }),
        street: None,
        street_number: None,
    }
}

fn session(currency: &str, destination: Address) -> Session {
    let delivery = Delivery::from_draft(DeliveryDraft {
        id: "d1".into(),
        line_items: vec![LineItem {
            sku: "S".into(),
            title: "Seeds".into(),
            quantity: 1,
            weight: Some(100),
            dimensions: None,
            discount: None,
            price: 4900,
            image_uri: None,
            attributes: vec![],
        }],
        fulfillments: vec![],
        recipient_contact: Contact {
            address: destination,
            email: None,
            phone_number: None,
        },
        attributes: vec![],
    });
    Session {
        id: SessionId::new_random(),
        merchant_id: "demo".into(),
        state: SessionState::Active,
        purchase: Purchase {
            country_code: "SE".parse().unwrap(),
            currency_code: currency.parse().unwrap(),
            total_discount: None,
            total_value: None,
            vouchers: vec![],
            locales: vec!["en".parse().unwrap()],
        },
        deliveries: vec![delivery],
        search_address: None,
        external_id: None,
        create_time: NOW,
        update_time: NOW,
        expire_time: None,
        revision: 1,
    }
}

fn computed(currency: &str, destination: Address) -> Session {
    let config = demo_config();
    let mut s = session(currency, destination);
    recompute(config.merchant("demo").unwrap(), &mut s, NOW);
    s
}

fn category_ids(s: &Session) -> Vec<&str> {
    s.deliveries[0]
        .delivery_categories
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

#[test]
fn categories_follow_sort_order_and_the_purchase_currency() {
    let sek = computed("SEK", address(Some("11820"), None));
    assert_eq!(
        category_ids(&sek),
        ["pickup", "home", "mailbox", "instore", "express"]
    );
    let eur = computed("EUR", address(Some("11820"), None));
    assert_eq!(
        category_ids(&eur),
        ["pickup", "home", "express"],
        "no made-up conversion: only categories priced in EUR"
    );
    assert_eq!(
        eur.deliveries[0].delivery_categories[0].delivery_options[0].price,
        590
    );
    let usd = computed("USD", address(Some("11820"), None));
    assert!(category_ids(&usd).is_empty());
}

#[test]
fn without_an_address_options_are_placeholders() {
    let s = computed("SEK", address(None, None));
    let pickup = &s.deliveries[0].delivery_categories[0];
    assert_eq!(
        pickup.options_source,
        headless_checkout::domain::OptionsSource::Placeholder
    );
    assert_eq!(
        pickup.delivery_options.len(),
        3,
        "one per carrier product, no locations"
    );
    assert!(pickup
        .delivery_options
        .iter()
        .all(|o| o.pickup_location.is_none()));
    assert_eq!(pickup.display_name, "Pickup point", "the `en` name");
}

#[test]
fn pickup_locations_come_nearest_first_within_the_radius() {
    // Beside the Slussen locker in Stockholm.
    let s = computed("SEK", address(Some("11630"), Some((59.3196, 18.0720))));
    let pickup = &s.deliveries[0].delivery_categories[0];
    let postnord: Vec<(&str, i64)> = pickup
        .delivery_options
        .iter()
        .filter(|o| o.carrier.product_id == "pnl-mpc")
        .map(|o| {
            let l = o.pickup_location.as_ref().unwrap();
            (l.id.as_str(), l.distances.unwrap().walking.unwrap().meters)
        })
        .collect();
    assert_eq!(
        postnord.iter().map(|p| p.0).collect::<Vec<_>>(),
        ["pn-sto-001", "pn-sto-002"]
    );
    assert!(postnord[0].1 < postnord[1].1);
    let instabox = pickup
        .delivery_options
        .iter()
        .find(|o| o.carrier.product_id == "instabox-locker")
        .unwrap();
    let walk = instabox
        .pickup_location
        .as_ref()
        .unwrap()
        .distances
        .unwrap()
        .walking
        .unwrap();
    assert!(walk.meters < 50, "{walk:?}");
    // The Göteborg store is far beyond the radius: no in-store category in Stockholm.
    assert!(!category_ids(&s).contains(&"instore"));
}

#[test]
fn preselection_and_expiry() {
    let s = computed("SEK", address(Some("11820"), None));
    let d = &s.deliveries[0];
    assert!(d.delivery_categories[0].preselected);
    assert!(d.delivery_categories[0].delivery_options[0].preselected);
    assert_eq!(
        d.delivery_categories
            .iter()
            .flat_map(|c| &c.delivery_options)
            .filter(|o| o.preselected)
            .count(),
        1
    );
    assert_eq!(s.expire_time, Some(datetime!(2026-11-23 11:00:00 UTC)));
}

#[test]
fn a_choice_survives_while_its_option_exists() {
    let config = demo_config();
    let merchant = config.merchant("demo").unwrap();
    let mut s = session("SEK", address(Some("11820"), None));
    recompute(merchant, &mut s, NOW);
    s.deliveries[0]
        .choose("home.dbs-home", &["carry-in".to_owned()])
        .unwrap();
    recompute(merchant, &mut s, NOW);
    assert_eq!(
        s.deliveries[0].choice.as_ref().unwrap().option_id,
        "home.dbs-home"
    );
    assert!(s.deliveries[0].delivery_categories[1].addons[1].chosen);
    // In DKK the home category is priced but carry-in is not.
    s.purchase.currency_code = "DKK".parse().unwrap();
    recompute(merchant, &mut s, NOW);
    let choice = s.deliveries[0].choice.as_ref().unwrap();
    assert_eq!(choice.option_id, "home.dbs-home");
    assert!(
        choice.addon_ids.is_empty(),
        "an addon no longer offered is dropped"
    );
    // In USD nothing is offered: the choice is cleared.
    s.purchase.currency_code = "USD".parse().unwrap();
    recompute(merchant, &mut s, NOW);
    assert!(s.deliveries[0].choice.is_none());
}
