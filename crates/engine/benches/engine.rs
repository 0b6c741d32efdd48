//! Criterion benchmarks of the rule engine: one quote for the demo merchant, one for a large
//! merchant (50 categories, 200 carrier products, 1,000,000 pickup locations), and a nearest-10
//! search over those 1,000,000 locations.

use std::collections::BTreeMap;
use std::sync::Arc;

use checkout_engine::{recompute, LocationIndex, PostalCodes, PreparedMerchant};
use config_file::demo as demo_config;
use criterion::{criterion_group, criterion_main, Criterion};
use domain::config::{
    AddressConfig, CarrierProductConfig, CategoryConfig, CoordinatesConfig, MerchantConfig,
    OptionSorting, PickupLocationConfig, Weekday,
};
use domain::{
    Address, Contact, Coordinates, Delivery, DeliveryDraft, DeliveryType, Grams, LineItem,
    LocationType, Money, Purchase, Session, SessionId, SessionState,
};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-11-24 10:00:00 UTC);
const STOCKHOLM: Coordinates = Coordinates {
    lat: 59.317,
    lng: 18.046,
};

fn session() -> Session {
    Session {
        id: SessionId::new_random(),
        merchant_id: "bench".into(),
        state: SessionState::Active,
        purchase: Purchase {
            country_code: "SE".parse().unwrap(),
            currency_code: "SEK".parse().unwrap(),
            total_discount: None,
            total_value: Some(Money::from_minor(45_000)),
            vouchers: vec![],
            locales: vec!["sv-SE".parse().unwrap()],
        },
        deliveries: vec![Delivery::from_draft(DeliveryDraft {
            id: "d1".into(),
            line_items: vec![LineItem {
                sku: "POT-12".into(),
                title: "Terracotta pot".into(),
                quantity: 2,
                weight: Some(Grams::new(1200)),
                dimensions: None,
                discount: None,
                price: Money::from_minor(22_500),
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
                    coordinates: Some(STOCKHOLM),
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

/// A deterministic pseudo-random stream, so every run benchmarks the same merchant.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn address(lat: f64, lng: f64) -> AddressConfig {
    AddressConfig {
        country_code: "SE".into(),
        region_code: None,
        postal_code: None,
        city: None,
        address_lines: vec![],
        coordinates: Some(CoordinatesConfig { lat, lng }),
    }
}

/// 50 categories (10 of them pickup), 200 carrier products over 20 carriers, and 1,000,000
/// pickup locations spread over southern and central Sweden.
fn large_merchant() -> MerchantConfig {
    let demo = demo_config().merchant("demo").unwrap().clone();
    let carriers: Vec<String> = (0..20).map(|c| format!("Carrier {c}")).collect();
    let types = [LocationType::ServicePoint, LocationType::Locker];
    let products: Vec<CarrierProductConfig> = (0..200)
        .map(|p| {
            let pickup = p % 5 == 0;
            CarrierProductConfig {
                id: format!("product-{p}"),
                carrier: carriers[p % 20].clone(),
                product_name: format!("Product {p}"),
                product_id: None,
                external_id: format!("ext-{p}"),
                delivery_type: if pickup {
                    DeliveryType::Pickup
                } else {
                    DeliveryType::Delivery
                },
                countries: vec!["SE".into(), "NO".into(), "DK".into(), "FI".into()],
                transit_days_min: 1 + (p % 3) as u32,
                transit_days_max: 2 + (p % 4) as u32,
                transit_days: BTreeMap::new(),
                delivery_days: Weekday::ALL[..5].to_vec(),
                max_weight_grams: Some(Grams::new(30_000)),
                max_dimensions_mm: None,
                location_types: if pickup { types.to_vec() } else { vec![] },
                features: vec![],
                addons: vec![],
                require_attributes: vec![],
                exclude_attributes: vec!["hazardous".into()],
                meta: BTreeMap::new(),
                provider: None,
            }
        })
        .collect();
    let pickup_ids: Vec<String> = products
        .iter()
        .filter(|p| p.delivery_type == DeliveryType::Pickup)
        .map(|p| p.id.clone())
        .collect();
    let home_ids: Vec<String> = products
        .iter()
        .filter(|p| p.delivery_type == DeliveryType::Delivery)
        .map(|p| p.id.clone())
        .collect();
    let categories: Vec<CategoryConfig> = (0..50)
        .map(|c| {
            let pickup = c < 10;
            let pool = if pickup { &pickup_ids } else { &home_ids };
            let chosen: Vec<String> = (0..4)
                .map(|k| pool[(c * 4 + k) % pool.len()].clone())
                .collect();
            CategoryConfig {
                id: format!("category-{c}"),
                external_id: None,
                display_name: BTreeMap::from([("default".into(), format!("Category {c}"))]),
                delivery_type: if pickup {
                    DeliveryType::Pickup
                } else {
                    DeliveryType::Delivery
                },
                sort_order: c as i32,
                preselected: c == 0,
                products: chosen,
                warehouse: "sto-central".into(),
                price: BTreeMap::from([("SEK".into(), Money::from_minor(4900 + c as i64 * 100))]),
                product_prices: BTreeMap::new(),
                weight_tiers: vec![],
                free_shipping_from: BTreeMap::from([("SEK".into(), Money::from_minor(100_000))]),
                min_cart_value: BTreeMap::new(),
                max_cart_value: BTreeMap::new(),
                countries: vec![],
                exclude_regions: vec![],
                require_attributes: vec![],
                exclude_attributes: vec![],
                option_sorting: if c % 2 == 0 {
                    OptionSorting::Price
                } else {
                    OptionSorting::CarrierOrder
                },
                addons: vec![],
            }
        })
        .collect();
    MerchantConfig {
        id: "bench".into(),
        name: "Bench".into(),
        quote_validity_minutes: 60,
        warehouses: demo.warehouses,
        carrier_products: products,
        categories,
        vouchers: vec![],
        webhooks: vec![],
        pickup_locations: million_locations(&carriers),
        pickup_locations_file: None,
        pickup_options_per_product: 5,
        pickup_radius_km: 50.0,
        providers: vec![],
        quote_budget_ms: 800,
    }
}

fn million_locations(carriers: &[String]) -> Vec<PickupLocationConfig> {
    let mut rng = Lcg(7);
    (0..1_000_000)
        .map(|i| PickupLocationConfig {
            id: format!("loc-{i}"),
            carrier: carriers[i % carriers.len()].clone(),
            external_id: format!("L{i}"),
            location_type: if i % 3 == 0 {
                LocationType::Locker
            } else {
                LocationType::ServicePoint
            },
            title: format!("Location {i}"),
            address: address(55.3 + rng.next() * 8.0, 11.0 + rng.next() * 8.5),
            delivery_address: None,
            opening_hours: BTreeMap::new(),
            opening_hours_text: vec![],
            sections: vec![],
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let postal = Arc::new(PostalCodes::embedded());
    let demo = PreparedMerchant::new(
        demo_config().merchant("demo").unwrap().clone(),
        postal.clone(),
    )
    .unwrap();
    let mut demo_session = session();
    demo_session.merchant_id = "demo".into();
    c.bench_function("quote_demo", |b| {
        b.iter(|| {
            let mut s = demo_session.clone();
            recompute(&demo, &mut s, NOW);
            s
        })
    });

    let large = PreparedMerchant::new(large_merchant(), postal).unwrap();
    let large_session = session();
    c.bench_function("quote_large_50_categories_200_products_1m_locations", |b| {
        b.iter(|| {
            let mut s = large_session.clone();
            recompute(&large, &mut s, NOW);
            s
        })
    });

    // One carrier, one type: a single tree holding all 1,000,000 locations.
    let single: Vec<PickupLocationConfig> = million_locations(&["All".to_owned()])
        .into_iter()
        .map(|mut l| {
            l.location_type = LocationType::ServicePoint;
            l
        })
        .collect();
    let index = LocationIndex::build(&single);
    let mut rng = Lcg(99);
    let points: Vec<Coordinates> = (0..1024)
        .map(|_| Coordinates {
            lat: 55.5 + rng.next() * 7.5,
            lng: 11.5 + rng.next() * 7.5,
        })
        .collect();
    let mut k = 0;
    c.bench_function("nearest_10_of_1m_locations", |b| {
        b.iter(|| {
            k = (k + 1) % points.len();
            index.nearest(
                "All",
                &[LocationType::ServicePoint],
                points[k],
                10,
                50_000.0,
            )
        })
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(50);
    targets = benches
}
criterion_main!(engine);
