//! `/_edit/`: the list of every form.

use super::{errors_text, html};
use crate::catalog;
use crate::content;
use crate::lang::Lang;
use std::path::Path;

/// `/_edit/`: a link to the form of every service, agency, unit and guide.
pub fn index(root: &Path) -> String {
    use crate::text::escape;
    let mut diags = Vec::new();
    let Some(c) = catalog::load(root, false, &mut diags) else {
        return html::message(
            "The catalog has problems",
            &format!("Fix them in a text editor first:\n{}", errors_text(&diags)),
        );
    };
    let guides = content::load(root, false, &mut diags);
    let list = |title: &str, items: Vec<(String, String)>| {
        let mut s = format!("<h2>{}</h2><ul>", escape(title));
        for (href, text) in items {
            s.push_str(&format!(
                "<li><a href=\"/_edit{}\">{}</a></li>",
                escape(&href),
                escape(&text)
            ));
        }
        s + "</ul>"
    };
    let en = |t: &catalog::Text| t.plain(Lang::En);
    let mut body = String::from(
        "<h1>Edit the portal</h1><p>Each page of a service, agency, unit or guide also has an Edit link. <a href=/_edit/translations>Translation status</a> · <a href=/_edit/new/service/>Add a service</a> · <a href=/_edit/new/guide/>Add a guide</a></p>",
    );
    body.push_str(&list(
        "Services",
        c.services
            .iter()
            .map(|s| {
                (
                    crate::render::url_service(Lang::Az, s),
                    format!("{} {}", s.id, en(s.heading())),
                )
            })
            .collect(),
    ));
    body.push_str(&list(
        "Agencies",
        c.agencies
            .iter()
            .map(|a| (crate::render::url_agency(Lang::Az, &a.id), en(&a.name)))
            .collect(),
    ));
    body.push_str(&list(
        "Units",
        c.units
            .iter()
            .map(|u| (crate::render::url_unit(Lang::Az, &u.id), en(&u.name)))
            .collect(),
    ));
    body.push_str(&list(
        "Guides",
        guides
            .iter()
            .map(|(slug, v)| {
                let title = v
                    .values()
                    .next()
                    .map(|g| g.title.clone())
                    .unwrap_or_default();
                (crate::render::url_guide(Lang::Az, slug), title)
            })
            .collect(),
    ));
    html::page("Edit the portal", &body)
}
