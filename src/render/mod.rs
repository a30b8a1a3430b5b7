//! Rendering: every page in every language, plus sitemap, robots and feeds.
//!
//! One file per page kind (`home`, `services`, `agencies`, `units`, `districts`,
//! `topics`, `guides`, `search`, `locator`, `places`, `whats_new`, `root`), each with the
//! typed data its template reads; `shell` holds what every page shares (the
//! language loop, alternates, breadcrumbs, the page shell, minifying) and
//! `items` the entries several kinds list.

mod agencies;
mod districts;
mod facts;
mod feeds;
mod guides;
mod home;
mod items;
pub mod js;
mod jsonld;
mod locator;
pub mod offline;
mod places;
mod root;
mod search;
mod services;
mod shell;
mod theme;
mod topics;
mod units;
mod whats_new;

pub use crate::text::escape;
pub use places::url_baku_district;
pub use theme::Theme;

use crate::catalog::{Catalog, District, Service};
use crate::content::{Guide, Guides};
use crate::lang::Lang;
use crate::locator::Answer;
use crate::output::Site;
use shell::Renderer;
use std::collections::{BTreeMap, BTreeSet};

/// What rendering reads: the validated inputs and the locator's answers.
pub struct Input<'a> {
    pub catalog: &'a Catalog,
    pub guides: &'a Guides,
    pub answers: &'a BTreeMap<String, Answer>,
    /// The map of units and districts per language, as inline SVG.
    pub maps: &'a BTreeMap<Lang, String>,
    /// Output paths of the stylesheet and script, after fingerprinting.
    pub css: &'a str,
    pub js: &'a str,
    /// Report pages done on standard error as the build goes.
    pub progress: bool,
    /// Pages (URL paths, `/en/services/1-4/`) not to render: the caller has them
    /// from a previous build of equal inputs (see [`unchanged_pages`]).
    pub keep: Option<&'a BTreeSet<String>>,
    /// The context keys of the previous build's pages that the caller has at hand,
    /// by output file, under the same theme and binary: a page whose context has the
    /// same key is not rendered but listed in [`Rendered::reused`].
    pub previous: Option<&'a BTreeMap<String, u64>>,
}

/// What rendering did besides adding files to the site.
pub struct Rendered {
    /// The context key of every page rendered or reused, by output file.
    pub keys: BTreeMap<String, u64>,
    /// Pages of the previous build (output files) to take as they are.
    pub reused: Vec<String>,
}

/// One page in all three languages: its address in each, for switchers and the sitemap.
pub struct PageEntry {
    pub paths: BTreeMap<Lang, String>,
    pub updated: Option<String>,
}

pub fn url_service(lang: Lang, s: &Service) -> String {
    format!("/{lang}/services/{}/", s.slug())
}
pub fn url_agency(lang: Lang, id: &str) -> String {
    format!("/{lang}/agencies/{id}/")
}
pub fn url_unit(lang: Lang, id: &str) -> String {
    format!("/{lang}/units/{id}/")
}
pub fn url_district(lang: Lang, d: &District) -> String {
    format!("/{lang}/districts/{}/", d.slug())
}
pub fn url_topic(lang: Lang, id: &str) -> String {
    format!("/{lang}/topics/{id}/")
}
pub fn url_guide(lang: Lang, slug: &str) -> String {
    format!("/{lang}/guides/{slug}/")
}

/// The output file of the page at a URL path (`/en/` → `en/index.html`).
pub fn page_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// The guide shown in `lang`: its own version, or the Azerbaijani one.
pub fn guide_in(versions: &BTreeMap<Lang, Guide>, lang: Lang) -> Option<&Guide> {
    versions.get(&lang).or_else(|| versions.get(&Lang::DEFAULT))
}

/// Renders every page into `site`. Errors name the template or page that failed.
pub fn render(input: &Input, theme: &Theme, site: &mut Site) -> Result<Rendered, String> {
    let mut r = Renderer::new(input, theme, site);
    home::render(&mut r)?;
    services::render(&mut r)?;
    agencies::render(&mut r)?;
    topics::render(&mut r)?;
    units::render(&mut r)?;
    districts::render(&mut r)?;
    places::render(&mut r)?;
    locator::render(&mut r)?;
    search::render(&mut r)?;
    guides::render(&mut r)?;
    whats_new::render(&mut r)?;
    offline::render(&mut r)?;
    root::render(&mut r)?;
    let c = input.catalog;
    r.site
        .add("sitemap.xml", feeds::sitemap(&c.site.base_url, &r.pages))?;
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        c.site.base_url
    );
    r.site.add("robots.txt", robots)?;
    r.flush()?;
    Ok(Rendered {
        keys: r.keys,
        reused: r.reused,
    })
}

/// What the pages of each service read that is the service's own, hashed, with
/// their URL paths (see [`unchanged_pages`]).
pub struct ServiceInputs {
    /// The catalog but its services, hashed; None if it cannot be written out.
    rest: Option<u64>,
    pages: Vec<(Vec<String>, u64)>,
}

impl ServiceInputs {
    pub fn of(c: &Catalog) -> ServiceInputs {
        let rest = c
            .all_but_services()
            .map(|text| crate::text::digest(text.as_bytes()));
        let pages = services::page_inputs(c);
        ServiceInputs { rest, pages }
    }
}

/// The service pages of a site rendered from `new` that equal those rendered from
/// `old` under the same theme, known without preparing them: the pages of every
/// service whose own inputs did not change, where the two catalogs differ in their
/// services only. None when anything else changed, or the services' ids or slugs
/// did (pages come or go).
pub fn unchanged_pages(old: &ServiceInputs, new: &ServiceInputs) -> Option<BTreeSet<String>> {
    if old.rest.is_none() || old.rest != new.rest {
        return None;
    }
    let (before, after) = (&old.pages, &new.pages);
    let same_paths =
        before.len() == after.len() && before.iter().zip(after).all(|(a, b)| a.0 == b.0);
    if !same_paths {
        return None;
    }
    let keep = before
        .iter()
        .zip(after)
        .filter(|(a, b)| a.1 == b.1)
        .flat_map(|(a, _)| a.0.iter().cloned())
        .collect();
    Some(keep)
}

/// The pages whose inputs are their own plus what every page shares (the catalog but
/// its services, the theme): each service's and guide's pages, by URL path, with a key
/// that changes whenever the page's own inputs do. `ccu build` keeps such a page from
/// the previous output when its text and the shared inputs are the same.
pub fn page_keys(c: &Catalog, guides: &Guides) -> Vec<(String, u64)> {
    let mut keys: Vec<(String, u64)> = services::page_inputs(c)
        .into_iter()
        .flat_map(|(paths, key)| paths.into_iter().map(move |p| (p, key)))
        .collect();
    for (slug, versions) in guides {
        let key = crate::text::digest(format!("{versions:?}").as_bytes());
        keys.extend(Lang::ALL.iter().map(|&l| (url_guide(l, slug), key)));
    }
    keys
}

/// Sort key following the alphabet of the page's language (ç after c, ə after e, …).
pub fn collation_key(lang: Lang, s: &str) -> Vec<u32> {
    const AZ: &str = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz";
    let lower = crate::text::az_lowercase(s);
    lower
        .chars()
        .map(|c| match lang {
            Lang::Az => AZ
                .chars()
                .position(|a| a == c)
                .map_or(1000 + c as u32, |p| p as u32),
            Lang::Ru if c == 'ё' => 'е' as u32 * 2 + 1,
            _ => c as u32 * 2,
        })
        .collect()
}
