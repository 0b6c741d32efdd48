//! Nearest pickup locations: one k-d tree per (carrier, location type), built once when the
//! configuration loads, over points on the unit sphere so straight-line (chord) order equals
//! great-circle order.

use std::collections::HashMap;
use std::num::NonZeroUsize;

use kiddo::{ImmutableKdTree, SquaredEuclidean};

use domain::config::PickupLocationConfig;
use domain::{Coordinates, LocationType};

use super::geo::EARTH_RADIUS_M;

struct Group {
    tree: ImmutableKdTree<f64, 3>,
    /// Tree item `i` is `locations[members[i]]`.
    members: Vec<usize>,
}

pub struct LocationIndex {
    groups: HashMap<(String, LocationType), Group>,
}

fn unit_vector(c: Coordinates) -> [f64; 3] {
    let (lat, lng) = (c.lat.to_radians(), c.lng.to_radians());
    [lat.cos() * lng.cos(), lat.cos() * lng.sin(), lat.sin()]
}

/// Great-circle meters from a squared chord length on the unit sphere.
fn meters_from_chord2(chord2: f64) -> f64 {
    let chord = chord2.max(0.0).sqrt().min(2.0);
    2.0 * (chord / 2.0).asin() * EARTH_RADIUS_M
}

fn chord2_from_meters(meters: f64) -> f64 {
    let angle = (meters / EARTH_RADIUS_M).min(std::f64::consts::PI);
    let chord = 2.0 * (angle / 2.0).sin();
    chord * chord
}

impl LocationIndex {
    pub fn build(locations: &[PickupLocationConfig]) -> Self {
        let mut grouped: HashMap<(String, LocationType), Vec<usize>> = HashMap::new();
        for (i, l) in locations.iter().enumerate() {
            if l.address.coordinates.is_some() {
                grouped
                    .entry((l.carrier.clone(), l.location_type))
                    .or_default()
                    .push(i);
            }
        }
        let groups = grouped
            .into_iter()
            .filter_map(|(key, members)| {
                let points: Vec<[f64; 3]> = members
                    .iter()
                    .map(|&i| {
                        let c = locations[i].address.coordinates.expect("filtered above");
                        unit_vector(Coordinates {
                            lat: c.lat,
                            lng: c.lng,
                        })
                    })
                    .collect();
                let tree = ImmutableKdTree::new_from_slice(&points).ok()?;
                Some((key, Group { tree, members }))
            })
            .collect();
        Self { groups }
    }

    /// Up to `n` locations of `carrier` with one of `types`, nearest first, within `max_meters`:
    /// (index into the configuration's locations, great-circle meters).
    pub fn nearest(
        &self,
        carrier: &str,
        types: &[LocationType],
        at: Coordinates,
        n: usize,
        max_meters: f64,
    ) -> Vec<(usize, f64)> {
        let Some(qty) = NonZeroUsize::new(n) else {
            return Vec::new();
        };
        let query = unit_vector(at);
        let radius = chord2_from_meters(max_meters);
        let mut found: Vec<(usize, f64)> = types
            .iter()
            .filter_map(|t| self.groups.get(&(carrier.to_owned(), *t)))
            .flat_map(|g| {
                g.tree
                    .query(&query)
                    .nearest_n::<SquaredEuclidean<f64>>(qty)
                    .within(radius)
                    .execute()
                    .into_iter()
                    .map(|r| (g.members[r.item as usize], meters_from_chord2(r.distance)))
            })
            .collect();
        found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        found.truncate(n);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::great_circle_meters;
    use domain::config::AddressConfig;

    fn location(id: usize, lat: f64, lng: f64, t: LocationType) -> PickupLocationConfig {
        PickupLocationConfig {
            id: format!("l{id}"),
            carrier: "C".into(),
            external_id: String::new(),
            location_type: t,
            title: String::new(),
            address: AddressConfig {
                country_code: "SE".into(),
                region_code: None,
                postal_code: None,
                city: None,
                address_lines: vec![],
                coordinates: Some(domain::config::CoordinatesConfig { lat, lng }),
            },
            delivery_address: None,
            opening_hours: Default::default(),
            opening_hours_text: vec![],
            sections: vec![],
        }
    }

    #[test]
    fn agrees_with_a_full_scan() {
        // A deterministic scatter around Stockholm.
        let mut seed: u64 = 42;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let locations: Vec<_> = (0..2000)
            .map(|i| {
                let t = if i % 3 == 0 {
                    LocationType::Locker
                } else {
                    LocationType::ServicePoint
                };
                location(i, 59.0 + next(), 17.5 + next() * 1.5, t)
            })
            .collect();
        let index = LocationIndex::build(&locations);
        let at = Coordinates {
            lat: 59.33,
            lng: 18.07,
        };
        let types = [LocationType::Locker, LocationType::ServicePoint];
        let got = index.nearest("C", &types, at, 10, 50_000.0);
        let mut scan: Vec<(usize, f64)> = locations
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let c = l.address.coordinates.unwrap();
                (
                    i,
                    great_circle_meters(
                        at,
                        Coordinates {
                            lat: c.lat,
                            lng: c.lng,
                        },
                    ),
                )
            })
            .collect();
        scan.sort_by(|a, b| a.1.total_cmp(&b.1));
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            scan[..10].iter().map(|s| s.0).collect::<Vec<_>>()
        );
        for (g, s) in got.iter().zip(&scan) {
            assert!((g.1 - s.1).abs() < 0.5, "{} vs {}", g.1, s.1);
        }
        let lockers = index.nearest("C", &[LocationType::Locker], at, 5, 50_000.0);
        assert!(lockers
            .iter()
            .all(|(i, _)| locations[*i].location_type == LocationType::Locker));
        assert!(
            index.nearest("C", &types, at, 10, 10.0).is_empty(),
            "nothing within 10 m"
        );
        assert!(index.nearest("Other", &types, at, 10, 50_000.0).is_empty());
    }
}
