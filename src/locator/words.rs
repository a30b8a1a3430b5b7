//! The locator's answer in words, in one language: what `ccu locate` prints, worded as the
//! locator page's script words it (the theme's `district_*` and `locate_*` strings), so that a
//! Russian or Azerbaijani answer is one language throughout. The ids a tool needs follow in
//! brackets at the end.

use super::Located;
use crate::catalog::{Catalog, District, Unit};
use crate::lang::Lang;
use std::collections::BTreeMap;

/// The theme's UI strings of one language (key → text).
pub type Words = BTreeMap<String, String>;

fn t<'a>(words: &'a Words, key: &'a str) -> &'a str {
    words.get(key).map(String::as_str).unwrap_or(key)
}

/// `{name}` placeholders filled in, as the page's script fills them.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// The Nakhchivan Autonomous Republic: a straight line from it to any unit crosses Armenia.
const NAKHCHIVAN: &str = "AZ-NX";

/// "Bərdə sakinlərinə … xidmət göstərir.": who serves a place, in the plural where the unit's
/// name is plural ("…: жителей обслуживают центры DOST …"); the unit's own sentence where the
/// sources say less than that (DOST's page only claims it) or where the unit is (in Bərdə).
pub fn served(words: &Words, place: &str, unit: &Unit, lang: Lang) -> String {
    if let Some(own) = &unit.served {
        return fill(&own.plain(lang), &[("place", place)]);
    }
    let key = match unit.plural {
        true => "district_served_plural",
        false => "district_served",
    };
    fill(
        t(words, key),
        &[("place", place), ("unit", &unit.name.plain(lang))],
    )
}

/// Where the unit that serves a division is inferred from another of the same name, what DOST's
/// list has instead ("DOST-un siyahısında Lənkəran şəhəri yox, Lənkəran rayonu var. …").
/// `prefix` picks the page's sentence (`district_inferred_…`) or the unit list's (`unit_…`).
pub fn inferred(words: &Words, d: &District, lang: Lang, prefix: &str) -> Option<String> {
    if !d.inferred {
        return None;
    }
    let kind = match d.kind {
        crate::catalog::DistrictKind::City => "city",
        _ => "district",
    };
    let key = format!("{prefix}inferred_{kind}");
    Some(fill(t(words, &key), &[("name", &d.name.plain(lang))]))
}

/// "düz xətlə 47 km", "47 km in a straight line".
pub fn distance(words: &Words, km: u32) -> String {
    fill(t(words, "district_distance"), &[("km", &km.to_string())])
}

/// Where a straight line to the nearest unit misleads, the key of the sentence that says why:
/// from Nakhchivan it crosses Armenia; elsewhere it crosses a border.
pub fn caveat_key(d: &District) -> Option<&'static str> {
    let nakhchivan = d.id == NAKHCHIVAN || d.parent.as_deref() == Some(NAKHCHIVAN);
    match (d.straight_line_misleads, nakhchivan) {
        (false, _) => None,
        (true, true) => Some("district_caveat_armenia"),
        (true, false) => Some("district_caveat"),
    }
}

/// The ways to apply without going to a unit ("Call Centre 142; Mobile service"), from the catalog.
fn other_ways(c: &Catalog, lang: Lang, words: &Words) -> String {
    let ways: Vec<String> = c
        .programme
        .remote_channels()
        .map(|ch| ch.name.plain(lang))
        .collect();
    format!("{}: {}.", t(words, "district_other_ways"), ways.join("; "))
}

/// A place's name, with its kind where the page names one ("Lənkəran (rayon)"), so that a city
/// and the district of the same name can be told apart.
fn named(name: &str, kind: &str, words: &Words) -> String {
    match words.get(&format!("district_kind_{}", kind.replace('-', "_"))) {
        Some(k) => format!("{name} ({k})"),
        None => name.to_string(),
    }
}

/// The answer for a place (or the choice between places of one name): its name on the first
/// line, as the page's heading, then what the page says.
pub fn describe(c: &Catalog, l: &Located, lang: Lang, words: &Words) -> String {
    if !l.choices.is_empty() {
        let mut out = t(words, "locate_choose").to_string();
        for ch in &l.choices {
            out.push_str(&format!(
                "\n- {}",
                describe(c, ch, lang, words).replace('\n', " ")
            ));
        }
        return out;
    }
    let (Some(district), Some(unit_id)) = (&l.district, &l.unit) else {
        return String::new();
    };
    // A city and the district around it share a name: then each is named with its kind.
    let shared = l.also.iter().any(|p| p.name == l.name);
    let heading = match l.place.as_ref() {
        Some(p) if shared => named(&l.name, &p.kind, words),
        _ => l.name.clone(),
    };
    let mut said: Vec<String> = where_it_is(c, l, lang, words, district)
        .into_iter()
        .collect();
    said.extend(who_serves(c, l, lang, words, district, unit_id));
    if !l.also.is_empty() {
        let also: Vec<String> = l
            .also
            .iter()
            .map(|p| {
                if shared {
                    named(&p.name, &p.kind, words)
                } else {
                    p.name.clone()
                }
            })
            .collect();
        // "serves" only where the unit serves them; else the same nearest unit and distance.
        let key = match l.covered {
            Some(true) => "locate_also",
            _ => "locate_also_uncovered",
        };
        said.push(format!("{}: {}.", t(words, key), also.join(", ")));
    }
    format!("{heading}\n{} [{district}, {unit_id}]", said.join(" "))
}

/// Where a place lies, when it is not the division itself: its Baku district or its division.
fn where_it_is(
    c: &Catalog,
    l: &Located,
    lang: Lang,
    words: &Words,
    district: &str,
) -> Option<String> {
    let name_of = |id: &str| {
        c.district(id)
            .map(|d| d.name.plain(lang))
            .or_else(|| c.place(id).map(|p| p.name.plain(lang)))
            .unwrap_or_default()
    };
    let place = l.place.as_ref()?;
    match place.baku_district.as_deref().filter(|b| *b != place.id) {
        Some(raion) => Some(fill(
            t(words, "locate_in_baku_district"),
            &[("place", &l.name), ("district", &name_of(raion))],
        )),
        None if place.id != district => Some(fill(
            t(words, "locate_in_division"),
            &[("place", &l.name), ("division", &name_of(district))],
        )),
        None => None,
    }
}

/// Which unit serves the place, or, where none does, the nearest one and the other ways to apply
/// (first, where the straight line to it misleads); then what to know before going there.
fn who_serves(
    c: &Catalog,
    l: &Located,
    lang: Lang,
    words: &Words,
    district: &str,
    unit_id: &str,
) -> Vec<String> {
    let Some(unit) = c.unit(unit_id) else {
        return Vec::new();
    };
    let unit_name = unit.name.plain(lang);
    let caution = unit.caution.as_ref().map(|w| w.plain(lang));
    if l.place.as_ref().is_some_and(|p| p.dost_centre.is_some()) {
        let address = unit
            .addresses
            .first()
            .map(|a| a.plain(lang))
            .unwrap_or_default();
        let line = fill(
            t(words, "locate_centre_serves"),
            &[("centre", &unit_name), ("address", &address)],
        );
        return std::iter::once(line).chain(caution).collect();
    }
    if district == crate::catalog::places::BAKU {
        return vec![t(words, "locate_baku_unknown").to_string()];
    }
    if l.covered == Some(true) {
        // An inferred division: what DOST's list has comes before the unit is named.
        let division = c.district(district);
        let inferred = division.and_then(|d| inferred(words, d, lang, "district_"));
        let served = served(words, &l.name, unit, lang);
        let note = unit.note.as_ref().map(|n| n.plain(lang));
        let said = inferred.into_iter().chain([served]).chain(caution);
        return said.chain(note).collect();
    }
    let nearest = format!(
        "{}: {unit_name}, {}.",
        t(words, "district_nearest"),
        distance(words, l.distance_km.unwrap_or_default())
    );
    // The area is on no unit's list: the ways that need no journey come before the nearest
    // unit, whose caution is left out (it is about the places the unit serves).
    let caveat = c.district(district).and_then(caveat_key);
    let intro = match caveat {
        Some(_) => "district_far_ways",
        None => "district_remote_ways",
    };
    let mut said = vec![
        t(words, "district_not_served").to_string(),
        remote_ways(c, lang, words, intro),
        nearest,
    ];
    said.extend(caveat.map(|key| t(words, key).to_string()));
    said
}

/// The ways to apply without going to a unit, after the sentence that introduces them.
fn remote_ways(c: &Catalog, lang: Lang, words: &Words, intro: &str) -> String {
    let ways: Vec<String> = c
        .programme
        .remote_channels()
        .map(|ch| ch.line(lang))
        .collect();
    format!("{} {}", t(words, intro), ways.join(" "))
}

/// What to say when no place has the name: the page's words, the closest names, other ways.
pub fn describe_none(c: &Catalog, lang: Lang, words: &Words, suggestions: &[String]) -> String {
    let mut out = t(words, "locator_none").to_string();
    if !suggestions.is_empty() {
        out.push_str(&format!(
            "\n{}: {}?",
            t(words, "locator_suggest"),
            suggestions.join(", ")
        ));
    }
    out.push('\n');
    out.push_str(&other_ways(c, lang, words));
    out
}
