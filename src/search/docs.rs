//! What is searchable: services, agencies, units, districts and guides.

use crate::catalog::Catalog;
use crate::catalog::places::BAKU;
use crate::content::Guides;
use crate::lang::Lang;
use crate::render::{
    guide_in, url_agency, url_baku_district, url_district, url_guide, url_service, url_unit,
};
use serde::Serialize;

/// Indexed fields and their boosts: a word in a title or in the words citizens
/// use for a need (keywords) counts more than one in the description.
pub const FIELDS: [(&str, f32); 6] = [
    ("title", 3.0),
    ("keywords", 2.0),
    ("body", 1.0),
    ("agency", 0.5),
    ("topic", 0.5),
    ("audience", 0.3),
];

#[derive(Clone, Debug, Hash, Serialize)]
pub struct SearchDoc {
    /// Stable key: `service:1.4`, `agency:labour`, `unit:masalli`, `district:AZ-LAN`, `place:baku-khazar` (a Baku district),
    /// `guide:SLUG`.
    pub id: String,
    pub title: String,
    pub url: String,
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
    /// Text per field, in the order of `FIELDS`.
    #[serde(skip)]
    pub fields: [String; 6],
}

fn join(parts: &[String]) -> String {
    parts.join(" \n ")
}

/// A result's line that names a unit, with what to know before going there (no DOST centre is
/// open in Sumgayit yet; confirm by calling 142) where the unit has such a caution.
fn with_caution(line: String, unit: Option<&crate::catalog::Unit>, lang: Lang) -> String {
    match unit.and_then(|u| u.caution.as_ref()) {
        Some(w) => format!("{line}. {}", w.plain(lang)),
        None => line,
    }
}

/// Baku's districts: found by any of their names, answered by the DOST centre
/// that serves them, or Baku's "one of the DOST centres" where no source says.
fn baku_districts(c: &Catalog, lang: Lang) -> Vec<SearchDoc> {
    let baku = c
        .district(BAKU)
        .map(|d| d.name.plain(lang))
        .unwrap_or_default();
    let districts = c.places.iter().filter(|p| p.is_baku_district());
    let doc = |b: &crate::catalog::Place| {
        let unit = c.centre_for(&b.id).or_else(|| c.unit_for(BAKU));
        let unit = unit.map(|u| u.name.plain(lang)).unwrap_or_default();
        let mut names: Vec<String> = Lang::ALL.iter().map(|&l| b.name.plain(l)).collect();
        names.extend(b.alt_names.iter().cloned());
        SearchDoc {
            id: format!("place:{}", b.id),
            title: format!("{}, {baku}", b.name.plain(lang)),
            url: url_baku_district(lang, b),
            snippet: unit.clone(),
            agency: None,
            audiences: vec![],
            fields: [
                b.name.plain(lang),
                join(&names),
                unit,
                String::new(),
                String::new(),
                String::new(),
            ],
        }
    };
    districts.map(doc).collect()
}

/// An agency's name, short name and keywords, as one of its services is found by them.
fn agency_words(a: &crate::catalog::Agency, lang: Lang) -> String {
    let mut words = vec![a.name.plain(lang)];
    words.extend(a.short_name.iter().map(|s| s.plain(lang)));
    words.extend(a.keywords.resolve(lang).0.iter().cloned());
    join(&words)
}

/// The documents of one language, sorted by id (the order ties are broken in).
pub fn documents(c: &Catalog, guides: &Guides, lang: Lang) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for s in &c.services {
        let agency = c.agency(&s.agency);
        let audiences: Vec<String> = s
            .audiences
            .iter()
            .filter_map(|a| c.audience(a))
            .map(|a| a.name.plain(lang))
            .collect();
        docs.push(SearchDoc {
            id: format!("service:{}", s.id),
            title: s.heading().plain(lang),
            url: url_service(lang, s),
            snippet: s.description.plain(lang),
            agency: Some(s.agency.clone()),
            audiences: s.audiences.clone(),
            fields: [
                // The plain title and the decree's wording: citizens may search for either.
                match &s.title {
                    Some(t) => format!("{} {} {}", s.id, t.plain(lang), s.name.plain(lang)),
                    None => format!("{} {}", s.id, s.name.plain(lang)),
                },
                join(s.keywords.resolve(lang).0),
                s.description.plain(lang),
                // The agency as citizens name it too (TƏBİB, ТАБИБ): its services answer to it.
                agency.map(|a| agency_words(a, lang)).unwrap_or_default(),
                c.topic(&s.topic)
                    .map(|t| t.name.plain(lang))
                    .unwrap_or_default(),
                join(&audiences),
            ],
        });
    }
    for a in &c.agencies {
        let mut keywords = a.keywords.resolve(lang).0.to_vec();
        if let Some(s) = &a.short_name {
            keywords.push(s.plain(lang));
        }
        docs.push(SearchDoc {
            id: format!("agency:{}", a.id),
            title: a.name.plain(lang),
            url: url_agency(lang, &a.id),
            snippet: a.description.plain(lang),
            agency: Some(a.id.clone()),
            audiences: vec![],
            fields: [
                a.name.plain(lang),
                join(&keywords),
                a.description.plain(lang),
                String::new(),
                String::new(),
                String::new(),
            ],
        });
    }
    for u in &c.units {
        let covered = c.covered_names(u, lang);
        let mut spellings = Vec::new();
        for d in u.districts.iter().filter_map(|d| c.district(d)) {
            for l in Lang::ALL {
                spellings.push(d.name.plain(l));
            }
            spellings.extend(d.spellings.iter().cloned());
        }
        docs.push(SearchDoc {
            id: format!("unit:{}", u.id),
            title: u.name.plain(lang),
            url: url_unit(lang, &u.id),
            snippet: with_caution(covered.join(", "), c.unit(&u.id), lang),
            agency: None,
            audiences: vec![],
            fields: [
                u.name.plain(lang),
                join(&spellings),
                format!(
                    "{} {}",
                    covered.join(", "),
                    u.addresses
                        .iter()
                        .map(|a| a.plain(lang))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                String::new(),
                String::new(),
                String::new(),
            ],
        });
    }
    for d in &c.districts {
        let unit = c.unit_for(&d.id).map(|u| u.name.plain(lang));
        let mut names: Vec<String> = Lang::ALL.iter().map(|&l| d.name.plain(l)).collect();
        names.extend(d.spellings.iter().cloned());
        docs.push(SearchDoc {
            id: format!("district:{}", d.id),
            title: d.name.plain(lang),
            url: url_district(lang, d),
            snippet: with_caution(unit.clone().unwrap_or_default(), c.unit_for(&d.id), lang),
            agency: None,
            audiences: vec![],
            fields: [
                d.name.plain(lang),
                join(&names),
                unit.unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
            ],
        });
    }
    docs.extend(baku_districts(c, lang));
    for (slug, versions) in guides {
        let Some(g) = guide_in(versions, lang) else {
            continue;
        };
        docs.push(SearchDoc {
            id: format!("guide:{slug}"),
            title: g.title.clone(),
            url: url_guide(lang, slug),
            snippet: g.description.clone(),
            agency: None,
            audiences: vec![],
            fields: [
                g.title.clone(),
                String::new(),
                format!("{} {}", g.description, g.body.text),
                String::new(),
                String::new(),
                String::new(),
            ],
        });
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}
