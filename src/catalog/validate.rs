//! Checks that go beyond the schema: references, duplicates, translations, slugs.

use super::{Catalog, Fact, Facts, SOURCE_KINDS, Service, Spans, Text, TextList, UnitKind};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text::{is_date, is_slug};
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
        let key = path.rsplit('.').next().unwrap_or("");
        if crate::text::is_one_line_key(key) {
            for lang in Lang::ALL {
                if t.get(lang).is_some_and(|v| v.contains('\n')) {
                    self.error(
                        &format!("{path}.{lang}"),
                        format!("the {key} holds a line break"),
                        "a name or title is one line: write it on one line (a pasted text often brings its line breaks)",
                    );
                }
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

    /// The line an entry starts on, for naming it in a message about another.
    fn line(&self, path: &str) -> usize {
        self.spans.find(path).map_or(0, |(l, _)| l)
    }

    /// Reports every id used before; returns the positions of the repeats.
    fn unique<'i>(&mut self, section: &str, ids: impl Iterator<Item = &'i str>) -> HashSet<usize> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut repeats = HashSet::new();
        for (i, id) in ids.enumerate() {
            if let Some(&first) = seen.get(id) {
                let line = self.line(&format!("{section}[{first}].id"));
                self.error(
                    &format!("{section}[{i}].id"),
                    format!("the id `{id}` is used twice (first on line {line})"),
                    "give each entry its own id",
                );
                repeats.insert(i);
            } else {
                seen.insert(id, i);
            }
        }
        repeats
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

impl V<'_> {
    /// Every fact names its source, the date it was read and how closely the source
    /// matches; a `similar` source is background, never a published fact.
    fn facts(&mut self, path: &str, facts: &Facts, today: (i32, u32, u32)) {
        for (kind, list) in facts.kinds() {
            for (j, f) in list.iter().enumerate() {
                self.fact(&format!("{path}.{kind}[{j}]"), f, today);
            }
        }
    }

    fn fact(&mut self, p: &str, f: &Fact, today: (i32, u32, u32)) {
        self.text(&format!("{p}.text"), &f.text);
        match f.source.as_deref().map(str::trim) {
            None | Some("") => self.error(
                &format!("{p}.source"),
                "this fact has no source".into(),
                "add `source:` with the address of the public page that states it, or remove the fact",
            ),
            Some(u) if u.contains(|c: char| c.is_whitespace() || c.is_control()) => self.error(
                &format!("{p}.source"),
                format!("`{}` is not one web address: it holds a space or a line break", u.escape_debug()),
                "write the page's address on one line, without spaces (a space in an address is written %20)",
            ),
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => self.error(
                &format!("{p}.source"),
                format!("`{u}` is not a web address"),
                "write the full address of the page, beginning https:// or http://",
            ),
            Some(_) => {}
        }
        match f.checked.as_deref().map(|d| (d, checked_date(d.trim()))) {
            None => self.error(
                &format!("{p}.checked"),
                "this fact has no date it was checked".into(),
                "add `checked:` with the date you read the source, as YYYY-MM-DD (or YYYY-MM)",
            ),
            Some((d, None)) => self.error(
                &format!("{p}.checked"),
                format!("`{d}` is not a date"),
                &match crate::text::day_month_year(d) {
                    Some(iso) => format!("write the date you read the source as YYYY-MM-DD (or YYYY-MM): {iso}"),
                    None => "write the date you read the source as YYYY-MM-DD (or YYYY-MM)".into(),
                },
            ),
            Some((d, Some(date))) if date > today => self.error(
                &format!("{p}.checked"),
                format!("`{d}` is in the future"),
                "write the date you read the source, not a later one",
            ),
            Some((d, Some(date))) if date < (today.0 - 1, today.1, today.2) => self.warn(
                &format!("{p}.checked"),
                format!("this fact was checked on {d}, more than a year ago"),
                "read the source again; update the fact and `checked:`, or remove it if the source no longer says so",
            ),
            Some(_) => {}
        }
        match f.matches.as_deref().map(str::trim) {
            Some("exact" | "close") => {}
            Some("similar") => self.error(
                &format!("{p}.match"),
                "a `similar` source is about another service and cannot be published as a fact of this one".into(),
                "remove the fact, or find a source about this service (`exact`) or the same agency's service (`close`)",
            ),
            Some(other) => self.error(
                &format!("{p}.match"),
                format!("`{other}` is not a kind of match"),
                "write `exact` (the source is about this service at the units) or `close` (the same agency's service)",
            ),
            None => self.error(
                &format!("{p}.match"),
                "this fact does not say how closely its source matches".into(),
                "add `match: exact` (the source is about this service at the units) or `match: close` (the same agency's service)",
            ),
        }
        if let Some(part) = &f.part {
            self.text(&format!("{p}.part"), part);
        }
        self.quote(p, f.quote.as_deref());
        self.source_kind(p, f);
    }

    /// A quote is whole sentences, so that a reader of the quote and of the page read the
    /// same thing: one cut inside a list widens or narrows what the source says.
    fn quote(&mut self, p: &str, quote: Option<&str>) {
        let Some(q) = quote else {
            return;
        };
        for part in q.split(" / ") {
            if let Some(problem) = quote_problem(part) {
                self.error(
                    &format!("{p}.quote"),
                    format!("the quote {problem}"),
                    "quote the source's whole sentence, or mark where you cut it with `…`; check the page's text against the quote",
                );
                return;
            }
        }
    }

    /// The kind of source (a reader weighs a law and a news report differently) and, for
    /// a news report, its date.
    fn source_kind(&mut self, p: &str, f: &Fact) {
        match f.kind.as_deref().map(str::trim) {
            None => self.warn(
                &format!("{p}.kind"),
                "this fact does not say what kind of source it cites".into(),
                "add `kind: official` (a state body's page), `kind: law` or `kind: news` (with `published:`)",
            ),
            Some(k) if !SOURCE_KINDS.contains(&k) => self.error(
                &format!("{p}.kind"),
                format!("`{k}` is not a kind of source"),
                "write `official` (a state body's page), `law` (a legal text) or `news` (a news report)",
            ),
            Some(_) => {}
        }
        // A report may give only its year; a year alone is a date here, never a guess.
        if let Some(d) = &f.published
            && checked_date(d.trim()).is_none()
            && !is_year(d.trim())
        {
            self.error(
                &format!("{p}.published"),
                format!("`{d}` is not a date"),
                "write the date the report was published as YYYY-MM-DD (or YYYY-MM, or YYYY where the report gives only its year)",
            );
        }
    }

    /// Each next step names a service there is, other than this one, and says why.
    fn next_steps(&mut self, c: &Catalog, p: &str, s: &Service) {
        for (j, n) in s.next.iter().enumerate() {
            let at = format!("{p}.next[{j}].service");
            if n.service == s.id {
                self.error(
                    &at,
                    format!("service {} names itself as its next step", s.id),
                    "name the service a family needs after this one",
                );
            } else if !c.services.iter().any(|o| o.id == n.service) {
                self.error(
                    &at,
                    format!("there is no service `{}`", n.service),
                    "give the next service's decree number in quotes, such as \"1.4\"",
                );
            }
            self.text(&format!("{p}.next[{j}].why"), &n.why);
        }
    }
}

/// Why a quote (or one ` / ` part of it) does not end a sentence, if it does not: it must
/// end with `.`, `!`, `?` or `…` (`...`), perhaps inside closing quotes or brackets.
pub fn quote_problem(q: &str) -> Option<&'static str> {
    let q = q.trim();
    if q.is_empty() {
        return Some("is empty");
    }
    let closers = ['"', '\'', '»', '”', '’', ')', ']', '“'];
    let inner = q.trim_end_matches(|c: char| closers.contains(&c) || c.is_whitespace());
    match inner.chars().last() {
        Some('.' | '!' | '?' | '…') => None,
        _ => Some("ends inside a sentence (no `.`, `!`, `?` or `…` at its end)"),
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "Azerbaijani",
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// How to write a date that is not `YYYY-MM-DD`: the same day in that form, where it
/// is one written day first (`03.12.2026`).
fn date_help(d: &str) -> String {
    match crate::text::day_month_year(d) {
        Some(iso) => format!("write dates as YYYY-MM-DD: {iso}"),
        None => "write dates as YYYY-MM-DD".into(),
    }
}

/// Dates are checked where every layer can reach them (`text`).
use crate::text::is_date as is_iso_date;

/// A fact's `checked` date, `YYYY-MM-DD` or `YYYY-MM` (the month a source was read),
/// as (year, month, day); a month alone counts from its first day.
pub fn checked_date(s: &str) -> Option<(i32, u32, u32)> {
    let full = if s.len() == 7 {
        format!("{s}-01")
    } else {
        s.to_string()
    };
    is_iso_date(&full).then(|| {
        (
            full[..4].parse().unwrap_or(0),
            full[5..7].parse().unwrap_or(0),
            full[8..].parse().unwrap_or(0),
        )
    })
}

/// A year alone, `YYYY`: what a news report's `published` says when it gives no month.
pub fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Today's date (UTC) from the system clock, as (year, month, day).
fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
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
    let today = today();

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
    if !is_date(&c.programme.decree.date) {
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
    let repeated_services = v.unique("services", c.services.iter().map(|a| a.id.as_str()));
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
        // A repeated id already said it; its default slug repeats with it.
        let echo = s.slug.is_none() && repeated_services.contains(&i);
        if let Some(&first) = slugs.get(&slug)
            && !echo
        {
            let line = v.line(&format!("services[{first}]"));
            v.error(
                &format!("{p}.slug"),
                format!(
                    "the address `{slug}` is already used by service {} (line {line})",
                    c.services[first].id
                ),
                "give this service its own slug",
            );
        }
        slugs.entry(slug).or_insert(i);
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
        if let Some(other) = &s.same_name_as
            && !c.services.iter().any(|o| &o.id == other)
        {
            v.error(
                &format!("{p}.same_name_as"),
                format!("there is no service `{other}`"),
                "give the id of the service whose name this one shares, in quotes, such as \"4.1\"",
            );
        }
        v.text(&format!("{p}.name"), &s.name);
        v.text(&format!("{p}.description"), &s.description);
        if let Some(t) = &s.title {
            v.text(&format!("{p}.title"), t);
        }
        v.list(&format!("{p}.keywords"), &s.keywords);
        if let Some(t) = &s.who {
            v.text(&format!("{p}.who"), t);
        }
        v.facts(&format!("{p}.facts"), &s.facts, today);
        v.next_steps(c, &p, s);
        if let Some(d) = &s.updated
            && !is_date(d)
        {
            v.error(
                &format!("{p}.updated"),
                format!("`{d}` is not a date"),
                &date_help(d),
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
            let key = name.to_lowercase();
            let Some(&first) = names.get(&key) else {
                names.insert(key, i);
                continue;
            };
            let other = &c.services[first];
            let known = s.same_name_as.as_deref() == Some(other.id.as_str())
                || other.same_name_as.as_deref() == Some(s.id.as_str());
            if !known {
                v.warn(
                    &format!("services[{i}].name.{lang}"),
                    format!(
                        "services {} and {} have the same {} name",
                        c.services[first].id,
                        s.id,
                        lang_name(lang)
                    ),
                    &format!(
                        "citizens cannot tell them apart; if the decree lists both under one name, keep both, explain the difference in the descriptions and add `same_name_as: \"{}\"` to service {}",
                        c.services[first].id, s.id
                    ),
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
        for (j, d) in u.note_districts.iter().enumerate() {
            if u.note.is_none() || !u.districts.contains(d) {
                v.error(
                    &format!("{p}.note_districts[{j}]"),
                    format!("`{d}` is not a district the unit serves, or the unit has no note"),
                    "list only districts of the unit's `districts`, and give the unit a `note`",
                );
            }
        }
        if let Some(caution) = &u.caution {
            v.text(&format!("{p}.caution"), caution);
        }
        for (j, f) in u.facts.iter().enumerate() {
            v.fact(&format!("{p}.facts[{j}]"), f, today);
        }
        if let Some(seat) = u.seat.as_deref()
            && !district_ids.contains(seat)
        {
            v.error(
                &format!("{p}.seat"),
                format!("there is no district `{seat}`"),
                &district_help(c, seat),
            );
        }
        for (j, d) in u.districts.iter().enumerate() {
            let dp = format!("{p}.districts[{j}]");
            if !district_ids.contains(d.as_str()) {
                v.error(
                    &dp,
                    format!("there is no district `{d}`"),
                    &district_help(c, d),
                );
            } else if let Some((first, other)) = served_by.insert(d, (i, u.id.as_str())) {
                let line = v.line(&format!("units[{first}].districts"));
                v.error(
                    &dp,
                    format!(
                        "the district `{d}` is already served by the unit `{other}` (line {line})"
                    ),
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
                "use the division's ISO 3166-2:AZ code: AZ- and up to three capital letters, such as AZ-LAN",
            );
        }
        if let Some(parent) = &d.parent
            && !district_ids.contains(parent.as_str())
        {
            v.error(
                &format!("{p}.parent"),
                format!("there is no district `{parent}`"),
                &district_help(c, parent),
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

/// What to write instead of an unknown district code: the listed codes nearest to it
/// (never the unknown code itself, which an editor would copy back in).
fn district_help(c: &Catalog, wanted: &str) -> String {
    let wanted = wanted.to_uppercase();
    let mut codes: Vec<(usize, &str)> = c
        .districts
        .iter()
        .map(|d| (edit_distance(&wanted, &d.id.to_uppercase()), d.id.as_str()))
        .collect();
    codes.sort();
    let nearest: Vec<&str> = codes.iter().take(3).map(|&(_, id)| id).collect();
    if nearest.is_empty() {
        return "list the district under `districts` first, with its ISO 3166-2:AZ code".into();
    }
    format!(
        "use the code of a district listed under `districts`; the nearest are {}",
        nearest.join(", ")
    )
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
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
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("AZ-LEN", "AZ-LER"), 1);
        assert_eq!(edit_distance("AZ-LAN", "AZ-LAN"), 0);
        assert_eq!(edit_distance("AZ-X", "AZ-XYZ"), 2);
    }

    #[test]
    fn checked_dates_take_a_day_or_a_month() {
        assert_eq!(checked_date("2026-11-24"), Some((2026, 11, 24)));
        assert_eq!(checked_date("2026-11"), Some((2026, 11, 1)));
        assert_eq!(checked_date("November 2026"), None);
        assert_eq!(checked_date("2026-13"), None);
    }

    #[test]
    fn days_since_the_epoch_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_782), (2026, 11, 25));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn quotes_end_a_sentence_or_mark_the_cut() {
        assert_eq!(quote_problem("Xidmət ödənişsizdir."), None);
        assert_eq!(quote_problem("«Qanun»."), None);
        assert_eq!(quote_problem("He said “stop.”"), None);
        assert_eq!(quote_problem("…, qardaşlar və bacılar …"), None);
        assert_eq!(quote_problem("qardaşlar və bacılar..."), None);
        assert!(quote_problem("ər-arvad, valideyn, qardaşlar və bacılar").is_some());
        assert!(quote_problem("Proaktiv təyinat:").is_some());
        assert!(quote_problem("(family composition of the head)").is_some());
    }

    #[test]
    fn dates_are_iso() {
        assert!(is_date("2021-06-25"));
        assert!(!is_date("25.06.2021"));
        assert!(!is_date("2021-13-01"));
    }
}
