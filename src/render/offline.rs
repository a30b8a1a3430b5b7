//! The portal offline and on paper: the offline page (`/{lang}/offline/`, which the
//! service worker shows for a page not kept), what a service's or unit's printed sheet
//! lists, and the service worker itself, stamped with the build it belongs to.

use super::items::UnitItem;
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::{ServiceInputs, url_service};
use crate::catalog::Localized;
use crate::lang::Lang;
use serde::Serialize;

const OFFLINE: Kind = Kind {
    template: "offline.html",
    section: "",
    crumbs: Crumbs::None,
};

/// The service worker's source in the theme's static files, and where it is served:
/// at the root, so that its scope is the whole site.
pub const WORKER: &str = "sw.js";

/// The offline page's address in `lang`.
pub fn url_offline(lang: Lang) -> String {
    format!("/{lang}/offline/")
}

#[derive(Serialize)]
struct OfflinePage {}

/// The offline page in each language. It is rendered outside the language loop
/// (`each_lang`) so that it stays out of the sitemap: nothing links to it, the
/// service worker shows it.
pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let paths = Renderer::paths(url_offline);
    for lang in Lang::ALL {
        let head = Head {
            title: r.t(lang, "offline_title"),
            description: r.t(lang, "offline_text"),
            jsonld: None,
        };
        r.page(lang, &paths, &OFFLINE, head, &OfflinePage {})?;
    }
    Ok(())
}

/// What a service's printed sheet adds to its page: where to apply, every unit
/// (the page script marks the one the locator found in this browser).
#[derive(Serialize)]
pub(super) struct ServiceSheet {
    units: Vec<UnitItem>,
}

pub(super) fn service_sheet(r: &Renderer, lang: Lang) -> ServiceSheet {
    ServiceSheet {
        units: r.c().units.iter().map(|u| r.unit_item(lang, u)).collect(),
    }
}

/// What a unit's printed sheet adds to its page: the services one applies for there.
#[derive(Serialize)]
pub(super) struct UnitSheet {
    services: Vec<SheetService>,
}

#[derive(Serialize)]
struct SheetService {
    id: String,
    url: String,
    title: Localized,
}

pub(super) fn unit_sheet(r: &Renderer, lang: Lang) -> UnitSheet {
    let services = r.c().services.iter().map(|s| SheetService {
        id: s.id.clone(),
        url: url_service(lang, s),
        title: s.heading().resolve(lang),
    });
    UnitSheet {
        services: services.collect(),
    }
}

/// A key of everything the site is built from: the theme, the catalog, the guides,
/// the synonyms and the locator's data. The service worker carries it, so a build
/// that changes any page changes the worker, and the browser replaces what it kept.
pub fn build_key(
    theme: u64,
    services: &ServiceInputs,
    catalog: &crate::catalog::Catalog,
    rest: &[u8],
) -> u64 {
    let mut all = format!("{theme} {} ", env!("CARGO_PKG_VERSION")).into_bytes();
    match services.rest {
        Some(key) => all.extend(format!("{key} {:?}", services.pages).bytes()),
        // The catalog could not be written out: its whole value, then.
        None => all.extend(format!("{catalog:?}").bytes()),
    }
    all.extend(rest);
    crate::text::digest(&all)
}

/// The service worker as served: the theme's source with the build's key and the
/// shell it keeps at once (the stylesheets, the scripts, the offline pages).
pub fn worker(src: &[u8], key: u64, shell: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(src);
    let shell = serde_json::to_string(shell).unwrap_or_else(|_| "[]".into());
    text.replace("'__CCU_BUILD__'", &format!("'{key:016x}'"))
        .replace("['__CCU_SHELL__']", &shell)
        .into_bytes()
}

/// The files the worker keeps on install, after the page loaded: what every page loads
/// (the stylesheets, the page script by its fingerprinted path, the module that registers
/// the worker) and the offline page in each language. The search's and the locator's
/// modules are kept when used or saved, not on every first visit.
pub fn shell<'a>(files: impl Iterator<Item = &'a String>, css: &str, js: &str) -> Vec<String> {
    let mut shell = vec![css.to_string(), js.to_string()];
    let every_page = files
        .filter(|f| *f == REGISTER || f.ends_with(".css"))
        .map(|f| format!("/{f}"))
        .filter(|f| f != css);
    shell.extend(every_page);
    shell.extend(Lang::ALL.iter().map(|&l| url_offline(l)));
    shell
}

/// The module every page imports to register the worker.
const REGISTER: &str = "offline/register.mjs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_carries_the_key_and_the_shell() {
        let src = b"const BUILD = '__CCU_BUILD__';\nconst SHELL = ['__CCU_SHELL__'];\n";
        let out = String::from_utf8(worker(src, 0xab, &["/a.css".into()])).unwrap();
        assert_eq!(
            out,
            "const BUILD = '00000000000000ab';\nconst SHELL = [\"/a.css\"];\n"
        );
    }

    #[test]
    fn the_shell_is_what_every_page_loads_and_the_offline_pages() {
        let files: Vec<String> = [
            "assets/app.1234abcd.mjs",
            "assets/print.css",
            "assets/style.1.css",
            "offline/register.mjs",
            "offline/save.mjs",
            "search/search.mjs",
            "sw.js",
        ]
        .map(String::from)
        .into();
        let shell = shell(files.iter(), "/assets/style.1.css", "/assets/app.1.mjs");
        assert_eq!(
            shell,
            [
                "/assets/style.1.css",
                "/assets/app.1.mjs",
                "/assets/print.css",
                "/offline/register.mjs",
                "/az/offline/",
                "/en/offline/",
                "/ru/offline/"
            ]
        );
    }
}
