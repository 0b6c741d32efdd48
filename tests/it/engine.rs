//! The rule engine on the demo merchant (and variations of it), with a pinned `now`: every
//! pricing, eligibility, promise, pickup and preselection rule, table-driven where it can be.

use std::sync::Arc;

use config_file::demo as demo_config;
use domain::config::MerchantConfig;
use domain::{
    Address, Contact, Coordinates, Delivery, DeliveryDraft, DeliveryOption, Dimensions,
    Fulfillment, Grams, LineItem, Money, OptionsSource, PriceComponentKind, Purchase, Session,
    SessionId, SessionState,
};
use engine::{recompute, PostalCodes, PreparedMerchant};
use time::macros::datetime;
use time::OffsetDateTime;

/// Tuesday 24 November 2026, 11:00 in Stockholm: before the 15:00 cutoff.
const NOW: OffsetDateTime = datetime!(2026-11-24 10:00:00 UTC);
/// Near Hornsgatan, Södermalm.
const SODERMALM: (f64, f64) = (59.3170, 18.0460);

fn demo() -> MerchantConfig {
    demo_config().merchant("demo").unwrap().clone()
}

fn prepare(config: MerchantConfig) -> PreparedMerchant {
    PreparedMerchant::new(config, Arc::new(PostalCodes::embedded())).unwrap()
}

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

fn item(grams: i64, price: i64) -> LineItem {
    LineItem {
        sku: "S".into(),
        title: "Seeds".into(),
        quantity: 1,
        weight: Some(Grams::new(grams)),
        dimensions: Some(Dimensions {
            height: 50,
            length: 200,
            width: 150,
        }),
        discount: None,
        price: Money::from_minor(price),
        image_uri: None,
        attributes: vec![],
    }
}

fn delivery(id: &str, items: Vec<LineItem>, to: Address) -> Delivery {
    Delivery::from_draft(DeliveryDraft {
        id: id.into(),
        line_items: items,
        fulfillments: vec![],
        recipient_contact: Contact {
            address: to,
            email: None,
            phone_number: None,
        },
        attributes: vec![],
    })
}

fn session(currency: &str, deliveries: Vec<Delivery>) -> Session {
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
        deliveries,
        search_address: None,
        external_id: None,
        create_time: NOW,
        update_time: NOW,
        expire_time: None,
        revision: 1,
        token: String::new(),
        source_order_id: None,
        config_revision: 0,
        search_coordinates: None,
        checkout: Default::default(),
    }
}

fn simple(currency: &str, to: Address) -> Session {
    session(currency, vec![delivery("d1", vec![item(500, 4900)], to)])
}

fn quote(merchant: &PreparedMerchant, mut s: Session, now: OffsetDateTime) -> Session {
    recompute(merchant, &mut s, now);
    s
}

fn category_ids(s: &Session) -> Vec<&str> {
    s.deliveries[0]
        .delivery_categories
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

fn option<'a>(s: &'a Session, id: &str) -> Option<&'a DeliveryOption> {
    s.deliveries[0].find_option(id).map(|(_, o)| o)
}

fn price(s: &Session, id: &str) -> Option<i64> {
    option(s, id).map(|o| o.price.minor())
}

#[test]
fn categories_follow_sort_order_and_only_the_purchase_currency() {
    let m = prepare(demo());
    let here = address(Some("11820"), Some(SODERMALM));
    let sek = quote(&m, simple("SEK", here.clone()), NOW);
    assert_eq!(
        category_ids(&sek),
        ["pickup", "home", "mailbox", "instore", "express"]
    );
    let eur = quote(&m, simple("EUR", here.clone()), NOW);
    assert_eq!(
        category_ids(&eur),
        ["pickup", "home", "express"],
        "no made-up conversion"
    );
    assert_eq!(price(&eur, "home.budbee-home"), Some(890));
    assert!(category_ids(&quote(&m, simple("USD", here), NOW)).is_empty());
}

/// Cart value, vouchers, option, expected price, expected discount reference.
type PriceCase = (
    i64,
    &'static [&'static str],
    &'static str,
    i64,
    Option<&'static str>,
);
/// Grams, the home options offered with their prices, whether the mailbox is offered.
type WeightCase = (i64, &'static [(&'static str, i64)], bool);

#[test]
fn prices_free_shipping_boundary_product_prices_and_vouchers() {
    let m = prepare(demo());
    let here = address(Some("11820"), Some(SODERMALM));
    let cases: &[PriceCase] = &[
        (49_999, &[], "pickup.dhl-sp", 4900, None),
        (50_000, &[], "pickup.dhl-sp", 0, Some("free_shipping")),
        (50_001, &[], "pickup.dhl-sp", 0, Some("free_shipping")),
        (10_000, &[], "pickup.instabox-locker", 3900, None),
        (10_000, &["frifrakt"], "pickup.dhl-sp", 0, Some("FRIFRAKT")),
        (10_000, &["FRIFRAKT"], "mailbox.pnl-vbr", 3900, None),
        (10_000, &["HOME50"], "home.pnl-mph", 2900, Some("HOME50")),
        (
            10_000,
            &["HOME50", "FRIFRAKT"],
            "home.pnl-mph",
            0,
            Some("FRIFRAKT"),
        ),
        (10_000, &["UNKNOWN"], "home.pnl-mph", 7900, None),
    ];
    for (value, vouchers, id, expected, discount) in cases {
        let mut s = simple("SEK", here.clone());
        s.purchase.total_value = Some(Money::from_minor(*value));
        s.purchase.vouchers = vouchers.iter().map(|v| (*v).to_owned()).collect();
        let s = quote(&m, s, NOW);
        let prefix = format!("{id}.");
        let o = s.deliveries[0]
            .delivery_categories
            .iter()
            .flat_map(|c| &c.delivery_options)
            .find(|o| o.id == *id || o.id.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{id} offered for {value}"));
        assert_eq!(
            o.price.minor(),
            *expected,
            "{id} at {value} with {vouchers:?}"
        );
        let found = o
            .price_components
            .iter()
            .find(|c| c.kind == PriceComponentKind::Discount)
            .map(|c| c.reference.as_str());
        assert_eq!(found, *discount, "{id} at {value} with {vouchers:?}");
        assert_eq!(
            Money::checked_sum(o.price_components.iter().map(|c| c.amount)),
            Some(o.price)
        );
    }
}

#[test]
fn weight_tiers_and_limits() {
    let m = prepare(demo());
    let here = address(Some("11820"), Some(SODERMALM));
    let cases: &[WeightCase] = &[
        (
            1_500,
            &[
                ("home.budbee-home", 7900),
                ("home.pnl-mph", 7900),
                ("home.dbs-home", 7900),
            ],
            true,
        ),
        (
            12_000,
            &[
                ("home.budbee-home", 14900),
                ("home.pnl-mph", 14900),
                ("home.dbs-home", 14900),
            ],
            false,
        ),
        (
            32_000,
            &[("home.pnl-mph", 14900), ("home.dbs-home", 14900)],
            false,
        ),
        (120_000, &[("home.dbs-home", 49900)], false),
        (250_000, &[], false),
    ];
    for (grams, home, mailbox) in cases {
        let s = quote(
            &m,
            session(
                "SEK",
                vec![delivery("d1", vec![item(*grams, 4900)], here.clone())],
            ),
            NOW,
        );
        let offered: Vec<(&str, i64)> = s.deliveries[0]
            .delivery_categories
            .iter()
            .filter(|c| c.id == "home")
            .flat_map(|c| &c.delivery_options)
            .map(|o| (o.id.as_str(), o.price.minor()))
            .collect();
        let mut expected = home.to_vec();
        expected.sort_by_key(|(_, p)| *p);
        assert_eq!(offered, expected, "{grams} g");
        assert_eq!(category_ids(&s).contains(&"mailbox"), *mailbox, "{grams} g");
    }
    // Weight is summed over lines and quantities.
    let mut heavy = item(1_000, 100);
    heavy.quantity = 3;
    let s = quote(
        &m,
        session(
            "SEK",
            vec![delivery("d1", vec![heavy, item(500, 100)], here)],
        ),
        NOW,
    );
    assert!(
        !category_ids(&s).contains(&"mailbox"),
        "3.5 kg is over the 2 kg letter limit"
    );
}

#[test]
fn attributes_and_regions_include_or_exclude() {
    let m = prepare(demo());
    let here = address(Some("11820"), Some(SODERMALM));
    let mut bulky = item(5_000, 100);
    bulky.attributes = vec!["bulky".into()];
    let s = quote(
        &m,
        session("SEK", vec![delivery("d1", vec![bulky], here.clone())]),
        NOW,
    );
    assert_eq!(category_ids(&s), ["home", "instore"]);
    assert_eq!(
        s.deliveries[0].delivery_categories[0]
            .delivery_options
            .len(),
        1,
        "only DB Schenker"
    );
    // The attribute may sit on the delivery instead of a line.
    let mut d = delivery("d1", vec![item(500, 100)], here.clone());
    d.attributes = vec!["fragile".into()];
    let s = quote(&m, session("SEK", vec![d]), NOW);
    assert!(!category_ids(&s).contains(&"mailbox"));
    assert!(
        option(&s, "pickup.instabox-locker").is_none()
            && !s.deliveries[0].delivery_categories[0]
                .delivery_options
                .iter()
                .any(|o| o.carrier.product_id == "INSTABOX")
    );
    // Express is not offered in Norrbotten (BD).
    let mut north = here.clone();
    north.region_code = Some("BD".into());
    let s = quote(&m, simple("SEK", north), NOW);
    assert!(!category_ids(&s).contains(&"express"));
    // Mailbox has a cart-value ceiling.
    let mut s = simple("SEK", here);
    s.purchase.total_value = Some(Money::from_minor(100_001));
    assert!(!category_ids(&quote(&m, s, NOW)).contains(&"mailbox"));
}

#[test]
fn no_address_postal_code_and_coordinates() {
    let m = prepare(demo());
    let none = quote(&m, simple("SEK", address(None, None)), NOW);
    let pickup = &none.deliveries[0].delivery_categories[0];
    assert_eq!(pickup.options_source, OptionsSource::Placeholder);
    assert_eq!(
        pickup.delivery_options.len(),
        3,
        "one per product, no location"
    );
    assert!(pickup
        .delivery_options
        .iter()
        .all(|o| o.pickup_location.is_none()));
    let etd = &pickup.delivery_options[0].etd;
    assert!(
        etd.absolute.is_none(),
        "placeholders promise relative days only"
    );
    assert_eq!(etd.relative.unwrap().earliest, Some(1));

    // A postal code the embedded table knows is located: pickup points with distances.
    let postal = quote(&m, simple("SEK", address(Some("11743"), None)), NOW);
    let pickup = &postal.deliveries[0].delivery_categories[0];
    assert_eq!(pickup.options_source, OptionsSource::Address);
    let first = pickup.delivery_options[0].pickup_location.as_ref().unwrap();
    assert!(first.distances.unwrap().walking.unwrap().meters < 5_000);
    assert!(pickup.delivery_options[0].etd.absolute.is_some());

    // An unknown postal code: real prices and promises, the carrier picks the point.
    let unknown = quote(&m, simple("SEK", address(Some("99999"), None)), NOW);
    let pickup = &unknown.deliveries[0].delivery_categories[0];
    assert_eq!(pickup.options_source, OptionsSource::Address);
    assert!(pickup
        .delivery_options
        .iter()
        .all(|o| o.pickup_location.is_none()));

    // Coordinates beat the postal code.
    let goteborg = quote(
        &m,
        simple("SEK", address(Some("11743"), Some((57.6960, 11.9500)))),
        NOW,
    );
    let first = goteborg.deliveries[0].delivery_categories[0].delivery_options[0]
        .pickup_location
        .as_ref()
        .unwrap();
    assert_eq!(
        first
            .visiting_contact
            .as_ref()
            .unwrap()
            .address
            .city
            .as_deref(),
        Some("Göteborg")
    );
}

#[test]
fn pickup_options_are_the_nearest_per_product_nearest_first() {
    let m = prepare(demo());
    let s = quote(
        &m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        NOW,
    );
    let pickup = &s.deliveries[0].delivery_categories[0];
    for product in ["19", "SP", "INSTABOX"] {
        let meters: Vec<i64> = pickup
            .delivery_options
            .iter()
            .filter(|o| o.carrier.product_id == product)
            .map(|o| {
                o.pickup_location
                    .as_ref()
                    .unwrap()
                    .distances
                    .unwrap()
                    .walking
                    .unwrap()
                    .meters
            })
            .collect();
        assert_eq!(meters.len(), 3, "{product}: pickup_options_per_product");
        assert!(
            meters.windows(2).all(|w| w[0] <= w[1]),
            "{product}: {meters:?}"
        );
    }
    let location = pickup.delivery_options[0].pickup_location.as_ref().unwrap();
    assert!(!location
        .operational_hours
        .as_ref()
        .unwrap()
        .monday
        .is_empty());
    let locker = pickup
        .delivery_options
        .iter()
        .find(|o| o.carrier.product_id == "INSTABOX")
        .unwrap();
    assert_eq!(
        locker.pickup_location.as_ref().unwrap().sections[0].title,
        "Good to know"
    );
    // In-store sorts by distance: the Stockholm store comes before the Göteborg one.
    let instore = s.deliveries[0]
        .delivery_categories
        .iter()
        .find(|c| c.id == "instore")
        .unwrap();
    let stores: Vec<&str> = instore
        .delivery_options
        .iter()
        .map(|o| o.pickup_location.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(stores, ["store-sto"], "Göteborg is beyond the 50 km radius");
}

fn promise_of(
    m: &PreparedMerchant,
    now: OffsetDateTime,
    option_id: &str,
) -> domain::DeliveryPromise {
    let s = quote(
        m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        now,
    );
    option(&s, option_id).unwrap().promise.unwrap()
}

#[test]
fn the_cutoff_decides_the_shipping_day() {
    let m = prepare(demo());
    // 15:00 in Stockholm is 14:00 UTC in November.
    let before = promise_of(&m, datetime!(2026-11-24 13:59:00 UTC), "home.pnl-mph");
    assert_eq!(
        before.merchant_pickup_time,
        datetime!(2026-11-24 14:00:00 UTC)
    );
    assert_eq!(
        before.customer_earliest_time,
        datetime!(2026-11-24 23:00:00 UTC),
        "Wednesday 00:00 local"
    );
    assert_eq!(
        before.customer_latest_time,
        datetime!(2026-11-26 22:59:59 UTC),
        "Thursday 23:59:59 local"
    );
    let after = promise_of(&m, datetime!(2026-11-24 14:01:00 UTC), "home.pnl-mph");
    assert_eq!(
        after.merchant_pickup_time,
        datetime!(2026-11-25 14:00:00 UTC)
    );
    assert_eq!(
        after.customer_earliest_time,
        datetime!(2026-11-25 23:00:00 UTC)
    );

    // The option expires at the cutoff it was computed against (when that is sooner than the
    // quote validity).
    let s = quote(
        &m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        datetime!(2026-11-24 13:30:00 UTC),
    );
    assert_eq!(
        option(&s, "home.pnl-mph").unwrap().expire_time,
        Some(datetime!(2026-11-24 14:00:00 UTC))
    );
    assert_eq!(s.expire_time, Some(datetime!(2026-11-24 14:00:00 UTC)));
}

#[test]
fn a_friday_cutoff_with_a_monday_holiday_ships_on_tuesday() {
    let mut config = demo();
    config.warehouses[0].holidays = vec!["2026-11-30".into()];
    let m = prepare(config);
    // Friday 27 November, 16:00 local: past the cutoff.
    let p = promise_of(&m, datetime!(2026-11-27 15:00:00 UTC), "home.pnl-mph");
    assert_eq!(
        p.merchant_pickup_time,
        datetime!(2026-12-01 14:00:00 UTC),
        "Tuesday"
    );
    // One transit day, and the carrier does not deliver on the holiday either.
    assert_eq!(
        p.customer_earliest_time,
        datetime!(2026-12-01 23:00:00 UTC),
        "Wednesday"
    );
    // Budbee delivers at weekends, but the parcel leaves on Tuesday all the same.
    let b = promise_of(&m, datetime!(2026-11-27 15:00:00 UTC), "home.budbee-home");
    assert_eq!(b.customer_earliest_time, datetime!(2026-12-01 23:00:00 UTC));
    let s = quote(
        &m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        datetime!(2026-11-27 15:00:00 UTC),
    );
    let etd = option(&s, "home.pnl-mph").unwrap().etd.relative.unwrap();
    assert_eq!(
        (etd.earliest, etd.latest),
        (Some(5), Some(6)),
        "Wednesday and Thursday"
    );
}

#[test]
fn cutoffs_follow_both_daylight_saving_changes() {
    // Friday before the spring change, the cutoff is 15:00 CET = 14:00 UTC; the Monday after,
    // 15:00 CEST = 13:00 UTC.
    let m = prepare(demo());
    let spring = promise_of(&m, datetime!(2026-03-27 15:00:00 UTC), "home.pnl-mph");
    assert_eq!(
        spring.merchant_pickup_time,
        datetime!(2026-03-30 13:00:00 UTC)
    );
    assert_eq!(
        spring.customer_earliest_time,
        datetime!(2026-03-30 22:00:00 UTC),
        "Tuesday 00:00 CEST"
    );
    let autumn = promise_of(&m, datetime!(2026-10-23 14:00:00 UTC), "home.pnl-mph");
    assert_eq!(
        autumn.merchant_pickup_time,
        datetime!(2026-10-26 14:00:00 UTC),
        "15:00 CET"
    );
    assert_eq!(
        autumn.customer_earliest_time,
        datetime!(2026-10-26 23:00:00 UTC),
        "Tuesday 00:00 CET"
    );

    // A cutoff inside the changes themselves: 02:30 does not exist on 29 March and happens twice
    // on 25 October.
    let mut config = demo();
    config.warehouses[0].cutoff = "02:30".into();
    config.warehouses[0].working_days = domain::config::Weekday::ALL.to_vec();
    let m = prepare(config);
    let gap = promise_of(&m, datetime!(2026-03-28 23:00:00 UTC), "home.pnl-mph");
    assert_eq!(
        gap.merchant_pickup_time,
        datetime!(2026-03-29 01:30:00 UTC),
        "03:30 CEST"
    );
    let fold = promise_of(&m, datetime!(2026-10-24 23:00:00 UTC), "home.pnl-mph");
    assert_eq!(
        fold.merchant_pickup_time,
        datetime!(2026-10-25 00:30:00 UTC),
        "the first 02:30, CEST"
    );
}

#[test]
fn readiness_delays_the_promise() {
    let m = prepare(demo());
    let mut d = delivery(
        "d1",
        vec![item(500, 100)],
        address(Some("11820"), Some(SODERMALM)),
    );
    d.fulfillments = vec![
        Fulfillment {
            ready_earliest: datetime!(2026-11-25 08:00:00 UTC),
            ready_latest: None,
        },
        Fulfillment {
            ready_earliest: datetime!(2026-11-26 15:00:00 UTC),
            ready_latest: None,
        },
    ];
    let s = quote(&m, session("SEK", vec![d]), NOW);
    let p = option(&s, "home.pnl-mph").unwrap().promise.unwrap();
    // Ready Thursday 16:00 local, after the cutoff: ships Friday.
    assert_eq!(p.merchant_pickup_time, datetime!(2026-11-27 14:00:00 UTC));
}

#[test]
fn two_deliveries_from_two_warehouses() {
    let m = prepare(demo());
    let here = address(Some("11820"), Some(SODERMALM));
    let mut west = delivery("d2", vec![item(500, 100)], here.clone());
    west.attributes = vec!["warehouse:gbg-west".into()];
    let s = quote(
        &m,
        session(
            "SEK",
            vec![delivery("d1", vec![item(500, 100)], here), west],
        ),
        NOW,
    );
    let home = |i: usize| {
        s.deliveries[i]
            .delivery_categories
            .iter()
            .find(|c| c.id == "home")
            .unwrap()
    };
    assert_eq!(home(0).warehouse.as_ref().unwrap().id, "sto-central");
    assert_eq!(home(1).warehouse.as_ref().unwrap().id, "gbg-west");
    let promise = |i: usize| {
        home(i)
            .delivery_options
            .iter()
            .find(|o| o.id == "home.pnl-mph")
            .unwrap()
            .promise
            .unwrap()
    };
    // Stockholm: 15:00 cutoff today. Göteborg: 12:00 cutoff today, then a handling day.
    assert_eq!(
        promise(0).merchant_pickup_time,
        datetime!(2026-11-24 14:00:00 UTC)
    );
    assert_eq!(
        promise(1).merchant_pickup_time,
        datetime!(2026-11-25 11:00:00 UTC)
    );
}

#[test]
fn preselection_and_choices() {
    let m = prepare(demo());
    let mut s = quote(
        &m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        NOW,
    );
    let d = &s.deliveries[0];
    assert!(d.delivery_categories[0].preselected);
    assert!(d.delivery_categories[0].delivery_options[0].preselected);
    let preselected = d
        .delivery_categories
        .iter()
        .flat_map(|c| &c.delivery_options)
        .filter(|o| o.preselected)
        .count();
    assert_eq!(preselected, 1);
    assert!(d.delivery_categories[1]
        .addons
        .iter()
        .any(|a| a.id == "leave-at-door" && a.preselected));

    s.deliveries[0]
        .choose("home.dbs-home", &["carry-in".to_owned()])
        .unwrap();
    recompute(&m, &mut s, NOW);
    assert_eq!(
        s.deliveries[0].choice.as_ref().unwrap().option_id,
        "home.dbs-home",
        "survives"
    );
    // In DKK the home category is priced but carry-in is not: the addon is dropped.
    s.purchase.currency_code = "DKK".parse().unwrap();
    recompute(&m, &mut s, NOW);
    let choice = s.deliveries[0].choice.as_ref().unwrap();
    assert_eq!(choice.option_id, "home.dbs-home");
    assert!(choice.addon_ids.is_empty());
    // Too heavy for everything: the choice is cleared.
    s.deliveries[0].line_items[0].weight = Some(Grams::new(500_000));
    recompute(&m, &mut s, NOW);
    assert!(s.deliveries[0].choice.is_none());
}

#[test]
fn a_configured_unknown_time_zone_is_refused() {
    let mut config = demo();
    config.warehouses[1].time_zone = "Europe/Atlantis".into();
    let err = PreparedMerchant::new(config, Arc::new(PostalCodes::embedded()))
        .err()
        .unwrap();
    assert_eq!(
        err,
        ["warehouses[1].time_zone: `Europe/Atlantis` is not an IANA time-zone name"]
    );
}

#[test]
fn addons_follow_what_the_carrier_product_performs() {
    let m = prepare(demo());
    let mut s = quote(
        &m,
        simple("SEK", address(Some("11820"), Some(SODERMALM))),
        NOW,
    );
    let d = &mut s.deliveries[0];
    assert_eq!(
        d.choose("home.dbs-home", &["leave-at-door".to_owned()]),
        Err(domain::ChoiceError::UnsupportedAddon(
            "leave-at-door".into()
        )),
        "DB Schenker only carries in"
    );
    d.choose("home.dbs-home", &["carry-in".to_owned()]).unwrap();
    d.choose(
        "home.pnl-mph",
        &["leave-at-door".to_owned(), "carry-in".to_owned()],
    )
    .unwrap();
}
