//! The locator: from a place name as people type it to the unit that serves it.
//!
//! It knows the 78 divisions (catalog.yaml) and the places of `data/places.csv`: Baku's districts,
//! settlements, towns and villages. It answers only when sure: a name as written, in a sentence or
//! with a case ending, or a close typo that no other answer shares. Several places of one name with
//! different answers give a choice; anything else gives suggestions, never a guess.

mod geo;
pub mod map;
mod matching;
pub mod words;

pub use geo::{Answer, answer, haversine_km};
pub use matching::{Level, Name, clean, confident_typo, hits, skeleton, suggestions, translit};

use crate::catalog::{Catalog, District, Place, Text};
use crate::lang::Lang;
use serde::Serialize;
use std::collections::BTreeMap;

/// The answer for every district, by ISO code.
pub fn answers(c: &Catalog) -> BTreeMap<String, Answer> {
    c.districts
        .iter()
        .filter_map(|d| answer(c, d).map(|a| (d.id.clone(), a)))
        .collect()
}

/// What can be located: a division (catalog.yaml) or a place (data/places.csv).
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    Division(&'a District),
    Place(&'a Place),
}

impl<'a> Target<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Target::Division(d) => &d.id,
            Target::Place(p) => &p.id,
        }
    }
    pub fn name(&self) -> &'a Text {
        match self {
            Target::Division(d) => &d.name,
            Target::Place(p) => &p.name,
        }
    }
    pub fn spellings(&self) -> &'a [String] {
        match self {
            Target::Division(d) => &d.spellings,
            Target::Place(p) => &p.alt_names,
        }
    }
    /// The division it is, or lies in.
    pub fn division(&self) -> &'a str {
        match self {
            Target::Division(d) => &d.id,
            Target::Place(p) => &p.division,
        }
    }
    pub fn kind(&self) -> &'a str {
        match self {
            Target::Division(d) => match d.kind {
                crate::catalog::DistrictKind::City => "city",
                crate::catalog::DistrictKind::District => "district",
                crate::catalog::DistrictKind::AutonomousRepublic => "autonomous-republic",
            },
            Target::Place(p) => &p.kind,
        }
    }
    /// The Baku district it is, or lies in.
    pub fn baku_district(&self) -> Option<&'a str> {
        match self {
            Target::Place(p) if p.is_baku_district() => Some(&p.id),
            Target::Place(p) => p.baku_district.as_deref(),
            Target::Division(_) => None,
        }
    }
}

/// Every division, then every place, in data order.
pub fn targets(c: &Catalog) -> Vec<Target<'_>> {
    c.districts
        .iter()
        .map(Target::Division)
        .chain(c.places.iter().map(Target::Place))
        .collect()
}

/// Every name and spelling of every target, ready to match.
pub fn names(c: &Catalog) -> Vec<Name> {
    let mut out = Vec::new();
    for (i, t) in targets(c).iter().enumerate() {
        for lang in Lang::ALL {
            if let Some(n) = t.name().get(lang) {
                out.extend(Name::of_place(i, true, n));
            }
        }
        for s in t.spellings() {
            out.extend(Name::of_place(i, false, s));
        }
    }
    out
}

/// The place in an answer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PlaceRef {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// The Baku district (its id in data/places.csv) it is or lies in.
    pub baku_district: Option<String>,
    /// The Baku DOST centre (a unit id) that serves it, where a source says.
    pub dost_centre: Option<String>,
}

/// What `ccu locate` and `locate.mjs` answer. A choice has `district` (and the other answer
/// fields) null and lists the places in `choices`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Located {
    pub district: Option<String>,
    pub unit: Option<String>,
    pub covered: Option<bool>,
    pub distance_km: Option<u32>,
    pub name: String,
    pub place: Option<PlaceRef>,
    /// What to know before going to the unit, in the answer's language (its `caution`): no
    /// centre open yet, or a source to confirm by calling 142. Null when there is nothing.
    pub caution: Option<String>,
    /// Other places of this name with the same answer (a city and the district around it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<PlaceRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Located>,
}

/// The answer for one target: its division's unit, or the Baku DOST centre of its Baku district.
pub fn target_answer(c: &Catalog, t: Target, lang: Lang) -> Option<Located> {
    let d = c.district(t.division())?;
    let a = answer(c, d)?;
    let centre = t.baku_district().and_then(|b| c.centre_for(b));
    let unit = centre.or_else(|| c.unit(&a.unit))?;
    Some(Located {
        district: Some(d.id.clone()),
        unit: Some(unit.id.clone()),
        covered: Some(a.covered),
        distance_km: a.distance_km,
        name: t.name().plain(lang),
        place: Some(place_ref(c, t, lang)),
        caution: unit.caution.as_ref().map(|w| w.plain(lang)),
        also: Vec::new(),
        choices: Vec::new(),
    })
}

fn place_ref(c: &Catalog, t: Target, lang: Lang) -> PlaceRef {
    let b = t.baku_district();
    PlaceRef {
        id: t.id().to_string(),
        name: t.name().plain(lang),
        kind: t.kind().to_string(),
        baku_district: b.map(str::to_string),
        dost_centre: b.and_then(|b| c.centre_for(b)).map(|u| u.id.clone()),
    }
}

/// How much farther than the closest name another answer's name must be for a typo to answer.
const TYPO_MARGIN: usize = 1;

/// Foreign names as matching compares them (transliterated, sorted), worked out once.
fn foreign_keys(c: &Catalog) -> &[String] {
    c.foreign_keys.get_or_init(|| {
        let names = c.foreign_names.iter();
        let mut keys: Vec<String> = names.map(|n| translit(&clean(n))).collect();
        keys.sort();
        keys.dedup();
        keys
    })
}

/// Finds what a query names and the unit for it; None when nothing is named for sure.
pub fn locate(c: &Catalog, names: &[Name], query: &str, lang: Lang) -> Option<Located> {
    let ts = targets(c);
    let (found, typo) = hits(query, names);
    let best = found.iter().map(|(l, _)| *l).min()?;
    // A query that is a foreign city's name ("Santiago del Estero") names no place here.
    let whole = translit(&clean(query));
    if best != Level::Whole && foreign_keys(c).binary_search(&whole).is_ok() {
        return None;
    }
    let mut near: Vec<(Level, usize)> = match best {
        Level::Typo(d) => {
            // A typo answers only when close, when no other answer is as close or one edit farther,
            // and when no foreign city's name is as close ("Kazan" is not a mistyped "Qazax").
            if d > confident_typo(typo.chars().count())
                || foreign_keys(c)
                    .iter()
                    .any(|f| crate::text::edit_distance(&typo, f, d) <= d)
            {
                return None;
            }
            found
                .into_iter()
                .filter(|(l, _)| *l <= Level::Typo(d + TYPO_MARGIN))
                .collect()
        }
        _ => found.into_iter().filter(|(l, _)| *l == best).collect(),
    };
    // Containers go only where the query names both ("Buzovna, Baku"); a typo's neighbours are rivals.
    if !matches!(best, Level::Typo(_)) {
        drop_containers(&ts, names, &mut near);
    }
    // The closest first, then in data order (divisions first).
    near.sort();
    let answers: Vec<Located> = near
        .iter()
        .filter_map(|&(_, i)| target_answer(c, ts[i], lang))
        .collect();
    // One entry per distinct answer, in data order (divisions first).
    let mut groups: Vec<Vec<Located>> = Vec::new();
    for a in answers {
        match groups
            .iter_mut()
            .find(|g| g[0].unit == a.unit && g[0].covered == a.covered)
        {
            Some(g) => g.push(a),
            None => groups.push(vec![a]),
        }
    }
    if groups.len() > 1 && matches!(best, Level::Typo(_)) {
        return None;
    }
    let mut groups = groups.into_iter().map(|g| {
        let mut first = g[0].clone();
        // Every other place of the answer, but a town named as its own division (Quba in Quba).
        first.also = g[1..]
            .iter()
            .filter(|o| o.district != first.district || o.name != first.name)
            .filter_map(|o| o.place.clone())
            .collect();
        first
    });
    if groups.len() == 1 {
        return groups.next();
    }
    let choices: Vec<Located> = groups.collect();
    Some(Located {
        district: None,
        unit: None,
        covered: None,
        distance_km: None,
        name: choices[0].name.clone(),
        place: None,
        caution: None,
        also: Vec::new(),
        choices,
    })
}

/// Up to three places whose names are near a query that found nothing, one per name and answer.
pub fn suggest(c: &Catalog, names: &[Name], query: &str, lang: Lang) -> Vec<Located> {
    let ts = targets(c);
    let mut out: Vec<Located> = Vec::new();
    for i in suggestions(query, names) {
        let Some(a) = target_answer(c, ts[i], lang) else {
            continue;
        };
        if !out.iter().any(|o| o.name == a.name && o.unit == a.unit) {
            out.push(a);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Where a query names a place and the division or Baku district it lies in ("Buzovna, Baku"),
/// the place is meant: the containing ones go.
/// A place of the container's own name ("Quba" the town in Quba the district) does not replace it.
fn drop_containers(ts: &[Target], names: &[Name], hits: &mut Vec<(Level, usize)>) {
    let keys = |i: usize| -> std::collections::HashSet<&str> {
        names
            .iter()
            .filter(|n| n.place == i)
            .map(|n| n.translit.as_str())
            .collect()
    };
    let inner: Vec<(String, Option<String>)> = hits
        .iter()
        .map(|&(_, i)| {
            (
                ts[i].division().to_string(),
                ts[i].baku_district().map(str::to_string),
            )
        })
        .collect();
    let contains = |i: usize| {
        hits.iter().zip(&inner).any(|(&(_, j), (div, b))| {
            j != i
                && keys(i).is_disjoint(&keys(j))
                && match ts[i] {
                    Target::Division(d) => !matches!(ts[j], Target::Division(_)) && *div == d.id,
                    // The GeoNames place that is a city division (Baku) contains as the division does.
                    Target::Place(p) if p.kind == "city" => {
                        *div == p.division && ts[j].id() != p.division
                    }
                    Target::Place(p) => p.is_baku_district() && b.as_deref() == Some(p.id.as_str()),
                }
        })
    };
    let keep: Vec<bool> = hits.iter().map(|&(_, i)| !contains(i)).collect();
    let mut k = keep.iter();
    hits.retain(|_| *k.next().unwrap_or(&true));
}

/// `/locator/places.json`: what the browser locator needs, answers computed here. The divisions
/// come whole; a place comes as a short row (`place_row`) whose answer is its division's, or its
/// Baku district's centre's (`centres`), so that every settlement fits the first lookup's budget.
pub fn export(c: &Catalog) -> Vec<u8> {
    use serde_json::json;
    let text = |t: &Text| json!([t.plain(Lang::Az), t.plain(Lang::En), t.plain(Lang::Ru)]);
    let targets: Vec<_> = c
        .districts
        .iter()
        .filter_map(|d| {
            let t = Target::Division(d);
            let a = target_answer(c, t, Lang::Az)?;
            let why = words::caveat_key(d).filter(|k| *k != "district_caveat");
            // Its unit is inferred from a division of the same name: "city" or "district".
            let inferred = d.inferred.then_some(match d.kind {
                crate::catalog::DistrictKind::City => "city",
                _ => "district",
            });
            Some(json!({
                "id": d.id, "k": t.kind(), "d": a.district, "n": text(&d.name), "s": d.spellings,
                "u": a.unit, "c": a.covered, "km": a.distance_km, "b": null, "dc": null,
                "m": d.straight_line_misleads, "mx": why.is_some(), "i": inferred,
            }))
        })
        .collect();
    let places: Vec<_> = c.places.iter().map(place_row).collect();
    let centres: serde_json::Map<String, serde_json::Value> = c
        .places
        .iter()
        .filter(|p| p.is_baku_district())
        .filter_map(|p| Some((p.id.clone(), json!(c.centre_for(&p.id)?.id))))
        .collect();
    let units: serde_json::Map<String, serde_json::Value> = c
        .units
        .iter()
        .map(|u| {
            let addr = u.addresses.first().map(text);
            let caution = u.caution.as_ref().map(text);
            // The unit's own "serves" sentence, where it has one (Sumgayit, Karabakh).
            let served = u.served.as_ref().map(text);
            let record =
                json!({"n": text(&u.name), "a": addr, "w": caution, "p": u.plural, "sv": served});
            (u.id.clone(), record)
        })
        .collect();
    let data = json!({"targets": targets, "places": places, "centres": centres, "units": units,
        "foreign": foreign_keys(c)});
    serde_json::to_vec(&data).expect("locator data serialises")
}

/// A place as `[id, kind, division, az, en, ru, alternate names, Baku district]`: the id is 0 where
/// it is the one `settlement_id` makes, en and ru 0 where the rules make them (`names.mjs` makes
/// them again), and empty fields at the end are left off.
fn place_row(p: &Place) -> serde_json::Value {
    use crate::catalog::translit::{settlement_id, to_english, to_russian};
    use serde_json::{Value, json};
    let az = p.name.plain(Lang::Az);
    let or_zero = |v: String, made: String| if v == made { json!(0) } else { json!(v) };
    let mut row = vec![
        or_zero(p.id.clone(), settlement_id(&p.division, &az)),
        json!(p.kind),
        json!(p.division),
        json!(az),
        or_zero(p.name.plain(Lang::En), to_english(&az)),
        or_zero(p.name.plain(Lang::Ru), to_russian(&az)),
        json!(p.alt_names.join(";")),
        p.baku_district.as_ref().map_or(json!(0), |b| json!(b)),
    ];
    while row.len() > 4 && matches!(row.last(), Some(v) if *v == json!(0) || *v == json!("")) {
        row.pop();
    }
    Value::Array(row)
}
