//! Which unit serves a district, or which is nearest when none does.

use crate::catalog::{Catalog, District};
use serde::Serialize;

/// Mean Earth radius (IUGG), km.
const EARTH_KM: f64 = 6371.0088;

/// Great-circle distance between two points given in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().asin()
}

/// The locator's answer for one district.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Answer {
    pub district: String,
    /// The unit that serves it, or the nearest one when none does.
    pub unit: String,
    pub covered: bool,
    /// Straight-line distance from the district's centre to the unit's seat, whole km; none
    /// where no source says where the unit is.
    pub distance_km: Option<u32>,
}

pub fn answer(c: &Catalog, d: &District) -> Option<Answer> {
    let distance_to = |unit_seat: &str| {
        c.district(unit_seat)
            .map(|s| haversine_km(d.lat, d.lon, s.lat, s.lon))
    };
    if let Some(u) = c.unit_for(&d.id) {
        return Some(Answer {
            district: d.id.clone(),
            unit: u.id.clone(),
            covered: true,
            distance_km: u
                .seat
                .as_deref()
                .and_then(distance_to)
                .map(|km| km.round() as u32),
        });
    }
    // Nearest by straight line, among the units whose place is known; ties go to the unit listed first.
    let seated = c.units.iter().filter_map(|u| {
        let km = distance_to(u.seat.as_deref()?)?;
        Some((u, km))
    });
    let (unit, km) = seated.fold(
        None,
        |best: Option<(&crate::catalog::Unit, f64)>, (u, km)| match best {
            Some((_, b)) if b <= km => best,
            _ => Some((u, km)),
        },
    )?;
    Some(Answer {
        district: d.id.clone(),
        unit: unit.id.clone(),
        covered: false,
        distance_km: Some(km.round() as u32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_known_distances() {
        // Baku to Ganja is about 300 km in a straight line.
        let km = haversine_km(40.3777, 49.892, 40.6816, 46.3613);
        assert!((295.0..305.0).contains(&km), "{km}");
        assert_eq!(haversine_km(40.0, 47.0, 40.0, 47.0), 0.0);
    }
}
