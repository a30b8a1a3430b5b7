//! The districts index and one page per district, answering "which unit serves me?".

use super::items::{ChannelItem, DistrictItem, Link, district_kind_key};
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
    kind_name: String,
    /// The division it lies in (a city's raion), if any.
    parent: Option<DistrictItem>,
    inferred: bool,
    /// Why the straight line to the nearest unit misleads, where it does (it crosses Armenia).
    caveat: Option<String>,
}

/// The unit that serves the district, or the nearest one and how far it is.
#[derive(Serialize)]
struct AnswerInfo {
    covered: bool,
    /// "{place} ərazisinə {unit} xidmət göstərir.", where a unit serves it.
    served: String,
    /// "düz xətlə 47 km", to the nearest unit where none serves it.
    distance: Option<String>,
    unit: Link,
    /// What to know before going to the unit (no centre open yet; confirm by calling 142).
    caution: Option<Localized>,
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
    DistrictPage {
        district: DistrictInfo {
            name: d.name.resolve(lang),
            kind_name: r.t(lang, district_kind_key(d.kind)),
            parent: parent.map(|p| r.district_item(lang, p)),
            inferred: d.inferred,
            caveat: words::caveat_key(d).map(|k| r.t(lang, k)),
        },
        answer: AnswerInfo {
            covered: a.covered,
            served: words::served(strings, &d.name.plain(lang), unit, lang),
            distance: a.distance_km.map(|km| words::distance(strings, km)),
            unit: Link {
                url: url_unit(lang, &unit.id),
                name: unit.name.resolve(lang),
            },
            caution: unit.caution.as_ref().map(|w| w.resolve(lang)),
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

fn head(r: &Renderer, lang: Lang, d: &District, a: &Answer, unit: &Unit) -> Head {
    let title = d.name.plain(lang);
    let strings = &r.theme.strings[&lang];
    let caution = unit.caution.as_ref().map(|w| w.plain(lang));
    let said = if a.covered {
        words::served(strings, &title, unit, lang)
    } else {
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
