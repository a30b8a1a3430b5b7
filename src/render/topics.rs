//! The topics index and one page per topic, listing its services.

use super::items::{About, ServiceItem, TopicItem};
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::url_topic;
use serde::Serialize;

const INDEX: Kind = Kind {
    template: "topics.html",
    section: "topics",
    crumbs: Crumbs::Home,
};
const TOPIC: Kind = Kind {
    template: "topic.html",
    section: "topics",
    crumbs: Crumbs::Under("nav_topics", "topics"),
};

#[derive(Serialize)]
struct TopicsPage {
    topics: Vec<TopicItem>,
}

#[derive(Serialize)]
struct TopicPage {
    topic: About,
    services: Vec<ServiceItem>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    r.index_page(
        "topics",
        &INDEX,
        ("topics_title", "home_lead"),
        |r, lang| TopicsPage {
            topics: r.topics(lang),
        },
    )?;
    for tp in &r.c().topics {
        let paths = Renderer::paths(|l| url_topic(l, &tp.id));
        r.each_lang(paths, None, |r, lang, paths| {
            let data = TopicPage {
                topic: About {
                    name: tp.name.resolve(lang),
                    description: tp.description.resolve(lang),
                },
                services: r.services_where(lang, |s| s.topic == tp.id),
            };
            let head = Head {
                title: tp.name.plain(lang),
                description: tp.description.plain(lang),
                jsonld: None,
            };
            r.page(lang, paths, &TOPIC, head, &data)
        })?;
    }
    Ok(())
}
