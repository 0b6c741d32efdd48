//! Postal code to coordinates, from the embedded table of area centre points
//! (`config/postal-codes.csv`), used when a session gives a postal code but no coordinates.

use std::collections::HashMap;

use domain::Coordinates;

const TABLE: &str = include_str!("../../../config/postal-codes.csv");

pub struct PostalCodes {
    /// Per country, (prefix, centre), longest prefix first.
    by_country: HashMap<String, Vec<(String, Coordinates)>>,
}

impl PostalCodes {
    /// The embedded table; a malformed row is a bug in the repository, caught by a test.
    pub fn embedded() -> Self {
        let mut by_country: HashMap<String, Vec<(String, Coordinates)>> = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let (Some(country), Some(prefix), Some(lat), Some(lng)) =
                (fields.first(), fields.get(1), fields.get(2), fields.get(3))
            else {
                continue;
            };
            let (Ok(lat), Ok(lng)) = (lat.parse(), lng.parse()) else {
                continue;
            };
            by_country
                .entry((*country).to_owned())
                .or_default()
                .push(((*prefix).to_owned(), Coordinates { lat, lng }));
        }
        for rows in by_country.values_mut() {
            rows.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        }
        Self { by_country }
    }

    pub fn len(&self) -> usize {
        self.by_country.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The centre of the most specific area whose prefix the postal code starts with.
    pub fn locate(&self, country: &str, postal_code: &str) -> Option<Coordinates> {
        let digits: String = postal_code.chars().filter(|c| !c.is_whitespace()).collect();
        self.by_country
            .get(country)?
            .iter()
            .find(|(prefix, _)| digits.starts_with(prefix.as_str()))
            .map(|(_, c)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_table_is_read() {
        let rows = TABLE.lines().filter(|l| !l.starts_with('#')).count() - 1;
        assert_eq!(PostalCodes::embedded().len(), rows);
    }

    #[test]
    fn longest_prefix_wins() {
        let table = PostalCodes::embedded();
        let hornstull = table.locate("SE", "117 43").unwrap();
        assert!((hornstull.lat - 59.316).abs() < 1e-9);
        let lund = table.locate("SE", "22350").unwrap();
        assert!((lund.lat - 55.705).abs() < 1e-9);
        assert!(table.locate("SE", "99999").is_none());
        assert!(table.locate("US", "10001").is_none());
    }
}
