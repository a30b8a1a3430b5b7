//! The agencies index and one page per agency, listing its services.

use super::items::{About, AgencyItem, ServiceItem};
use super::jsonld::{self, Country, Organization};
use super::shell::{Crumbs, Head, Kind, Renderer, script_json};
use super::url_agency;
use crate::catalog::Agency;
use crate::lang::Lang;
use serde::Serialize;

const INDEX: Kind = Kind {
    template: "agencies.html",
    section: "agencies",
    crumbs: Crumbs::Home,
};
const AGENCY: Kind = Kind {
    template: "agency.html",
    section: "agencies",
    crumbs: Crumbs::Under("nav_agencies", "agencies"),
};

#[derive(Serialize)]
struct AgenciesPage {
    agencies: Vec<AgencyItem>,
}

#[derive(Serialize)]
struct AgencyPage {
    agency: About,
    services: Vec<ServiceItem>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let keys = ("agencies_title", "agencies_lead");
    r.index_page("agencies", &INDEX, keys, |r, lang| AgenciesPage {
        agencies: r.agencies(lang),
    })?;
    for a in &r.c().agencies {
        let paths = Renderer::paths(|l| url_agency(l, &a.id));
        r.each_lang(paths, None, |r, lang, paths| {
            let data = AgencyPage {
                agency: About {
                    name: a.name.resolve(lang),
                    description: a.description.resolve(lang),
                },
                services: r.services_where(lang, |s| s.agency == a.id),
            };
            let head = Head {
                title: a.name.plain(lang),
                description: a.description.plain(lang),
                jsonld: Some(script_json(&agency_jsonld(r, lang, a, &paths[&lang]))),
            };
            r.page(lang, paths, &AGENCY, head, &data)
        })?;
    }
    Ok(())
}

fn agency_jsonld(r: &Renderer, lang: Lang, a: &Agency, path: &str) -> Organization {
    Organization {
        context: Some(jsonld::CONTEXT),
        kind: "GovernmentOrganization",
        identifier: a.id.clone(),
        name: a.name.plain(lang),
        description: Some(a.description.plain(lang)),
        url: r.abs(path),
        in_language: Some(lang.code()),
        area_served: Some(Country::new(r.t(lang, "country_name"))),
    }
}
