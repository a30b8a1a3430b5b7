//! The catalog as data: what `catalog.yaml` holds once it is read.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// A text in the three languages. Azerbaijani is required; a missing English or
/// Russian text falls back to Azerbaijani (a warning, an error under `--strict`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub az: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub ru: Option<String>,
}

/// A resolved text: what a page in `lang` shows, and in which language it is written.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Localized {
    pub t: String,
    /// The language the text is in (differs from the page's when it fell back).
    pub l: Lang,
    pub fb: bool,
}

impl Text {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let v = match lang {
            Lang::Az => &self.az,
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        };
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The text in `lang`, or the Azerbaijani one marked as a fallback.
    pub fn resolve(&self, lang: Lang) -> Localized {
        match self.get(lang) {
            Some(t) => Localized {
                t: t.to_string(),
                l: lang,
                fb: false,
            },
            None => Localized {
                t: self.get(Lang::DEFAULT).unwrap_or_default().to_string(),
                l: Lang::DEFAULT,
                fb: lang != Lang::DEFAULT,
            },
        }
    }

    /// The text in `lang` or in Azerbaijani, for plain-text uses (titles, search).
    pub fn plain(&self, lang: Lang) -> String {
        self.resolve(lang).t
    }
}

/// A list of short texts per language (keywords, principles).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    #[serde(default)]
    pub az: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
}

impl TextList {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Az => &self.az,
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }

    /// The list in `lang`, or the Azerbaijani one when that language has none.
    pub fn resolve(&self, lang: Lang) -> (&[String], Lang) {
        let own = self.get(lang);
        if own.is_empty() {
            (self.get(Lang::DEFAULT), Lang::DEFAULT)
        } else {
            (own, lang)
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub site: Site,
    pub programme: Programme,
    pub audiences: Vec<Audience>,
    pub topics: Vec<Topic>,
    pub agencies: Vec<Agency>,
    pub services: Vec<Service>,
    pub units: Vec<Unit>,
    pub districts: Vec<District>,
    /// Towns, villages, settlements and Baku's districts, from `data/places.csv`.
    #[serde(skip)]
    pub places: Vec<super::places::Place>,
    /// Baku's districts (place ids) that a source says have no settlements (`data/baku-raions.csv`).
    #[serde(skip)]
    pub baku_without_settlements: Vec<String>,
    /// Foreign cities' names near Azerbaijani ones, as written (`data/foreign-names.txt`).
    #[serde(skip)]
    pub foreign_names: Vec<String>,
    /// The same names as the locator compares them; the locator works them out once.
    #[serde(skip)]
    pub foreign_keys: std::sync::OnceLock<Vec<String>>,
}

impl Catalog {
    /// Everything but the services, as text: equal texts, equal catalogs but for
    /// their services. None if a section cannot be written out.
    pub fn all_but_services(&self) -> Option<String> {
        let sections = serde_json::to_string(&(
            &self.site,
            &self.programme,
            &self.audiences,
            &self.topics,
            &self.agencies,
            &self.units,
            &self.districts,
            &self.places,
        ))
        .ok()?;
        Some(format!("{sections}{:?}", self.foreign_names))
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Absolute address the site is published at, without a trailing slash;
    /// used for canonical links, hreflang alternates and the sitemap.
    pub base_url: String,
    pub title: Text,
    /// The call centre's number, shown on every page.
    pub call_center: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub name: Text,
    pub short_name: Text,
    pub decree: Decree,
    pub summary: Text,
    pub principles: TextList,
    pub channels: Vec<Channel>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decree {
    pub number: u32,
    /// ISO date, `2021-06-25`.
    pub date: String,
    pub title: Text,
}

/// A way to apply: on-site, through the call centre, or by mobile service.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

impl Programme {
    /// The ways to apply without going to a unit: every channel but `on-site`.
    pub fn remote_channels(&self) -> impl Iterator<Item = &Channel> {
        self.channels.iter().filter(|ch| ch.id != "on-site")
    }
}

impl Channel {
    /// "Call Centre 142 — Call 142. …": the channel as the pages list it.
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "{} — {}",
            self.name.plain(lang),
            self.description.plain(lang)
        )
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub id: String,
    pub name: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub short_name: Option<Text>,
    pub description: Text,
    #[serde(default)]
    pub keywords: TextList,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The service's number in the decree's annex, `1.1` … `6.3`.
    pub id: String,
    /// URL segment; defaults to the id with `-` for `.` (`1-4`).
    #[serde(default)]
    pub slug: Option<String>,
    pub agency: String,
    /// The name as the decree lists it (shown as "In the decree: …", in JSON-LD
    /// `alternateName` and in search).
    pub name: Text,
    /// A short plain title, verb first: the page heading and the name in lists,
    /// search results and feeds. Without it, the decree's name is used.
    #[serde(default)]
    pub title: Option<Text>,
    /// A short plain-language explanation.
    pub description: Text,
    /// Who can apply, as the decree words it, where the audiences alone would say more or
    /// less (1.8 is for a *war-related* disability): the page shows it instead of the list.
    #[serde(default)]
    pub who: Option<Text>,
    /// The audiences the search filter and lists file the service under.
    pub audiences: Vec<String>,
    pub topic: String,
    #[serde(default)]
    pub keywords: TextList,
    /// ISO date of the last change, shown as "Last updated".
    #[serde(default)]
    pub updated: Option<String>,
    /// The id of a service the decree lists under the same name (4.2 and 4.1): records that
    /// the shared name is known, so `ccu check` does not warn about it.
    #[serde(default)]
    pub same_name_as: Option<String>,
    /// What public sources say about the service, each fact with its source.
    #[serde(default)]
    pub facts: Facts,
    /// The services a family usually needs after this one (martyr status → survivor
    /// pension → President's stipend), each with why; the page links them.
    #[serde(default)]
    pub next: Vec<NextStep>,
}

/// A service that follows another, and why, in words a family understands.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    /// The next service's id (`1.4`).
    pub service: String,
    /// Why it comes next: "With the certificate, apply for the survivor's pension."
    pub why: Text,
}

/// Sourced facts about a service, by what a citizen asks. Every list is optional:
/// where one is empty, the page tells the citizen to call 142.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Who can use the service, beyond the audiences.
    #[serde(default)]
    pub who: Vec<Fact>,
    /// How the service works: the steps, what happens after applying.
    #[serde(default)]
    pub how: Vec<Fact>,
    /// What you need: documents to bring.
    #[serde(default)]
    pub documents: Vec<Fact>,
    /// What it costs.
    #[serde(default)]
    pub cost: Vec<Fact>,
    /// How long it takes.
    #[serde(default)]
    pub time: Vec<Fact>,
    /// Where else you can apply.
    #[serde(default, rename = "where")]
    pub where_else: Vec<Fact>,
    /// The law the service rests on.
    #[serde(default)]
    pub law: Vec<Fact>,
}

impl Facts {
    /// The kinds in the order a page shows them, with their field names.
    pub fn kinds(&self) -> [(&'static str, &[Fact]); 7] {
        [
            ("who", &self.who),
            ("how", &self.how),
            ("documents", &self.documents),
            ("cost", &self.cost),
            ("time", &self.time),
            ("where", &self.where_else),
            ("law", &self.law),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.kinds().iter().all(|(_, f)| f.is_empty())
    }
}

/// One fact, as a public source states it. `source` and `checked` are optional
/// here only so that `ccu check` can name a missing one with its line.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// What the page says, in plain words; never more than the source says.
    pub text: Text,
    /// The address of the public page the fact comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// When the source was read: `YYYY-MM-DD`, or `YYYY-MM` where only the month is known.
    #[serde(default)]
    pub checked: Option<String>,
    /// How closely the source matches: `exact` (about this service at the units) or
    /// `close` (the same agency's service elsewhere). `similar` sources are never published.
    #[serde(default, rename = "match")]
    pub matches: Option<String>,
    /// The source's own words, for reviewers; not shown on the page. Whole sentences:
    /// a cut is marked with `…`, and parts of one page are joined with ` / `.
    #[serde(default)]
    pub quote: Option<String>,
    /// The part of the service the fact is about, where it is not the whole service
    /// ("For the President's stipend for a war-related disability"): the page leads with it.
    #[serde(default)]
    pub part: Option<Text>,
    /// What kind of page the source is: `official` (a state body's page), `law` (a legal
    /// text) or `news` (a news report); the page shows it beside the source's site.
    #[serde(default)]
    pub kind: Option<String>,
    /// When a news report was published: `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(default)]
    pub published: Option<String>,
}

/// The kinds of source a fact may cite.
pub const SOURCE_KINDS: [&str; 3] = ["official", "law", "news"];

impl Service {
    /// What lists, headings, search results and feeds call the service.
    pub fn heading(&self) -> &Text {
        self.title.as_ref().unwrap_or(&self.name)
    }

    pub fn slug(&self) -> String {
        self.slug
            .clone()
            .unwrap_or_else(|| self.id.replace('.', "-"))
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Regional,
    Dost,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub name: Text,
    /// The name is plural ("DOST centres"): sentences about the unit take the plural.
    #[serde(default)]
    pub plural: bool,
    /// The district (ISO code) whose centre gives the unit's position; none where no source
    /// says where the unit is (the DOST centres that serve Sumgayit), so it is not on the map.
    #[serde(default)]
    pub seat: Option<String>,
    /// Known addresses; empty where none is published (pages then say "call 142").
    #[serde(default)]
    pub addresses: Vec<Text>,
    #[serde(default)]
    pub note: Option<Text>,
    /// The served districts (ISO codes) whose pages also show `note`, where it is about them
    /// (the Tərtər branch of the Karabakh centre on Tərtər's page).
    #[serde(default)]
    pub note_districts: Vec<String>,
    /// How a page says that the unit serves a place, where the sources say less or more than
    /// the plain "{place} sakinlərinə {unit} xidmət göstərir." (DOST's page only claims it; the
    /// centre is in Bərdə). `{place}` is filled in where the sentence names the place.
    #[serde(default)]
    pub served: Option<Text>,
    /// What a citizen must know before going, said wherever the unit is named (its page, lists,
    /// the map's key, district pages, the locator's answers): no centre open yet, call 142.
    #[serde(default)]
    pub caution: Option<Text>,
    /// Sourced facts about the unit (when it opened, what it serves), as a service's facts.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// ISO codes of the cities and districts it serves.
    pub districts: Vec<String>,
    /// Baku's districts (ids in `data/places.csv`) a Baku DOST centre serves, where a source says.
    #[serde(default)]
    pub baku_districts: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DistrictKind {
    City,
    District,
    AutonomousRepublic,
}

impl DistrictKind {
    /// The theme's word for this kind (`şəhər`, `rayon`), by its key.
    pub fn word_key(self) -> &'static str {
        match self {
            DistrictKind::City => "district_kind_city",
            DistrictKind::District => "district_kind_district",
            DistrictKind::AutonomousRepublic => "district_kind_autonomous_republic",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// ISO 3166-2:AZ code, `AZ-LAN`.
    pub id: String,
    pub kind: DistrictKind,
    #[serde(default)]
    pub parent: Option<String>,
    pub name: Text,
    /// Other spellings people type: older names, transliterations, Russian forms.
    #[serde(default)]
    pub spellings: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    /// Set where the unit serving it is inferred rather than listed in the decree's annex.
    #[serde(default)]
    pub inferred: bool,
    /// Set where a straight line to the nearest unit crosses a border, so that the road is much longer.
    #[serde(default)]
    pub straight_line_misleads: bool,
}

impl District {
    pub fn slug(&self) -> String {
        self.id.to_ascii_lowercase()
    }
}

impl Catalog {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.id == id)
    }
    /// The names, in `lang`, of the cities and districts a unit serves.
    pub fn covered_names(&self, unit: &Unit, lang: Lang) -> Vec<String> {
        unit.districts
            .iter()
            .filter_map(|d| self.district(d))
            .map(|d| d.name.plain(lang))
            .collect()
    }

    pub fn place(&self, id: &str) -> Option<&super::places::Place> {
        self.places.iter().find(|p| p.id == id)
    }
    /// The Baku DOST centre that serves a Baku district, where a source says.
    pub fn centre_for(&self, baku_district: &str) -> Option<&Unit> {
        self.units
            .iter()
            .find(|u| u.baku_districts.iter().any(|b| b == baku_district))
    }

    /// The unit that serves a district, if any.
    pub fn unit_for(&self, district_id: &str) -> Option<&Unit> {
        self.units
            .iter()
            .find(|u| u.districts.iter().any(|d| d == district_id))
    }
}
