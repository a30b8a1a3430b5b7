//! The places of `data/places.csv` on the pages: one page per Baku district
//! (its settlements and the DOST centre that serves it), and the lists of towns
//! and villages the division pages and the locator page show.

use super::items::Link;
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::{collation_key, url_district, url_unit};
use crate::catalog::places::BAKU;
use crate::catalog::{Localized, Place};
use crate::lang::Lang;
use serde::Serialize;

const BAKU_DISTRICT: Kind = Kind {
    template: "baku_district.html",
    section: "locator",
    crumbs: Crumbs::Under("districts_title", "districts"),
};

/// The page of one of Baku's districts, under Baku's division page.
pub fn url_baku_district(lang: Lang, p: &Place) -> String {
    let baku = BAKU.to_ascii_lowercase();
    format!("/{lang}/districts/{baku}/{}/", p.slug())
}

#[derive(Serialize)]
struct BakuDistrictPage {
    name: Localized,
    /// Baku's division page.
    baku: Link,
    /// The DOST centre that serves it and its addresses, where a source says.
    centre: Option<Centre>,
    settlements: Vec<Localized>,
    /// A source says the district has no settlements (rather than listing none).
    no_settlements: bool,
}

#[derive(Serialize)]
struct Centre {
    url: String,
    name: Localized,
    addresses: Vec<Localized>,
}

/// The places of one division, for the locator page's list without JavaScript.
#[derive(Serialize)]
pub(super) struct PlaceGroup {
    division: Link,
    places: Vec<Link>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let c = r.c();
    let Some(baku) = c.district(BAKU) else {
        return Ok(());
    };
    for p in c.places.iter().filter(|p| p.is_baku_district()) {
        let paths = Renderer::paths(|l| url_baku_district(l, p));
        r.each_lang(paths, None, |r, lang, paths| {
            let baku = Link {
                url: url_district(lang, baku),
                name: baku.name.resolve(lang),
            };
            let data = page(r, lang, p, baku);
            let head = head(r, lang, &data);
            r.page(lang, paths, &BAKU_DISTRICT, head, &data)
        })?;
    }
    Ok(())
}

fn page(r: &Renderer, lang: Lang, p: &Place, baku: Link) -> BakuDistrictPage {
    let c = r.c();
    let centre = c.centre_for(&p.id).map(|u| Centre {
        url: url_unit(lang, &u.id),
        name: u.name.resolve(lang),
        addresses: u.addresses.iter().map(|a| a.resolve(lang)).collect(),
    });
    let settlements = c
        .places
        .iter()
        .filter(|s| s.baku_district.as_deref() == Some(p.id.as_str()));
    let mut settlements: Vec<Localized> = settlements.map(|s| s.name.resolve(lang)).collect();
    settlements.sort_by_cached_key(|s| collation_key(lang, &s.t));
    BakuDistrictPage {
        name: p.name.resolve(lang),
        baku,
        centre,
        settlements,
        no_settlements: c.baku_without_settlements.contains(&p.id),
    }
}

fn head(r: &Renderer, lang: Lang, d: &BakuDistrictPage) -> Head {
    let served = match &d.centre {
        Some(c) => format!("{}: {}", r.t(lang, "baku_district_centre"), c.name.t),
        None => r.t(lang, "baku_district_unknown"),
    };
    Head {
        title: format!("{}, {}", d.name.t, d.baku.name.t),
        description: served,
        jsonld: None,
    }
}

/// Where a place's answer is: its Baku district's page, else its division's page.
fn place_url(r: &Renderer, lang: Lang, p: &Place) -> Option<String> {
    let c = r.c();
    if p.is_baku_district() {
        return Some(url_baku_district(lang, p));
    }
    let district = p.baku_district.as_deref().and_then(|b| c.place(b));
    match district {
        Some(b) => Some(url_baku_district(lang, b)),
        None => c.district(&p.division).map(|d| url_district(lang, d)),
    }
}

fn sorted(lang: Lang, mut links: Vec<Link>) -> Vec<Link> {
    links.sort_by_cached_key(|l| collation_key(lang, &l.name.t));
    links
}

impl Renderer<'_> {
    /// The towns, settlements and villages of a division (not Baku's districts),
    /// each linked to where its answer is.
    pub fn places_of(&self, lang: Lang, division: &str) -> Vec<Link> {
        let c = self.c();
        // A city division's own city (Bakı in Bakı) is the division, not a place in it.
        let itself = |p: &Place| {
            c.district(division).is_some_and(|d| {
                d.kind == crate::catalog::DistrictKind::City
                    && d.name.plain(Lang::Az) == p.name.plain(Lang::Az)
            }) && p.kind == "city"
        };
        let places = c.places.iter();
        let places =
            places.filter(|p| p.division == division && !p.is_baku_district() && !itself(p));
        let links = places.map(|p| Link {
            url: place_url(self, lang, p).unwrap_or_default(),
            name: p.name.resolve(lang),
        });
        sorted(lang, links.collect())
    }

    /// Baku's districts, each linked to its page.
    pub fn baku_districts(&self, lang: Lang, ids: Option<&[String]>) -> Vec<Link> {
        let places = self.c().places.iter().filter(|p| p.is_baku_district());
        let places = places.filter(|p| ids.is_none_or(|ids| ids.contains(&p.id)));
        let links = places.map(|p| Link {
            url: url_baku_district(lang, p),
            name: p.name.resolve(lang),
        });
        sorted(lang, links.collect())
    }

    /// Every division that has places, in the page's alphabet, with its places.
    pub fn places_by_division(&self, lang: Lang) -> Vec<PlaceGroup> {
        let c = self.c();
        let mut divisions: Vec<_> = c.districts.iter().collect();
        divisions.sort_by_cached_key(|d| collation_key(lang, &d.name.plain(lang)));
        let groups = divisions.into_iter().map(|d| {
            let mut places = self.places_of(lang, &d.id);
            if d.id == BAKU {
                places.extend(self.baku_districts(lang, None));
            } else {
                // Outside Baku every name's answer is the division's page, linked once above
                // the names: the list of every settlement stays small.
                places.iter_mut().for_each(|p| p.url.clear());
            }
            PlaceGroup {
                // "Lənkəran (şəhər)", "Lənkəran (rayon)": a shared name with its kind.
                division: Link {
                    url: url_district(lang, d),
                    name: Localized {
                        t: self.district_label(lang, d),
                        l: lang,
                        fb: false,
                    },
                },
                places: sorted(lang, places),
            }
        });
        groups.filter(|g| !g.places.is_empty()).collect()
    }
}
