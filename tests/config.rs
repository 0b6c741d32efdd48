//! Loading merchant configuration: the embedded demo is valid, and every problem in a broken
//! file is reported with its path.

use headless_checkout::settings::{parse_merchant_config, DEMO_CONFIG};

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
