//! `/` (a language chooser that needs no JavaScript) and `404.html`: pages in
//! all three languages at once, outside the page shell.

use super::shell::{Assets, Renderer};
use crate::lang::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct RootPage<'a> {
    langs: Vec<LangEntry>,
    call_center: &'a str,
    canonical: String,
    description: String,
    assets: Assets<'a>,
}

/// Each language's link and the few words the two pages show in it.
#[derive(Serialize)]
struct LangEntry {
    code: &'static str,
    name: &'static str,
    href: String,
    abs: String,
    title: String,
    lead: String,
    not_found: String,
    not_found_text: String,
    home: String,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let c = r.c();
    let langs = Lang::ALL.iter().map(|&l| LangEntry {
        code: l.code(),
        name: l.endonym(),
        href: format!("/{l}/"),
        abs: r.abs(&format!("/{l}/")),
        title: c.site.title.plain(l),
        lead: r.t(l, "home_lead"),
        not_found: r.t(l, "not_found_title"),
        not_found_text: r.t(l, "not_found_text"),
        home: r.t(l, "nav_home"),
    });
    let page = RootPage {
        langs: langs.collect(),
        call_center: &c.site.call_center,
        canonical: r.abs("/"),
        description: r.t(Lang::DEFAULT, "home_lead"),
        assets: r.assets(),
    };
    let context = tera::Context::from_serialize(&page).map_err(|e| e.to_string())?;
    for (template, out) in [("root.html", "index.html"), ("404.html", "404.html")] {
        let html = r
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| format!("the template {template} failed: {e}"))?;
        r.push(out.to_string(), html)?;
    }
    Ok(())
}
