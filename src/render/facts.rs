//! A service's sourced facts as a page shows them: the part of the service a fact is
//! about, the text, a link to the source named by its site and kind (official page, law,
//! news report of a date), how closely the source matches, and when it was checked.

use crate::catalog::{Fact, Facts, checked_date, is_year};
use crate::lang::Lang;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

type Strings = BTreeMap<String, String>;

fn t<'a>(strings: &'a Strings, key: &str) -> &'a str {
    strings.get(key).map_or("", String::as_str)
}

/// The facts by kind (`documents`, `cost`, …), and `any` when there is at least one.
pub fn facts_json(strings: &Strings, lang: Lang, facts: &Facts) -> Value {
    let mut m = Map::new();
    for (kind, list) in facts.kinds() {
        let items: Vec<Value> = list.iter().map(|f| fact_json(strings, lang, f)).collect();
        m.insert(kind.to_string(), Value::Array(items));
    }
    m.insert("any".into(), Value::Bool(!facts.is_empty()));
    Value::Object(m)
}

fn fact_json(strings: &Strings, lang: Lang, f: &Fact) -> Value {
    let source = f.source.as_deref().unwrap_or_default().trim();
    let checked = f.checked.as_deref().unwrap_or_default().trim();
    let matches = match f.matches.as_deref().map(str::trim) {
        Some("exact") => t(strings, "fact_exact"),
        _ => t(strings, "fact_close"),
    };
    let checked_text = checked_words(strings, lang, checked);
    let part = f.part.as_ref().map(|p| p.resolve(lang));
    // The sentence's full stop, unless the date ends with one ("ноябрь 2026 г.").
    let checked_end = if checked_text.ends_with('.') { "" } else { "." };
    json!({
        "text": serde_json::to_value(f.text.resolve(lang)).unwrap_or(Value::Null),
        "part": serde_json::to_value(part).unwrap_or(Value::Null),
        "source": source,
        "host": host(source),
        "kind_text": kind_text(strings, lang, f),
        "match_text": matches,
        "checked": checked,
        "checked_text": checked_text,
        "checked_end": checked_end,
    })
}

/// What kind of page a source is, with a news report's date: "news report of
/// 14 November 2023", "law", "official page"; empty where the catalog does not say.
pub fn kind_text(strings: &Strings, lang: Lang, f: &Fact) -> String {
    let Some(kind) = f.kind.as_deref().map(str::trim) else {
        return String::new();
    };
    match f.published.as_deref().map(str::trim) {
        Some(date) => t(strings, &format!("source_{kind}_of"))
            .replace("{date}", &date_text(strings, lang, date)),
        None => t(strings, &format!("source_{kind}")).to_string(),
    }
}

/// The site a source is on, as a link's text: `dost.gov.az`.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// When a fact was checked, after "Checked:": a date in words, and where the language
/// says "in" a month ("Проверено в ноябре 2026 г."), the month in that form.
fn checked_words(strings: &Strings, lang: Lang, date: &str) -> String {
    let in_month = checked_date(date)
        .filter(|_| date.len() == 7)
        .and_then(|(y, m, _)| Some((y, strings.get(&format!("month_in_{m}"))?)));
    match in_month {
        Some((y, month)) => format!("{month} {}", year_text(lang, y)),
        None => date_text(strings, lang, date),
    }
}

/// A year as a date ends: "2026", in Russian "2026 г.".
fn year_text(lang: Lang, y: i32) -> String {
    if lang == Lang::Ru {
        format!("{y} г.")
    } else {
        y.to_string()
    }
}

/// A checked date in words: "25 November 2026", or "November 2026" for a month alone.
pub fn date_text(strings: &Strings, lang: Lang, date: &str) -> String {
    if is_year(date) {
        return year_text(lang, date.parse().unwrap_or(0));
    }
    let Some((y, m, d)) = checked_date(date) else {
        return date.to_string();
    };
    let year = year_text(lang, y);
    if date.len() == 7 {
        return format!("{} {year}", t(strings, &format!("month_{m}")));
    }
    // Russian puts a month after a day in the genitive: "25 ноября".
    let month = strings
        .get(&format!("month_of_{m}"))
        .or_else(|| strings.get(&format!("month_{m}")))
        .map_or("", String::as_str);
    format!("{d} {month} {year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_name_the_site() {
        assert_eq!(
            host("https://www.sosial.gov.az/en/benefits"),
            "sosial.gov.az"
        );
        assert_eq!(host("http://dost.gov.az/en/faq"), "dost.gov.az");
        assert_eq!(host("https://zirveyolu.info/?p=44842"), "zirveyolu.info");
    }

    #[test]
    fn dates_read_in_the_page_language() {
        let ru: Strings = [("month_11", "ноябрь"), ("month_of_11", "ноября")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(date_text(&ru, Lang::Ru, "2026-11"), "ноябрь 2026 г.");
        assert_eq!(date_text(&ru, Lang::Ru, "2026-11-05"), "5 ноября 2026 г.");
        // A report that gives only its year.
        assert_eq!(date_text(&ru, Lang::Ru, "2021"), "2021 г.");
        assert_eq!(date_text(&ru, Lang::En, "2021"), "2021");
        let mut ru = ru;
        ru.insert("month_in_11".into(), "в ноябре".into());
        assert_eq!(checked_words(&ru, Lang::Ru, "2026-11"), "в ноябре 2026 г.");
        assert_eq!(
            checked_words(&ru, Lang::Ru, "2026-11-05"),
            "5 ноября 2026 г."
        );
    }
}
