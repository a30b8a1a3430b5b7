//! The search page: a form that works without JavaScript, its filters, and the
//! words its script needs.

use super::items::{AgencyItem, AudienceItem, TopicItem};
use super::shell::{Crumbs, Kind, Renderer, script_json};
use crate::lang::Lang;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// The strings (and ways to get help) the page's script needs for results found in
/// another language and for an empty result.
#[derive(Serialize)]
struct SearchWords {
    /// "N results" in every plural form the language has, picked with `Intl.PluralRules`.
    results: BTreeMap<String, String>,
    none: String,
    fallback: String,
    translit: String,
    suggest: String,
    topics: String,
    topic_links: Vec<TopicItem>,
    other_ways: String,
    /// "in Azerbaijani", … by language code, for saying where results came from.
    #[serde(rename = "in")]
    in_lang: BTreeMap<&'static str, String>,
    channels: Vec<String>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("search_title", "search_label");
    r.index_page("search", &SEARCH, keys, |r, lang| SearchPage {
        topics: r.topics(lang),
        agencies: r.agencies(lang),
        audiences: r.audiences(lang),
        words_json: script_json(&words(r, lang)),
    })
}

fn words(r: &Renderer, lang: Lang) -> SearchWords {
    let in_lang = Lang::ALL.iter();
    SearchWords {
        results: super::theme::count_forms(&r.theme.strings[&lang], "search_results"),
        none: r.t(lang, "search_none"),
        fallback: r.t(lang, "search_fallback"),
        translit: r.t(lang, "search_translit"),
        suggest: r.t(lang, "search_suggest"),
        topics: r.t(lang, "home_topics_title"),
        topic_links: r.topics(lang),
        other_ways: r.t(lang, "search_other_ways"),
        in_lang: in_lang
            .map(|l| (l.code(), r.t(lang, &format!("search_in_{l}"))))
            .collect(),
        channels: r.other_ways(lang),
    }
}
