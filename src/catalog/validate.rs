//! Checks that go beyond the schema: references, duplicates, translations, slugs.

use super::{Catalog, Spans, Text, TextList, UnitKind};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use std::collections::{BTreeMap, HashMap, HashSet};

struct V<'a> {
    spans: &'a Spans<'a>,
    strict: bool,
    diags: &'a mut Vec<Diagnostic>,
}

impl V<'_> {
    fn error(&mut self, path: &str, msg: String, help: &str) {
        let (l, c) = self.spans.find(path).unwrap_or((0, 0));
        self.diags.push(
            Diagnostic::error(super::FILE, msg)
                .at(l, c)
                .path(path)
                .help(help),
        );
    }

    fn warn(&mut self, path: &str, msg: String, help: &str) {
        let (l, c) = self.spans.find(path).unwrap_or((0, 0));
        self.diags.push(
            Diagnostic::warning(super::FILE, msg)
                .at(l, c)
                .path(path)
                .help(help),
        );
    }

    /// Azerbaijani is required; English and Russian fall back to it.
    fn text(&mut self, path: &str, t: &Text) {
        if t.get(Lang::Az).is_none() {
            self.error(
                &format!("{path}.az"),
                "the Azerbaijani text is missing".into(),
                "add `az:` with the text; Azerbaijani is the portal's default language",
            );
        }
        for lang in [Lang::En, Lang::Ru] {
            if t.get(lang).is_none() {
                self.missing_translation(&format!("{path}.{lang}"), lang);
            }
        }
    }

    fn list(&mut self, path: &str, t: &TextList) {
        for lang in Lang::ALL {
            if t.get(lang).is_empty() {
                self.missing_translation(&format!("{path}.{lang}"), lang);
            }
        }
    }

    fn missing_translation(&mut self, path: &str, lang: Lang) {
        let msg = format!("the {} translation is missing", lang_name(lang));
        let help = format!(
            "add `{}:` here; until then the page shows the Azerbaijani text with a notice",
            lang.code()
        );
        if self.strict {
            self.error(path, msg, &help);
        } else {
            self.warn(path, msg, &help);
        }
    }

    fn unique<'i>(&mut self, section: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id, i) {
                self.error(
                    &format!("{section}[{i}].id"),
                    format!("the id `{id}` is used twice (first at {section}[{first}])"),
                    "give each entry its own id",
                );
            }
        }
    }

    fn slug(&mut self, path: &str, slug: &str) {
        if !is_slug(slug) {
            self.error(
                path,
                format!("`{slug}` cannot be used in an address"),
                "use only lowercase letters a-z, digits 0-9 and `-`",
            );
        }
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "Azerbaijani",
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// `[a-z0-9-]+`, not starting or ending with `-`: safe as one path segment.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

pub fn is_date(s: &str) -> bool {
    is_iso_date(s)
}

/// What is wrong with the site's address, if anything. It goes into every
/// canonical link, the sitemap and the feeds, so it must be a plain http(s) address.
fn base_url_problem(base: &str) -> Option<&'static str> {
    if base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c))
    {
        return Some("holds a space, quote, bracket or other character an address cannot have");
    }
    let Ok(url) = url::Url::parse(base) else {
        return Some("is not an absolute address");
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Some("is not an http or https address");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Some("has a `?` or `#` part, which page addresses cannot follow");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("holds a user name or password");
    }
    base.ends_with('/')
        .then_some("ends with `/`, and every page address adds its own")
}

pub(super) fn validate(c: &Catalog, spans: &Spans, strict: bool, diags: &mut Vec<Diagnostic>) {
    let mut v = V {
        spans,
        strict,
        diags,
    };

    if let Some(problem) = base_url_problem(&c.site.base_url) {
        v.error(
            "site.base_url",
            format!("`{}` {problem}", c.site.base_url),
            "write it as https://example.org (no `/` at the end)",
        );
    }
    v.text("site.title", &c.site.title);
    v.text("programme.name", &c.programme.name);
    v.text("programme.short_name", &c.programme.short_name);
    v.text("programme.summary", &c.programme.summary);
    v.text("programme.decree.title", &c.programme.decree.title);
    if !is_iso_date(&c.programme.decree.date) {
        v.error(
            "programme.decree.date",
            format!("`{}` is not a date", c.programme.decree.date),
            "write dates as YYYY-MM-DD",
        );
    }
    v.list("programme.principles", &c.programme.principles);
    for (i, ch) in c.programme.channels.iter().enumerate() {
        v.text(&format!("programme.channels[{i}].name"), &ch.name);
        v.text(
            &format!("programme.channels[{i}].description"),
            &ch.description,
        );
    }

    v.unique("audiences", c.audiences.iter().map(|a| a.id.as_str()));
    v.unique("topics", c.topics.iter().map(|a| a.id.as_str()));
    v.unique("agencies", c.agencies.iter().map(|a| a.id.as_str()));
    v.unique("services", c.services.iter().map(|a| a.id.as_str()));
    v.unique("units", c.units.iter().map(|a| a.id.as_str()));
    v.unique("districts", c.districts.iter().map(|a| a.id.as_str()));

    for (i, a) in c.audiences.iter().enumerate() {
        v.slug(&format!("audiences[{i}].id"), &a.id);
        v.text(&format!("audiences[{i}].name"), &a.name);
    }
    for (i, t) in c.topics.iter().enumerate() {
        v.slug(&format!("topics[{i}].id"), &t.id);
        v.text(&format!("topics[{i}].name"), &t.name);
        v.text(&format!("topics[{i}].description"), &t.description);
    }
    for (i, a) in c.agencies.iter().enumerate() {
        v.slug(&format!("agencies[{i}].id"), &a.id);
        v.text(&format!("agencies[{i}].name"), &a.name);
        if let Some(s) = &a.short_name {
            v.text(&format!("agencies[{i}].short_name"), s);
        }
        v.text(&format!("agencies[{i}].description"), &a.description);
    }

    let mut slugs: HashMap<String, usize> = HashMap::new();
    for (i, s) in c.services.iter().enumerate() {
        let p = format!("services[{i}]");
        let numbered = s.id.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && (a.to_string() + b).bytes().all(|x| x.is_ascii_digit())
        });
        if !numbered {
            v.error(
                &format!("{p}.id"),
                format!("`{}` is not a decree number like `1.4`", s.id),
                "use the service's number in the decree's annex, in quotes: id: '1.4'",
            );
        }
        let slug = s.slug();
        v.slug(&format!("{p}.slug"), &slug);
        if let Some(first) = slugs.insert(slug.clone(), i) {
            v.error(
                &format!("{p}.slug"),
                format!("the address `{slug}` is already used by services[{first}]"),
                "give this service its own slug",
            );
        }
        if c.agency(&s.agency).is_none() {
            v.error(
                &format!("{p}.agency"),
                format!("there is no agency `{}`", s.agency),
                &format!("use one of: {}", ids(c.agencies.iter().map(|a| &a.id))),
            );
        }
        if c.topic(&s.topic).is_none() {
            v.error(
                &format!("{p}.topic"),
                format!("there is no topic `{}`", s.topic),
                &format!("use one of: {}", ids(c.topics.iter().map(|a| &a.id))),
            );
        }
        for (j, a) in s.audiences.iter().enumerate() {
            if c.audience(a).is_none() {
                v.error(
                    &format!("{p}.audiences[{j}]"),
                    format!("there is no audience `{a}`"),
                    &format!("use one of: {}", ids(c.audiences.iter().map(|a| &a.id))),
                );
            }
        }
        v.text(&format!("{p}.name"), &s.name);
        v.text(&format!("{p}.description"), &s.description);
        v.list(&format!("{p}.keywords"), &s.keywords);
        if let Some(d) = &s.updated
            && !is_iso_date(d)
        {
            v.error(
                &format!("{p}.updated"),
                format!("`{d}` is not a date"),
                "write dates as YYYY-MM-DD",
            );
        }
    }
    // The decree lists some services twice under one name (4.1 and 4.2): keep both, but say so.
    for lang in Lang::ALL {
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for (i, s) in c.services.iter().enumerate() {
            let Some(name) = s.name.get(lang) else {
                continue;
            };
            if let Some(first) = names.insert(name.to_lowercase(), i) {
                v.warn(
                    &format!("services[{i}].name.{lang}"),
                    format!(
                        "services {} and {} have the same {} name",
                        c.services[first].id,
                        s.id,
                        lang_name(lang)
                    ),
                    "citizens cannot tell them apart; keep both if the decree lists both, and explain the difference in the description",
                );
            }
        }
    }

    let district_ids: HashSet<&str> = c.districts.iter().map(|d| d.id.as_str()).collect();
    let mut served_by: HashMap<&str, (usize, &str)> = HashMap::new();
    for (i, u) in c.units.iter().enumerate() {
        let p = format!("units[{i}]");
        v.slug(&format!("{p}.id"), &u.id);
        if u.kind == UnitKind::Dost && !u.id.starts_with("dost-") {
            v.error(
                &format!("{p}.id"),
                format!("the DOST unit `{}` must have an id beginning `dost-`", u.id),
                "rename it, for example dost-baku",
            );
        }
        v.text(&format!("{p}.name"), &u.name);
        for (j, a) in u.addresses.iter().enumerate() {
            v.text(&format!("{p}.addresses[{j}]"), a);
        }
        if let Some(n) = &u.note {
            v.text(&format!("{p}.note"), n);
        }
        if !district_ids.contains(u.seat.as_str()) {
            v.error(
                &format!("{p}.seat"),
                format!("there is no district `{}`", u.seat),
                "use the ISO 3166-2:AZ code of a district listed under `districts`",
            );
        }
        for (j, d) in u.districts.iter().enumerate() {
            let dp = format!("{p}.districts[{j}]");
            if !district_ids.contains(d.as_str()) {
                v.error(
                    &dp,
                    format!("there is no district `{d}`"),
                    "use the ISO 3166-2:AZ code of a district listed under `districts`, such as AZ-LAN",
                );
            } else if let Some((first, other)) = served_by.insert(d, (i, u.id.as_str())) {
                v.error(
                    &dp,
                    format!("the district `{d}` is already served by the unit `{other}` (units[{first}])"),
                    "a district is served by one unit: remove it from one of the two",
                );
            }
        }
    }

    for (i, d) in c.districts.iter().enumerate() {
        let p = format!("districts[{i}]");
        let iso = d.id.strip_prefix("AZ-").is_some_and(|r| {
            !r.is_empty() && r.len() <= 3 && r.bytes().all(|b| b.is_ascii_uppercase())
        });
        if !iso {
            v.error(
                &format!("{p}.id"),
                format!("`{}` is not an ISO 3166-2:AZ code", d.id),
                "use the code from ../shared/data/az-divisions.csv, such as AZ-LAN",
            );
        }
        if let Some(parent) = &d.parent
            && !district_ids.contains(parent.as_str())
        {
            v.error(
                &format!("{p}.parent"),
                format!("there is no district `{parent}`"),
                "use the ISO code of the autonomous republic, AZ-NX",
            );
        }
        if !(38.0..=42.5).contains(&d.lat) || !(44.0..=51.0).contains(&d.lon) {
            v.error(
                &format!("{p}.lat"),
                format!("{}, {} is not in Azerbaijan", d.lat, d.lon),
                "give the centre's latitude and longitude in degrees (WGS84)",
            );
        }
        v.text(&format!("{p}.name"), &d.name);
    }
}

fn ids<'a>(it: impl Iterator<Item = &'a String>) -> String {
    it.map(String::as_str).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_and_dashes() {
        assert!(is_slug("1-4"));
        assert!(is_slug("how-to-apply"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug("Apply"));
        assert!(!is_slug("müraciət"));
        assert!(!is_slug(""));
        assert!(!is_slug("-x"));
    }

    #[test]
    fn dates_are_iso() {
        assert!(is_iso_date("2021-06-25"));
        assert!(!is_iso_date("25.06.2021"));
        assert!(!is_iso_date("2021-13-01"));
    }
}
