//! The demo pickup locations in `config/demo-pickup-locations.json` are generated, not typed:
//! this test regenerates them deterministically and fails when the committed file differs
//! (`UPDATE_DEMO_DATA=1 cargo test --test demo_data` rewrites it).

use serde_json::{json, Value};

/// City centre, districts (name, postal prefix, lat, lng) and a street-name stem.
struct City {
    name: &'static str,
    code: &'static str,
    districts: &'static [(&'static str, &'static str, f64, f64)],
}

const CITIES: &[City] = &[
    City {
        name: "Stockholm",
        code: "sto",
        districts: &[
            ("City", "111", 59.3330, 18.0630),
            ("Kungsholmen", "112", 59.3320, 18.0350),
            ("Vasastan", "113", 59.3430, 18.0480),
            ("Östermalm", "114", 59.3390, 18.0830),
            ("Södermalm", "118", 59.3180, 18.0550),
            ("Hammarby", "120", 59.3000, 18.0900),
            ("Hägersten", "126", 59.3000, 17.9800),
            ("Bromma", "161", 59.3400, 17.9400),
            ("Solna", "169", 59.3600, 18.0000),
            ("Nacka", "131", 59.3100, 18.1600),
        ],
    },
    City {
        name: "Göteborg",
        code: "gbg",
        districts: &[
            ("Centrum", "411", 57.7070, 11.9670),
            ("Johanneberg", "412", 57.7000, 11.9900),
            ("Linnéstaden", "413", 57.6960, 11.9500),
            ("Majorna", "414", 57.6900, 11.9200),
            ("Hisingen", "417", 57.7200, 11.9400),
            ("Frölunda", "421", 57.6500, 11.9100),
            ("Mölndal", "431", 57.6560, 12.0140),
        ],
    },
    City {
        name: "Malmö",
        code: "mmo",
        districts: &[
            ("Centrum", "211", 55.6050, 13.0000),
            ("Rosengård", "213", 55.5800, 13.0300),
            ("Möllevången", "214", 55.5910, 13.0050),
            ("Hyllie", "215", 55.5750, 12.9900),
            ("Limhamn", "216", 55.5800, 12.9300),
        ],
    },
];

/// (carrier, location type, id prefix, title stem, per city)
const NETWORKS: &[(&str, &str, &str, &str, usize)] = &[
    ("PostNord", "SERVICE_POINT", "pn", "Demo Ombud", 30),
    ("PostNord", "POST_OFFICE", "pnpo", "Demo Postcenter", 6),
    ("DHL", "SERVICE_POINT", "dhl", "Demo Servicepoint", 24),
    ("Instabox", "LOCKER", "ib", "Demo Instabox", 30),
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick(&mut self, n: usize) -> usize {
        ((self.next() * n as f64) as usize).min(n - 1)
    }
}

fn hours(kind: &str, variant: usize) -> Value {
    let (weekday, saturday, sunday): (&[&str], &[&str], &[&str]) = match (kind, variant % 3) {
        ("LOCKER", _) => (&["00:00-23:59"], &["00:00-23:59"], &["00:00-23:59"]),
        ("POST_OFFICE", _) => (&["09:00-12:00", "13:00-18:00"], &["10:00-14:00"], &[]),
        (_, 0) => (&["08:00-21:00"], &["09:00-18:00"], &["10:00-18:00"]),
        (_, 1) => (&["07:00-22:00"], &["08:00-22:00"], &["09:00-22:00"]),
        _ => (&["10:00-19:00"], &["10:00-16:00"], &[]),
    };
    json!({
        "monday": weekday, "tuesday": weekday, "wednesday": weekday,
        "thursday": weekday, "friday": weekday, "saturday": saturday, "sunday": sunday
    })
}

fn generate() -> Value {
    let mut rng = Lcg(20_261_123);
    let mut locations = Vec::new();
    for city in CITIES {
        for (carrier, kind, prefix, stem, count) in NETWORKS {
            for n in 0..*count {
                let (district, postal, lat, lng) = city.districts[rng.pick(city.districts.len())];
                // Within about 1.5 km of the district centre.
                let lat = lat + (rng.next() - 0.5) * 0.027;
                let lng = lng + (rng.next() - 0.5) * 0.05;
                let number = 1 + rng.pick(120);
                let city_code = city.code;
                let mut location = json!({
                    "id": format!("{prefix}-{city_code}-{:03}", n + 1),
                    "carrier": carrier,
                    "external_id": format!("DEMO-{}-{}{:03}", prefix.to_uppercase(), city_code.to_uppercase(), n + 1),
                    "location_type": kind,
                    "title": format!("{stem} {district} {}", n + 1),
                    "address": {
                        "country_code": "SE",
                        "postal_code": format!("{postal}{:02}", rng.pick(100)),
                        "city": city.name,
                        "address_lines": [format!("Demogatan {number}")],
                        "coordinates": {"lat": (lat * 1e5).round() / 1e5, "lng": (lng * 1e5).round() / 1e5}
                    },
                    "opening_hours": hours(kind, n),
                });
                if *kind == "LOCKER" {
                    location["sections"] = json!([{
                        "title": "Good to know",
                        "columns": [[{"text": "Open around the clock"}, {"text": "Parcels up to 60 x 40 x 35 cm"}]]
                    }]);
                }
                locations.push(location);
            }
        }
    }
    Value::Array(locations)
}

#[test]
fn demo_pickup_locations_are_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo-pickup-locations.json");
    let rendered = format!("{}\n", serde_json::to_string_pretty(&generate()).unwrap());
    if std::env::var("UPDATE_DEMO_DATA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "config/demo-pickup-locations.json is stale; run `UPDATE_DEMO_DATA=1 cargo test --test demo_data`"
    );
    let count = generate().as_array().unwrap().len();
    assert_eq!(count, 3 * (30 + 6 + 24 + 30));
}
