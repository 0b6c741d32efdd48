//! Checking a configuration: every cross-reference, code and bound, each problem reported with
//! its path so a merchant fixes a file in one pass. Warehouse times and dates are parsed here
//! once, into a [`WarehouseSchedule`] the engine builds its calendars from.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use time::{Date, Time};

use super::schema::*;
use crate::codes::{CountryCode, CurrencyCode};
use crate::money::{Grams, Money};
use crate::session::DeliveryType;
use crate::violation::{FieldViolation, Violations};

/// The largest amount a configuration may state, in minor units (ten billion in major units):
/// far above any shipping price, and low enough that the engine's sums of configured amounts
/// can never overflow.
pub const MAX_CONFIG_AMOUNT: Money = Money::from_minor(1_000_000_000_000);

/// The longest quote budget a merchant may configure: a checkout page waits this long at most.
pub const MAX_QUOTE_BUDGET_MS: u64 = 10_000;

/// A warehouse's working calendar, parsed: when it ships and what it does not count as a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarehouseSchedule {
    /// An IANA name; the engine resolves it in its time-zone database.
    pub time_zone: String,
    pub cutoff: Time,
    pub handling_days: u32,
    /// Monday first.
    pub working_days: [bool; 7],
    pub holidays: BTreeSet<Date>,
}

/// Monday first, as flags.
pub fn day_flags(days: &[Weekday]) -> [bool; 7] {
    let mut flags = [false; 7];
    for d in days {
        flags[d.index() as usize] = true;
    }
    flags
}

impl WarehouseConfig {
    /// The schedule, or each field that cannot be read (paths relative to the warehouse).
    ///
    /// # Errors
    /// The cutoff, working days or holidays that are not valid.
    pub fn schedule(&self) -> Result<WarehouseSchedule, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let cutoff = parse_hh_mm(&self.cutoff);
        if cutoff.is_none() {
            v.push("cutoff", format!("`{}` is not a HH:MM time", self.cutoff));
        }
        if self.working_days.is_empty() {
            v.push("working_days", "needs at least one day");
        }
        let mut holidays = BTreeSet::new();
        for (j, h) in self.holidays.iter().enumerate() {
            match parse_date(h) {
                Some(d) => {
                    holidays.insert(d);
                }
                None => v.push(
                    format!("holidays[{j}]"),
                    format!("`{h}` is not a YYYY-MM-DD date"),
                ),
            }
        }
        let schedule = cutoff.map(|cutoff| WarehouseSchedule {
            time_zone: self.time_zone.clone(),
            cutoff,
            handling_days: self.handling_days,
            working_days: day_flags(&self.working_days),
            holidays,
        });
        match schedule {
            Some(s) if v.is_empty() => Ok(s),
            _ => Err(v.into_vec()),
        }
    }
}

impl ConfigFile {
    /// Checks every merchant, reporting each problem with its path.
    ///
    /// # Errors
    /// Every problem, as `merchants[i].categories[j].price.SEK: ...`.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut v = Violations::new();
        let mut ids = HashSet::new();
        if self.merchants.is_empty() {
            v.push("merchants", "at least one merchant is required");
        }
        for (i, m) in self.merchants.iter().enumerate() {
            if !ids.insert(m.id.as_str()) {
                v.push(
                    format!("merchants[{i}].id"),
                    format!("duplicate merchant id `{}`", m.id),
                );
            }
            m.validate_into(&format!("merchants[{i}]"), &mut v);
        }
        v.finish(())
            .map_err(|all| all.into_iter().map(|f| f.to_string()).collect())
    }
}

impl MerchantConfig {
    fn validate_into(&self, at: &str, v: &mut Violations) {
        if let Some(problem) = crate::tenant::check_merchant_id(&self.id) {
            v.push(format!("{at}.id"), problem);
        }
        self.check_warehouses(at, v);
        self.check_products(at, v);
        let categories = self.check_categories(at, v);
        self.check_vouchers(at, &categories, v);
        self.check_webhooks(at, v);
        self.check_providers(at, v);
        self.check_locations(at, v);
    }

    fn check_providers(&self, at: &str, v: &mut Violations) {
        if self.quote_budget_ms == 0 || self.quote_budget_ms > MAX_QUOTE_BUDGET_MS {
            v.push(
                format!("{at}.quote_budget_ms"),
                format!("must be between 1 and {MAX_QUOTE_BUDGET_MS}"),
            );
        }
        let mut ids = HashSet::new();
        for (i, p) in self.providers.iter().enumerate() {
            let path = format!("{at}.providers[{i}]");
            if p.id.trim().is_empty() {
                v.push(format!("{path}.id"), "must not be empty");
            } else if !ids.insert(p.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate provider id `{}`", p.id),
                );
            }
            let is_url = |url: &str| {
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(' '))
            };
            if !is_url(&p.url) {
                v.push(format!("{path}.url"), "must be an http(s) URL with a host");
            }
            if p.pickup_points_url.as_deref().is_some_and(|u| !is_url(u)) {
                v.push(
                    format!("{path}.pickup_points_url"),
                    "must be an http(s) URL with a host",
                );
            }
            if p.secret.len() < 16 {
                v.push(format!("{path}.secret"), "must be at least 16 characters");
            }
            if p.timeout_ms == 0 {
                v.push(format!("{path}.timeout_ms"), "must be at least 1");
            } else if p.timeout_ms > self.quote_budget_ms {
                v.push(
                    format!("{path}.timeout_ms"),
                    format!(
                        "must not exceed the merchant's quote_budget_ms ({})",
                        self.quote_budget_ms
                    ),
                );
            }
            if p.breaker.failures_to_open == 0 {
                v.push(
                    format!("{path}.breaker.failures_to_open"),
                    "must be at least 1",
                );
            }
            if p.breaker.open_seconds == 0 {
                v.push(format!("{path}.breaker.open_seconds"), "must be at least 1");
            }
        }
        for (i, product) in self.carrier_products.iter().enumerate() {
            let Some(provider) = &product.provider else {
                continue;
            };
            let path = format!("{at}.carrier_products[{i}].provider");
            if self.provider(&provider.id).is_none() {
                v.push(
                    format!("{path}.id"),
                    format!("unknown provider `{}`", provider.id),
                );
            }
            if !provider.rates && !provider.etd && !provider.pickup_points {
                v.push(
                    path.clone(),
                    "takes neither rates, etd nor pickup_points from the provider",
                );
            }
            if provider.pickup_points
                && !matches!(
                    product.delivery_type,
                    DeliveryType::Pickup | DeliveryType::Instore
                )
            {
                v.push(
                    format!("{path}.pickup_points"),
                    "only a PICKUP or INSTORE product is offered at pickup points",
                );
            }
        }
    }

    fn check_warehouses(&self, at: &str, v: &mut Violations) {
        for (i, w) in self.warehouses.iter().enumerate() {
            let path = format!("{at}.warehouses[{i}]");
            check_address(&w.address, &format!("{path}.address"), v);
            if let Err(problems) = w.schedule() {
                for p in problems {
                    v.push(format!("{path}.{}", p.field), p.description);
                }
            }
        }
    }

    fn check_products(&self, at: &str, v: &mut Violations) {
        let mut products = HashSet::new();
        for (i, p) in self.carrier_products.iter().enumerate() {
            let path = format!("{at}.carrier_products[{i}]");
            if !products.insert(p.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate product id `{}`", p.id),
                );
            }
            for (j, c) in p.countries.iter().enumerate() {
                if let Err(e) = c.parse::<CountryCode>() {
                    v.push(format!("{path}.countries[{j}]"), e);
                }
            }
            if p.transit_days_min > p.transit_days_max {
                v.push(
                    format!("{path}.transit_days_min"),
                    "must not exceed transit_days_max",
                );
            }
            for (country, t) in &p.transit_days {
                if let Err(e) = country.parse::<CountryCode>() {
                    v.push(format!("{path}.transit_days.{country}"), e);
                }
                if t.min > t.max {
                    v.push(
                        format!("{path}.transit_days.{country}.min"),
                        "must not exceed max",
                    );
                }
            }
            if p.delivery_days.is_empty() {
                v.push(format!("{path}.delivery_days"), "needs at least one day");
            }
            if matches!(p.max_weight_grams, Some(w) if w <= Grams::ZERO) {
                v.push(format!("{path}.max_weight_grams"), "must be greater than 0");
            }
            let picks_up = matches!(
                p.delivery_type,
                DeliveryType::Pickup | DeliveryType::Instore
            );
            if picks_up && p.location_types.is_empty() {
                v.push(
                    format!("{path}.location_types"),
                    "a pickup or in-store product needs the location types it serves",
                );
            }
        }
    }

    /// Checks the categories and returns their ids.
    fn check_categories(&self, at: &str, v: &mut Violations) -> HashSet<&str> {
        let warehouses: HashSet<&str> = self.warehouses.iter().map(|w| w.id.as_str()).collect();
        let mut categories = HashSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            let path = format!("{at}.categories[{i}]");
            if !categories.insert(c.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate category id `{}`", c.id),
                );
            }
            if c.display_name.is_empty() {
                v.push(format!("{path}.display_name"), "needs at least one name");
            }
            if !warehouses.contains(c.warehouse.as_str()) {
                v.push(
                    format!("{path}.warehouse"),
                    format!("unknown warehouse `{}`", c.warehouse),
                );
            }
            self.check_category_products(c, &path, v);
            check_prices(&c.price, &format!("{path}.price"), v);
            for (product, prices) in &c.product_prices {
                if !c.products.contains(product) {
                    v.push(
                        format!("{path}.product_prices.{product}"),
                        "is not one of the category's products",
                    );
                }
                check_prices(prices, &format!("{path}.product_prices.{product}"), v);
            }
            let mut previous = Grams::ZERO;
            for (j, tier) in c.weight_tiers.iter().enumerate() {
                if tier.up_to_grams <= previous {
                    v.push(
                        format!("{path}.weight_tiers[{j}].up_to_grams"),
                        "tiers must be listed lightest first, above 0",
                    );
                }
                previous = tier.up_to_grams;
                check_prices(&tier.price, &format!("{path}.weight_tiers[{j}].price"), v);
            }
            check_prices(
                &c.free_shipping_from,
                &format!("{path}.free_shipping_from"),
                v,
            );
            check_prices(&c.min_cart_value, &format!("{path}.min_cart_value"), v);
            check_prices(&c.max_cart_value, &format!("{path}.max_cart_value"), v);
            for (j, country) in c.countries.iter().enumerate() {
                if let Err(e) = country.parse::<CountryCode>() {
                    v.push(format!("{path}.countries[{j}]"), e);
                }
            }
            for (j, a) in c.addons.iter().enumerate() {
                check_prices(&a.price, &format!("{path}.addons[{j}].price"), v);
            }
        }
        categories
    }

    fn check_category_products(&self, c: &CategoryConfig, path: &str, v: &mut Violations) {
        if c.products.is_empty() {
            v.push(
                format!("{path}.products"),
                "needs at least one carrier product",
            );
        }
        for (j, p) in c.products.iter().enumerate() {
            match self.product(p) {
                None => v.push(
                    format!("{path}.products[{j}]"),
                    format!("unknown carrier product `{p}`"),
                ),
                Some(cp) if cp.delivery_type != c.delivery_type => v.push(
                    format!("{path}.products[{j}]"),
                    format!("`{p}` has a different delivery type than the category"),
                ),
                Some(cp) => {
                    for addon in &cp.addons {
                        if !c.addons.iter().any(|a| &a.id == addon) {
                            v.push(
                                format!("{path}.products[{j}]"),
                                format!(
                                    "`{p}` performs addon `{addon}`, which this category does not offer"
                                ),
                            );
                        }
                    }
                }
            }
        }
    }

    fn check_vouchers(&self, at: &str, categories: &HashSet<&str>, v: &mut Violations) {
        for (i, voucher) in self.vouchers.iter().enumerate() {
            let path = format!("{at}.vouchers[{i}]");
            if voucher.code.trim().is_empty() {
                v.push(format!("{path}.code"), "must not be empty");
            }
            for (j, c) in voucher.categories.iter().enumerate() {
                if !categories.contains(c.as_str()) {
                    v.push(
                        format!("{path}.categories[{j}]"),
                        format!("unknown category `{c}`"),
                    );
                }
            }
            match &voucher.effect {
                VoucherEffect::FreeShipping => {}
                VoucherEffect::FixedPrice { price } => {
                    check_prices(price, &format!("{path}.effect.price"), v)
                }
                VoucherEffect::AmountOff { amount } => {
                    check_prices(amount, &format!("{path}.effect.amount"), v)
                }
            }
        }
    }

    fn check_webhooks(&self, at: &str, v: &mut Violations) {
        let mut ids = HashSet::new();
        for (i, w) in self.webhooks.iter().enumerate() {
            let path = format!("{at}.webhooks[{i}]");
            if !ids.insert(w.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate webhook id `{}`", w.id),
                );
            }
            if !(w.url.starts_with("https://") || w.url.starts_with("http://")) {
                v.push(format!("{path}.url"), "must be an http(s) URL");
            }
            if w.secret.len() < 16 {
                v.push(format!("{path}.secret"), "must be at least 16 characters");
            }
        }
    }

    fn check_locations(&self, at: &str, v: &mut Violations) {
        let mut ids = HashSet::new();
        for (i, l) in self.pickup_locations.iter().enumerate() {
            let path = format!("{at}.pickup_locations[{i}]");
            if !ids.insert(l.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate location id `{}`", l.id),
                );
            }
            check_pickup_location(l, &path, v);
        }
    }
}

/// The checks one pickup location passes, whether a configuration file holds it or an import
/// brings it; each problem under `path`.
pub fn check_pickup_location(l: &PickupLocationConfig, path: &str, v: &mut Violations) {
    check_address(&l.address, &format!("{path}.address"), v);
    if l.address.coordinates.is_none() {
        v.push(
            format!("{path}.address.coordinates"),
            "a pickup location needs coordinates",
        );
    }
    for (day, intervals) in &l.opening_hours {
        if !Weekday::ALL.iter().any(|w| w.name() == day) {
            v.push(
                format!("{path}.opening_hours.{day}"),
                "is not a weekday name (monday .. sunday)",
            );
        }
        for (j, interval) in intervals.iter().enumerate() {
            let ok = interval.split_once('-').is_some_and(
                |(a, b)| matches!((parse_hh_mm(a), parse_hh_mm(b)), (Some(a), Some(b)) if a < b),
            );
            if !ok {
                v.push(
                    format!("{path}.opening_hours.{day}[{j}]"),
                    format!("`{interval}` is not an HH:MM-HH:MM interval"),
                );
            }
        }
    }
}

/// An `HH:MM` time of day.
pub fn parse_hh_mm(text: &str) -> Option<Time> {
    let text = text.trim();
    let (h, m) = text.split_once(':')?;
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    if text.len() != 5 {
        return None;
    }
    Time::from_hms(h, m, 0).ok()
}

fn parse_date(text: &str) -> Option<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

fn check_address(a: &AddressConfig, at: &str, v: &mut Violations) {
    if let Err(e) = a.country_code.parse::<CountryCode>() {
        v.push(format!("{at}.country_code"), e);
    }
    if let Some(c) = a.coordinates {
        if !(-90.0..=90.0).contains(&c.lat) {
            v.push(format!("{at}.coordinates.lat"), "must be within -90 and 90");
        }
        if !(-180.0..=180.0).contains(&c.lng) {
            v.push(
                format!("{at}.coordinates.lng"),
                "must be within -180 and 180",
            );
        }
    }
}

fn check_prices(prices: &BTreeMap<String, Money>, at: &str, v: &mut Violations) {
    for (currency, amount) in prices {
        if let Err(e) = currency.parse::<CurrencyCode>() {
            v.push(format!("{at}.{currency}"), e);
        }
        if amount.is_negative() {
            v.push(format!("{at}.{currency}"), "must not be negative");
        } else if *amount > MAX_CONFIG_AMOUNT {
            v.push(
                format!("{at}.{currency}"),
                format!("must be at most {MAX_CONFIG_AMOUNT} (minor units)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_hh_mm() {
        assert_eq!(parse_hh_mm("15:00"), Time::from_hms(15, 0, 0).ok());
        assert_eq!(parse_hh_mm("00:05"), Time::from_hms(0, 5, 0).ok());
        for bad in ["25:00", "9:00", "15:60", "15", "ab:cd"] {
            assert_eq!(parse_hh_mm(bad), None, "{bad}");
        }
    }
}
