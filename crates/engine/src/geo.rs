//! Great-circle distances and the walking and driving estimates derived from them.

use domain::{Coordinates, Distance, Distances};

/// Mean Earth radius (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Streets are not straight lines: a walk is about 30 % longer than the great circle.
pub const WALKING_DETOUR: f64 = 1.3;
/// Roads wind more than footpaths in a city grid.
pub const DRIVING_DETOUR: f64 = 1.4;
pub const WALKING_KMH: f64 = 5.0;
/// An urban average including stops, not a speed limit.
pub const DRIVING_KMH: f64 = 30.0;

/// Haversine distance in meters.
pub fn great_circle_meters(a: Coordinates, b: Coordinates) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlng = (b.lng - a.lng).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

pub(super) fn distances(great_circle: f64) -> Distances {
    let estimate = |detour: f64, kmh: f64| {
        let meters = great_circle * detour;
        Distance {
            meters: meters.round() as i64,
            minutes: (meters / (kmh * 1000.0 / 60.0)).ceil() as i64,
        }
    };
    Distances {
        walking: Some(estimate(WALKING_DETOUR, WALKING_KMH)),
        driving: Some(estimate(DRIVING_DETOUR, DRIVING_KMH)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_to_goteborg_is_about_400_km() {
        let sto = Coordinates {
            lat: 59.3293,
            lng: 18.0686,
        };
        let gbg = Coordinates {
            lat: 57.7089,
            lng: 11.9746,
        };
        let km = great_circle_meters(sto, gbg) / 1000.0;
        assert!((390.0..405.0).contains(&km), "{km}");
    }

    #[test]
    fn a_kilometre_is_a_quarter_hour_walk() {
        let d = distances(1000.0);
        assert_eq!(d.walking.unwrap().meters, 1300);
        assert_eq!(d.walking.unwrap().minutes, 16);
        assert_eq!(d.driving.unwrap().meters, 1400);
        assert_eq!(d.driving.unwrap().minutes, 3);
    }
}
