//! Rendering: every page in every language, plus sitemap, robots and feeds.

mod feeds;
mod theme;

pub use theme::{Theme, escape};

use crate::catalog::{Catalog, District, DistrictKind, Service, Text, Unit, UnitKind};
use crate::content::{Guide, Guides};
use crate::lang::Lang;
use crate::locator::Answer;
use crate::output::Site;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// What rendering reads: the validated inputs and the locator's answers.
pub struct Input<'a> {
    pub catalog: &'a Catalog,
    pub guides: &'a Guides,
    pub answers: &'a BTreeMap<String, Answer>,
    /// The map of units and districts per language, as inline SVG.
    pub maps: &'a BTreeMap<Lang, String>,
    /// Output paths of the stylesheet and script, after fingerprinting.
    pub css: &'a str,
    pub js: &'a str,
    /// Report pages done on standard error as the build goes.
    pub progress: bool,
}

/// One page in all three languages: its address in each, for switchers and the sitemap.
pub struct PageEntry {
    pub paths: BTreeMap<Lang, String>,
    pub updated: Option<String>,
}

pub fn url_service(lang: Lang, s: &Service) -> String {
    format!("/{lang}/services/{}/", s.slug())
}
pub fn url_agency(lang: Lang, id: &str) -> String {
    format!("/{lang}/agencies/{id}/")
}
pub fn url_unit(lang: Lang, id: &str) -> String {
    format!("/{lang}/units/{id}/")
}
pub fn url_district(lang: Lang, d: &District) -> String {
    format!("/{lang}/districts/{}/", d.slug())
}
pub fn url_topic(lang: Lang, id: &str) -> String {
    format!("/{lang}/topics/{id}/")
}
pub fn url_guide(lang: Lang, slug: &str) -> String {
    format!("/{lang}/guides/{slug}/")
}

/// The guide shown in `lang`: its own version, or the Azerbaijani one.
pub fn guide_in(versions: &BTreeMap<Lang, Guide>, lang: Lang) -> Option<&Guide> {
    versions.get(&lang).or_else(|| versions.get(&Lang::DEFAULT))
}

struct Renderer<'a> {
    input: &'a Input<'a>,
    theme: &'a Theme,
    site: &'a mut Site,
    pages: Vec<PageEntry>,
    /// Rendered HTML by output path, minified all together at the end.
    html: Vec<(String, String)>,
}

/// Renders every page into `site`. Errors name the template or page that failed.
pub fn render(input: &Input, theme: &Theme, site: &mut Site) -> Result<Vec<PageEntry>, String> {
    let mut r = Renderer {
        input,
        theme,
        site,
        pages: Vec::new(),
        html: Vec::new(),
    };
    r.all()?;
    r.flush()?;
    Ok(r.pages)
}

/// Pages are minified in batches as they are rendered, so that a large site's
/// unminified HTML never sits in memory all at once.
const BATCH: usize = 512;

/// Minifies pages on every core: it is most of a build's time.
fn minify_all(pages: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_input_type_text_attr = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = pages.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                let cfg = &cfg;
                scope.spawn(move || {
                    part.iter()
                        .map(|(path, html)| {
                            (path.clone(), minify_html::minify(html.as_bytes(), cfg))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("minifying does not panic"))
            .collect()
    })
}

fn loc(t: &Text, lang: Lang) -> Value {
    serde_json::to_value(t.resolve(lang)).unwrap_or(Value::Null)
}

/// True when any localized text in the page's data fell back to Azerbaijani.
fn has_fallback(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.get("fb") == Some(&Value::Bool(true)) || m.values().any(has_fallback),
        Value::Array(a) => a.iter().any(has_fallback),
        _ => false,
    }
}

/// JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element.
fn json_ld(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

fn district_kind_key(k: DistrictKind) -> &'static str {
    match k {
        DistrictKind::City => "district_kind_city",
        DistrictKind::District => "district_kind_district",
        DistrictKind::AutonomousRepublic => "district_kind_autonomous_republic",
    }
}

/// Sort key following the alphabet of the page's language (ç after c, ə after e, …).
pub fn collation_key(lang: Lang, s: &str) -> Vec<u32> {
    const AZ: &str = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz";
    let lower = crate::text::az_lowercase(s);
    lower
        .chars()
        .map(|c| match lang {
            Lang::Az => AZ
                .chars()
                .position(|a| a == c)
                .map_or(1000 + c as u32, |p| p as u32),
            Lang::Ru if c == 'ё' => 'е' as u32 * 2 + 1,
            _ => c as u32 * 2,
        })
        .collect()
}

impl Renderer<'_> {
    fn flush(&mut self) -> Result<(), String> {
        for (path, bytes) in minify_all(std::mem::take(&mut self.html)) {
            self.site.add(path, bytes)?;
        }
        if self.input.progress {
            eprint!("\rrendered {} pages", self.site.len());
        }
        Ok(())
    }

    fn t(&self, lang: Lang, key: &str) -> String {
        self.theme
            .strings
            .get(&lang)
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_default()
    }

    fn c(&self) -> &Catalog {
        self.input.catalog
    }

    fn abs(&self, path: &str) -> String {
        format!("{}{}", self.c().site.base_url, path)
    }

    /// Renders one page in one language and stores it under `path`.
    #[allow(clippy::too_many_arguments)]
    fn page(
        &mut self,
        lang: Lang,
        paths: &BTreeMap<Lang, String>,
        template: &str,
        section: &str,
        title: &str,
        description: &str,
        breadcrumbs: Vec<Value>,
        jsonld: Option<Value>,
        data: Value,
    ) -> Result<(), String> {
        let c = self.c();
        let path = &paths[&lang];
        let alternates: Vec<Value> = Lang::ALL
            .iter()
            .map(|&l| {
                json!({
                    "code": l.code(), "name": l.endonym(), "href": paths[&l],
                    "abs": self.abs(&paths[&l]), "current": l == lang, "locale": l.locale(),
                })
            })
            .collect();
        let fallback = has_fallback(&data);
        let mut ctx = json!({
            "lang": lang.code(),
            "t": self.theme.strings.get(&lang),
            "site": {
                "title": c.site.title.plain(lang),
                "call_center": c.site.call_center,
                "base_url": c.site.base_url,
            },
            "decree_title": loc(&c.programme.decree.title, lang),
            "section": section,
            "assets": {"css": self.input.css, "js": self.input.js},
            "page": {
                "title": title,
                "description": description,
                "path": path,
                "canonical": self.abs(path),
                "xdefault": self.abs(&paths[&Lang::DEFAULT]),
                "alternates": alternates,
                "locale": lang.locale(),
                "fallback": fallback,
            },
            "breadcrumbs": breadcrumbs,
            "jsonld": jsonld.as_ref().map(json_ld).unwrap_or_default(),
        });
        if let (Value::Object(m), Value::Object(d)) = (&mut ctx, data) {
            m.extend(d);
        }
        let context = tera::Context::from_serialize(&ctx)
            .map_err(|e| format!("cannot prepare the page {path}: {e}"))?;
        let html = self
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| format!("the template {template} failed for {path}: {e}"))?;
        let out = format!("{}index.html", path.trim_start_matches('/'));
        self.html.push((out, html));
        if self.html.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn home_crumb(&self, lang: Lang) -> Value {
        json!({"title": {"t": self.t(lang, "nav_home"), "l": lang, "fb": false}, "href": format!("/{lang}/")})
    }

    fn crumb(&self, lang: Lang, key: &str, href: String) -> Value {
        json!({"title": {"t": self.t(lang, key), "l": lang, "fb": false}, "href": href})
    }

    fn paths(f: impl Fn(Lang) -> String) -> BTreeMap<Lang, String> {
        Lang::ALL.iter().map(|&l| (l, f(l))).collect()
    }

    /// Renders a page in all three languages.
    fn each_lang(
        &mut self,
        paths: BTreeMap<Lang, String>,
        updated: Option<String>,
        mut one: impl FnMut(&mut Self, Lang, &BTreeMap<Lang, String>) -> Result<(), String>,
    ) -> Result<(), String> {
        for lang in Lang::ALL {
            one(self, lang, &paths)?;
        }
        self.pages.push(PageEntry { paths, updated });
        Ok(())
    }

    /// A section's index page, `/{lang}/SEGMENT/`: its title and lead from the UI
    /// strings (`keys`), a crumb home, and what the template lists.
    fn index_page(
        &mut self,
        segment: &str,
        template: &str,
        nav: &str,
        keys: (&str, &str),
        data: impl Fn(&Self, Lang) -> Value,
    ) -> Result<(), String> {
        self.each_lang(
            Self::paths(|l| format!("/{l}/{segment}/")),
            None,
            |r, lang, paths| {
                let title = r.t(lang, keys.0);
                let desc = r.t(lang, keys.1);
                let crumbs = vec![r.home_crumb(lang)];
                let d = data(r, lang);
                r.page(lang, paths, template, nav, &title, &desc, crumbs, None, d)
            },
        )
    }

    fn service_item(&self, lang: Lang, s: &Service, with_description: bool) -> Value {
        json!({
            "id": s.id,
            "url": url_service(lang, s),
            "name": loc(&s.name, lang),
            "description": if with_description { loc(&s.description, lang) } else { Value::Null },
        })
    }

    fn district_item(&self, lang: Lang, d: &District) -> Value {
        json!({
            "id": d.id,
            "url": url_district(lang, d),
            "name": loc(&d.name, lang),
            "kind": self.t(lang, district_kind_key(d.kind)),
            "unit": self.c().unit_for(&d.id).map(|u| loc(&u.name, lang)),
        })
    }

    fn unit_item(&self, lang: Lang, u: &Unit) -> Value {
        let districts: Vec<Value> = u
            .districts
            .iter()
            .filter_map(|id| self.c().district(id))
            .map(|d| self.district_item(lang, d))
            .collect();
        json!({
            "id": u.id,
            "url": url_unit(lang, &u.id),
            "name": loc(&u.name, lang),
            "kind_name": self.t(lang, if u.kind == UnitKind::Dost { "unit_kind_dost" } else { "unit_kind_regional" }),
            "addresses": u.addresses.iter().map(|a| loc(a, lang)).collect::<Vec<_>>(),
            "note": u.note.as_ref().map(|n| loc(n, lang)),
            "districts": districts,
        })
    }

    /// The map's key: each unit's colour and name, and what a hollow dot means.
    fn legend(&self, lang: Lang) -> Vec<Value> {
        let c = self.c();
        let mut v: Vec<Value> = c
            .units
            .iter()
            .map(|u| json!({"colour": crate::locator::map::colour(c, &u.id), "name": loc(&u.name, lang), "url": url_unit(lang, &u.id)}))
            .collect();
        v.push(json!({"colour": "", "name": {"t": self.t(lang, "locator_not_covered"), "l": lang, "fb": false}, "url": ""}));
        v
    }

    fn channels(&self, lang: Lang) -> Vec<Value> {
        self.c()
            .programme
            .channels
            .iter()
            .map(|ch| json!({"id": ch.id, "name": loc(&ch.name, lang), "description": loc(&ch.description, lang)}))
            .collect()
    }

    fn topics(&self, lang: Lang) -> Vec<Value> {
        self.c()
            .topics
            .iter()
            .map(|t| json!({"id": t.id, "url": url_topic(lang, &t.id), "name": loc(&t.name, lang), "description": loc(&t.description, lang)}))
            .collect()
    }

    fn agencies(&self, lang: Lang) -> Vec<Value> {
        self.c()
            .agencies
            .iter()
            .map(|a| {
                let count = self.c().services.iter().filter(|s| s.agency == a.id).count();
                json!({"id": a.id, "url": url_agency(lang, &a.id), "name": loc(&a.name, lang), "count": count})
            })
            .collect()
    }

    fn audiences(&self, lang: Lang) -> Vec<Value> {
        self.c()
            .audiences
            .iter()
            .map(|a| json!({"id": a.id, "name": loc(&a.name, lang)}))
            .collect()
    }

    fn guides_sorted(&self, lang: Lang) -> Vec<&Guide> {
        let mut gs: Vec<&Guide> = self
            .input
            .guides
            .values()
            .filter_map(|v| guide_in(v, lang))
            .collect();
        gs.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
        gs
    }

    fn guide_item(lang: Lang, g: &Guide) -> Value {
        let text = |t: &str| json!({"t": t, "l": g.lang, "fb": g.lang != lang});
        json!({"url": url_guide(lang, &g.slug), "title": text(&g.title), "description": text(&g.description)})
    }

    fn districts_sorted(&self, lang: Lang) -> Vec<Value> {
        let mut ds: Vec<&District> = self.c().districts.iter().collect();
        ds.sort_by_cached_key(|d| (collation_key(lang, &d.name.plain(lang)), d.id.clone()));
        ds.into_iter()
            .map(|d| self.district_item(lang, d))
            .collect()
    }

    fn all(&mut self) -> Result<(), String> {
        let c = self.input.catalog;

        // Home.
        self.each_lang(Self::paths(|l| format!("/{l}/")), None, |r, lang, paths| {
            let guides: Vec<Value> = r.guides_sorted(lang).into_iter().map(|g| Self::guide_item(lang, g)).collect();
            let data = json!({
                "programme": {"name": loc(&c.programme.name, lang), "short_name": loc(&c.programme.short_name, lang), "summary": loc(&c.programme.summary, lang)},
                "audiences": r.audiences(lang), "topics": r.topics(lang), "agencies": r.agencies(lang),
                "channels": r.channels(lang), "guides": guides,
            });
            let title = c.site.title.plain(lang);
            let desc = r.t(lang, "home_lead");
            r.page(lang, paths, "home.html", "home", &title, &desc, vec![], None, data)
        })?;

        // Services, grouped by agency.
        self.index_page("services", "services.html", "services", ("services_title", "services_lead"), |r, lang| {
            let groups: Vec<Value> = c
                .agencies
                .iter()
                .map(|a| {
                    let services: Vec<Value> = c.services.iter().filter(|s| s.agency == a.id).map(|s| r.service_item(lang, s, false)).collect();
                    json!({"url": url_agency(lang, &a.id), "name": loc(&a.name, lang), "services": services})
                })
                .collect();
            json!({"groups": groups})
        })?;

        // Services the decree lists under one name (4.1 and 4.2) say so on their pages.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for s in &c.services {
            *by_name
                .entry(s.name.plain(Lang::En).to_lowercase())
                .or_default() += 1;
        }
        for s in &c.services {
            let Some(agency) = c.agency(&s.agency) else {
                continue;
            };
            let Some(topic) = c.topic(&s.topic) else {
                continue;
            };
            let same = by_name[&s.name.plain(Lang::En).to_lowercase()] > 1;
            self.each_lang(Self::paths(|l| url_service(l, s)), s.updated.clone(), |r, lang, paths| {
                let audiences: Vec<Value> = s
                    .audiences
                    .iter()
                    .filter_map(|a| c.audience(a))
                    .map(|a| json!({"id": a.id, "name": loc(&a.name, lang)}))
                    .collect();
                let data = json!({
                    "service": {"id": s.id, "name": loc(&s.name, lang), "description": loc(&s.description, lang), "updated": s.updated, "same_name": same},
                    "agency": {"url": url_agency(lang, &agency.id), "name": loc(&agency.name, lang)},
                    "topic": {"url": url_topic(lang, &topic.id), "name": loc(&topic.name, lang)},
                    "audiences": audiences,
                    "channels": r.channels(lang),
                });
                let jsonld = r.service_jsonld(lang, s, paths);
                let title = s.name.plain(lang);
                let desc = s.description.plain(lang);
                let crumbs = vec![r.home_crumb(lang), r.crumb(lang, "nav_services", format!("/{lang}/services/"))];
                r.page(lang, paths, "service.html", "services", &title, &desc, crumbs, Some(jsonld), data)
            })?;
        }

        // Agencies.
        self.index_page(
            "agencies",
            "agencies.html",
            "agencies",
            ("agencies_title", "agencies_lead"),
            |r, lang| json!({"agencies": r.agencies(lang)}),
        )?;
        for a in &c.agencies {
            self.each_lang(Self::paths(|l| url_agency(l, &a.id)), None, |r, lang, paths| {
                let services: Vec<Value> = c.services.iter().filter(|s| s.agency == a.id).map(|s| r.service_item(lang, s, true)).collect();
                let data = json!({"agency": {"name": loc(&a.name, lang), "description": loc(&a.description, lang)}, "services": services});
                let jsonld = json!({
                    "@context": "https://schema.org", "@type": "GovernmentOrganization",
                    "identifier": a.id, "name": a.name.plain(lang), "description": a.description.plain(lang),
                    "url": r.abs(&paths[&lang]), "inLanguage": lang.code(),
                    "areaServed": {"@type": "Country", "name": r.t(lang, "country_name")},
                });
                let title = a.name.plain(lang);
                let desc = a.description.plain(lang);
                let crumbs = vec![r.home_crumb(lang), r.crumb(lang, "nav_agencies", format!("/{lang}/agencies/"))];
                r.page(lang, paths, "agency.html", "agencies", &title, &desc, crumbs, Some(jsonld), data)
            })?;
        }

        // Topics.
        self.index_page(
            "topics",
            "topics.html",
            "topics",
            ("topics_title", "home_lead"),
            |r, lang| json!({"topics": r.topics(lang)}),
        )?;
        for tp in &c.topics {
            self.each_lang(Self::paths(|l| url_topic(l, &tp.id)), None, |r, lang, paths| {
                let services: Vec<Value> = c.services.iter().filter(|s| s.topic == tp.id).map(|s| r.service_item(lang, s, true)).collect();
                let data = json!({"topic": {"name": loc(&tp.name, lang), "description": loc(&tp.description, lang)}, "services": services});
                let title = tp.name.plain(lang);
                let desc = tp.description.plain(lang);
                let crumbs = vec![r.home_crumb(lang), r.crumb(lang, "nav_topics", format!("/{lang}/topics/"))];
                r.page(lang, paths, "topic.html", "topics", &title, &desc, crumbs, None, data)
            })?;
        }

        // Units.
        let maps = self.input.maps;
        self.index_page(
            "units",
            "units.html",
            "units",
            ("units_title", "units_lead"),
            |r, lang| {
                let group = |kind: UnitKind, key: &str| {
                    let units: Vec<Value> = c
                        .units
                        .iter()
                        .filter(|u| u.kind == kind)
                        .map(|u| r.unit_item(lang, u))
                        .collect();
                    json!({"title": r.t(lang, key), "units": units})
                };
                let groups = vec![
                    group(UnitKind::Dost, "units_dost"),
                    group(UnitKind::Regional, "units_regional"),
                ];
                json!({"groups": groups, "map": maps.get(&lang), "legend": r.legend(lang)})
            },
        )?;
        for u in &c.units {
            self.each_lang(
                Self::paths(|l| url_unit(l, &u.id)),
                None,
                |r, lang, paths| {
                    let title = u.name.plain(lang);
                    let covered = c.covered_names(u, lang);
                    let desc = format!("{}: {}", r.t(lang, "unit_covers"), covered.join(", "));
                    let crumbs = vec![
                        r.home_crumb(lang),
                        r.crumb(lang, "nav_units", format!("/{lang}/units/")),
                    ];
                    let data = json!({"unit": r.unit_item(lang, u), "map": maps.get(&lang), "legend": r.legend(lang)});
                    r.page(
                        lang,
                        paths,
                        "unit.html",
                        "units",
                        &title,
                        &desc,
                        crumbs,
                        None,
                        data,
                    )
                },
            )?;
        }

        // Districts, each answering "which unit serves me?".
        self.index_page(
            "districts",
            "districts.html",
            "locator",
            ("districts_title", "locator_lead"),
            |r, lang| json!({"districts": r.districts_sorted(lang)}),
        )?;
        for d in &c.districts {
            let Some(answer) = self.input.answers.get(&d.id) else {
                continue;
            };
            let Some(unit) = c.unit(&answer.unit) else {
                continue;
            };
            self.each_lang(Self::paths(|l| url_district(l, d)), None, |r, lang, paths| {
                let others: Vec<Value> = if answer.covered {
                    unit.districts.iter().filter(|x| **x != d.id).filter_map(|x| c.district(x)).map(|x| r.district_item(lang, x)).collect()
                } else {
                    vec![]
                };
                let parent = d.parent.as_deref().and_then(|p| c.district(p)).map(|p| r.district_item(lang, p));
                let data = json!({
                    "district": {
                        "name": loc(&d.name, lang), "kind_name": r.t(lang, district_kind_key(d.kind)),
                        "parent": parent, "inferred": d.inferred, "straight_line_misleads": d.straight_line_misleads,
                    },
                    "answer": {"covered": answer.covered, "distance_km": answer.distance_km,
                               "unit": {"url": url_unit(lang, &unit.id), "name": loc(&unit.name, lang)}, "others": others},
                    "channels": r.channels(lang),
                });
                let title = d.name.plain(lang);
                let desc = if answer.covered {
                    format!("{} {}: {}", title, r.t(lang, "district_served_by"), unit.name.plain(lang))
                } else {
                    format!("{} {}: {}", r.t(lang, "district_not_served"), r.t(lang, "district_nearest"), unit.name.plain(lang))
                };
                let crumbs = vec![r.home_crumb(lang), r.crumb(lang, "districts_title", format!("/{lang}/districts/"))];
                r.page(lang, paths, "district.html", "locator", &title, &desc, crumbs, None, data)
            })?;
        }

        // Locator and search: pages that work without JavaScript and are enhanced with it.
        self.index_page("locator", "locator.html", "locator", ("locator_title", "locator_lead"), |r, lang| {
            // The strings the page's script needs to word its answers.
            let words = json!({
                "served_by": r.t(lang, "district_served_by"), "not_served": r.t(lang, "district_not_served"),
                "nearest": r.t(lang, "district_nearest"), "km": r.t(lang, "district_km"),
                "caveat": r.t(lang, "district_caveat"), "other_ways": r.t(lang, "district_other_ways"),
                "none": r.t(lang, "locator_none"), "suggest": r.t(lang, "locator_suggest"),
                "in_baku_district": r.t(lang, "locate_in_baku_district"), "in_division": r.t(lang, "locate_in_division"),
                "centre_serves": r.t(lang, "locate_centre_serves"), "baku_unknown": r.t(lang, "locate_baku_unknown"),
                "choose": r.t(lang, "locate_choose"), "also": r.t(lang, "locate_also"),
                "channels": c.programme.channels.iter().filter(|ch| ch.id != "on-site").map(|ch| format!("{} — {}", ch.name.plain(lang), ch.description.plain(lang))).collect::<Vec<_>>(),
            });
            json!({"districts": r.districts_sorted(lang), "map": maps.get(&lang), "legend": r.legend(lang), "words_json": json_ld(&words)})
        })?;
        self.index_page("search", "search.html", "search", ("search_title", "search_label"), |r, lang| {
            let words = json!({"results": r.t(lang, "search_results"), "none": r.t(lang, "search_none")});
            json!({"topics": r.topics(lang), "agencies": r.agencies(lang), "audiences": r.audiences(lang), "words_json": json_ld(&words)})
        })?;

        // Guides.
        self.index_page(
            "guides",
            "guides.html",
            "guides",
            ("guides_title", "home_lead"),
            |r, lang| {
                let guides: Vec<Value> = r
                    .guides_sorted(lang)
                    .into_iter()
                    .map(|g| Self::guide_item(lang, g))
                    .collect();
                json!({"guides": guides})
            },
        )?;
        for (slug, versions) in self.input.guides {
            let updated = guide_in(versions, Lang::DEFAULT).and_then(|g| g.updated.clone());
            self.each_lang(Self::paths(|l| url_guide(l, slug)), updated, |r, lang, paths| {
                let Some(g) = guide_in(versions, lang) else { return Ok(()) };
                // Title and description carry their language, so a fallback guide is marked as one.
                let text = |t: &str| json!({"t": t, "l": g.lang, "fb": g.lang != lang});
                let data = json!({
                    "guide": {"lang": g.lang.code(), "title": text(&g.title), "description": text(&g.description),
                              "html": g.body.html, "toc": g.body.toc, "updated": g.updated},
                });
                let crumbs = vec![r.home_crumb(lang), r.crumb(lang, "nav_guides", format!("/{lang}/guides/"))];
                r.page(lang, paths, "guide.html", "guides", &g.title, &g.description, crumbs, None, data)
            })?;
        }

        // What's new.
        self.index_page(
            "whats-new",
            "whats_new.html",
            "whats-new",
            ("whats_new_title", "whats_new_lead"),
            |r, lang| {
                let changes: Vec<Value> = feeds::changes(r.input, lang)
                    .into_iter()
                    .map(|ch| json!({"url": ch.path, "title": ch.title, "updated": ch.updated}))
                    .collect();
                json!({"changes": changes})
            },
        )?;
        for lang in Lang::ALL {
            let feed = feeds::atom(self.input, lang, &self.t(lang, "feed_title"));
            self.site.add(format!("{lang}/atom.xml"), feed)?;
        }

        self.root_pages()?;
        let sitemap = feeds::sitemap(&c.site.base_url, &self.pages);
        self.site.add("sitemap.xml", sitemap)?;
        self.site.add(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
                c.site.base_url
            ),
        )?;
        Ok(())
    }

    fn service_jsonld(&self, lang: Lang, s: &Service, paths: &BTreeMap<Lang, String>) -> Value {
        let c = self.c();
        let agency = c.agency(&s.agency);
        let channels: Vec<Value> = c
            .programme
            .channels
            .iter()
            .map(|ch| {
                let mut v = json!({"@type": "ServiceChannel", "name": ch.name.plain(lang), "description": ch.description.plain(lang)});
                match ch.id.as_str() {
                    "call-center" => {
                        v["servicePhone"] = json!({"@type": "ContactPoint", "telephone": c.site.call_center, "contactType": ch.name.plain(lang)});
                    }
                    "on-site" => {
                        // The places are listed on the units page; one link keeps every service page small.
                        v["serviceUrl"] = json!(self.abs(&format!("/{lang}/units/")));
                    }
                    _ => {}
                }
                v
            })
            .collect();
        json!({
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "identifier": s.id,
            "name": s.name.plain(lang),
            "description": s.description.plain(lang),
            "url": self.abs(&paths[&lang]),
            "inLanguage": lang.code(),
            "serviceType": c.topic(&s.topic).map(|t| t.name.plain(lang)),
            "audience": s.audiences.iter().filter_map(|a| c.audience(a)).map(|a| json!({"@type": "Audience", "audienceType": a.name.plain(lang)})).collect::<Vec<_>>(),
            "serviceOperator": agency.map(|a| json!({
                "@type": "GovernmentOrganization", "identifier": a.id, "name": a.name.plain(lang),
                "url": self.abs(&url_agency(lang, &a.id)),
            })),
            "availableChannel": channels,
            // On-site in the units' areas, by phone (142) and mobile service everywhere.
            "areaServed": {"@type": "Country", "name": self.t(lang, "country_name")},
        })
    }

    /// `/` (a language chooser that needs no JavaScript) and `404.html`.
    fn root_pages(&mut self) -> Result<(), String> {
        let c = self.c();
        let langs: Vec<Value> = Lang::ALL
            .iter()
            .map(|&l| {
                json!({
                    "code": l.code(), "name": l.endonym(), "href": format!("/{l}/"), "abs": self.abs(&format!("/{l}/")),
                    "title": c.site.title.plain(l), "lead": self.t(l, "home_lead"),
                    "not_found": self.t(l, "not_found_title"), "not_found_text": self.t(l, "not_found_text"),
                    "home": self.t(l, "nav_home"),
                })
            })
            .collect();
        let ctx = json!({
            "langs": langs, "call_center": c.site.call_center, "canonical": self.abs("/"),
            "description": self.t(Lang::DEFAULT, "home_lead"),
            "assets": {"css": self.input.css, "js": self.input.js},
        });
        let context = tera::Context::from_serialize(&ctx).map_err(|e| e.to_string())?;
        for (template, out) in [("root.html", "index.html"), ("404.html", "404.html")] {
            let html = self
                .theme
                .tera
                .render(template, &context)
                .map_err(|e| format!("the template {template} failed: {e}"))?;
            self.html.push((out.to_string(), html));
        }
        Ok(())
    }
}
