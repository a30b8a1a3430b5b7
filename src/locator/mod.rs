//! The locator: from a place name as people type it to the unit that serves it.

mod geo;
pub mod map;
mod matching;

pub use geo::{Answer, answer, haversine_km};
pub use matching::{Name, best, clean, skeleton, suggestions, translit};

use crate::catalog::Catalog;
use std::collections::BTreeMap;

/// The answer for every district, by ISO code.
pub fn answers(c: &Catalog) -> BTreeMap<String, Answer> {
    c.districts
        .iter()
        .filter_map(|d| answer(c, d).map(|a| (d.id.clone(), a)))
        .collect()
}

/// Every name and spelling of every division, ready to match.
pub fn names(c: &Catalog) -> Vec<Name> {
    let mut out = Vec::new();
    for (i, d) in c.districts.iter().enumerate() {
        for lang in crate::lang::Lang::ALL {
            if let Some(n) = d.name.get(lang) {
                out.push(Name::new(i, true, n));
            }
        }
        for s in &d.spellings {
            out.push(Name::new(i, false, s));
        }
    }
    out
}

/// What `ccu locate` and `locate.mjs` answer.
#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct Located {
    pub district: String,
    pub unit: String,
    pub covered: bool,
    pub distance_km: u32,
    pub name: String,
}

/// Finds the division a query names and the unit for it.
pub fn locate(
    c: &Catalog,
    names: &[Name],
    query: &str,
    lang: crate::lang::Lang,
) -> Option<Located> {
    let d = &c.districts[best(query, names)?];
    let a = answer(c, d)?;
    Some(Located {
        district: d.id.clone(),
        unit: a.unit,
        covered: a.covered,
        distance_km: a.distance_km,
        name: d.name.plain(lang),
    })
}

/// `/locator/places.json`: what the browser locator needs.
pub fn export(c: &Catalog) -> Vec<u8> {
    use crate::lang::Lang;
    use serde_json::json;
    let text = |t: &crate::catalog::Text| json!({"az": t.plain(Lang::Az), "en": t.plain(Lang::En), "ru": t.plain(Lang::Ru)});
    let districts: Vec<_> = c
        .districts
        .iter()
        .filter_map(|d| {
            let a = answer(c, d)?;
            Some(json!({
                "id": d.id, "slug": d.slug(), "names": text(&d.name), "spellings": d.spellings,
                "unit": a.unit, "covered": a.covered, "distance_km": a.distance_km,
                "misleads": d.straight_line_misleads,
            }))
        })
        .collect();
    let units: serde_json::Map<String, serde_json::Value> = c
        .units
        .iter()
        .map(|u| (u.id.clone(), json!({"name": text(&u.name)})))
        .collect();
    serde_json::to_vec(&json!({"districts": districts, "units": units}))
        .expect("locator data serialises")
}
