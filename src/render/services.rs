//! The services index (grouped by agency) and one page per service.

use super::items::{AudienceItem, ChannelItem, Link, ServiceItem};
use super::jsonld::{
    self, Audience, ContactPoint, Country, GovernmentService, Organization, ServiceChannel,
};
use super::shell::{Crumbs, Head, Kind, Renderer, script_json};
use super::{url_agency, url_service, url_topic};
use crate::catalog::{Agency, Localized, Service, Topic};
use crate::lang::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

const INDEX: Kind = Kind {
    template: "services.html",
    section: "services",
    crumbs: Crumbs::Home,
};
const SERVICE: Kind = Kind {
    template: "service.html",
    section: "services",
    crumbs: Crumbs::Under("nav_services", "services"),
};

#[derive(Serialize)]
struct ServicesPage {
    groups: Vec<AgencyGroup>,
}

/// An agency's heading and the services under it.
#[derive(Serialize)]
struct AgencyGroup {
    url: String,
    name: Localized,
    services: Vec<ServiceItem>,
}

#[derive(Serialize)]
struct ServicePage {
    service: ServiceInfo,
    /// The sourced facts by kind (`documents`, `cost`, …), and `any`.
    facts: serde_json::Value,
    agency: Link,
    topic: Link,
    audiences: Vec<AudienceItem>,
    channels: Vec<ChannelItem>,
    /// The services a family usually needs after this one, linked, with why.
    next: Vec<NextItem>,
    /// What its printed sheet adds: every unit, for where to apply.
    sheet: super::offline::ServiceSheet,
}

/// "Next: Apply for a labour pension — with the certificate, …".
#[derive(Serialize)]
struct NextItem {
    url: String,
    title: Localized,
    why: Localized,
}

#[derive(Serialize)]
struct ServiceInfo {
    id: String,
    /// The plain title the page leads with.
    title: Localized,
    /// The decree's wording.
    name: Localized,
    description: Localized,
    /// Who can apply, as the decree words it, where the audiences alone say more or less.
    who: Option<Localized>,
    updated: Option<String>,
    /// The same date in words ("25 noyabr 2026").
    updated_text: Option<String>,
    /// The decree lists another service under the same name (4.1 and 4.2): the page says so.
    same_name: bool,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("services_title", "services_lead");
    r.index_page("services", &INDEX, keys, |r, lang| ServicesPage {
        groups: groups(r, lang),
    })?;
    let c = r.c();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for s in &c.services {
        *by_name.entry(name_key(s)).or_default() += 1;
    }
    for s in &c.services {
        let (Some(agency), Some(topic)) = (c.agency(&s.agency), c.topic(&s.topic)) else {
            continue;
        };
        let same = by_name[&name_key(s)] > 1;
        let paths = Renderer::paths(|l| url_service(l, s));
        r.each_lang(paths, s.updated.clone(), |r, lang, paths| {
            let data = service_page(r, lang, s, agency, topic, same);
            let head = Head {
                title: s.heading().plain(lang),
                description: s.description.plain(lang),
                jsonld: Some(script_json(&service_jsonld(r, lang, s, paths))),
            };
            r.page(lang, paths, &SERVICE, head, &data)
        })?;
    }
    Ok(())
}

/// Each service's page paths (every language) and everything its pages read that is
/// the service's own: the service, whether another service has its name, and the titles
/// and addresses of its next steps. Equal inputs in catalogs equal but for their services
/// give equal pages.
pub(super) fn page_inputs(c: &crate::catalog::Catalog) -> Vec<(Vec<String>, u64)> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for s in &c.services {
        *by_name.entry(name_key(s)).or_default() += 1;
    }
    c.services
        .iter()
        .map(|s| {
            let paths = Lang::ALL.iter().map(|&l| url_service(l, s)).collect();
            let next: Vec<_> = Lang::ALL
                .iter()
                .flat_map(|&l| next_steps(c, l, s))
                .map(|n| (n.url, n.title.t))
                .collect();
            let inputs = (s, by_name[&name_key(s)] > 1, next);
            // JSON, not Debug: Debug escapes every character on the way, ten times slower.
            let bytes =
                serde_json::to_vec(&inputs).unwrap_or_else(|_| format!("{inputs:?}").into_bytes());
            (paths, crate::text::digest(&bytes))
        })
        .collect()
}

fn name_key(s: &Service) -> String {
    s.name.plain(Lang::En).to_lowercase()
}

fn groups(r: &Renderer, lang: Lang) -> Vec<AgencyGroup> {
    let c = r.c();
    let group = |a: &Agency| {
        let services = c.services.iter().filter(|s| s.agency == a.id);
        AgencyGroup {
            url: url_agency(lang, &a.id),
            name: a.name.resolve(lang),
            services: services.map(|s| r.service_item(lang, s, false)).collect(),
        }
    };
    c.agencies.iter().map(group).collect()
}

fn service_page(
    r: &Renderer,
    lang: Lang,
    s: &Service,
    agency: &Agency,
    topic: &Topic,
    same_name: bool,
) -> ServicePage {
    let c = r.c();
    let audiences = s.audiences.iter().filter_map(|a| c.audience(a));
    ServicePage {
        service: ServiceInfo {
            id: s.id.clone(),
            title: s.heading().resolve(lang),
            name: s.name.resolve(lang),
            description: s.description.resolve(lang),
            who: s.who.as_ref().map(|w| w.resolve(lang)),
            updated: s.updated.clone(),
            updated_text: s
                .updated
                .as_ref()
                .map(|d| super::facts::date_text(&r.theme.strings[&lang], lang, d)),
            same_name,
        },
        facts: super::facts::facts_json(&r.theme.strings[&lang], lang, &s.facts),
        agency: Link {
            url: url_agency(lang, &agency.id),
            name: agency.name.resolve(lang),
        },
        topic: Link {
            url: url_topic(lang, &topic.id),
            name: topic.name.resolve(lang),
        },
        audiences: audiences
            .map(|a| AudienceItem {
                id: a.id.clone(),
                name: a.name.resolve(lang),
            })
            .collect(),
        channels: r.channels(lang),
        next: next_steps(c, lang, s),
        sheet: super::offline::service_sheet(r, lang),
    }
}

fn next_steps(c: &crate::catalog::Catalog, lang: Lang, s: &Service) -> Vec<NextItem> {
    s.next
        .iter()
        .filter_map(|n| {
            let other = c.services.iter().find(|o| o.id == n.service)?;
            Some(NextItem {
                url: url_service(lang, other),
                title: other.heading().resolve(lang),
                why: n.why.resolve(lang),
            })
        })
        .collect()
}

fn service_jsonld(
    r: &Renderer,
    lang: Lang,
    s: &Service,
    paths: &BTreeMap<Lang, String>,
) -> GovernmentService {
    let c = r.c();
    let audience = s.audiences.iter().filter_map(|a| c.audience(a));
    GovernmentService {
        context: jsonld::CONTEXT,
        kind: "GovernmentService",
        identifier: s.id.clone(),
        name: s.heading().plain(lang),
        // The decree's wording, so that a search for it still finds the service.
        alternate_name: s.name.plain(lang),
        description: s.description.plain(lang),
        url: r.abs(&paths[&lang]),
        in_language: lang.code(),
        service_type: c.topic(&s.topic).map(|t| t.name.plain(lang)),
        audience: audience
            .map(|a| Audience {
                kind: "Audience",
                audience_type: a.name.plain(lang),
            })
            .collect(),
        service_operator: c.agency(&s.agency).map(|a| Organization {
            context: None,
            kind: "GovernmentOrganization",
            identifier: a.id.clone(),
            name: a.name.plain(lang),
            description: None,
            url: r.abs(&url_agency(lang, &a.id)),
            in_language: None,
            area_served: None,
        }),
        available_channel: channels_jsonld(r, lang),
        // On-site in the units' areas, by phone (142) and mobile service everywhere.
        area_served: Country::new(r.t(lang, "country_name")),
    }
}

fn channels_jsonld(r: &Renderer, lang: Lang) -> Vec<ServiceChannel> {
    let c = r.c();
    let channel = |ch: &crate::catalog::Channel| ServiceChannel {
        kind: "ServiceChannel",
        name: ch.name.plain(lang),
        description: ch.description.plain(lang),
        service_phone: (ch.id == "call-center").then(|| ContactPoint {
            kind: "ContactPoint",
            telephone: c.site.call_center.clone(),
            contact_type: ch.name.plain(lang),
        }),
        // The places are listed on the units page; one link keeps every service page small.
        service_url: (ch.id == "on-site").then(|| r.abs(&format!("/{lang}/units/"))),
    };
    c.programme.channels.iter().map(channel).collect()
}
