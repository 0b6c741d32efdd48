//! Translation between the headless wire types and the domain, with input validation that
//! reports every bad field by its path.

use domain::bounds::{check_amount, MAX_QUANTITY, MAX_WEIGHT_GRAMS};
use domain::{self, Grams, Money, Violations};
use service::{Pick, Selection};

use super::model as wire;
use super::types::Int64;

/// Validates a client-sent session into the writable part of the domain session.
pub fn draft_from_wire(
    s: wire::Session,
) -> Result<domain::SessionDraft, Vec<domain::FieldViolation>> {
    let mut v = Violations::new();
    let purchase = purchase(s.purchase, "purchase", &mut v);
    if s.deliveries.is_empty() {
        v.push("deliveries", "at least one delivery is required");
    }
    let deliveries: Option<Vec<_>> = s
        .deliveries
        .into_iter()
        .enumerate()
        .map(|(i, d)| delivery(d, &format!("deliveries[{i}]"), &mut v))
        .collect();
    let search_address = s
        .search_address
        .map(|a| address(a, "search_address", &mut v));
    if matches!(&s.external_id, Some(id) if id.chars().count() > 256) {
        v.push("external_id", "must be at most 256 characters");
    }
    // Each helper returns `None` only after recording why, so no violations means all parsed.
    match (purchase, deliveries, search_address) {
        (Some(purchase), Some(deliveries), search_address) if v.is_empty() => {
            Ok(domain::SessionDraft {
                purchase,
                deliveries,
                search_address: search_address.flatten(),
                external_id: s.external_id.filter(|e| !e.is_empty()),
                checkout: None,
            })
        }
        _ => Err(v.into_vec()),
    }
}

pub(super) fn parse<T: std::str::FromStr<Err = String>>(
    text: &str,
    at: &str,
    v: &mut Violations,
) -> Option<T> {
    text.parse::<T>().map_err(|e| v.push(at, e)).ok()
}

/// An amount in minor units, within `0..=MAX_AMOUNT`.
pub(super) fn amount(amount: Option<Int64>, at: &str, v: &mut Violations) -> Option<Money> {
    let amount = amount?.0;
    if let Err(e) = check_amount(amount) {
        v.push(at, e);
    }
    Some(Money::from_minor(amount))
}

pub(super) fn required_text(text: &str, at: &str, v: &mut Violations) {
    if text.trim().is_empty() {
        v.push(at, "is required");
    }
}

/// Each locale, parsed; `None` after recording a violation for any that is not one.
pub(super) fn locales(
    locales: &[String],
    at: &str,
    v: &mut Violations,
) -> Option<Vec<domain::Locale>> {
    let parsed: Vec<Option<domain::Locale>> = locales
        .iter()
        .enumerate()
        .map(|(i, l)| parse(l, &format!("{at}[{i}]"), v))
        .collect();
    parsed.into_iter().collect()
}

pub(super) fn purchase(
    p: wire::SessionPurchase,
    at: &str,
    v: &mut Violations,
) -> Option<domain::Purchase> {
    let country_code = parse(&p.country_code, &format!("{at}.country_code"), v);
    let currency_code = parse(&p.currency_code, &format!("{at}.currency_code"), v);
    let total_discount = amount(p.total_discount, &format!("{at}.total_discount"), v);
    let total_value = amount(p.total_value, &format!("{at}.total_value"), v);
    for (i, voucher) in p.vouchers.iter().enumerate() {
        required_text(voucher, &format!("{at}.vouchers[{i}]"), v);
    }
    let locales = locales(&p.locales, &format!("{at}.locales"), v);
    Some(domain::Purchase {
        country_code: country_code?,
        currency_code: currency_code?,
        total_discount,
        total_value,
        vouchers: p.vouchers,
        locales: locales?,
    })
}

pub(super) fn delivery(
    d: wire::Delivery,
    at: &str,
    v: &mut Violations,
) -> Option<domain::DeliveryDraft> {
    required_text(&d.id, &format!("{at}.id"), v);
    if d.line_items.is_empty() {
        v.push(
            format!("{at}.line_items"),
            "at least one line item is required",
        );
    }
    let line_items: Vec<_> = d
        .line_items
        .into_iter()
        .enumerate()
        .map(|(i, l)| line_item(l, &format!("{at}.line_items[{i}]"), v))
        .collect();
    let fulfillments = d
        .fulfillments
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let readiness = f.readiness;
            if let Some(latest) = readiness.latest_time {
                if latest < readiness.earliest_time {
                    v.push(
                        format!("{at}.fulfillments[{i}].readiness.latest_time"),
                        "must not be before earliest_time",
                    );
                }
            }
            domain::Fulfillment {
                ready_earliest: readiness.earliest_time,
                ready_latest: readiness.latest_time,
            }
        })
        .collect();
    let recipient_contact = contact(d.recipient_contact, &format!("{at}.recipient_contact"), v);
    Some(domain::DeliveryDraft {
        id: d.id,
        line_items: line_items.into_iter().collect::<Option<Vec<_>>>()?,
        fulfillments,
        recipient_contact: recipient_contact?,
        attributes: d.attributes,
    })
}

fn line_item(l: wire::LineItem, at: &str, v: &mut Violations) -> Option<domain::LineItem> {
    required_text(&l.sku, &format!("{at}.sku"), v);
    required_text(&l.title, &format!("{at}.title"), v);
    if !(1..=MAX_QUANTITY).contains(&l.quantity) {
        v.push(
            format!("{at}.quantity"),
            format!("must be between 1 and {MAX_QUANTITY}"),
        );
    }
    if matches!(l.weight, Some(w) if !(1..=MAX_WEIGHT_GRAMS).contains(&w)) {
        v.push(
            format!("{at}.weight"),
            format!("must be between 1 and {MAX_WEIGHT_GRAMS} (grams)"),
        );
    }
    let dimensions = l.dimensions.map(|d| {
        for (name, value) in [
            ("height", d.height),
            ("length", d.length),
            ("width", d.width),
        ] {
            if value <= 0 {
                v.push(
                    format!("{at}.dimensions.{name}"),
                    "must be greater than 0 (millimetres)",
                );
            }
        }
        domain::Dimensions {
            height: d.height,
            length: d.length,
            width: d.width,
        }
    });
    let discount = amount(l.discount, &format!("{at}.discount"), v);
    let price = amount(Some(l.price), &format!("{at}.price"), v)?;
    Some(domain::LineItem {
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        weight: l.weight.map(Grams::new),
        dimensions,
        discount,
        price,
        image_uri: l.image_uri,
        attributes: l.attributes,
    })
}

fn contact(c: wire::Contact, at: &str, v: &mut Violations) -> Option<domain::Contact> {
    let address = address(c.address, &format!("{at}.address"), v);
    let phone_number = c.phone_number.and_then(|p| {
        required_text(&p.number, &format!("{at}.phone_number.number"), v);
        Some(domain::PhoneNumber {
            country_code: parse(
                &p.country_code,
                &format!("{at}.phone_number.country_code"),
                v,
            )?,
            number: p.number,
            extension: p.extension,
        })
    });
    if let Some(email) = &c.email {
        if !email.contains('@') {
            v.push(format!("{at}.email"), "is not an email address");
        }
    }
    Some(domain::Contact {
        address: address?,
        email: c.email,
        phone_number,
    })
}

pub(super) fn address(a: wire::Address, at: &str, v: &mut Violations) -> Option<domain::Address> {
    let country_code = parse(&a.country_code, &format!("{at}.country_code"), v);
    let coordinates = a.coordinates.map(|c| {
        if !(-90.0..=90.0).contains(&c.lat) || c.lat.is_nan() {
            v.push(format!("{at}.coordinates.lat"), "must be within -90 and 90");
        }
        if !(-180.0..=180.0).contains(&c.lng) || c.lng.is_nan() {
            v.push(
                format!("{at}.coordinates.lng"),
                "must be within -180 and 180",
            );
        }
        domain::Coordinates {
            lat: c.lat,
            lng: c.lng,
        }
    });
    Some(domain::Address {
        country_code: country_code?,
        region_code: a.region_code,
        postal_code: a.postal_code.filter(|p| !p.trim().is_empty()),
        city: a.city,
        address_lines: a.address_lines,
        coordinates,
        street: a.street,
        street_number: a.street_number,
    })
}

/// The customer's choices, each reported under `delivery_choices[i]` when it cannot be made.
pub fn choices_from_wire(choices: Vec<wire::DeliveryChoice>) -> Vec<Pick> {
    choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| Pick {
            at: format!("delivery_choices[{i}]"),
            selection: Selection::Exact(domain::DeliveryChoice {
                delivery_id: c.delivery_id,
                option_id: c.option_id,
                addon_ids: c.addon_ids,
            }),
        })
        .collect()
}

// ---- domain to wire ----

/// Timestamps on this surface are UTC, whatever offset the engine computed them in.
fn utc(t: time::OffsetDateTime) -> time::OffsetDateTime {
    t.to_offset(time::UtcOffset::UTC)
}

pub fn session_to_wire(s: &domain::Session) -> wire::Session {
    session_view_to_wire(s, true)
}

/// A session as a `BASIC` list shows it: each delivery keeps its chosen category, with the
/// chosen option and addons only, and none when nothing is chosen.
pub fn session_to_basic_wire(s: &domain::Session) -> wire::Session {
    session_view_to_wire(s, false)
}

fn session_view_to_wire(s: &domain::Session, full: bool) -> wire::Session {
    wire::Session {
        name: Some(s.id.resource_name()),
        state: Some(match s.state {
            domain::SessionState::Active => wire::SessionState::Active,
            domain::SessionState::Completed => wire::SessionState::Completed,
        }),
        purchase: purchase_to_wire(&s.purchase),
        deliveries: s
            .deliveries
            .iter()
            .map(|d| delivery_to_wire(d, full))
            .collect(),
        search_address: s.search_address.as_ref().map(address_to_wire),
        external_id: s.external_id.clone(),
        create_time: Some(s.create_time),
        update_time: Some(s.update_time),
        expire_time: s.expire_time.map(utc),
        etag: Some(s.etag()),
        source_transport_order: s.source_order_id.as_ref().map(|id| id.resource_name()),
        config_revision: (s.config_revision > 0).then_some(Int64(s.config_revision)),
        test: Some(domain::tenant::is_test(&s.merchant_id)),
    }
}

pub fn order_to_wire(o: &domain::TransportOrder) -> wire::TransportOrder {
    let c = &o.content;
    let delivery = domain::Delivery::from_draft(c.delivery.clone());
    let wired = delivery_to_wire(&delivery, true);
    wire::TransportOrder {
        name: Some(o.resource_name()),
        session: c.session_id.resource_name(),
        delivery_id: c.delivery.id.clone(),
        external_id: c.external_id.clone(),
        state: Some(match o.state {
            domain::OrderState::Created => wire::TransportOrderState::Created,
            domain::OrderState::Amended => wire::TransportOrderState::Amended,
        }),
        version: o.version as i32,
        purchase: purchase_to_wire(&c.purchase),
        line_items: wired.line_items,
        recipient_contact: wired.recipient_contact,
        delivery_category: wire::TransportOrderCategory {
            id: c.category.id.clone(),
            external_id: c.category.external_id.clone(),
            display_name: c.category.display_name.clone(),
            delivery_type: delivery_type_to_wire(c.category.delivery_type),
        },
        delivery_option: option_to_wire(&c.option),
        addons: c.addons.iter().map(addon_to_wire).collect(),
        price: Int64(c.total_price().unwrap_or_default().minor()),
        price_components: c
            .option
            .price_components
            .iter()
            .map(|p| (p.kind, p.amount.minor(), p.reference.clone()))
            .chain(c.addons.iter().map(|a| {
                (
                    domain::PriceComponentKind::Addon,
                    a.price.minor(),
                    a.id.clone(),
                )
            }))
            .map(|(kind, amount, reference)| wire::PriceComponent {
                component_type: match kind {
                    domain::PriceComponentKind::Shipping => wire::PriceComponentType::Shipping,
                    domain::PriceComponentKind::Addon => wire::PriceComponentType::Addon,
                    domain::PriceComponentKind::Discount => wire::PriceComponentType::Discount,
                },
                amount: Int64(amount),
                reference,
            })
            .collect(),
        promise: c.option.promise.map(|p| wire::DeliveryPromise {
            merchant_pickup_time: utc(p.merchant_pickup_time),
            carrier_transit_days_min: p.carrier_transit_days_min as i32,
            carrier_transit_days_max: p.carrier_transit_days_max as i32,
            customer_earliest_time: utc(p.customer_earliest_time),
            customer_latest_time: utc(p.customer_latest_time),
        }),
        warehouse: c
            .warehouse
            .as_ref()
            .map(|w| wire::DeliveryCategoryWarehouse {
                id: w.id.clone(),
                address: address_to_wire(&w.address),
            }),
        history: Some(
            o.history
                .iter()
                .map(|v| wire::TransportOrderVersion {
                    version: v.version as i32,
                    session: v.content.session_id.resource_name(),
                    update_time: v.time,
                    delivery_option_id: v.content.option.id.clone(),
                    price: Int64(v.content.total_price().unwrap_or_default().minor()),
                })
                .collect(),
        ),
        create_time: Some(o.create_time),
        update_time: Some(o.update_time),
        etag: Some(o.etag()),
        test: domain::tenant::is_test(&o.merchant_id),
    }
}

fn delivery_type_to_wire(t: domain::DeliveryType) -> wire::DeliveryType {
    match t {
        domain::DeliveryType::Delivery => wire::DeliveryType::Delivery,
        domain::DeliveryType::Pickup => wire::DeliveryType::Pickup,
        domain::DeliveryType::Mailbox => wire::DeliveryType::Mailbox,
        domain::DeliveryType::Instore => wire::DeliveryType::Instore,
    }
}

fn addon_to_wire(a: &domain::Addon) -> wire::Addon {
    wire::Addon {
        id: a.id.clone(),
        display_name: a.display_name.clone(),
        price: Int64(a.price.minor()),
        addon_type: match a.addon_type {
            domain::AddonType::LeaveAtDoor => wire::AddonType::LeaveAtDoor,
            domain::AddonType::CarryIn => wire::AddonType::CarryIn,
            domain::AddonType::CallBeforeDelivery => wire::AddonType::CallBeforeDelivery,
            domain::AddonType::IdCheck => wire::AddonType::IdCheck,
            domain::AddonType::Insurance => wire::AddonType::Insurance,
            domain::AddonType::GiftWrapping => wire::AddonType::GiftWrapping,
        },
        preselected: a.preselected,
        chosen: a.chosen,
    }
}

/// The session as JSON, the base an update mask is applied to. Output-only members in it are
/// ignored when the merged document is parsed back.
pub fn session_json(s: &domain::Session) -> serde_json::Value {
    use poem_openapi::types::ToJSON;
    session_to_wire(s).to_json().unwrap_or_default()
}

fn purchase_to_wire(p: &domain::Purchase) -> wire::SessionPurchase {
    wire::SessionPurchase {
        country_code: p.country_code.to_string(),
        currency_code: p.currency_code.to_string(),
        total_discount: p.total_discount.map(|m| Int64(m.minor())),
        total_value: p.total_value.map(|m| Int64(m.minor())),
        vouchers: p.vouchers.clone(),
        locales: p.locales.iter().map(|l| l.to_string()).collect(),
    }
}

fn delivery_to_wire(d: &domain::Delivery, full: bool) -> wire::Delivery {
    wire::Delivery {
        id: d.id.clone(),
        line_items: d
            .line_items
            .iter()
            .map(|l| wire::LineItem {
                sku: l.sku.clone(),
                title: l.title.clone(),
                quantity: l.quantity,
                weight: l.weight.map(Grams::get),
                dimensions: l.dimensions.map(|x| wire::LineItemDimensions {
                    height: x.height,
                    length: x.length,
                    width: x.width,
                }),
                discount: l.discount.map(|m| Int64(m.minor())),
                price: Int64(l.price.minor()),
                image_uri: l.image_uri.clone(),
                attributes: l.attributes.clone(),
            })
            .collect(),
        fulfillments: d
            .fulfillments
            .iter()
            .map(|f| wire::Fulfillment {
                readiness: wire::FulfillmentReadiness {
                    earliest_time: f.ready_earliest,
                    latest_time: f.ready_latest,
                },
            })
            .collect(),
        recipient_contact: contact_to_wire(&d.recipient_contact),
        attributes: d.attributes.clone(),
        delivery_categories: d
            .delivery_categories
            .iter()
            .filter(|c| full || c.chosen)
            .map(|c| category_to_wire(c, full))
            .collect(),
        tos_id: d.transport_order.as_ref().map(ToString::to_string),
        no_offer_reasons: d.no_offer_reasons.clone(),
    }
}

fn contact_to_wire(c: &domain::Contact) -> wire::Contact {
    wire::Contact {
        address: address_to_wire(&c.address),
        email: c.email.clone(),
        phone_number: c.phone_number.as_ref().map(|p| wire::ContactPhoneNumber {
            country_code: p.country_code.to_string(),
            number: p.number.clone(),
            extension: p.extension.clone(),
        }),
    }
}

fn address_to_wire(a: &domain::Address) -> wire::Address {
    wire::Address {
        country_code: a.country_code.to_string(),
        region_code: a.region_code.clone(),
        postal_code: a.postal_code.clone(),
        city: a.city.clone(),
        address_lines: a.address_lines.clone(),
        coordinates: a.coordinates.map(|c| wire::Coordinates {
            lat: c.lat,
            lng: c.lng,
        }),
        street: a.street.clone(),
        street_number: a.street_number.clone(),
    }
}

/// The category with all its options and addons (`full`), or the chosen ones only.
fn category_to_wire(c: &domain::DeliveryCategory, full: bool) -> wire::DeliveryCategory {
    wire::DeliveryCategory {
        id: c.id.clone(),
        external_id: c.external_id.clone(),
        delivery_type: delivery_type_to_wire(c.delivery_type),
        display_name: c.display_name.clone(),
        sort_order: c.sort_order,
        options_source: match c.options_source {
            domain::OptionsSource::Placeholder => wire::OptionsSource::Placeholder,
            domain::OptionsSource::Address => wire::OptionsSource::Address,
            domain::OptionsSource::Provider => wire::OptionsSource::Provider,
        },
        delivery_options: c
            .delivery_options
            .iter()
            .filter(|o| full || o.chosen)
            .map(|o| {
                let mut option = option_to_wire(o);
                option.supported_addon_ids = c
                    .addons
                    .iter()
                    .filter(|a| o.supports_addon(&a.id))
                    .map(|a| a.id.clone())
                    .collect();
                option
            })
            .collect(),
        addons: c
            .addons
            .iter()
            .filter(|a| full || a.chosen)
            .map(addon_to_wire)
            .collect(),
        preselected: c.preselected,
        chosen: c.chosen,
        warehouse: c
            .warehouse
            .as_ref()
            .map(|w| wire::DeliveryCategoryWarehouse {
                id: w.id.clone(),
                address: address_to_wire(&w.address),
            }),
    }
}

fn option_to_wire(o: &domain::DeliveryOption) -> wire::DeliveryOption {
    wire::DeliveryOption {
        id: o.id.clone(),
        carrier: wire::DeliveryOptionCarrier {
            name: o.carrier.name.clone(),
            product_name: o.carrier.product_name.clone(),
            product_id: o.carrier.product_id.clone(),
            sort_order: o.carrier.sort_order,
            meta: o.carrier.meta.clone(),
            external_id: o.carrier.external_id.clone(),
        },
        pickup_location: o.pickup_location.as_ref().map(location_to_wire),
        etd: wire::Etd {
            relative: o.etd.relative.map(|r| wire::EtdRelative {
                unit: match r.unit {
                    domain::TimeUnit::Minute => wire::TimeUnit::Minute,
                    domain::TimeUnit::Hour => wire::TimeUnit::Hour,
                    domain::TimeUnit::Day => wire::TimeUnit::Day,
                    domain::TimeUnit::Week => wire::TimeUnit::Week,
                },
                earliest: r.earliest,
                latest: r.latest,
            }),
            absolute: o.etd.absolute.map(|a| wire::EtdAbsolute {
                earliest_time: a.earliest_time.map(utc),
                latest_time: a.latest_time.map(utc),
            }),
            custom: o.etd.custom.clone().map(|text| wire::EtdCustom { text }),
        },
        preselected: o.preselected,
        chosen: o.chosen,
        expire_time: o.expire_time.map(utc),
        price: Int64(o.price.minor()),
        // Known where the option's category is (see `category_to_wire`).
        supported_addon_ids: Vec::new(),
    }
}

fn location_to_wire(l: &domain::PickupLocation) -> wire::PickupLocation {
    wire::PickupLocation {
        id: l.id.clone(),
        external_id: l.external_id.clone(),
        location_type: l.location_type.map(|t| match t {
            domain::LocationType::ServicePoint => wire::LocationType::ServicePoint,
            domain::LocationType::Locker => wire::LocationType::Locker,
            domain::LocationType::PostOffice => wire::LocationType::PostOffice,
            domain::LocationType::Store => wire::LocationType::Store,
        }),
        title: l.title.clone(),
        visiting_contact: l.visiting_contact.as_ref().map(contact_to_wire),
        delivery_contact: l.delivery_contact.as_ref().map(contact_to_wire),
        operational_hours: l.operational_hours.as_ref().map(|h| {
            wire::PickupLocationOperationalHours {
                monday: h.monday.clone(),
                tuesday: h.tuesday.clone(),
                wednesday: h.wednesday.clone(),
                thursday: h.thursday.clone(),
                friday: h.friday.clone(),
                saturday: h.saturday.clone(),
                sunday: h.sunday.clone(),
                free_text: h.free_text.clone(),
            }
        }),
        sections: l
            .sections
            .iter()
            .map(|s| wire::PickupLocationSection {
                title: s.title.clone(),
                columns: s
                    .columns
                    .iter()
                    .map(|c| wire::SectionColumn {
                        items: c
                            .iter()
                            .map(|i| wire::SectionItem {
                                icon_uri: i.icon_uri.clone(),
                                text: i.text.clone(),
                                link_uri: i.link_uri.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        distances: l.distances.map(|d| wire::PickupLocationDistances {
            walking: d.walking.map(distance_to_wire),
            driving: d.driving.map(distance_to_wire),
        }),
    }
}

fn distance_to_wire(d: domain::Distance) -> wire::Distance {
    wire::Distance {
        meters: Int64(d.meters),
        minutes: Int64(d.minutes),
    }
}

pub fn event_to_wire(e: &service::events::EventRecord) -> wire::Event {
    use service::events::DeliveryState;
    wire::Event {
        name: e.id.resource_name(),
        event_type: e.event_type.as_str().to_owned(),
        session: e.session_id.resource_name(),
        create_time: e.create_time,
        test: domain::tenant::is_test(&e.merchant_id),
        payload: Some(e.body.clone()),
        deliveries: e
            .deliveries
            .iter()
            .map(|d| wire::EventDelivery {
                endpoint_id: d.endpoint_id.clone(),
                url: d.url.clone(),
                state: match d.state {
                    DeliveryState::Pending => wire::EventDeliveryState::Pending,
                    DeliveryState::Delivered => wire::EventDeliveryState::Delivered,
                    DeliveryState::Failed => wire::EventDeliveryState::Failed,
                },
                attempts: d.attempts,
                next_attempt_time: d.next_attempt_time,
                last_error: d.last_error.clone(),
                delivered_time: d.delivered_time,
            })
            .collect(),
    }
}

/// Renders webhook bodies exactly as this API's responses show the resources.
pub struct WireRenderer;

impl service::events::EventRenderer for WireRenderer {
    fn session(&self, session: &domain::Session) -> serde_json::Value {
        session_json(session)
    }

    fn transport_order(&self, order: &domain::TransportOrder) -> serde_json::Value {
        use poem_openapi::types::ToJSON;
        order_to_wire(order).to_json().unwrap_or_default()
    }
}
