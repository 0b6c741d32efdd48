//! The rule engine: from a merchant configuration, a session and `now`, what each delivery is
//! offered, at what price and arriving when. Pure: no I/O and no clock reads, so every outcome is
//! reproducible in a test.
//!
//! [`Catalog::build`] prepares each merchant once (time zones, spatial index, postal table);
//! [`recompute`] is then a read-only walk over that preparation.

mod eligibility;
mod etd;
mod geo;
mod geocode;
mod pickup;
mod pricing;
mod search;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

use time::{Duration, OffsetDateTime};

use domain::config::{
    AddressConfig, CategoryConfig, ConfigFile, MerchantConfig, OptionSorting, PickupLocationConfig,
    ProviderFallback,
};
use domain::{
    Addon, Address, Carrier, Contact, Coordinates, CustomLocation, Delivery, DeliveryCategory,
    DeliveryOption, DeliveryPromise, DeliveryType, Distances, Etd, EtdAbsolute, EtdRelative, Goods,
    Grams, Money, OperationalHours, OptionsSource, PickupLocation, Section, SectionItem, Session,
    TimeUnit, Warehouse,
};

pub use domain::WAREHOUSE_ATTRIBUTE_PREFIX;
use eligibility::{category_refusal, product_refusal};
pub use etd::{Promise, WarehouseCalendar};
pub use geo::{great_circle_meters, DRIVING_DETOUR, DRIVING_KMH, WALKING_DETOUR, WALKING_KMH};
pub use geocode::PostalCodes;
pub use pickup::LocationIndex;
pub use search::{shipping_method, LiveSearch};

/// Every merchant's current configuration, prepared for quoting. A merchant's entry is replaced
/// whole when a newer revision of its configuration is accepted or seen on another replica;
/// readers hold the `Arc` they took, so a quote in flight finishes on the revision it began with.
pub struct Catalog {
    merchants: RwLock<HashMap<String, Arc<PreparedMerchant>>>,
    postal_codes: Arc<PostalCodes>,
}

/// One merchant's configuration with what quoting needs precomputed.
pub struct PreparedMerchant {
    pub config: MerchantConfig,
    /// The stored configuration revision this was prepared from; 0 for a configuration read
    /// from the file that is not (yet) stored.
    pub revision: i64,
    /// The version of the stored pickup point set `config.pickup_locations` holds; 0 for the
    /// file's points, before they are stored.
    pub points_version: i64,
    calendars: HashMap<String, WarehouseCalendar>,
    locations: Arc<LocationIndex>,
    postal_codes: Arc<PostalCodes>,
}

impl Catalog {
    /// Prepares every merchant; reports each problem with its path.
    ///
    /// # Errors
    /// Unknown time zones or unreadable calendars, as `merchants[i].warehouses[j].field: ...`.
    pub fn build(file: &ConfigFile) -> Result<Self, Vec<String>> {
        let postal_codes = Arc::new(PostalCodes::embedded());
        let mut problems = Vec::new();
        let mut merchants = HashMap::new();
        for (i, m) in file.merchants.iter().enumerate() {
            match PreparedMerchant::new(m.clone(), postal_codes.clone()) {
                Ok(p) => {
                    merchants.insert(m.id.clone(), Arc::new(p));
                }
                Err(errors) => {
                    problems.extend(errors.into_iter().map(|e| format!("merchants[{i}].{e}")))
                }
            }
        }
        if problems.is_empty() {
            Ok(Self {
                merchants: RwLock::new(merchants),
                postal_codes,
            })
        } else {
            Err(problems)
        }
    }

    pub fn merchant(&self, id: &str) -> Option<Arc<PreparedMerchant>> {
        self.read().get(id).cloned()
    }

    /// Every merchant id with the revision its entry was prepared from.
    pub fn revisions(&self) -> HashMap<String, i64> {
        self.read()
            .iter()
            .map(|(id, m)| (id.clone(), m.revision))
            .collect()
    }

    /// Every merchant id with the version of the pickup point set its entry serves.
    pub fn points_versions(&self) -> HashMap<String, i64> {
        self.read()
            .iter()
            .map(|(id, m)| (id.clone(), m.points_version))
            .collect()
    }

    /// Prepares `config` as revision `revision` of its merchant without installing it (a
    /// preview, or the check before a revision is stored). The pickup locations' index is
    /// shared with the current entry when the locations did not change, so a price change
    /// does not rebuild it.
    ///
    /// # Errors
    /// Each warehouse whose calendar cannot be read, as `warehouses[j].field: ...`.
    pub fn prepare(
        &self,
        config: MerchantConfig,
        revision: i64,
    ) -> Result<PreparedMerchant, Vec<String>> {
        let reuse = self.merchant(&config.id).and_then(|current| {
            (current.config.pickup_locations == config.pickup_locations)
                .then(|| current.locations.clone())
        });
        PreparedMerchant::build(config, revision, self.postal_codes.clone(), reuse)
    }

    /// Installs `prepared` unless the merchant already has a newer revision, or the same one
    /// with a newer pickup point set (a slower replica's reload, or a slower index build, must
    /// not undo a faster one's). Whether it was installed.
    pub fn install(&self, prepared: PreparedMerchant) -> bool {
        let mut merchants = self
            .merchants
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match merchants.get(&prepared.config.id) {
            Some(current) if current.revision > prepared.revision => false,
            Some(current)
                if current.revision == prepared.revision
                    && current.points_version > prepared.points_version =>
            {
                false
            }
            _ => {
                merchants.insert(prepared.config.id.clone(), Arc::new(prepared));
                true
            }
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<PreparedMerchant>>> {
        // Nothing panics while holding the lock, and a map of `Arc`s cannot be left half
        // written, so a poisoned lock still holds a consistent map.
        self.merchants
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl PreparedMerchant {
    /// # Errors
    /// Each warehouse whose calendar cannot be read, as `warehouses[j].field: ...`.
    pub fn new(
        config: MerchantConfig,
        postal_codes: Arc<PostalCodes>,
    ) -> Result<Self, Vec<String>> {
        Self::build(config, 0, postal_codes, None)
    }

    fn build(
        config: MerchantConfig,
        revision: i64,
        postal_codes: Arc<PostalCodes>,
        locations: Option<Arc<LocationIndex>>,
    ) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut calendars = HashMap::new();
        for (j, w) in config.warehouses.iter().enumerate() {
            let calendar = w
                .schedule()
                .map_err(|violations| {
                    violations
                        .into_iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .and_then(|schedule| WarehouseCalendar::new(&schedule));
            match calendar {
                Ok(c) => {
                    calendars.insert(w.id.clone(), c);
                }
                Err(e) => problems.push(format!("warehouses[{j}].{e}")),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let locations =
            locations.unwrap_or_else(|| Arc::new(LocationIndex::build(&config.pickup_locations)));
        Ok(Self {
            config,
            revision,
            points_version: 0,
            calendars,
            locations,
            postal_codes,
        })
    }

    /// The nearest locations of `carrier` with one of `types` (index, meters), within the
    /// configured radius.
    pub fn nearest_locations(
        &self,
        carrier: &str,
        types: &[domain::LocationType],
        at: Coordinates,
        n: usize,
    ) -> Vec<(usize, f64)> {
        self.locations
            .nearest(carrier, types, at, n, self.config.pickup_radius_km * 1000.0)
    }
}

/// What rate providers answered for one quote, per delivery id and carrier product id: input
/// to [`recompute_with`], gathered by the service before it (the engine does no I/O).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderAnswers {
    deliveries: HashMap<String, HashMap<String, ProviderAnswer>>,
}

/// One product's answer from its provider, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum ProviderAnswer {
    Live {
        provider_id: String,
        price: Money,
        /// Transit working days (min, max), when the provider dated the product.
        transit_days: Option<(u32, u32)>,
        /// The points near the destination, when the provider was asked for them and gave
        /// them (in its order; the engine orders them by distance).
        pickup_points: Option<Vec<PickupLocationConfig>>,
    },
    Fallback {
        provider_id: String,
        /// `timeout`, `error`, `invalid`, `breaker_open`, or `missing` (the provider answered
        /// without this product).
        reason: &'static str,
    },
}

impl ProviderAnswers {
    pub fn insert(&mut self, delivery_id: &str, product_id: &str, answer: ProviderAnswer) {
        self.deliveries
            .entry(delivery_id.to_owned())
            .or_default()
            .insert(product_id.to_owned(), answer);
    }

    pub fn get(&self, delivery_id: &str, product_id: &str) -> Option<&ProviderAnswer> {
        self.deliveries.get(delivery_id)?.get(product_id)
    }

    pub fn is_empty(&self) -> bool {
        self.deliveries.is_empty()
    }
}

/// What a delivery is quoted for: where it goes and what is in it.
pub(crate) struct Shipment<'a> {
    currency: &'a str,
    locales: &'a [String],
    destination: &'a Address,
    coordinates: Option<Coordinates>,
    source: OptionsSource,
    attributes: BTreeSet<&'a str>,
    weight: Grams,
    /// Each line's sides, longest first (mm).
    parcels: Vec<[i64; 3]>,
    cart_value: Money,
    vouchers: Vec<String>,
    ready: OffsetDateTime,
    warehouse_override: Option<&'a str>,
    /// Locations the customer added from a search.
    custom_locations: &'a [CustomLocation],
    /// The providers' answers for this delivery, by carrier product id.
    answers: Option<&'a HashMap<String, ProviderAnswer>>,
}

/// Recomputes every delivery's categories, options and addons, keeps each customer choice whose
/// option still exists (clearing the others), applies preselection and sets `expire_time`.
/// Products priced by a provider take their configured fallback: use [`recompute_with`] to
/// give them the providers' answers.
pub fn recompute(merchant: &PreparedMerchant, session: &mut Session, now: OffsetDateTime) {
    recompute_with(merchant, session, now, &ProviderAnswers::default());
}

/// [`recompute`] with the rate providers' answers: a product whose provider answered is priced
/// and dated by that answer; one without an answer takes its configured fallback (the static
/// price and transit days, or not offered). Each such option's carrier `meta` says which:
/// `price_source` (`provider` | `static_fallback`), `provider_id`, `fallback_reason`.
pub fn recompute_with(
    merchant: &PreparedMerchant,
    session: &mut Session,
    now: OffsetDateTime,
    answers: &ProviderAnswers,
) {
    let locales: Vec<String> = session
        .purchase
        .locales
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    let currency = session.purchase.currency_code.to_string();
    // Goods were checked to fit when they were written; should a stored session hold goods
    // that do not, it is offered nothing rather than priced on a wrapped value.
    let goods: Vec<Option<Goods>> = session
        .deliveries
        .iter()
        .map(|d| Goods::of(&d.line_items).ok())
        .collect();
    let cart_value = match session.purchase.total_value {
        Some(value) => Some(value),
        None => goods
            .iter()
            .map(|g| g.map(|g| g.value))
            .collect::<Option<Vec<_>>>()
            .and_then(Money::checked_sum),
    };
    let vouchers: Vec<String> = session
        .purchase
        .vouchers
        .iter()
        .map(|v| v.trim().to_uppercase())
        .collect();
    let validity_end = now + Duration::minutes(i64::from(merchant.config.quote_validity_minutes));
    let mut expire: Option<OffsetDateTime> = None;
    let search_address = session.search_address.clone();
    session.search_coordinates = search_address.as_ref().and_then(|a| locate(merchant, a));
    let custom_locations = &session.checkout.custom_locations;
    for (delivery, goods) in session.deliveries.iter_mut().zip(goods) {
        let (Some(goods), Some(cart_value)) = (goods, cart_value) else {
            delivery.delivery_categories.clear();
            delivery.choice = None;
            delivery.no_offer_reasons = vec!["the goods' value or weight is too large".into()];
            continue;
        };
        let destination = search_address
            .as_ref()
            .unwrap_or(&delivery.recipient_contact.address);
        let coordinates = locate(merchant, destination);
        let source = if destination.postal_code.is_some() || destination.coordinates.is_some() {
            OptionsSource::Address
        } else {
            OptionsSource::Placeholder
        };
        let attributes: BTreeSet<&str> = delivery
            .attributes
            .iter()
            .chain(delivery.line_items.iter().flat_map(|l| &l.attributes))
            .map(String::as_str)
            .collect();
        let shipment = Shipment {
            currency: &currency,
            locales: &locales,
            destination,
            coordinates,
            source,
            weight: goods.weight,
            parcels: delivery
                .line_items
                .iter()
                .filter_map(|l| l.dimensions)
                .map(|d| {
                    let mut sides = [d.length, d.width, d.height];
                    sides.sort_unstable_by(|a, b| b.cmp(a));
                    sides
                })
                .collect(),
            cart_value,
            vouchers: vouchers.clone(),
            ready: delivery
                .fulfillments
                .iter()
                .map(|f| f.ready_earliest)
                .max()
                .unwrap_or(now),
            warehouse_override: attributes
                .iter()
                .find_map(|a| a.strip_prefix(WAREHOUSE_ATTRIBUTE_PREFIX)),
            attributes: attributes.clone(),
            custom_locations,
            answers: answers.deliveries.get(&delivery.id),
        };
        let categories = categories_for(merchant, &shipment, now, validity_end);
        delivery.no_offer_reasons = if categories.is_empty() {
            eligibility::nothing_offered(&merchant.config, &shipment)
        } else {
            Vec::new()
        };
        delivery.delivery_categories = categories;
        apply_preselection(&merchant.config, delivery);
        if let Some(choice) = delivery.choice.take() {
            // An addon that is no longer offered is dropped from the choice; an option that is no
            // longer offered clears the choice, and preselection stands in for it.
            let still_offered: Vec<String> = delivery
                .find_option(&choice.option_id)
                .map(|(category, option)| {
                    choice
                        .addon_ids
                        .iter()
                        .filter(|id| category.addons.iter().any(|a| &&a.id == id))
                        .filter(|id| option.supports_addon(id))
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

/// An address's own coordinates, else its postal code's.
fn locate(merchant: &PreparedMerchant, address: &Address) -> Option<Coordinates> {
    address.coordinates.or_else(|| {
        address.postal_code.as_deref().and_then(|p| {
            merchant
                .postal_codes
                .locate(address.country_code.as_str(), p)
        })
    })
}

fn categories_for(
    merchant: &PreparedMerchant,
    s: &Shipment,
    now: OffsetDateTime,
    validity_end: OffsetDateTime,
) -> Vec<DeliveryCategory> {
    let config = &merchant.config;
    let mut categories: Vec<&CategoryConfig> = config.categories.iter().collect();
    categories.sort_by(|a, b| (a.sort_order, &a.id).cmp(&(b.sort_order, &b.id)));
    categories
        .into_iter()
        .filter(|c| c.price.contains_key(s.currency) && category_refusal(c, s).is_none())
        .filter_map(|cat| {
            let warehouse_id = s
                .warehouse_override
                .filter(|w| config.warehouse(w).is_some())
                .unwrap_or(&cat.warehouse);
            let (options, live) = options_for(merchant, cat, warehouse_id, s, now, validity_end);
            if options.is_empty() {
                return None;
            }
            let addons = cat
                .addons
                .iter()
                .filter_map(|a| {
                    Some(Addon {
                        id: a.id.clone(),
                        display_name: MerchantConfig::localized(&a.display_name, s.locales)
                            .to_owned(),
                        price: *a.price.get(s.currency)?,
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
                display_name: MerchantConfig::localized(&cat.display_name, s.locales).to_owned(),
                sort_order: cat.sort_order,
                options_source: if live {
                    OptionsSource::Provider
                } else {
                    s.source
                },
                delivery_options: options,
                addons,
                preselected: false,
                chosen: false,
                warehouse: config.warehouse(warehouse_id).map(|w| Warehouse {
                    id: w.id.clone(),
                    address: address_from_config(&w.address),
                }),
            })
        })
        .collect()
}

fn options_for(
    merchant: &PreparedMerchant,
    cat: &CategoryConfig,
    warehouse_id: &str,
    s: &Shipment,
    now: OffsetDateTime,
    validity_end: OffsetDateTime,
) -> (Vec<DeliveryOption>, bool) {
    let config = &merchant.config;
    // Whether an offered option took anything from a provider's answer.
    let mut live = false;
    let vouchers: Vec<_> = config
        .vouchers
        .iter()
        .filter(|v| s.vouchers.contains(&v.code.trim().to_uppercase()))
        .filter(|v| v.categories.is_empty() || v.categories.contains(&cat.id))
        .collect();
    let calendar = merchant.calendars.get(warehouse_id);
    // (option, carrier order, distance) for sorting.
    let mut options: Vec<(DeliveryOption, usize, f64)> = Vec::new();
    for (order, product_id) in cat.products.iter().enumerate() {
        let Some(product) = config.product(product_id) else {
            continue;
        };
        if product_refusal(product, s).is_some() {
            continue;
        }
        let mut provenance: Vec<(&str, String)> = Vec::new();
        let mut live_price = None;
        let mut live_transit = None;
        // `Some` when the provider's points replace the merchant's own locations.
        let mut live_points: Option<&[PickupLocationConfig]> = None;
        if let Some(wanted) = &product.provider {
            let answer = s.answers.and_then(|a| a.get(&product.id));
            match answer {
                Some(ProviderAnswer::Live {
                    provider_id,
                    price,
                    transit_days,
                    pickup_points,
                }) => {
                    live_price = Some(*price).filter(|_| wanted.rates);
                    live_transit = transit_days.filter(|_| wanted.etd);
                    live_points = pickup_points.as_deref().filter(|_| wanted.pickup_points);
                    if wanted.pickup_points
                        && live_points.is_none()
                        && wanted.fallback == ProviderFallback::Hide
                    {
                        continue;
                    }
                    provenance.push(("provider_id", provider_id.clone()));
                    let source = |live: bool| if live { "provider" } else { "static" };
                    provenance.push(("price_source", source(live_price.is_some()).into()));
                    provenance.push(("etd_source", source(live_transit.is_some()).into()));
                    if wanted.pickup_points {
                        let points = if live_points.is_some() {
                            "provider"
                        } else {
                            "static_fallback"
                        };
                        provenance.push(("pickup_points_source", points.into()));
                    }
                }
                _ => {
                    if wanted.fallback == ProviderFallback::Hide {
                        continue;
                    }
                    let reason = match answer {
                        Some(ProviderAnswer::Fallback { reason, .. }) => reason,
                        _ => "missing",
                    };
                    provenance.push(("provider_id", wanted.id.clone()));
                    provenance.push(("price_source", "static_fallback".into()));
                    provenance.push(("etd_source", "static_fallback".into()));
                    if wanted.pickup_points {
                        provenance.push(("pickup_points_source", "static_fallback".into()));
                    }
                    provenance.push(("fallback_reason", (*reason).into()));
                }
            }
        }
        let took_live = live_price.is_some() || live_transit.is_some() || live_points.is_some();
        let Some((price, price_components)) = pricing::shipping_price(
            cat,
            product,
            s.currency,
            s.weight,
            s.cart_value,
            &vouchers,
            live_price,
        ) else {
            continue;
        };
        let transit = live_transit.unwrap_or_else(|| {
            product
                .transit_days
                .get(s.destination.country_code.as_str())
                .map(|t| (t.min, t.max))
                .unwrap_or((product.transit_days_min, product.transit_days_max))
        });
        let promise =
            calendar.and_then(|c| c.promise(s.ready, now, transit, &product.delivery_days));
        let placeholder = s.source == OptionsSource::Placeholder;
        let etd = match (&promise, placeholder) {
            (Some(p), false) => Etd {
                relative: Some(EtdRelative {
                    unit: TimeUnit::Day,
                    earliest: Some(p.earliest_days),
                    latest: Some(p.latest_days),
                }),
                absolute: Some(EtdAbsolute {
                    earliest_time: Some(p.earliest),
                    latest_time: Some(p.latest),
                }),
                custom: None,
            },
            // Without an address the promise is indicative: transit days only.
            _ => Etd {
                relative: Some(EtdRelative {
                    unit: TimeUnit::Day,
                    earliest: Some(transit.0 as i32),
                    latest: Some(transit.1.max(transit.0) as i32),
                }),
                absolute: None,
                custom: None,
            },
        };
        let expire_time = promise
            .map(|p| p.cutoff.min(validity_end))
            .unwrap_or(validity_end);
        let base = DeliveryOption {
            id: format!("{}.{}", cat.id, product.id),
            carrier: Carrier {
                name: product.carrier.clone(),
                product_name: product.product_name.clone(),
                product_id: product
                    .product_id
                    .clone()
                    .unwrap_or_else(|| product.id.clone()),
                sort_order: Some(order as i32),
                meta: {
                    let mut meta = product.meta.clone();
                    meta.extend(provenance.into_iter().map(|(k, v)| (k.to_owned(), v)));
                    meta
                },
                external_id: product.external_id.clone(),
            },
            pickup_location: None,
            etd,
            preselected: false,
            chosen: false,
            expire_time: Some(expire_time),
            price,
            price_components,
            supported_addons: (!product.addons.is_empty()).then(|| product.addons.clone()),
            promise: promise.filter(|_| !placeholder).map(|p| DeliveryPromise {
                merchant_pickup_time: p.ship_time,
                carrier_transit_days_min: transit.0,
                carrier_transit_days_max: transit.1.max(transit.0),
                customer_earliest_time: p.earliest,
                customer_latest_time: p.latest,
            }),
        };
        let at_locations = matches!(
            cat.delivery_type,
            DeliveryType::Pickup | DeliveryType::Instore
        );
        let before = options.len();
        match (at_locations && !placeholder, live_points, s.coordinates) {
            (true, Some(points), at) => {
                // The provider's points, nearest first when the address is located (else in
                // the provider's order), within the merchant's radius and count.
                let radius = config.pickup_radius_km * 1000.0;
                let mut near: Vec<(&PickupLocationConfig, Option<f64>)> = points
                    .iter()
                    .map(|p| {
                        let meters = at.zip(p.address.coordinates).map(|(at, c)| {
                            geo::great_circle_meters(
                                at,
                                Coordinates {
                                    lat: c.lat,
                                    lng: c.lng,
                                },
                            )
                        });
                        (p, meters)
                    })
                    .filter(|(_, m)| m.is_none_or(|m| m <= radius))
                    .collect();
                near.sort_by(|(_, a), (_, b)| {
                    a.unwrap_or(f64::INFINITY)
                        .total_cmp(&b.unwrap_or(f64::INFINITY))
                });
                for (location, meters) in near.into_iter().take(config.pickup_options_per_product) {
                    let mut option = base.clone();
                    option.id = format!("{}.{}.{}", cat.id, product.id, location.id);
                    option.pickup_location =
                        Some(pickup_location(location, meters.map(geo::distances)));
                    options.push((option, order, meters.unwrap_or(f64::INFINITY)));
                }
            }
            (true, None, Some(at)) => {
                for (index, meters) in merchant.nearest_locations(
                    &product.carrier,
                    &product.location_types,
                    at,
                    config.pickup_options_per_product,
                ) {
                    let location = &config.pickup_locations[index];
                    let mut option = base.clone();
                    option.id = format!("{}.{}.{}", cat.id, product.id, location.id);
                    option.pickup_location =
                        Some(pickup_location(location, Some(geo::distances(meters))));
                    options.push((option, order, meters));
                }
            }
            // A pickup product without a located address: the carrier picks the point at booking.
            _ => options.push((base.clone(), order, f64::INFINITY)),
        }
        // Locations the customer added by search join the offered ones, at their own
        // distance: the merchant's own by reference, a provider's as it was found.
        let located =
            at_locations && !placeholder && (live_points.is_some() || s.coordinates.is_some());
        for custom in s.custom_locations.iter().filter(|c| {
            located
                && (c.shipping_method == product.id
                    || c.shipping_method == search::shipping_method(product))
        }) {
            let location = match &custom.location {
                Some(found) => found.clone(),
                None => match merchant.location(&product.id, &custom.location_ref) {
                    Some(own) => pickup_location(own, None),
                    None => continue,
                },
            };
            let id = format!("{}.{}.{}", cat.id, product.id, location.id);
            if options.iter().any(|(o, _, _)| o.id == id) {
                continue;
            }
            let meters = s.coordinates.zip(
                location
                    .visiting_contact
                    .as_ref()
                    .and_then(|c| c.address.coordinates),
            );
            let meters = meters.map(|(at, c)| geo::great_circle_meters(at, c));
            let mut option = base.clone();
            option.id = id;
            option.pickup_location = Some(PickupLocation {
                distances: meters.map(geo::distances),
                ..location
            });
            options.push((option, order, meters.unwrap_or(f64::INFINITY)));
        }
        live |= took_live && options.len() > before;
    }
    sort_options(&mut options, cat.option_sorting);
    (options.into_iter().map(|(o, _, _)| o).collect(), live)
}

fn sort_options(options: &mut [(DeliveryOption, usize, f64)], sorting: OptionSorting) {
    let arrival = |o: &DeliveryOption| {
        o.promise
            .map(|p| p.customer_earliest_time.unix_timestamp())
            .unwrap_or(i64::MAX)
    };
    options.sort_by(|(a, ao, ad), (b, bo, bd)| {
        let by_carrier = ao.cmp(bo).then(ad.total_cmp(bd));
        match sorting {
            OptionSorting::CarrierOrder => by_carrier,
            OptionSorting::Price => a.price.cmp(&b.price).then(by_carrier),
            OptionSorting::Speed => arrival(a).cmp(&arrival(b)).then(by_carrier),
            OptionSorting::Distance => ad.total_cmp(bd).then(ao.cmp(bo)),
        }
    });
}

/// A location as a session offers it, before its distance from an address is known.
pub fn offered_location(l: &PickupLocationConfig) -> PickupLocation {
    pickup_location(l, None)
}

fn pickup_location(l: &PickupLocationConfig, distances: Option<Distances>) -> PickupLocation {
    let day = |name: &str| l.opening_hours.get(name).cloned().unwrap_or_default();
    let operational_hours =
        (!l.opening_hours.is_empty() || !l.opening_hours_text.is_empty()).then(|| {
            OperationalHours {
                monday: day("monday"),
                tuesday: day("tuesday"),
                wednesday: day("wednesday"),
                thursday: day("thursday"),
                friday: day("friday"),
                saturday: day("saturday"),
                sunday: day("sunday"),
                free_text: l.opening_hours_text.clone(),
            }
        });
    let contact = |a: &AddressConfig| Contact {
        address: address_from_config(a),
        email: None,
        phone_number: None,
    };
    PickupLocation {
        id: l.id.clone(),
        external_id: l.external_id.clone(),
        location_type: Some(l.location_type),
        title: l.title.clone(),
        visiting_contact: Some(contact(&l.address)),
        delivery_contact: l.delivery_address.as_ref().map(contact),
        operational_hours,
        sections: l
            .sections
            .iter()
            .map(|s| Section {
                title: s.title.clone(),
                columns: s
                    .columns
                    .iter()
                    .map(|c| {
                        c.iter()
                            .map(|i| SectionItem {
                                icon_uri: i.icon_uri.clone(),
                                text: i.text.clone(),
                                link_uri: i.link_uri.clone(),
                            })
                            .collect()
                    })
                    .collect(),
            })
            .collect(),
        distances,
    }
}

fn address_from_config(a: &AddressConfig) -> Address {
    Address {
        country_code: a
            .country_code
            .parse()
            .expect("configuration country codes are validated at load"),
        region_code: a.region_code.clone(),
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
