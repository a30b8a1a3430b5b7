//! "What's new": the latest changed services and guides, as a page and as an Atom feed.

use super::feeds;
use super::shell::{Crumbs, Kind, Renderer};
use crate::catalog::Localized;
use crate::lang::Lang;
use serde::Serialize;

const WHATS_NEW: Kind = Kind {
    template: "whats_new.html",
    section: "whats-new",
    crumbs: Crumbs::Home,
};

#[derive(Serialize)]
struct WhatsNewPage {
    changes: Vec<ChangeItem>,
}

#[derive(Serialize)]
struct ChangeItem {
    url: String,
    title: Localized,
    updated: String,
    /// The same date in words ("25 noyabr 2026").
    updated_text: String,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("whats_new_title", "whats_new_lead");
    r.index_page("whats-new", &WHATS_NEW, keys, |r, lang| {
        let changes = feeds::changes(r.input, lang).into_iter();
        let strings = &r.theme.strings[&lang];
        let changes = changes.map(|ch| ChangeItem {
            url: ch.path,
            title: ch.title,
            updated_text: super::facts::date_text(strings, lang, &ch.updated),
            updated: ch.updated,
        });
        WhatsNewPage {
            changes: changes.collect(),
        }
    })?;
    for lang in Lang::ALL {
        let feed = feeds::atom(r.input, lang, &r.t(lang, "feed_title"));
        r.site.add(format!("{lang}/atom.xml"), feed)?;
    }
    Ok(())
}
