//! What is searchable: services, agencies, units, districts and guides, with
//! every word their pages print (a service's facts under their headings, a unit's
//! addresses and the places it serves, a guide's whole text and each of its sections,
//! an agency's services).

use crate::catalog::Catalog;
use crate::catalog::places::BAKU;
use crate::content::Guides;
use crate::lang::Lang;
use crate::render::{
    guide_in, url_agency, url_baku_district, url_district, url_guide, url_service, url_unit,
};
use serde::Serialize;

/// Indexed fields and their boosts: a word in a title or in the words citizens
/// use for a need (keywords) counts more than one in the description, and that
/// more than one only in the rest of the page (`facts`: a service's sourced facts, a
/// unit's places, an agency's services).
pub const FIELDS: [(&str, f32); 7] = [
    ("title", 3.0),
    ("keywords", 2.0),
    ("body", 1.0),
    ("agency", 0.5),
    ("topic", 0.5),
    ("audience", 0.3),
    ("facts", 0.7),
];

/// The i18n keys of the headings a service page shows over its facts, by kind.
const FACT_HEADINGS: [(&str, &str); 7] = [
    ("who", "service_who"),
    ("how", "fact_how"),
    ("documents", "service_documents_title"),
    ("cost", "fact_cost"),
    ("time", "fact_time"),
    ("where", "fact_where"),
    ("law", "fact_law"),
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
    /// The page's other sentences a result may show instead of `snippet`, when they hold
    /// more of the query's words (a service's facts, a unit's addresses, a guide's lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// Text per field, in the order of `FIELDS`.
    #[serde(skip)]
    pub fields: [String; 7],
}

/// UI strings of one language, for the headings pages print.
pub type Strings = std::collections::BTreeMap<String, String>;

fn join(parts: &[String]) -> String {
    parts.join(" \n ")
}

/// A result's line that names a unit, with what to know before going there (no DOST centre is
/// open in Sumgayit yet; confirm by calling 142) where the unit has such a caution.
fn with_caution(line: String, unit: Option<&crate::catalog::Unit>, lang: Lang) -> String {
    match unit.and_then(|u| u.caution.as_ref()) {
        Some(w) if line.ends_with(['.', '!', '?', '…']) => format!("{line} {}", w.plain(lang)),
        Some(w) => format!("{line}. {}", w.plain(lang)),
        None => line,
    }
}

/// The districts a unit serves as its page lists them: each with its kind where another
/// division shares the name ("Yevlax (şəhər), Yevlax (rayon)", not "Yevlax, Yevlax").
fn covered_labels(
    c: &Catalog,
    u: &crate::catalog::Unit,
    strings: &Strings,
    lang: Lang,
) -> Vec<String> {
    let shared = |name: &str| {
        c.districts
            .iter()
            .filter(|o| o.name.plain(lang) == name)
            .count()
            > 1
    };
    u.districts
        .iter()
        .filter_map(|id| c.district(id))
        .map(|d| {
            let name = d.name.plain(lang);
            match strings.get(d.kind.word_key()) {
                Some(kind) if shared(&name) => format!("{name} ({kind})"),
                _ => name,
            }
        })
        .collect()
}

/// Fields in the order of `FIELDS`.
struct Fields {
    title: String,
    keywords: String,
    body: String,
    agency: String,
    topic: String,
    audience: String,
    facts: String,
}

impl Fields {
    fn of(title: String, keywords: String, body: String) -> Fields {
        Fields {
            title,
            keywords,
            body,
            agency: String::new(),
            topic: String::new(),
            audience: String::new(),
            facts: String::new(),
        }
    }

    fn into_array(self) -> [String; 7] {
        [
            self.title,
            self.keywords,
            self.body,
            self.agency,
            self.topic,
            self.audience,
            self.facts,
        ]
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
            lines: vec![],
            fields: Fields::of(b.name.plain(lang), join(&names), unit).into_array(),
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

/// A service's facts as its page prints them: each kind's heading, then its sentences.
fn service_facts(
    s: &crate::catalog::Service,
    strings: &Strings,
    lang: Lang,
) -> (String, Vec<String>) {
    let mut text = Vec::new();
    let mut lines = Vec::new();
    for ((kind, list), (heading_kind, key)) in s.facts.kinds().into_iter().zip(FACT_HEADINGS) {
        debug_assert_eq!(kind, heading_kind);
        if list.is_empty() {
            continue;
        }
        text.push(strings.get(key).cloned().unwrap_or_default());
        for f in list {
            // The page leads a fact about one part of the service with that part, in bold.
            let sentence = match &f.part {
                Some(part) => format!("{}: {}", part.plain(lang), f.text.plain(lang)),
                None => f.text.plain(lang),
            };
            text.push(sentence.clone());
            lines.push(sentence);
        }
    }
    (join(&text), lines)
}

fn service_doc(
    c: &Catalog,
    s: &crate::catalog::Service,
    strings: &Strings,
    lang: Lang,
) -> SearchDoc {
    let agency = c.agency(&s.agency);
    let audiences: Vec<String> = s
        .audiences
        .iter()
        .filter_map(|a| c.audience(a))
        .map(|a| a.name.plain(lang))
        .collect();
    let (facts, lines) = service_facts(s, strings, lang);
    let mut f = Fields::of(
        // The plain title and the decree's wording: citizens may search for either.
        match &s.title {
            Some(t) => format!("{} {} {}", s.id, t.plain(lang), s.name.plain(lang)),
            None => format!("{} {}", s.id, s.name.plain(lang)),
        },
        join(s.keywords.resolve(lang).0),
        s.description.plain(lang),
    );
    // The agency as citizens name it too (TƏBİB, ТАБИБ): its services answer to it.
    f.agency = agency.map(|a| agency_words(a, lang)).unwrap_or_default();
    f.topic = c
        .topic(&s.topic)
        .map(|t| t.name.plain(lang))
        .unwrap_or_default();
    f.audience = join(&audiences);
    f.facts = facts;
    SearchDoc {
        id: format!("service:{}", s.id),
        title: s.heading().plain(lang),
        url: url_service(lang, s),
        snippet: s.description.plain(lang),
        agency: Some(s.agency.clone()),
        audiences: s.audiences.clone(),
        lines,
        fields: f.into_array(),
    }
}

/// An agency's page lists its services: their titles find it too, below the services.
fn agency_doc(c: &Catalog, a: &crate::catalog::Agency, lang: Lang) -> SearchDoc {
    let mut keywords = a.keywords.resolve(lang).0.to_vec();
    if let Some(s) = &a.short_name {
        keywords.push(s.plain(lang));
    }
    let services: Vec<String> = c
        .services
        .iter()
        .filter(|s| s.agency == a.id)
        .map(|s| s.heading().plain(lang))
        .collect();
    let mut f = Fields::of(
        a.name.plain(lang),
        join(&keywords),
        a.description.plain(lang),
    );
    f.facts = join(&services);
    SearchDoc {
        id: format!("agency:{}", a.id),
        title: a.name.plain(lang),
        url: url_agency(lang, &a.id),
        snippet: a.description.plain(lang),
        agency: Some(a.id.clone()),
        audiences: vec![],
        lines: vec![],
        fields: f.into_array(),
    }
}

/// A unit: its names, the divisions it covers in every spelling, its addresses and
/// note, and the Baku districts it serves.
fn unit_doc(c: &Catalog, u: &crate::catalog::Unit, strings: &Strings, lang: Lang) -> SearchDoc {
    let covered = c.covered_names(u, lang);
    let mut spellings = Vec::new();
    for d in u.districts.iter().filter_map(|d| c.district(d)) {
        for l in Lang::ALL {
            spellings.push(d.name.plain(l));
        }
        spellings.extend(d.spellings.iter().cloned());
    }
    let addresses: Vec<String> = u.addresses.iter().map(|a| a.plain(lang)).collect();
    // A line shown as a result's snippet names the unit's place or the unit itself: its
    // caution goes with it, as it does wherever a page names the unit.
    let lines: Vec<String> = addresses
        .iter()
        .cloned()
        .chain(u.note.iter().map(|n| n.plain(lang)))
        .map(|line| with_caution(line, Some(u), lang))
        .collect();
    let mut places: Vec<String> = u
        .baku_districts
        .iter()
        .filter_map(|b| c.place(b))
        .map(|p| p.name.plain(lang))
        .collect();
    places.extend(u.note.iter().map(|n| n.plain(lang)));
    let mut f = Fields::of(
        u.name.plain(lang),
        join(&spellings),
        format!("{} {}", covered.join(", "), addresses.join(" ")),
    );
    f.facts = join(&places);
    SearchDoc {
        id: format!("unit:{}", u.id),
        title: u.name.plain(lang),
        url: url_unit(lang, &u.id),
        snippet: with_caution(
            covered_labels(c, u, strings, lang).join(", "),
            Some(u),
            lang,
        ),
        agency: None,
        audiences: vec![],
        lines,
        fields: f.into_array(),
    }
}

/// A guide, and each of its sections as an answer of its own (the ways to apply are
/// sections of one guide). Sections are numbered, not named by their
/// anchor, so that every language has the same documents in the same order: a language
/// with fewer sections gets an empty document (it matches nothing) in the missing places.
fn guide_docs(
    slug: &str,
    versions: &std::collections::BTreeMap<Lang, crate::content::Guide>,
    lang: Lang,
) -> Vec<SearchDoc> {
    let Some(g) = guide_in(versions, lang) else {
        return vec![];
    };
    let url = url_guide(lang, slug);
    // The whole guide is its title, description and the text before its first section;
    // each section carries its own text (a page's words are indexed once).
    let mut docs = vec![SearchDoc {
        id: format!("guide:{slug}"),
        title: g.title.clone(),
        url: url.clone(),
        snippet: g.description.clone(),
        agency: None,
        audiences: vec![],
        lines: sentences(&g.body.lead),
        // Its headings name what it explains, as keywords do.
        fields: Fields::of(
            g.title.clone(),
            join(
                &g.body
                    .sections
                    .iter()
                    .map(|s| s.title.clone())
                    .collect::<Vec<_>>(),
            ),
            format!("{}\n{}", g.description, g.body.lead),
        )
        .into_array(),
    }];
    let count = versions
        .values()
        .map(|v| v.body.sections.len())
        .max()
        .unwrap_or(0);
    for i in 0..count {
        let id = format!("guide:{slug}#{:02}", i + 1);
        let doc = match g.body.sections.get(i) {
            Some(s) => {
                let mut lines = sentences(&s.text);
                let snippet = if lines.is_empty() {
                    String::new()
                } else {
                    lines.remove(0)
                };
                SearchDoc {
                    id,
                    title: format!("{} — {}", s.title, g.title),
                    url: format!("{url}#{}", s.id),
                    snippet,
                    agency: None,
                    audiences: vec![],
                    lines,
                    fields: Fields::of(s.title.clone(), String::new(), s.text.clone()).into_array(),
                }
            }
            None => SearchDoc {
                id,
                title: g.title.clone(),
                url: url.clone(),
                snippet: String::new(),
                agency: None,
                audiences: vec![],
                lines: vec![],
                fields: Default::default(),
            },
        };
        docs.push(doc);
    }
    docs
}

/// A text's sentences: its lines, each cut after `.`, `!` or `?` followed by a space.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n == ' ');
            if matches!(c, '.' | '!' | '?') && next_is_space {
                out.push(line[start..=i].trim().to_string());
                start = i + 1;
            }
        }
        out.push(line[start..].trim().to_string());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The documents of one language, sorted by id (the order ties are broken in).
pub fn documents(c: &Catalog, guides: &Guides, strings: &Strings, lang: Lang) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for s in &c.services {
        docs.push(service_doc(c, s, strings, lang));
    }
    for a in &c.agencies {
        docs.push(agency_doc(c, a, lang));
    }
    for u in &c.units {
        docs.push(unit_doc(c, u, strings, lang));
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
            lines: vec![],
            fields: Fields::of(d.name.plain(lang), join(&names), unit.unwrap_or_default())
                .into_array(),
        });
    }
    docs.extend(baku_districts(c, lang));
    for (slug, versions) in guides {
        docs.extend(guide_docs(slug, versions, lang));
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_split_after_a_stop_and_a_space() {
        assert_eq!(
            sentences("Call 142. Ask about it!\nGo to e-social.gov.az now"),
            ["Call 142.", "Ask about it!", "Go to e-social.gov.az now"]
        );
    }
}
