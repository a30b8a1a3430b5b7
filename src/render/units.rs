//! The units index (with the map) and one page per unit: its addresses and the divisions it covers.

use super::facts::{date_text, host};
use super::items::{LegendEntry, Link, UnitItem};
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::url_unit;
use crate::catalog::{Fact, Localized, UnitKind};
use crate::lang::Lang;
use serde::Serialize;

const INDEX: Kind = Kind {
    template: "units.html",
    section: "units",
    crumbs: Crumbs::Home,
};
const UNIT: Kind = Kind {
    template: "unit.html",
    section: "units",
    crumbs: Crumbs::Under("nav_units", "units"),
};

#[derive(Serialize)]
struct UnitsPage<'a> {
    /// The DOST centres, then the regional units.
    groups: Vec<UnitGroup>,
    map: Option<&'a String>,
    legend: Vec<LegendEntry>,
}

#[derive(Serialize)]
struct UnitGroup {
    title: String,
    units: Vec<UnitItem>,
}

#[derive(Serialize)]
struct UnitPage<'a> {
    unit: UnitItem,
    /// The districts of Baku a Baku DOST centre serves.
    baku_districts: Vec<Link>,
    /// What the sources say about the unit, each with its source and the date it was read.
    facts: Vec<UnitFact>,
    map: Option<&'a String>,
    legend: Vec<LegendEntry>,
    /// What its printed sheet adds: the services one applies for there.
    sheet: super::offline::UnitSheet,
}

#[derive(Serialize)]
struct UnitFact {
    text: Localized,
    source: String,
    /// The source's site, as the link's text.
    host: String,
    checked: String,
    checked_text: String,
    /// The sentence's full stop, unless the date ends with one ("ноябрь 2026 г.").
    checked_end: &'static str,
}

fn unit_fact(r: &Renderer, lang: Lang, f: &Fact) -> UnitFact {
    let source = f.source.as_deref().unwrap_or_default().trim();
    let checked = f.checked.as_deref().unwrap_or_default().trim();
    let checked_text = date_text(&r.theme.strings[&lang], lang, checked);
    UnitFact {
        text: f.text.resolve(lang),
        source: source.to_string(),
        host: host(source).to_string(),
        checked: checked.to_string(),
        checked_end: if checked_text.ends_with('.') { "" } else { "." },
        checked_text,
    }
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let maps = r.input.maps;
    r.index_page("units", &INDEX, ("units_title", "units_lead"), |r, lang| {
        UnitsPage {
            groups: vec![
                group(r, lang, UnitKind::Dost, "units_dost"),
                group(r, lang, UnitKind::Regional, "units_regional"),
            ],
            map: maps.get(&lang),
            legend: r.legend(lang),
        }
    })?;
    let c = r.c();
    for u in &c.units {
        let paths = Renderer::paths(|l| url_unit(l, &u.id));
        r.each_lang(paths, None, |r, lang, paths| {
            let districts = u.districts.iter().filter_map(|d| c.district(d));
            let covered: Vec<String> = districts.map(|d| r.district_label(lang, d)).collect();
            let covers = format!("{}: {}.", r.t(lang, "unit_covers"), covered.join(", "));
            let caution = u.caution.as_ref().map(|w| w.plain(lang));
            let head = Head {
                title: u.name.plain(lang),
                description: std::iter::once(covers)
                    .chain(caution)
                    .collect::<Vec<_>>()
                    .join(" "),
                jsonld: None,
            };
            let data = UnitPage {
                unit: r.unit_item(lang, u),
                baku_districts: match u.baku_districts.is_empty() {
                    true => vec![],
                    false => r.baku_districts(lang, Some(u.baku_districts.as_slice())),
                },
                facts: u.facts.iter().map(|f| unit_fact(r, lang, f)).collect(),
                map: maps.get(&lang),
                legend: r.legend(lang),
                sheet: super::offline::unit_sheet(r, lang),
            };
            r.page(lang, paths, &UNIT, head, &data)
        })?;
    }
    Ok(())
}

fn group(r: &Renderer, lang: Lang, kind: UnitKind, key: &str) -> UnitGroup {
    let units = r.c().units.iter().filter(|u| u.kind == kind);
    UnitGroup {
        title: r.t(lang, key),
        units: units.map(|u| r.unit_item(lang, u)).collect(),
    }
}
