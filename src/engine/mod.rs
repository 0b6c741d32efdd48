//! The rule engine: from a merchant configuration, a session and `now`, what each delivery is
//! offered. Pure: no I/O and no clock reads, so every outcome is reproducible in a test.

mod geo;

use time::{Duration, OffsetDateTime};

use crate::domain::config::{CategoryConfig, MerchantConfig, PickupLocationConfig};
use crate::domain::{
    Addon, Address, Carrier, Contact, Coordinates, CountryCode, Delivery, DeliveryCategory,
    DeliveryOption, DeliveryType, Distances, Etd, EtdRelative, OperationalHours, OptionsSource,
    PickupLocation, Session, TimeUnit, Warehouse,
};

pub use geo::{great_circle_meters, DRIVING_DETOUR, DRIVING_KMH, WALKING_DETOUR, WALKING_KMH};

/// Recomputes every delivery's categories, options and addons, keeps each customer choice whose
/// option still exists (clearing the others), applies preselection and sets `expire_time`.
pub fn recompute(config: &MerchantConfig, session: &mut Session, now: OffsetDateTime) {
    let locales: Vec<String> = session
        .purchase
        .locales
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    let mut expire: Option<OffsetDateTime> = None;
    for delivery in &mut session.deliveries {
        let destination = session
            .search_address
            .as_ref()
            .unwrap_or(&delivery.recipient_contact.address);
        delivery.delivery_categories = categories_for(
            config,
            &session.purchase.currency_code.to_string(),
            &locales,
            destination,
            now,
        );
        apply_preselection(config, delivery);
        let choice = delivery.choice.take();
        if let Some(choice) = choice {
            // An addon that is no longer offered is dropped from the choice; an option that is no
            // longer offered clears the choice, and preselection stands in for it.
            let still_offered: Vec<String> = delivery
                .find_option(&choice.option_id)
                .map(|(category, _)| {
                    choice
                        .addon_ids
                        .iter()
                        .filter(|id| category.addons.iter().any(|a| &&a.id == id))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let _ = delivery.choose(&choice.option_id, &still_offered);
        }
        for option in delivery
            .delivery_categories
            .iter()
            .flat_map(|c| c.delivery_options.iter())
        {
            if let Some(t) = option.expire_time {
                expire = Some(expire.map_or(t, |e: OffsetDateTime| e.min(t)));
            }
        }
    }
    session.expire_time = expire;
}

fn categories_for(
    config: &MerchantConfig,
    currency: &str,
    locales: &[String],
    destination: &Address,
    now: OffsetDateTime,
) -> Vec<DeliveryCategory> {
    let source = if destination.postal_code.is_some() || destination.coordinates.is_some() {
        OptionsSource::Address
    } else {
        OptionsSource::Placeholder
    };
    let expire_time = now + Duration::minutes(i64::from(config.quote_validity_minutes));
    let mut categories: Vec<&CategoryConfig> = config.categories.iter().collect();
    categories.sort_by_key(|c| (c.sort_order, c.id.clone()));
    categories
        .into_iter()
        .filter_map(|cat| {
            let price = *cat.price.get(currency)?;
            let options = options_for(
                config,
                cat,
                price,
                &destination.country_code,
                destination,
                source,
                expire_time,
            );
            if options.is_empty() {
                return None;
            }
            let warehouse = config.warehouse(&cat.warehouse).map(|w| Warehouse {
                id: w.id.clone(),
                address: address_from_config(&w.address),
            });
            let addons = cat
                .addons
                .iter()
                .filter_map(|a| {
                    Some(Addon {
                        id: a.id.clone(),
                        display_name: MerchantConfig::localized(&a.display_name, locales)
                            .to_owned(),
                        price: *a.price.get(currency)?,
                        addon_type: a.addon_type,
                        preselected: a.preselected,
                        chosen: false,
                    })
                })
                .collect();
            Some(DeliveryCategory {
                id: cat.id.clone(),
                external_id: cat.external_id.clone(),
                delivery_type: cat.delivery_type,
                display_name: MerchantConfig::localized(&cat.display_name, locales).to_owned(),
                sort_order: cat.sort_order,
                options_source: source,
                delivery_options: options,
                addons,
                preselected: false,
                chosen: false,
                warehouse,
            })
        })
        .collect()
}

fn options_for(
    config: &MerchantConfig,
    cat: &CategoryConfig,
    price: i64,
    country: &CountryCode,
    destination: &Address,
    source: OptionsSource,
    expire_time: OffsetDateTime,
) -> Vec<DeliveryOption> {
    let mut options = Vec::new();
    for (order, product_id) in cat.products.iter().enumerate() {
        let Some(product) = config.product(product_id) else {
            continue;
        };
        if !product.countries.iter().any(|c| c == country.as_str()) {
            continue;
        }
        let carrier = Carrier {
            name: product.carrier.clone(),
            product_name: product.product_name.clone(),
            product_id: product.id.clone(),
            sort_order: Some(order as i32),
            meta: product.meta.clone(),
            external_id: product.external_id.clone(),
        };
        let etd = Etd {
            relative: Some(EtdRelative {
                unit: TimeUnit::Day,
                earliest: Some(product.transit_days_min as i32),
                latest: Some(product.transit_days_max as i32),
            }),
            absolute: None,
            custom: None,
        };
        let base = DeliveryOption {
            id: format!("{}.{}", cat.id, product.id),
            carrier,
            pickup_location: None,
            etd,
            preselected: false,
            chosen: false,
            expire_time: Some(expire_time),
            price,
        };
        let has_locations = matches!(
            cat.delivery_type,
            DeliveryType::Pickup | DeliveryType::Instore
        );
        if !has_locations || source == OptionsSource::Placeholder {
            options.push(base);
            continue;
        }
        for (location, distances) in nearest_locations(config, product, destination) {
            let mut option = base.clone();
            option.id = format!("{}.{}.{}", cat.id, product.id, location.id);
            option.pickup_location = Some(pickup_location(location, distances));
            options.push(option);
        }
    }
    options
}

/// The product's carrier locations of a served type in the destination country, nearest first
/// when the destination has coordinates, else in configuration order.
fn nearest_locations<'a>(
    config: &'a MerchantConfig,
    product: &crate::domain::config::CarrierProductConfig,
    destination: &Address,
) -> Vec<(&'a PickupLocationConfig, Option<Distances>)> {
    let mut found: Vec<(&PickupLocationConfig, Option<f64>)> = config
        .pickup_locations
        .iter()
        .filter(|l| l.carrier == product.carrier)
        .filter(|l| product.location_types.contains(&l.location_type))
        .filter(|l| l.address.country_code == destination.country_code.as_str())
        .map(|l| {
            let meters = match (destination.coordinates, l.address.coordinates) {
                (Some(from), Some(to)) => Some(great_circle_meters(
                    from,
                    Coordinates {
                        lat: to.lat,
                        lng: to.lng,
                    },
                )),
                _ => None,
            };
            (l, meters)
        })
        .filter(|(_, meters)| meters.is_none_or(|m| m <= config.pickup_radius_km * 1000.0))
        .collect();
    found.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    found
        .into_iter()
        .take(config.pickup_options_per_product)
        .map(|(l, meters)| (l, meters.map(geo::distances)))
        .collect()
}

fn pickup_location(l: &PickupLocationConfig, distances: Option<Distances>) -> PickupLocation {
    let day = |name: &str| l.opening_hours.get(name).cloned().unwrap_or_default();
    let operational_hours = (!l.opening_hours.is_empty()).then(|| OperationalHours {
        monday: day("monday"),
        tuesday: day("tuesday"),
        wednesday: day("wednesday"),
        thursday: day("thursday"),
        friday: day("friday"),
        saturday: day("saturday"),
        sunday: day("sunday"),
        free_text: Vec::new(),
    });
    PickupLocation {
        id: l.id.clone(),
        external_id: l.external_id.clone(),
        location_type: Some(l.location_type),
        title: l.title.clone(),
        visiting_contact: Some(Contact {
            address: address_from_config(&l.address),
            email: None,
            phone_number: None,
        }),
        delivery_contact: None,
        operational_hours,
        sections: Vec::new(),
        distances,
    }
}

fn address_from_config(a: &crate::domain::config::AddressConfig) -> Address {
    Address {
        // Country codes in the configuration are validated when it loads.
        country_code: a
            .country_code
            .parse()
            .expect("configuration country codes are validated at load"),
        region_code: None,
        postal_code: a.postal_code.clone(),
        city: a.city.clone(),
        address_lines: a.address_lines.clone(),
        coordinates: a.coordinates.map(|c| Coordinates {
            lat: c.lat,
            lng: c.lng,
        }),
        street: None,
        street_number: None,
    }
}

/// Marks the configured preselected category (or the first one) and its first option; addons
/// carry their configured `preselected` flag already.
fn apply_preselection(config: &MerchantConfig, delivery: &mut Delivery) {
    let wanted = config
        .categories
        .iter()
        .find(|c| c.preselected)
        .map(|c| c.id.as_str());
    let index = wanted
        .and_then(|id| delivery.delivery_categories.iter().position(|c| c.id == id))
        .unwrap_or(0);
    if let Some(category) = delivery.delivery_categories.get_mut(index) {
        category.preselected = true;
        if let Some(option) = category.delivery_options.first_mut() {
            option.preselected = true;
        }
    }
}
