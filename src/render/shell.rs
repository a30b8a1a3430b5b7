//! What every page shares, written once: the language loop, the alternates,
//! the breadcrumbs, the page shell around a kind's own data, and minifying.

use super::{Input, PageEntry, Theme};
use crate::catalog::{Catalog, Localized};
use crate::lang::Lang;
use crate::output::Site;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a page kind sits: its template, the navigation entry it marks current,
/// and the crumbs above it.
pub(super) struct Kind {
    pub template: &'static str,
    pub section: &'static str,
    pub crumbs: Crumbs,
}

pub(super) enum Crumbs {
    /// The home page: no trail.
    None,
    /// A section's index: a crumb home.
    Home,
    /// A page under an index: home, then the index (its title's UI-string key and path segment).
    Under(&'static str, &'static str),
}

/// What a page is called: its `<title>`, its description, and its schema.org data if any.
pub(super) struct Head {
    pub title: String,
    pub description: String,
    pub jsonld: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Crumb {
    title: Localized,
    href: String,
}

#[derive(Serialize)]
struct Alternate<'a> {
    code: &'static str,
    name: &'static str,
    href: &'a str,
    abs: String,
    current: bool,
    locale: &'static str,
}

#[derive(Serialize)]
pub(super) struct Assets<'a> {
    css: &'a str,
    js: &'a str,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: String,
    call_center: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    canonical: String,
    xdefault: String,
    alternates: Vec<Alternate<'a>>,
    locale: &'static str,
    /// True when any localized text on the page fell back to Azerbaijani.
    fallback: bool,
}

/// The context every template gets: the shell, and the kind's own data beside it.
#[derive(Serialize)]
struct Shell<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    t: Option<&'a BTreeMap<String, String>>,
    #[serde(flatten)]
    data: Value,
}

/// What every page's shell shows but the UI strings.
#[derive(Serialize)]
struct Common<'a> {
    lang: &'static str,
    site: SiteInfo<'a>,
    decree_title: Localized,
    section: &'a str,
    assets: Assets<'a>,
    page: PageMeta<'a>,
    breadcrumbs: Vec<Crumb>,
    jsonld: String,
}

pub(super) struct Renderer<'a> {
    pub input: &'a Input<'a>,
    pub theme: &'a Theme,
    pub site: &'a mut Site,
    pub pages: Vec<PageEntry>,
    /// The key of each page's context (see [`context_key`]), by output file.
    pub keys: BTreeMap<String, u64>,
    /// The pages not rendered because the previous build rendered the same context.
    pub reused: Vec<String>,
    /// Rendered HTML by output path, minified in batches.
    html: Vec<(String, String)>,
    /// Where contexts are serialized to be hashed, kept for its capacity.
    scratch: Vec<u8>,
    /// Every district's list entry by language and id, once one is asked for.
    pub(super) district_items:
        std::cell::OnceCell<std::collections::HashMap<(Lang, String), super::items::DistrictItem>>,
}

/// Pages are minified in batches as they are rendered, so that a large site's
/// unminified HTML never sits in memory all at once.
const BATCH: usize = 512;

impl<'a> Renderer<'a> {
    pub fn new(input: &'a Input<'a>, theme: &'a Theme, site: &'a mut Site) -> Self {
        Renderer {
            input,
            theme,
            site,
            pages: Vec::new(),
            keys: BTreeMap::new(),
            reused: Vec::new(),
            html: Vec::new(),
            scratch: Vec::new(),
            district_items: std::cell::OnceCell::new(),
        }
    }

    pub fn c(&self) -> &'a Catalog {
        self.input.catalog
    }

    /// A UI string in `lang`.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.theme
            .strings
            .get(&lang)
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_default()
    }

    /// A UI string as localized text: always in the page's language.
    pub fn t_loc(&self, lang: Lang, key: &str) -> Localized {
        Localized {
            t: self.t(lang, key),
            l: lang,
            fb: false,
        }
    }

    pub fn abs(&self, path: &str) -> String {
        format!("{}{}", self.c().site.base_url, path)
    }

    pub fn assets(&self) -> Assets<'a> {
        Assets {
            css: self.input.css,
            js: self.input.js,
        }
    }

    pub fn paths(f: impl Fn(Lang) -> String) -> BTreeMap<Lang, String> {
        Lang::ALL.iter().map(|&l| (l, f(l))).collect()
    }

    /// Renders a page in all three languages and records it for the sitemap.
    pub fn each_lang(
        &mut self,
        paths: BTreeMap<Lang, String>,
        updated: Option<String>,
        mut one: impl FnMut(&mut Self, Lang, &BTreeMap<Lang, String>) -> Result<(), String>,
    ) -> Result<(), String> {
        let keep = self.input.keep;
        for lang in Lang::ALL {
            if keep.is_some_and(|k| k.contains(&paths[&lang])) {
                continue; // the caller has it from a previous build
            }
            one(self, lang, &paths)?;
        }
        self.pages.push(PageEntry { paths, updated });
        Ok(())
    }

    /// A section's index page, `/{lang}/SEGMENT/`: its title and lead from the UI
    /// strings (`keys`), a crumb home, and what the template lists.
    pub fn index_page<T: Serialize>(
        &mut self,
        segment: &str,
        kind: &Kind,
        keys: (&str, &str),
        data: impl Fn(&Self, Lang) -> T,
    ) -> Result<(), String> {
        let paths = Self::paths(|l| format!("/{l}/{segment}/"));
        self.each_lang(paths, None, |r, lang, paths| {
            let head = Head {
                title: r.t(lang, keys.0),
                description: r.t(lang, keys.1),
                jsonld: None,
            };
            let d = data(r, lang);
            r.page(lang, paths, kind, head, &d)
        })
    }

    fn breadcrumbs(&self, lang: Lang, crumbs: &Crumbs) -> Vec<Crumb> {
        let home = || Crumb {
            title: self.t_loc(lang, "nav_home"),
            href: format!("/{lang}/"),
        };
        match crumbs {
            Crumbs::None => vec![],
            Crumbs::Home => vec![home()],
            Crumbs::Under(key, segment) => vec![
                home(),
                Crumb {
                    title: self.t_loc(lang, key),
                    href: format!("/{lang}/{segment}/"),
                },
            ],
        }
    }

    fn alternates<'p>(&self, lang: Lang, paths: &'p BTreeMap<Lang, String>) -> Vec<Alternate<'p>> {
        Lang::ALL
            .iter()
            .map(|&l| Alternate {
                code: l.code(),
                name: l.endonym(),
                href: &paths[&l],
                abs: self.abs(&paths[&l]),
                current: l == lang,
                locale: l.locale(),
            })
            .collect()
    }

    /// Renders one page in one language inside the shell and stores it under its path,
    /// unless the previous build rendered it from the same context: then the caller
    /// takes that build's page (see [`Renderer::reused`]).
    pub fn page(
        &mut self,
        lang: Lang,
        paths: &BTreeMap<Lang, String>,
        kind: &Kind,
        head: Head,
        data: &impl Serialize,
    ) -> Result<(), String> {
        let c = self.c();
        let path = &paths[&lang];
        let mut common = Common {
            lang: lang.code(),
            site: SiteInfo {
                title: c.site.title.plain(lang),
                call_center: &c.site.call_center,
                base_url: &c.site.base_url,
            },
            decree_title: c.programme.decree.title.resolve(lang),
            section: kind.section,
            assets: self.assets(),
            page: PageMeta {
                title: &head.title,
                description: &head.description,
                path,
                canonical: self.abs(path),
                xdefault: self.abs(&paths[&Lang::DEFAULT]),
                alternates: self.alternates(lang, paths),
                locale: lang.locale(),
                fallback: false, // known from the data, below
            },
            breadcrumbs: self.breadcrumbs(lang, &kind.crumbs),
            jsonld: head.jsonld.unwrap_or_default(),
        };
        let file = super::page_file(path);
        if let Some(key) = context_key(kind.template, &common, data, &mut self.scratch) {
            self.keys.insert(file.clone(), key);
            if self.input.previous.and_then(|p| p.get(&file)) == Some(&key) {
                self.reused.push(file);
                return Ok(());
            }
        }
        let data = serde_json::to_value(data)
            .map_err(|e| format!("cannot prepare the page {path}: {e}"))?;
        common.page.fallback = has_fallback(&data);
        let shell = Shell {
            common,
            t: self.theme.strings.get(&lang),
            data,
        };
        let html = self.render_template(kind.template, &shell, path)?;
        self.push(file, html)
    }

    /// Renders a template with a context; errors name the template and the page.
    pub fn render_template(
        &self,
        template: &str,
        ctx: &impl Serialize,
        path: &str,
    ) -> Result<String, String> {
        let context = tera::Context::from_serialize(ctx)
            .map_err(|e| format!("cannot prepare the page {path}: {e}"))?;
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| format!("the template {template} failed for {path}: {e}"))
    }

    /// Queues a page's HTML for minifying; minifies a batch once it is full.
    pub fn push(&mut self, out: String, html: String) -> Result<(), String> {
        self.html.push((out, html));
        if self.html.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), String> {
        for (path, bytes) in minify_all(std::mem::take(&mut self.html)) {
            self.site.add(path, bytes)?;
        }
        if self.input.progress {
            eprint!("\rrendered {} pages", self.site.len());
        }
        Ok(())
    }
}

/// What a page shows but the theme (its template's text and the UI strings, the
/// same for every page of a build), hashed: equal keys under the same theme and
/// binary render equal bytes, because a template reads nothing but its context.
/// (Whether the page falls back to Azerbaijani anywhere follows from `data`.)
fn context_key(
    template: &str,
    common: &Common,
    data: &impl Serialize,
    bytes: &mut Vec<u8>,
) -> Option<u64> {
    bytes.clear();
    bytes.extend(template.as_bytes());
    bytes.push(0);
    let written = serde_json::to_writer(&mut *bytes, common).and_then(|()| {
        bytes.push(0);
        serde_json::to_writer(&mut *bytes, data)
    });
    // A context that cannot be serialized has no key (and rendering reports why).
    written.ok().map(|()| crate::text::digest(bytes))
}

/// True when any localized text in the page's data fell back to Azerbaijani.
fn has_fallback(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.get("fb") == Some(&Value::Bool(true)) || m.values().any(has_fallback),
        Value::Array(a) => a.iter().any(has_fallback),
        _ => false,
    }
}

/// JSON for a `<script>` element: keys sorted, `<` escaped so no text can close the element.
pub(super) fn script_json(v: &impl Serialize) -> String {
    serde_json::to_value(v)
        .and_then(|v| serde_json::to_string(&v))
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// Minifies pages on every core: it is most of a build's time.
fn minify_all(pages: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_input_type_text_attr = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    crate::par::map_in_order(&pages, threads, |(path, html)| {
        (path.clone(), minify_html::minify(html.as_bytes(), &cfg))
    })
}
