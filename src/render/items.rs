//! The entries that several page kinds list: a service, a district, a unit, a
//! topic, an agency, an audience, a channel, a guide, the map's legend.

use super::shell::Renderer;
use super::{
    collation_key, guide_in, url_agency, url_district, url_guide, url_service, url_topic, url_unit,
};
use crate::catalog::{District, Localized, Service, Unit, UnitKind};
use crate::content::Guide;
use crate::lang::Lang;
use serde::Serialize;

/// A page's subject, as its heading and lead show it.
#[derive(Serialize)]
pub(super) struct About {
    pub name: Localized,
    pub description: Localized,
}

/// A link to another page, by its name.
#[derive(Serialize)]
pub(super) struct Link {
    pub url: String,
    pub name: Localized,
}

#[derive(Serialize)]
pub(super) struct ServiceItem {
    id: String,
    url: String,
    name: Localized,
    description: Option<Localized>,
}

#[derive(Clone, Serialize)]
pub(super) struct DistrictItem {
    id: String,
    url: String,
    name: Localized,
    /// The name, with its kind where another division shares it (Yevlakh city, Yevlakh district).
    label: String,
    /// City, district or autonomous republic, in words.
    kind: String,
    /// The unit that serves it, if one does.
    unit: Option<Localized>,
    /// What to know before going to that unit (no centre open yet; confirm by calling 142).
    caution: Option<Localized>,
    /// The unit that serves it is inferred from a division of the same name.
    inferred: bool,
    /// Then what DOST's list has instead ("Lənkəran rayonu, not Lənkəran şəhəri").
    inferred_note: Option<String>,
}

#[derive(Serialize)]
pub(super) struct UnitItem {
    id: String,
    url: String,
    name: Localized,
    kind_name: String,
    addresses: Vec<Localized>,
    note: Option<Localized>,
    /// What to know before going, said wherever the unit is named.
    caution: Option<Localized>,
    districts: Vec<DistrictItem>,
}

/// One line of the map's key: a unit's colour and name, or (colour empty) what a hollow dot means.
#[derive(Serialize)]
pub(super) struct LegendEntry {
    colour: &'static str,
    name: Localized,
    /// What to know before going to the unit, where there is something.
    caution: Option<Localized>,
    url: String,
}

#[derive(Serialize)]
pub(super) struct ChannelItem {
    id: String,
    name: Localized,
    description: Localized,
}

#[derive(Serialize)]
pub(super) struct TopicItem {
    id: String,
    url: String,
    name: Localized,
    description: Localized,
}

#[derive(Serialize)]
pub(super) struct AgencyItem {
    id: String,
    url: String,
    name: Localized,
    /// How many services it provides.
    count: usize,
}

#[derive(Serialize)]
pub(super) struct AudienceItem {
    pub id: String,
    pub name: Localized,
}

#[derive(Serialize)]
pub(super) struct GuideItem {
    url: String,
    title: Localized,
    description: Localized,
}

/// Every district's name in `lang`, in the catalog's order, with its kind where
/// another division shares the name (Yevlakh city and Yevlakh district).
fn district_labels(r: &Renderer, lang: Lang) -> Vec<String> {
    let districts = &r.c().districts;
    let names: Vec<String> = districts.iter().map(|d| d.name.plain(lang)).collect();
    let mut count = std::collections::HashMap::new();
    for n in &names {
        *count.entry(n.as_str()).or_insert(0) += 1;
    }
    districts
        .iter()
        .zip(&names)
        .map(|(d, name)| match count[name.as_str()] {
            1 => name.clone(),
            _ => format!("{name} ({})", r.t(lang, d.kind.word_key())),
        })
        .collect()
}

/// A guide's own text, marked as a fallback where it is not in the page's language.
pub(super) fn guide_text(g: &Guide, lang: Lang, t: &str) -> Localized {
    Localized {
        t: t.to_string(),
        l: g.lang,
        fb: g.lang != lang,
    }
}

impl Renderer<'_> {
    pub fn service_item(&self, lang: Lang, s: &Service, with_description: bool) -> ServiceItem {
        ServiceItem {
            id: s.id.clone(),
            url: url_service(lang, s),
            name: s.heading().resolve(lang),
            description: with_description.then(|| s.description.resolve(lang)),
        }
    }

    /// The services `keep` selects, each with its description.
    pub fn services_where(&self, lang: Lang, keep: impl Fn(&Service) -> bool) -> Vec<ServiceItem> {
        let services = self.c().services.iter().filter(|s| keep(s));
        services.map(|s| self.service_item(lang, s, true)).collect()
    }

    /// A district's entry in lists (made once per build and language: most pages
    /// about places list districts).
    pub fn district_item(&self, lang: Lang, d: &District) -> DistrictItem {
        let all = self.district_items.get_or_init(|| {
            let c = self.c();
            let mut items = std::collections::HashMap::new();
            for lang in Lang::ALL {
                let labels = district_labels(self, lang);
                for (d, label) in c.districts.iter().zip(labels) {
                    let item = DistrictItem {
                        id: d.id.clone(),
                        url: url_district(lang, d),
                        name: d.name.resolve(lang),
                        label,
                        kind: kind_unless_named(self.t(lang, d.kind.word_key()), d, lang),
                        unit: c.unit_for(&d.id).map(|u| u.name.resolve(lang)),
                        caution: c
                            .unit_for(&d.id)
                            .and_then(|u| u.caution.as_ref())
                            .map(|w| w.resolve(lang)),
                        inferred: d.inferred,
                        inferred_note: crate::locator::words::inferred(
                            &self.theme.strings[&lang],
                            d,
                            lang,
                            "unit_district_",
                        ),
                    };
                    items.insert((lang, d.id.clone()), item);
                }
            }
            items
        });
        all[&(lang, d.id.clone())].clone()
    }

    /// A district's name, with its kind where another division shares the name
    /// (Yevlakh city and Yevlakh district).
    pub fn district_label(&self, lang: Lang, d: &District) -> String {
        self.district_item(lang, d).label
    }

    pub fn unit_item(&self, lang: Lang, u: &Unit) -> UnitItem {
        let c = self.c();
        let districts = u.districts.iter().filter_map(|id| c.district(id));
        let kind_key = match u.kind {
            UnitKind::Dost => "unit_kind_dost",
            UnitKind::Regional => "unit_kind_regional",
        };
        UnitItem {
            id: u.id.clone(),
            url: url_unit(lang, &u.id),
            name: u.name.resolve(lang),
            kind_name: self.t(lang, kind_key),
            addresses: u.addresses.iter().map(|a| a.resolve(lang)).collect(),
            note: u.note.as_ref().map(|n| n.resolve(lang)),
            caution: u.caution.as_ref().map(|w| w.resolve(lang)),
            districts: districts.map(|d| self.district_item(lang, d)).collect(),
        }
    }

    /// The map's key: each unit's colour and name, and what a hollow dot means.
    pub fn legend(&self, lang: Lang) -> Vec<LegendEntry> {
        let c = self.c();
        let mut v: Vec<LegendEntry> = c
            .units
            .iter()
            .map(|u| LegendEntry {
                colour: crate::locator::map::colour(c, &u.id),
                name: u.name.resolve(lang),
                caution: u.caution.as_ref().map(|w| w.resolve(lang)),
                url: url_unit(lang, &u.id),
            })
            .collect();
        v.push(LegendEntry {
            colour: "",
            name: self.t_loc(lang, "locator_not_covered"),
            caution: None,
            url: String::new(),
        });
        v
    }

    pub fn channels(&self, lang: Lang) -> Vec<ChannelItem> {
        let channels = self.c().programme.channels.iter();
        channels
            .map(|ch| ChannelItem {
                id: ch.id.clone(),
                name: ch.name.resolve(lang),
                description: ch.description.resolve(lang),
            })
            .collect()
    }

    /// The ways to get help without going to a unit, as "name — description", for
    /// the scripts that word a locator answer or an empty search result.
    pub fn other_ways(&self, lang: Lang) -> Vec<String> {
        let channels = self.c().programme.remote_channels();
        channels.map(|ch| ch.line(lang)).collect()
    }

    pub fn topics(&self, lang: Lang) -> Vec<TopicItem> {
        let topics = self.c().topics.iter();
        topics
            .map(|t| TopicItem {
                id: t.id.clone(),
                url: url_topic(lang, &t.id),
                name: t.name.resolve(lang),
                description: t.description.resolve(lang),
            })
            .collect()
    }

    pub fn agencies(&self, lang: Lang) -> Vec<AgencyItem> {
        let c = self.c();
        c.agencies
            .iter()
            .map(|a| AgencyItem {
                id: a.id.clone(),
                url: url_agency(lang, &a.id),
                name: a.name.resolve(lang),
                count: c.services.iter().filter(|s| s.agency == a.id).count(),
            })
            .collect()
    }

    pub fn audiences(&self, lang: Lang) -> Vec<AudienceItem> {
        let audiences = self.c().audiences.iter();
        audiences
            .map(|a| AudienceItem {
                id: a.id.clone(),
                name: a.name.resolve(lang),
            })
            .collect()
    }

    /// The guides shown in `lang`, by weight then title.
    pub fn guides(&self, lang: Lang) -> Vec<GuideItem> {
        let mut gs: Vec<&Guide> = self
            .input
            .guides
            .values()
            .filter_map(|v| guide_in(v, lang))
            .collect();
        gs.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
        gs.into_iter()
            .map(|g| GuideItem {
                url: url_guide(lang, &g.slug),
                title: guide_text(g, lang, &g.title),
                description: guide_text(g, lang, &g.description),
            })
            .collect()
    }

    /// Every district, in the alphabet of the page's language.
    pub fn districts_sorted(&self, lang: Lang) -> Vec<DistrictItem> {
        let mut ds: Vec<&District> = self.c().districts.iter().collect();
        ds.sort_by_cached_key(|d| (collation_key(lang, &d.name.plain(lang)), d.id.clone()));
        ds.into_iter()
            .map(|d| self.district_item(lang, d))
            .collect()
    }
}

/// A division's kind in words, empty where its name already says it ("Нахчыванская Автономная
/// Республика" needs no "(автономная республика)").
fn kind_unless_named(kind: String, d: &District, lang: Lang) -> String {
    let name = d.name.plain(lang).to_lowercase();
    match name.contains(&kind.to_lowercase()) {
        true => String::new(),
        false => kind,
    }
}
