//! The home page: the programme, whom it serves, its topics, agencies, channels and guides.

use super::items::{AgencyItem, AudienceItem, ChannelItem, GuideItem, TopicItem};
use super::shell::{Crumbs, Head, Kind, Renderer};
use crate::catalog::Localized;
use serde::Serialize;

const HOME: Kind = Kind {
    template: "home.html",
    section: "home",
    crumbs: Crumbs::None,
};

#[derive(Serialize)]
struct HomePage {
    programme: Programme,
    audiences: Vec<AudienceItem>,
    topics: Vec<TopicItem>,
    agencies: Vec<AgencyItem>,
    channels: Vec<ChannelItem>,
    guides: Vec<GuideItem>,
}

#[derive(Serialize)]
struct Programme {
    name: Localized,
    short_name: Localized,
    summary: Localized,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let paths = Renderer::paths(|l| format!("/{l}/"));
    r.each_lang(paths, None, |r, lang, paths| {
        let c = r.c();
        let p = &c.programme;
        let data = HomePage {
            programme: Programme {
                name: p.name.resolve(lang),
                short_name: p.short_name.resolve(lang),
                summary: p.summary.resolve(lang),
            },
            audiences: r.audiences(lang),
            topics: r.topics(lang),
            agencies: r.agencies(lang),
            channels: r.channels(lang),
            guides: r.guides(lang),
        };
        let head = Head {
            title: c.site.title.plain(lang),
            description: r.t(lang, "home_lead"),
            jsonld: None,
        };
        r.page(lang, paths, &HOME, head, &data)
    })
}
