//! Writing the domain as the shared legacy wire objects: addresses, carts, locations, time
//! slots, prices and promises, in whole-second local times as these surfaces always showed them.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use domain::{
    self, DeliveryCategory, DeliveryOption, DeliveryType, Grams, LocationType, Money,
    PriceComponentKind, Session, SessionState,
};

use super::model as wire;

/// RFC 3339 in whole seconds, in the offset the time was computed in (the warehouse's for
/// promises), as these surfaces always showed it.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub fn status(state: SessionState) -> &'static str {
    match state {
        SessionState::Active => "ACTIVE",
        SessionState::Completed => "COMPLETE",
    }
}

pub fn delivery_type(t: DeliveryType) -> &'static str {
    match t {
        DeliveryType::Delivery => "delivery",
        DeliveryType::Pickup => "pickup",
        DeliveryType::Mailbox => "mailbox",
        DeliveryType::Instore => "instore",
    }
}

pub fn coordinates_to_wire(c: Option<domain::Coordinates>) -> Option<wire::Coordinates> {
    c.map(|c| wire::Coordinates {
        lat: Some(c.lat),
        lng: Some(c.lng),
    })
}

pub fn address_to_wire(a: &domain::Address, name: Option<&str>) -> wire::Address {
    wire::Address {
        name: name.map(str::to_owned),
        care_of: None,
        attn: None,
        address_lines: a.address_lines.clone(),
        city: a.city.clone(),
        region: a.region_code.clone(),
        postal_code: a.postal_code.clone(),
        country: Some(a.country_code.as_str().to_owned()),
        coordinates: coordinates_to_wire(a.coordinates),
        door_code: None,
    }
}

pub fn named_address_to_wire(a: &domain::NamedAddress) -> wire::Address {
    wire::Address {
        care_of: a.care_of.clone(),
        attn: a.attn.clone(),
        door_code: a.door_code.clone(),
        ..address_to_wire(&a.address, a.name.as_deref())
    }
}

/// The search address as sent, placed where the engine located it.
pub fn search_address_to_wire(session: &Session) -> Option<wire::Address> {
    session.search_address.as_ref().map(|a| wire::Address {
        coordinates: coordinates_to_wire(a.coordinates.or(session.search_coordinates)),
        ..address_to_wire(a, None)
    })
}

pub fn customer_to_wire(c: &domain::Customer) -> wire::Customer {
    wire::Customer {
        address: c.address.as_ref().map(named_address_to_wire),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

pub fn additional_info_to_wire(a: &domain::AdditionalInfo) -> wire::AdditionalInfo {
    wire::AdditionalInfo {
        courier_instructions: a.courier_instructions.clone(),
        door_code: a.door_code.clone(),
        customer_number: a.customer_number.clone(),
    }
}

/// The cart as last sent; for a session whose goods another surface set, rebuilt from them.
pub fn cart_to_wire(session: &Session) -> wire::Cart {
    let cart = session.current_cart();
    wire::Cart {
        total_value: cart.total_value.minor(),
        total_discount: cart.total_discount.map(Money::minor),
        currency: cart
            .currency
            .map(|c| c.to_string())
            .or_else(|| Some(session.purchase.currency_code.to_string())),
        shipping_date: cart.shipping_date.map(|d| d.to_string()),
        items: cart.items.iter().map(cart_item_to_wire).collect(),
        pre_order: cart.pre_order,
        voucher: cart.voucher,
        cart_id: cart.cart_id,
        attributes: cart.attributes,
        vouchers: cart.vouchers,
    }
}

fn dimensions_to_wire(d: domain::Dimensions) -> wire::Dimensions {
    wire::Dimensions {
        height: d.height,
        length: d.length,
        width: d.width,
    }
}

pub fn cart_item_to_wire(i: &domain::CartItem) -> wire::CartItem {
    wire::CartItem {
        sku: i.sku.clone(),
        name: i.name.clone(),
        attributes: i.attributes.clone(),
        out_of_stock: i.out_of_stock,
        dimensions: i.dimensions.map(dimensions_to_wire),
        quantity: Some(i.quantity),
        weight: i.weight.map(Grams::get),
        discount: i.discount.map(Money::minor),
        price: i.price.map(Money::minor),
        image_url: i.image_url.clone(),
        site_external_id: i.site_external_id.clone(),
        shipping_date: i.shipping_date.map(|d| d.to_string()),
    }
}

pub fn location_type(t: LocationType) -> &'static str {
    match t {
        LocationType::ServicePoint => "SERVICE_POINT",
        LocationType::Locker => "LOCKER",
        LocationType::PostOffice => "POSTOFFICE",
        LocationType::Store => "STORE",
    }
}

pub fn location_to_wire(l: &domain::PickupLocation) -> wire::PickupLocation {
    let hours = l.operational_hours.as_ref().map(|h| {
        let day = |d: &[String]| (!d.is_empty()).then(|| d.join(", "));
        wire::OperationalHours {
            mon: day(&h.monday),
            tue: day(&h.tuesday),
            wed: day(&h.wednesday),
            thu: day(&h.thursday),
            fri: day(&h.friday),
            sat: day(&h.saturday),
            sun: day(&h.sunday),
            free_text: h.free_text.clone(),
        }
    });
    let spec = |d: Option<domain::Distance>| {
        d.map(|d| wire::DistanceSpec {
            value: d.meters,
            duration: d.minutes,
        })
    };
    wire::PickupLocation {
        external_id: l.external_id.clone(),
        name: l.title.clone(),
        address: l
            .visiting_contact
            .as_ref()
            .map(|c| address_to_wire(&c.address, Some(&l.title)))
            .unwrap_or_default(),
        distance: l.distances.map(|d| wire::Distance {
            walking: spec(d.walking),
            driving: spec(d.driving),
        }),
        operational_hours: hours,
        meta: Default::default(),
        location_type: l.location_type.map(|t| location_type(t).to_owned()),
        carrier_order: None,
    }
}

pub fn time_slot(o: &DeliveryOption) -> wire::TimeSlot {
    let (start, end) = o.window();
    wire::TimeSlot {
        id: o.time_slot_id(),
        expires: o.expire_time.map(rfc3339),
        start: start.map(rfc3339),
        end: end.map(rfc3339),
    }
}

/// The price of an option with the category's chosen addons, and what it is made of.
pub fn pricing(
    category: &DeliveryCategory,
    o: &DeliveryOption,
    currency: &str,
    with_components: bool,
) -> wire::ResultPricing {
    let addons: Vec<&domain::Addon> = category
        .addons
        .iter()
        .filter(|a| a.chosen && o.supports_addon(&a.id))
        .collect();
    let components = with_components.then(|| {
        o.price_components
            .iter()
            .map(|c| wire::PriceComponent {
                kind: match c.kind {
                    PriceComponentKind::Shipping => {
                        wire::PriceComponentType::PriceComponentTypeShipping
                    }
                    PriceComponentKind::Addon => wire::PriceComponentType::PriceComponentTypeAddon,
                    PriceComponentKind::Discount => {
                        wire::PriceComponentType::PriceComponentTypeDiscount
                    }
                },
                value: c.amount.minor(),
            })
            .chain(addons.iter().map(|a| wire::PriceComponent {
                kind: wire::PriceComponentType::PriceComponentTypeAddon,
                value: a.price.minor(),
            }))
            .collect()
    });
    // Configured prices are bounded far below where their sum could overflow.
    let total = Money::checked_sum(std::iter::once(o.price).chain(addons.iter().map(|a| a.price)))
        .unwrap_or(o.price);
    wire::ResultPricing {
        currency: currency.to_owned(),
        price: total.minor(),
        price_components: components,
    }
}

/// The three promises of an option with a located address; placeholders have none.
pub fn delivery_time(o: &DeliveryOption) -> Option<wire::DeliveryTime> {
    let p = o.promise?;
    let window = |earliest: OffsetDateTime, latest: OffsetDateTime| wire::TimeWindow {
        earliest: rfc3339(earliest),
        latest: rfc3339(latest),
    };
    Some(wire::DeliveryTime {
        pickup_from_merchant: window(p.merchant_pickup_time, p.merchant_pickup_time),
        customer_delivery_promise: window(p.customer_earliest_time, p.customer_latest_time),
        carrier_delivery_promise: window(p.customer_earliest_time, p.customer_latest_time),
    })
}

pub fn result_category(c: &DeliveryCategory, presented: bool) -> wire::ResultCategory {
    wire::ResultCategory {
        id: c.id.clone(),
        name: c.display_name.clone(),
        external_id: c.external_id.clone(),
        presented_category_name: presented.then(|| c.display_name.clone()),
    }
}

pub fn supports(c: &DeliveryCategory) -> wire::Supports {
    let home = c.delivery_type == DeliveryType::Delivery;
    let at_location = matches!(
        c.delivery_type,
        DeliveryType::Pickup | DeliveryType::Instore
    );
    wire::Supports {
        search: at_location.then_some(true),
        door_code: home.then_some(true),
        courier_instructions: home.then_some(true),
        customer_number: None,
    }
}

pub fn warehouse(c: &DeliveryCategory) -> Option<wire::Warehouse> {
    c.warehouse.as_ref().map(|w| wire::Warehouse {
        address: address_to_wire(&w.address, Some(&w.id)),
    })
}

/// What a delivery ships with now: the customer's choice, else the preselected option.
pub fn selected(
    d: &domain::Delivery,
) -> Option<(&DeliveryCategory, &DeliveryOption, wire::Selection)> {
    if let Some(choice) = d.choice.as_ref().filter(|_| !d.completed_with_preselection) {
        if let Some((c, o)) = d.find_option(&choice.option_id) {
            return Some((c, o, wire::Selection::UserChoice));
        }
    }
    let id = d.effective_option_id()?;
    d.find_option(&id)
        .map(|(c, o)| (c, o, wire::Selection::PreselectedChoice))
}
