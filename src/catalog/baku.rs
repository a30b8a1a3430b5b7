//! `data/baku-raions.csv`: which of Baku's districts a source says have no settlements
//! (the urban districts Nərimanov and Nəsimi), so that their pages can say so.

use super::places::{Place, rows};
use crate::lang::Lang;
use std::path::Path;

pub const FILE: &str = "data/baku-raions.csv";

/// The ids of the Baku districts (places of `data/places.csv`) whose row says `no_settlements`
/// is `yes`, matched by Azerbaijani name. A site without the file has none.
pub fn without_settlements(root: &Path, places: &[Place]) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(FILE)).unwrap_or_default();
    let mut rows = rows(&text).into_iter().map(|(_, r)| r);
    let Some(header) = rows.next() else {
        return Vec::new();
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(name), Some(none)) = (col("name_az"), col("no_settlements")) else {
        return Vec::new();
    };
    let names: Vec<String> = rows
        .filter(|r| r.get(none).is_some_and(|v| v == "yes"))
        .filter_map(|r| r.get(name).cloned())
        .collect();
    places
        .iter()
        .filter(|p| p.is_baku_district() && names.contains(&p.name.plain(Lang::Az)))
        .map(|p| p.id.clone())
        .collect()
}
