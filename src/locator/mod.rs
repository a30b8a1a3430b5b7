//! The locator: from a place name as people type it to the unit that serves it.

mod geo;

pub use geo::{Answer, answer, haversine_km};

use crate::catalog::Catalog;
use std::collections::BTreeMap;

/// The answer for every district, by ISO code.
pub fn answers(c: &Catalog) -> BTreeMap<String, Answer> {
    c.districts
        .iter()
        .filter_map(|d| answer(c, d).map(|a| (d.id.clone(), a)))
        .collect()
}
