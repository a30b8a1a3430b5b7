//! Input an editor cannot get wrong silently: a date typed as people here write it
//! (`03.12.2026`, day first) is written `2026-12-03` and shown in words; a line break in
//! a one-line text (a name, a title), a source that is not one web address, or a date
//! that is not one is refused at its field, in the editor's language. `ccu check`
//! holds the same rules for hand edits (`catalog::validate`, `content`).

use super::form::{Field, Form, Kind};
use super::ops_words as words;
use super::yaml::Value;
use crate::lang::Lang;
use crate::text::{day_month_year, is_calendar_date, is_one_line_key};

/// The key a field's value is under: `services[3].title.az` → `title`, `az.title` → `title`.
fn key_of(path: &str) -> &str {
    let mut parts = path.rsplit('.');
    let last = parts.next().unwrap_or("");
    let key = match Lang::parse(last) {
        Some(_) => parts.next().unwrap_or(""),
        None => last,
    };
    key.split('[').next().unwrap_or("")
}

fn is_date_field(f: &Field) -> bool {
    matches!(f.kind, Kind::Date | Kind::Checked)
}

/// `12.2026` → `2026-12` (a source read in a month).
fn month_year(s: &str) -> Option<String> {
    let (m, y) = s.trim().split_once(['.', '/'])?;
    let ok = (1..=2).contains(&m.len())
        && y.len() == 4
        && (m.to_owned() + y).bytes().all(|b| b.is_ascii_digit());
    let n: u32 = m.parse().ok()?;
    (ok && (1..=12).contains(&n)).then(|| format!("{y}-{n:02}"))
}

/// Whether `s` is a date this field takes as it is written in the file.
fn is_iso(f: &Field, s: &str) -> bool {
    is_calendar_date(s)
        || (f.kind == Kind::Checked && s.len() == 7 && is_calendar_date(&format!("{s}-01")))
}

/// Dates sent day first become `YYYY-MM-DD` (or `YYYY-MM`), before they are compared
/// with the file's: `03.12.2026` retyped over `2026-12-03` changes nothing.
pub fn normalize(form: &mut Form) {
    for f in form.fields.iter_mut().filter(|f| is_date_field(f)) {
        let Some(Value::Scalar(s)) = &f.sent else {
            continue;
        };
        let iso = day_month_year(s).or_else(|| match f.kind {
            Kind::Checked => month_year(s),
            _ => None,
        });
        if let Some(iso) = iso {
            f.sent = Some(Value::Scalar(iso));
        }
    }
}

/// Whether the field's sent value differs from the file's.
fn changed(f: &Field) -> bool {
    match (&f.sent, &f.value) {
        (Some(Value::Scalar(s)), Some(Value::Scalar(v))) => s != v.trim(),
        (Some(Value::Scalar(s)), None) => !s.is_empty(),
        (Some(s), v) => Some(s) != v.as_ref(),
        (None, _) => false,
    }
}

/// Whether `u` is one http(s) web address, without spaces.
pub fn is_web_address(u: &str) -> bool {
    !u.contains(char::is_whitespace)
        && url::Url::parse(u).is_ok_and(|p| {
            matches!(p.scheme(), "http" | "https") && p.host_str().is_some_and(|h| !h.is_empty())
        })
}

/// Refuses, at its field and in `lang`, a changed value that breaks a rule.
pub fn check(form: &mut Form, lang: Lang) {
    for f in form.fields.iter_mut().filter(|f| f.fixed.is_none()) {
        // A problem already found (a character YAML readers disagree about) stays.
        if !changed(f) || f.error.is_some() {
            continue;
        }
        let Some(Value::Scalar(s)) = &f.sent else {
            continue;
        };
        let one_line = is_one_line_key(key_of(&f.path)) || f.kind == Kind::Line;
        let problem = if one_line && s.contains('\n') {
            Some(words::one_line(lang))
        } else if f.kind == Kind::Url && !s.is_empty() && !is_web_address(s) {
            Some(words::web_address(lang))
        } else if is_date_field(f) && !s.is_empty() && !is_iso(f, s) {
            Some(words::date(lang, f.kind == Kind::Checked))
        } else {
            None
        };
        if let Some(p) = problem {
            f.error = Some(p.to_string());
        }
    }
}

/// Under each date, the date in words in `lang` (`3 dekabr 2026`), and how to type one.
pub fn describe(form: &mut Form, lang: Lang) {
    for f in form.fields.iter_mut().filter(|f| is_date_field(f)) {
        if f.note.as_deref().is_some_and(|n| !words::is_date_note(n)) {
            continue;
        }
        let shown = match f.sent.as_ref().or(f.value.as_ref()) {
            Some(Value::Scalar(s)) if is_iso(f, s) => Some(s.clone()),
            _ => None,
        };
        f.note = Some(words::date_note(lang, shown.as_deref()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_past_the_language() {
        assert_eq!(key_of("services[3].title.az"), "title");
        assert_eq!(key_of("az.title"), "title");
        assert_eq!(key_of("services[3].facts.how[0].source"), "source");
    }

    #[test]
    fn a_month_is_written_year_first() {
        assert_eq!(month_year("12.2026").as_deref(), Some("2026-12"));
        assert_eq!(month_year("3/2026").as_deref(), Some("2026-03"));
        assert_eq!(month_year("13.2026"), None);
    }

    #[test]
    fn a_source_is_one_web_address() {
        assert!(is_web_address("https://sosial.gov.az/en/benefits"));
        assert!(!is_web_address("https://sosial.gov.az/a b"));
        assert!(!is_web_address("sosial.gov.az"));
        assert!(!is_web_address("ftp://sosial.gov.az/"));
        assert!(!is_web_address("https://a.az/\nhttps://b.az/"));
    }
}
