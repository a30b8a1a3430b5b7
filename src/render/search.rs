//! The search page: a form that works without JavaScript, its filters, and the
//! words its script needs.

use super::items::{AgencyItem, AudienceItem, TopicItem};
use super::shell::{Crumbs, Kind, Renderer, script_json};
use serde::Serialize;

const SEARCH: Kind = Kind {
    template: "search.html",
    section: "search",
    crumbs: Crumbs::Home,
};

#[derive(Serialize)]
struct SearchPage {
    topics: Vec<TopicItem>,
    agencies: Vec<AgencyItem>,
    audiences: Vec<AudienceItem>,
    /// `SearchWords` as JSON, for the page's script.
    words_json: String,
}

#[derive(Serialize)]
struct SearchWords {
    results: String,
    none: String,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("search_title", "search_label");
    r.index_page("search", &SEARCH, keys, |r, lang| {
        let words = SearchWords {
            results: r.t(lang, "search_results"),
            none: r.t(lang, "search_none"),
        };
        SearchPage {
            topics: r.topics(lang),
            agencies: r.agencies(lang),
            audiences: r.audiences(lang),
            words_json: script_json(&words),
        }
    })
}
