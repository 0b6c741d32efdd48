//! ISO and BCP 47 code newtypes, checked against real code lists rather than by shape.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An ISO 3166-1 alpha-2 country code, upper case (`SE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CountryCode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The list only knows upper case; "se" is a common client slip we accept and normalise.
        let upper = s.trim().to_ascii_uppercase();
        // A binary search of the list sorted by alpha-2: `for_alpha2` compares against every
        // code in turn, and each stored session decodes a few country codes.
        let known = upper.len() == 2
            && isocountry::CountryCode::as_array_alpha2()
                .binary_search_by(|c| c.alpha2().cmp(upper.as_str()))
                .is_ok();
        if known {
            Ok(Self(upper))
        } else {
            Err(format!("`{s}` is not an ISO 3166-1 alpha-2 country code"))
        }
    }
}

/// An ISO 4217 currency code (`SEK`) with its number of minor-unit digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CurrencyCode(String);

impl CurrencyCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CurrencyCode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        match iso_currency::Currency::from_code(&upper) {
            Some(_) => Ok(Self(upper)),
            None => Err(format!("`{s}` is not an ISO 4217 currency code")),
        }
    }
}

/// A locale as the references write it, `ll-CC` or `ll` (`sv-SE`, `en`): a two-letter language
/// and optionally a two-letter region, both registered BCP 47 subtags, in canonical case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`sv` for `sv-SE`), for fallback lookups.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl FromStr for Locale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Storefronts often send POSIX-style `sv_SE`; BCP 47 spells it with a hyphen.
        let candidate = s.trim().replace('_', "-");
        let shaped = {
            let mut parts = candidate.split('-');
            let two_letters = |p: Option<&str>| {
                p.is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            };
            let language = two_letters(parts.next());
            let region = parts.next().is_none_or(|r| two_letters(Some(r)));
            language && region && parts.next().is_none()
        };
        match language_tags::LanguageTag::parse(&candidate) {
            Ok(tag) if shaped && tag.is_valid() => Ok(Self(canonical_case(tag.as_str()))),
            _ => Err(format!(
                "`{s}` is not a locale (a language and optionally a region, e.g. `sv-SE`)"
            )),
        }
    }
}

/// Lower-case language, upper-case two-letter region, as `sv-SE`.
fn canonical_case(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, part)| {
            if i > 0 && part.len() == 2 {
                part.to_ascii_uppercase()
            } else {
                part.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

macro_rules! string_newtype_conversions {
    ($($t:ty),*) => {$(
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
string_newtype_conversions!(CountryCode, CurrencyCode, Locale);

/// Every country code [`CountryCode`] takes, upper case, sorted: for publishing the list.
pub fn country_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = isocountry::CountryCode::iter()
        .map(isocountry::CountryCode::alpha2)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Every currency code [`CurrencyCode`] takes, upper case, sorted.
pub fn currency_codes() -> Vec<String> {
    letter_codes(3, true)
        .filter(|c| c.parse::<CurrencyCode>().is_ok())
        .collect()
}

/// The two-letter languages and the two-letter regions a [`Locale`] of the form `ll` or `ll-RR`
/// may name, each sorted: the common shape of a locale, for publishing.
pub fn locale_parts() -> (Vec<String>, Vec<String>) {
    let languages = letter_codes(2, false)
        .filter(|l| l.parse::<Locale>().is_ok())
        .collect();
    let regions = letter_codes(2, true)
        .filter(|r| format!("en-{r}").parse::<Locale>().is_ok())
        .collect();
    (languages, regions)
}

/// Every string of `len` ASCII letters of one case, in order.
fn letter_codes(len: u32, upper: bool) -> impl Iterator<Item = String> {
    let first = if upper { b'A' } else { b'a' };
    (0..26u32.pow(len)).map(move |mut n| {
        let mut code = vec![first; len as usize];
        for place in code.iter_mut().rev() {
            *place += (n % 26) as u8;
            n /= 26;
        }
        String::from_utf8(code).expect("ASCII letters")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_come_from_the_iso_list() {
        assert_eq!("SE".parse::<CountryCode>().unwrap().as_str(), "SE");
        assert_eq!("se".parse::<CountryCode>().unwrap().as_str(), "SE");
        assert!("XX".parse::<CountryCode>().is_err());
        assert!("SWE".parse::<CountryCode>().is_err());
        assert!("".parse::<CountryCode>().is_err());
    }

    #[test]
    fn the_sorted_search_takes_exactly_what_the_list_takes() {
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(
                    code.parse::<CountryCode>().is_ok(),
                    isocountry::CountryCode::for_alpha2(&code).is_ok(),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn currencies_come_from_the_iso_list() {
        assert_eq!("sek".parse::<CurrencyCode>().unwrap().as_str(), "SEK");
        assert!("EUR".parse::<CurrencyCode>().is_ok());
        assert!("ABC".parse::<CurrencyCode>().is_err());
    }

    #[test]
    fn locales_are_bcp47() {
        assert_eq!("sv-SE".parse::<Locale>().unwrap().as_str(), "sv-SE");
        assert_eq!("sv_se".parse::<Locale>().unwrap().as_str(), "sv-SE");
        assert_eq!("en".parse::<Locale>().unwrap().language(), "en");
        assert!("not a locale".parse::<Locale>().is_err());
        // Registered, but not the references' shape.
        assert!("aaa".parse::<Locale>().is_err());
        assert!("zh-Hant-TW".parse::<Locale>().is_err());
        assert!("".parse::<Locale>().is_err());
    }

    #[test]
    fn the_published_lists_are_what_the_parsers_take() {
        let countries = country_codes();
        assert!(countries.contains(&"SE") && !countries.contains(&"XX"));
        assert!(countries.iter().all(|c| c.parse::<CountryCode>().is_ok()));
        let currencies = currency_codes();
        assert!(currencies.contains(&"SEK".to_owned()) && !currencies.contains(&"ABC".to_owned()));
        let (languages, regions) = locale_parts();
        assert!(languages.contains(&"sv".to_owned()) && regions.contains(&"SE".to_owned()));
        for (l, r) in languages.iter().zip(regions.iter().cycle()) {
            assert!(format!("{l}-{r}").parse::<Locale>().is_ok(), "{l}-{r}");
        }
    }
}
