//! What `ccu serve` adds to a page of the preview (never to a build): an edit link at
//! the page's title, texts, section headings and each fact, each opening the form at
//! that part's card; and after a save, a notice saying what changed, with the changed
//! parts highlighted.

use super::form::NEW_FACT;
use super::html::card_id;
use super::words::W;
use crate::catalog::{self, Catalog};
use crate::lang::Lang;
use crate::text::escape;
use std::path::Path;

/// The stylesheet of what is added (served at `/__ccu/preview.css`).
pub const CSS: &str = ".ccu-edit-link{font-size:.875rem;font-weight:400;margin-left:.5rem;white-space:nowrap}
p.ccu-edit-at{margin:.25rem 0 .75rem;font-size:.875rem}
.ccu-saved{border:4px solid #00703c;background:#f0fff4;color:#0b0c0c;padding:.5rem 1rem;margin:1rem 0;font-weight:700}
.ccu-changed{outline:4px solid #00703c;outline-offset:4px;background:#f0fff4}
";

/// One edit link: where it goes and what it says.
struct Link {
    card: String,
    label: String,
}

fn link_html(edit: &str, lang: Lang, l: &Link) -> String {
    format!(
        "<a class=ccu-edit-link lang={lang} href=\"{edit}#{}\">{}</a>",
        card_id(&l.card),
        escape(&W::edit_part.fill(lang, &[("part", &l.label)]))
    )
}

/// Inserts `add` after the first `tag…>…</close>` found from `from`; returns where the
/// element starts.
fn after_element(html: &mut String, open: &str, close: &str, add: &str) -> Option<usize> {
    let start = html.find(open)?;
    let end = html[start..].find(close)? + start + close.len();
    html.insert_str(end, add);
    Some(start)
}

/// Adds `ccu-changed` to the element whose start tag begins at `at` (`<h1…`, `<p class=lead…`).
fn highlight(html: &mut String, at: usize) {
    let Some(len) = html[at..].find('>') else {
        return;
    };
    let tag = html[at..at + len].to_string();
    let new = match tag.find(" class=") {
        Some(i) => {
            let rest = &tag[i + 7..];
            let (value, after) = match rest.strip_prefix('"') {
                Some(q) => {
                    let e = q.find('"').unwrap_or(q.len());
                    (q[..e].to_string(), q.get(e + 1..).unwrap_or("").to_string())
                }
                None => {
                    let e = rest.find(' ').unwrap_or(rest.len());
                    (rest[..e].to_string(), rest[e..].to_string())
                }
            };
            format!("{} class=\"{value} ccu-changed\"{after}", &tag[..i])
        }
        None => format!("{tag} class=ccu-changed"),
    };
    html.replace_range(at..at + len, &new);
}

/// The page at `path` (`/az/services/1-4/`) with its edit links, and the notice of the
/// save numbered `saved` when there is one.
pub fn mark(root: &Path, path: &str, html: Vec<u8>, saved: Option<u64>) -> Vec<u8> {
    let Ok(mut html) = String::from_utf8(html) else {
        return Vec::new();
    };
    let Some((lang, rest)) = super::words::split(path) else {
        return html.into_bytes();
    };
    let parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let [kind, slug] = parts.as_slice() else {
        return html.into_bytes();
    };
    let mut diags = Vec::new();
    let catalog = catalog::load(root, false, &mut diags);
    let edit = format!("/_edit{path}");
    let changed = saved.and_then(super::recent::get);
    let paths: Vec<String> = changed
        .as_ref()
        .map(|c| c.paths.clone())
        .unwrap_or_default();
    let touched = |card: &str| {
        paths
            .iter()
            .any(|p| p == card || p.starts_with(&format!("{card}.")))
    };
    let base = catalog.as_ref().and_then(|c| base_of(c, kind, slug));
    // The title: the edit link after it.
    let (title_card, title_label) = match (*kind, &base) {
        ("services", Some(b)) => (format!("{b}.title"), W::title),
        ("guides", _) => ("title".to_string(), W::guide_title),
        (_, Some(b)) => (format!("{b}.name"), W::name_plain),
        _ => (String::new(), W::title),
    };
    if !title_card.is_empty() {
        let l = Link {
            card: title_card.clone(),
            label: title_label.t(lang).into(),
        };
        let add = format!("<p class=ccu-edit-at>{}</p>", link_html(&edit, lang, &l));
        let at = after_element(&mut html, "<h1", "</h1>", &add);
        let changed_title = touched(&title_card)
            || (*kind == "services"
                && base.as_ref().is_some_and(|b| touched(&format!("{b}.name"))))
            || (*kind == "guides" && paths.iter().any(|p| p.ends_with(".title")));
        if let (Some(at), true) = (at, changed_title) {
            highlight(&mut html, at);
        }
    }
    if let (Some(c), Some(b), "services") = (&catalog, &base, *kind) {
        service_links(root, &mut html, c, b, &edit, lang, &touched);
    }
    if let Some(c) = &changed {
        let notice = format!(
            "<div class=ccu-saved role=status lang={lang}><p>{}</p></div>",
            escape(&c.what)
        );
        if let Some(i) = html
            .find("<main")
            .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
        {
            html.insert_str(i, &notice);
        }
    }
    if let Some(i) = html.find("</head>") {
        html.insert_str(i, "<link rel=stylesheet href=/__ccu/preview.css>");
    }
    html.into_bytes()
}

/// The catalog path of the entry a page shows (`services[3]`).
fn base_of(c: &Catalog, kind: &str, slug: &str) -> Option<String> {
    let i = match kind {
        "services" => c.services.iter().position(|s| s.slug() == slug),
        "agencies" => c.agencies.iter().position(|a| a.id == slug),
        "units" => c.units.iter().position(|u| u.id == slug),
        "topics" => c.topics.iter().position(|t| t.id == slug),
        "districts" => c.districts.iter().position(|d| d.slug() == slug),
        _ => None,
    }?;
    Some(format!("{kind}[{i}]"))
}

/// A service page's links: its description, each section heading, each fact.
fn service_links(
    root: &Path,
    html: &mut String,
    c: &Catalog,
    base: &str,
    edit: &str,
    lang: Lang,
    touched: &dyn Fn(&str) -> bool,
) {
    let Some(s) = base
        .strip_prefix("services[")
        .and_then(|i| i.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| c.services.get(i))
    else {
        return;
    };
    let description = format!("{base}.description");
    let l = Link {
        card: description.clone(),
        label: W::description.t(lang).into(),
    };
    let add = format!(" {}", link_html(edit, lang, &l));
    if let Some(start) = html.find("<p class=lead>") {
        if let Some(end) = html[start..].find("</p>").map(|e| start + e) {
            html.insert_str(end, &add);
        }
        if touched(&description) {
            highlight(html, start);
        }
    }
    let site = super::words::site_strings(root, lang);
    // Each fact list, in the order the page shows the kinds that have facts.
    let mut from = 0;
    for (kind, facts) in s.facts.kinds() {
        if facts.is_empty() {
            continue;
        }
        let Some(list) = html[from..].find("<ul class=facts>").map(|i| from + i) else {
            break;
        };
        let mut at = list;
        for n in 0..facts.len() {
            let card = format!("{base}.facts.{kind}[{n}]");
            let Some(li) = html[at..].find("<li").map(|i| at + i) else {
                break;
            };
            let Some(end) = html[li..].find("</li>").map(|i| li + i) else {
                break;
            };
            let heading = site
                .get(super::form::heading_key(kind))
                .cloned()
                .unwrap_or_default();
            let l = Link {
                card: card.clone(),
                label: format!(
                    "{heading} — {}",
                    W::fact_n.fill(lang, &[("n", &(n + 1).to_string())])
                ),
            };
            let add = format!(" {}", link_html(edit, lang, &l));
            html.insert_str(end, &add);
            if touched(&card) {
                highlight(html, li);
            }
            at = html[li..].find("</li>").map_or(li + 1, |i| li + i + 5);
        }
        from = at;
    }
    // Each section heading: to its first fact, or where a fact is added when it has none.
    for (kind, facts) in s.facts.kinds() {
        let Some(heading) = site.get(super::form::heading_key(kind)) else {
            continue;
        };
        let card = match facts.is_empty() {
            true => NEW_FACT.to_string(),
            false => format!("{base}.facts.{kind}[0]"),
        };
        let l = Link {
            card,
            label: heading.clone(),
        };
        let add = format!("<p class=ccu-edit-at>{}</p>", link_html(edit, lang, &l));
        let _ = after_element(
            html,
            &format!("<h2>{}</h2>", escape(heading)),
            "</h2>",
            &add,
        );
    }
}
