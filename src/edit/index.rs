//! `/_edit/{lang}/`: the editor's entry page: search across the entries, add a service
//! or a guide, the translation status in short, the recent changes, and every form.

use super::words::W;
use super::{errors_text, html};
use crate::catalog;
use crate::content;
use crate::lang::Lang;
use crate::text::escape;
use std::path::Path;

/// One entry the editor can open: what it is called and its form's address.
struct Item {
    section: W,
    text: String,
    href: String,
}

fn items(c: &catalog::Catalog, guides: &content::Guides, lang: Lang) -> Vec<Item> {
    let href = |page: String| format!("/_edit{page}");
    let mut out = Vec::new();
    for s in &c.services {
        out.push(Item {
            section: W::sec_services,
            text: format!("{} — {}", s.id, s.heading().plain(lang)),
            href: href(crate::render::url_service(lang, s)),
        });
    }
    for a in &c.agencies {
        out.push(Item {
            section: W::sec_agencies,
            text: a.name.plain(lang),
            href: href(crate::render::url_agency(lang, &a.id)),
        });
    }
    for u in &c.units {
        out.push(Item {
            section: W::sec_units,
            text: u.name.plain(lang),
            href: href(crate::render::url_unit(lang, &u.id)),
        });
    }
    for t in &c.topics {
        out.push(Item {
            section: W::sec_topics,
            text: t.name.plain(lang),
            href: href(format!("/{lang}/topics/{}/", t.id)),
        });
    }
    for (slug, v) in guides {
        let title = v
            .get(&lang)
            .or_else(|| v.values().next())
            .map(|g| g.title.clone())
            .unwrap_or_default();
        out.push(Item {
            section: W::sec_guides,
            text: title,
            href: href(crate::render::url_guide(lang, slug)),
        });
    }
    out
}

/// Letters folded for matching what an editor types: case, and the Azerbaijani letters
/// typed on a keyboard without them (`ə` as `e`, `ş` as `s`).
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'ə' => 'e',
            'ı' => 'i',
            'ö' => 'o',
            'ü' => 'u',
            'ş' => 's',
            'ç' => 'c',
            'ğ' => 'g',
            'ё' => 'е',
            c => c,
        })
        .filter(|c| *c != '\u{307}')
        .collect()
}

/// The `q` of a query string, decoded.
fn query_q(query: &str) -> String {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// The entry page in the editor's language `lang`; `query` is the address's query
/// string (`q=pensiya` searches).
pub fn index(root: &Path, lang: Lang, query: &str) -> String {
    let mut diags = Vec::new();
    let Some(c) = catalog::load(root, false, &mut diags) else {
        return html::message(
            lang,
            "/",
            W::cannot_work.t(lang),
            W::cannot_work_text.t(lang),
            &[errors_text(&diags)],
        );
    };
    let guides = content::load(root, false, &mut diags);
    let all = items(&c, &guides, lang);
    let q = query_q(query);
    let mut body = format!(
        "<h1>{}</h1><p>{}</p>",
        W::index_title.t(lang),
        W::index_lead.t(lang)
    );
    body.push_str(&format!(
        "<form method=get action=/_edit/{lang}/ role=search class=search><label for=q>{}</label><div class=row><input type=search id=q name=q value=\"{}\"> <button type=submit>{}</button></div></form>",
        W::search_label.t(lang),
        escape(&q),
        W::search_button.t(lang)
    ));
    if !q.is_empty() {
        let words: Vec<String> = fold(&q).split_whitespace().map(String::from).collect();
        let found: Vec<&Item> = all
            .iter()
            .filter(|i| {
                let text = fold(&format!("{} {}", i.text, i.section.t(lang)));
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        body.push_str(&format!(
            "<section aria-labelledby=found-h><h2 id=found-h>{}</h2>",
            escape(&W::search_results.fill(lang, &[("q", &q)]))
        ));
        if found.is_empty() {
            body.push_str(&format!("<p>{}</p>", W::search_none.t(lang)));
        } else {
            body.push_str("<ul>");
            for i in found {
                body.push_str(&format!(
                    "<li><a href=\"{}\">{}</a> <span class=muted>({})</span></li>",
                    escape(&i.href),
                    escape(&i.text),
                    i.section.t(lang)
                ));
            }
            body.push_str("</ul>");
        }
        body.push_str("</section>");
    }
    body.push_str(&format!(
        "<ul class=actions-list><li><a class=button href=/_edit/{lang}/new/service/>{}</a></li><li><a class=button href=/_edit/{lang}/new/guide/>{}</a></li><li><a href=/_edit/{lang}/translations>{}</a></li><li><a href=/_edit/{lang}/synonyms>{}</a></li></ul>",
        W::add_service.t(lang),
        W::add_guide.t(lang),
        W::nav_translations.t(lang),
        W::nav_synonyms.t(lang),
    ));
    body.push_str(&super::translations::summary(lang, root));
    body.push_str(&super::recent::html(lang));
    for section in [
        W::sec_services,
        W::sec_agencies,
        W::sec_units,
        W::sec_topics,
        W::sec_guides,
    ] {
        body.push_str(&format!("<h2>{}</h2><ul>", section.t(lang)));
        for i in all.iter().filter(|i| i.section == section) {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape(&i.href),
                escape(&i.text)
            ));
        }
        body.push_str("</ul>");
    }
    html::page(lang, "/", W::index_title.t(lang), &body)
}
