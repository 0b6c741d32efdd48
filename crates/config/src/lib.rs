//! Reading merchant configuration files: TOML, YAML or JSON, with pickup-location files beside
//! them, checked once with every problem reported by its path; and the embedded demo merchant.

use std::path::Path;

use domain::config::{ConfigFile, PickupLocationConfig};

/// The demo merchant served when no configuration file is given.
pub const DEMO_CONFIG: &str = include_str!("../../../config/demo.toml");
/// The demo merchant's generated pickup points (see the `demo_data` test).
pub const DEMO_PICKUP_LOCATIONS: &str = include_str!("../../../config/demo-pickup-locations.json");

/// Reads and checks a configuration file, or the embedded demo when `path` is `None`.
/// Every problem is reported with its path, e.g. `merchants[0].categories[2].price.SEK: ...`.
pub fn load(path: Option<&Path>) -> Result<ConfigFile, Vec<String>> {
    match path {
        None => parse(DEMO_CONFIG, "toml"),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())])?;
            let format = match p.extension().and_then(|e| e.to_str()) {
                Some("yaml" | "yml") => "yaml",
                Some("json") => "json",
                _ => "toml",
            };
            let dir = p.parent().unwrap_or(Path::new("."));
            parse_with_files(&text, format, |name| {
                let file = dir.join(name);
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))
            })
        }
    }
}

/// Parses configuration text; `pickup_locations_file` names resolve to the files embedded
/// beside the demo.
pub fn parse(text: &str, format: &str) -> Result<ConfigFile, Vec<String>> {
    parse_with_files(text, format, |name| match name {
        "demo-pickup-locations.json" => Ok(DEMO_PICKUP_LOCATIONS.to_owned()),
        other => Err(format!("`{other}` is not a file embedded in the binary")),
    })
}

fn parse_with_files(
    text: &str,
    format: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<ConfigFile, Vec<String>> {
    let parsed: Result<ConfigFile, String> = match format {
        "yaml" => serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
            .map_err(|e| format!("{}: {}", e.path(), e.inner())),
        "json" => serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map_err(|e| format!("{}: {}", e.path(), e.inner())),
        _ => toml::Deserializer::parse(text)
            .map_err(|e| e.to_string())
            .and_then(|de| {
                serde_path_to_error::deserialize(de)
                    .map_err(|e| format!("{}: {}", e.path(), e.inner()))
            }),
    };
    let mut config = parsed.map_err(|e| vec![e])?;
    for (i, merchant) in config.merchants.iter_mut().enumerate() {
        let Some(name) = merchant.pickup_locations_file.clone() else {
            continue;
        };
        let at = format!("merchants[{i}].pickup_locations_file");
        let text = read(&name).map_err(|e| vec![format!("{at}: {e}")])?;
        let more: Vec<PickupLocationConfig> =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text))
                .map_err(|e| vec![format!("{at}: {name}: {}: {}", e.path(), e.inner())])?;
        merchant.pickup_locations.extend(more);
    }
    config.validate()?;
    Ok(config)
}

/// The embedded demo configuration, parsed; it is checked by a test, so this cannot fail.
pub fn demo() -> ConfigFile {
    parse(DEMO_CONFIG, "toml").expect("the embedded demo configuration is valid")
}
