//! The districts index and one page per district, answering "which unit serves me?".

use super::items::{ChannelItem, DistrictItem, Link};
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::{url_district, url_unit};
use crate::catalog::places::BAKU;
use crate::catalog::{District, Localized, Unit};
use crate::lang::Lang;
use crate::locator::{Answer, words};
use serde::Serialize;

const INDEX: Kind = Kind {
    template: "districts.html",
    section: "locator",
    crumbs: Crumbs::Home,
};
const DISTRICT: Kind = Kind {
    template: "district.html",
    section: "locator",
    crumbs: Crumbs::Under("districts_title", "districts"),
};

#[derive(Serialize)]
struct DistrictsPage {
    districts: Vec<DistrictItem>,
}

#[derive(Serialize)]
struct DistrictPage {
    district: DistrictInfo,
    answer: AnswerInfo,
    channels: Vec<ChannelItem>,
    /// Its towns, settlements and villages, linked to where their answer is.
    places: Vec<Link>,
    /// Baku's districts, on Baku's page.
    baku_districts: Vec<Link>,
    /// The heading over `places`: Baku's are settlements, elsewhere towns and villages.
    places_title: String,
}

#[derive(Serialize)]
struct DistrictInfo {
    name: Localized,
    /// The page's heading: the name, with its kind where another division shares it.
    title: String,
    /// The kind over the heading, unless the heading already says it ("Евлах (город)").
    kind_name: Option<String>,
    /// The division it lies in (a city's raion), if any.
    parent: Option<DistrictItem>,
    inferred: bool,
    /// Where the unit is inferred, what DOST's list has instead, said before the unit.
    inferred_note: Option<String>,
    /// Why the straight line to the nearest unit misleads, where it does (it crosses Armenia).
    caveat: Option<String>,
}

/// The unit that serves the district, or the nearest one and how far it is.
#[derive(Serialize)]
struct AnswerInfo {
    covered: bool,
    /// The answer's heading: "your unit", or "where to apply" where the unit is several centres.
    heading: String,
    /// "{place} ərazisinə {unit} xidmət göstərir.", where a unit serves it.
    served: String,
    /// "düz xətlə 47 km", to the nearest unit where none serves it.
    distance: Option<String>,
    unit: Link,
    /// What to know before going to the unit (no centre open yet; confirm by calling 142), where
    /// it serves the district: not where it is merely the nearest.
    caution: Option<Localized>,
    /// The unit's note, where it is about this district (`note_districts`).
    note: Option<Localized>,
    /// The other divisions the same unit serves.
    others: Vec<DistrictItem>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("districts_title", "locator_lead");
    r.index_page("districts", &INDEX, keys, |r, lang| DistrictsPage {
        districts: r.districts_sorted(lang),
    })?;
    let c = r.c();
    for d in &c.districts {
        let Some(answer) = r.input.answers.get(&d.id) else {
            continue;
        };
        let Some(unit) = c.unit(&answer.unit) else {
            continue;
        };
        let paths = Renderer::paths(|l| url_district(l, d));
        r.each_lang(paths, None, |r, lang, paths| {
            let data = district_page(r, lang, d, answer, unit);
            let head = head(r, lang, d, answer, unit);
            r.page(lang, paths, &DISTRICT, head, &data)
        })?;
    }
    Ok(())
}

fn district_page(r: &Renderer, lang: Lang, d: &District, a: &Answer, unit: &Unit) -> DistrictPage {
    let c = r.c();
    let others = unit.districts.iter().filter(|x| **x != d.id);
    let others = others.filter_map(|x| c.district(x));
    let parent = d.parent.as_deref().and_then(|p| c.district(p));
    let strings = &r.theme.strings[&lang];
    let title = r.district_label(lang, d);
    let kind_name = (title == d.name.plain(lang)).then(|| r.t(lang, d.kind.word_key()));
    DistrictPage {
        district: DistrictInfo {
            name: d.name.resolve(lang),
            title,
            kind_name,
            parent: parent.map(|p| r.district_item(lang, p)),
            inferred: d.inferred,
            inferred_note: words::inferred(strings, d, lang, "district_"),
            caveat: words::caveat_key(d).map(|k| r.t(lang, k)),
        },
        answer: AnswerInfo {
            covered: a.covered,
            heading: r.t(
                lang,
                match unit.plural {
                    true => "district_served_title_plural",
                    false => "district_served_title",
                },
            ),
            served: served(r, lang, d, unit),
            distance: a.distance_km.map(|km| words::distance(strings, km)),
            unit: Link {
                url: url_unit(lang, &unit.id),
                name: unit.name.resolve(lang),
            },
            caution: match a.covered {
                true => unit.caution.as_ref().map(|w| w.resolve(lang)),
                false => None,
            },
            note: match a.covered && unit.note_districts.contains(&d.id) {
                true => unit.note.as_ref().map(|w| w.resolve(lang)),
                false => None,
            },
            others: match a.covered {
                true => others.map(|x| r.district_item(lang, x)).collect(),
                false => vec![],
            },
        },
        channels: r.channels(lang),
        places: r.places_of(lang, &d.id),
        baku_districts: match d.id == BAKU {
            true => r.baku_districts(lang, None),
            false => vec![],
        },
        places_title: match d.id == BAKU {
            true => r.t(lang, "baku_district_settlements"),
            false => r.t(lang, "locator_places"),
        },
    }
}

/// Who serves the district, in a sentence; Baku's page sends its reader on to its districts.
fn served(r: &Renderer, lang: Lang, d: &District, unit: &Unit) -> String {
    match d.id == BAKU {
        true => r.t(lang, "district_served_baku"),
        false => words::served(&r.theme.strings[&lang], &d.name.plain(lang), unit, lang),
    }
}

fn head(r: &Renderer, lang: Lang, d: &District, a: &Answer, unit: &Unit) -> Head {
    // Lənkəran (şəhər) and Lənkəran (rayon) are told apart by their kind.
    let title = r.district_label(lang, d);
    let caution = unit.caution.as_ref().map(|w| w.plain(lang));
    let caution = caution.filter(|_| a.covered);
    let said = if a.covered {
        served(r, lang, d, unit)
    } else {
        let strings = &r.theme.strings[&lang];
        let km = a.distance_km.map(|km| words::distance(strings, km));
        format!(
            "{} {}: {}{}.",
            r.t(lang, "district_not_served"),
            r.t(lang, "district_nearest"),
            unit.name.plain(lang),
            km.map(|km| format!(", {km}")).unwrap_or_default()
        )
    };
    Head {
        title,
        description: std::iter::once(said)
            .chain(caution)
            .collect::<Vec<_>>()
            .join(" "),
        jsonld: None,
    }
}
