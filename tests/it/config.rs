//! Loading merchant configuration: the embedded demo is valid, and every problem in a broken
//! file is reported with its path.

use config_file::{parse as parse_merchant_config, DEMO_CONFIG};

#[test]
fn the_demo_configuration_is_valid() {
    let config = parse_merchant_config(DEMO_CONFIG, "toml").unwrap();
    let demo = config.merchant("demo").unwrap();
    assert_eq!(demo.warehouses.len(), 2);
    let carriers: std::collections::BTreeSet<&str> = demo
        .carrier_products
        .iter()
        .map(|p| p.carrier.as_str())
        .collect();
    for c in ["PostNord", "DHL", "Budbee", "Instabox", "DB Schenker"] {
        assert!(carriers.contains(c), "{c}");
    }
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let broken = DEMO_CONFIG
        .replacen(
            "price = { SEK = 4900, NOK = 5900, DKK = 4500, EUR = 590 }",
            "price = { SEKK = 4900, NOK = -1 }",
            1,
        )
        .replacen("warehouse = \"sto-central\"", "warehouse = \"nowhere\"", 1)
        .replacen("products = [\"pnl-vbr\"]", "products = [\"pnl-xyz\"]", 1);
    let problems = parse_merchant_config(&broken, "toml").unwrap_err();
    let joined = problems.join("\n");
    assert!(
        joined.contains("merchants[0].categories[0].price.SEKK: `SEKK` is not an ISO 4217"),
        "{joined}"
    );
    assert!(
        joined.contains("merchants[0].categories[0].price.NOK: must not be negative"),
        "{joined}"
    );
    assert!(
        joined.contains("merchants[0].categories[0].warehouse: unknown warehouse `nowhere`"),
        "{joined}"
    );
    assert!(
        joined
            .contains("merchants[0].categories[2].products[0]: unknown carrier product `pnl-xyz`"),
        "{joined}"
    );
    assert_eq!(problems.len(), 4, "{joined}");
}

#[test]
fn syntax_and_type_errors_name_the_path() {
    let wrong_type = DEMO_CONFIG.replacen("sort_order = 1", "sort_order = \"first\"", 1);
    let problems = parse_merchant_config(&wrong_type, "toml").unwrap_err();
    assert!(
        problems[0].starts_with("merchants[0].categories[0].sort_order"),
        "{problems:?}"
    );
    let yaml = "merchants:\n  - id: x\n    name: y\n    warehouses: []\n    carrier_products: []\n    categories: []\n    colour: red\n";
    let problems = parse_merchant_config(yaml, "yaml").unwrap_err();
    assert!(problems[0].contains("colour"), "{problems:?}");
}

#[test]
fn a_file_with_a_pickup_locations_file_beside_it() {
    let dir = std::env::temp_dir().join(format!("checkout-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = DEMO_CONFIG.replace(
        "pickup_locations_file = \"demo-pickup-locations.json\"",
        "pickup_locations_file = \"points.json\"",
    );
    std::fs::write(dir.join("merchant.toml"), config).unwrap();
    std::fs::write(dir.join("points.json"), config_file::DEMO_PICKUP_LOCATIONS).unwrap();
    let loaded = config_file::load(Some(&dir.join("merchant.toml"))).unwrap();
    assert_eq!(
        loaded.merchant("demo").unwrap().pickup_locations.len(),
        270 + 2
    );

    std::fs::write(dir.join("points.json"), "[{\"id\": 1}]").unwrap();
    let problems = config_file::load(Some(&dir.join("merchant.toml"))).unwrap_err();
    assert!(
        problems[0].starts_with("merchants[0].pickup_locations_file: points.json: [0].id"),
        "{problems:?}"
    );
    std::fs::remove_file(dir.join("points.json")).unwrap();
    let problems = config_file::load(Some(&dir.join("merchant.toml"))).unwrap_err();
    assert!(problems[0].contains("points.json"), "{problems:?}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn calendar_and_rule_mistakes_are_reported() {
    let broken = DEMO_CONFIG
        .replacen("cutoff = \"15:00\"", "cutoff = \"25:00\"", 1)
        .replacen("\"2026-01-01\", ", "\"2026-13-01\", ", 1)
        .replacen("up_to_grams = 35000", "up_to_grams = 5000", 1)
        .replacen(
            "categories = [\"pickup\", \"home\"]",
            "categories = [\"pickup\", \"nowhere\"]",
            1,
        );
    let problems = parse_merchant_config(&broken, "toml").unwrap_err();
    let joined = problems.join("\n");
    for expected in [
        "merchants[0].warehouses[0].cutoff: `25:00` is not a HH:MM time",
        "merchants[0].warehouses[0].holidays[0]: `2026-13-01` is not a YYYY-MM-DD date",
        "merchants[0].categories[1].weight_tiers[1].up_to_grams",
        "merchants[0].vouchers[0].categories[1]: unknown category `nowhere`",
    ] {
        assert!(
            joined.contains(expected),
            "missing `{expected}` in:\n{joined}"
        );
    }
}
